/* Timeline filters: progressive enhancement for /timeline/. Without JavaScript the form stays
   hidden and every event is listed (topic and participant pages carry their own timelines).
   With it, the selects filter events and the state lives in the URL (?topic=...&participant=...)
   so a filtered view can be shared and survives a reload. */
(function () {
  "use strict";
  var form = document.getElementById("tt-filter");
  if (!form) return;
  var fields = ["topic", "participant", "side"];
  var events = Array.prototype.slice.call(document.querySelectorAll(".tt-event[data-side]"));
  var status = form.querySelector(".tt-filter__status");

  function matches(el, state) {
    if (state.topic && el.dataset.topics.split(" ").indexOf(state.topic) < 0) return false;
    if (state.participant && el.dataset.participants.split(" ").indexOf(state.participant) < 0) return false;
    if (state.side && el.dataset.side !== state.side) return false;
    return true;
  }

  function apply(updateUrl) {
    var state = {};
    fields.forEach(function (name) { state[name] = form.elements[name].value; });
    var shown = 0;
    events.forEach(function (el) {
      var item = el.closest("li") || el;
      var ok = matches(el, state);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    // Hide month and year headings whose events are all filtered out.
    document.querySelectorAll(".tt-timeline").forEach(function (list) {
      var visible = list.querySelector("li:not([hidden])") !== null;
      list.hidden = !visible;
      var heading = list.previousElementSibling;
      if (heading && /^H[23]$/.test(heading.tagName)) heading.hidden = !visible;
    });
    status.textContent = shown === events.length
      ? "Showing all " + events.length + " events."
      : "Showing " + shown + " of " + events.length + " events.";
    if (updateUrl) {
      var params = new URLSearchParams();
      fields.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  fields.forEach(function (name) {
    var value = params.get(name);
    var select = form.elements[name];
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
  });
  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(false);
})();
