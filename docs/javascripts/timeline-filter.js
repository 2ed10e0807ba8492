/* Timeline filters: progressive enhancement for /timeline/ (or, once the timeline is paginated,
   each of its year and month pages, where it filters that page's events). Without JavaScript the
   form stays hidden and every event is listed (topic and participant pages carry their own
   timelines).
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
    // On one page of a paginated timeline the filter sees only that page's events: say so.
    var scope = form.dataset.scope;
    var count = shown === events.length ? "all " + events.length : shown + " of " + events.length;
    status.textContent = scope
      ? "Showing " + count + " events of " + scope + ". Other periods are on their own pages."
      : "Showing " + count + " events.";
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

  // Links to an event on this page (event titles, the overview's marks) are written as
  // "./#event-x", which a browser treats as another URL: following one would drop the query and
  // reload the timeline unfiltered. Jump to the anchor instead, keeping ?topic=...; if the filter
  // hides the target, clear the filter first so the reader lands on what they clicked.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link) return;
    var url = new URL(link.getAttribute("href"), location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname || url.search ||
        !url.hash) return;
    var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    if (target.closest("[hidden]")) {
      fields.forEach(function (name) { form.elements[name].value = ""; });
      apply(true);
    }
    location.hash = url.hash;
  });
  apply(false);
})();
