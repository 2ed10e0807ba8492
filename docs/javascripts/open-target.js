/* An event's details (outcome, who took part, topics, how the date was worked out) fold into a
   <details>. When the URL points at an event (a link from the chart, a profile, a feed or
   another site), open them, on load and on each jump within the page. Without JavaScript,
   browsers that know ::details-content open them from the stylesheet instead (tradetalks.css). */
(function () {
  "use strict";

  function openTarget() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    var target = id && document.getElementById(id);
    var event = target && target.closest && target.closest(".tt-event");
    if (!event) return;
    var more = event.querySelector("details.tt-event__more");
    if (more) more.open = true;
  }

  openTarget();
  window.addEventListener("hashchange", openTarget);
})();
