/* Links to a record that has moved. Events, quotes and sources are anchors on the pages of their
   lists (timeline/, quotes/, sources/), and a list that grows splits into pages by year, month
   and part of a month, so a link shared as timeline/#event-geneva-talks can outlive the page
   that held the event. When a page is opened at such an anchor and does not have it, this reads
   the list's anchors.json (record id -> the page holding it now, written by
   tradetalks.outputs.anchors) and goes on there. Without JavaScript the reader stays on the
   page, whose index of years is one click from the record. */
(function () {
  "use strict";
  var lists = { "event-": "timeline/", "quote-": "quotes/", "source-": "sources/" };
  var script = document.currentScript;
  // This file is <site>/javascripts/moved-anchors.js, wherever the site is served from.
  var root = new URL("../", script.src);

  function follow() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    if (!id || document.getElementById(id)) return;
    var prefix = Object.keys(lists).filter(function (p) { return id.indexOf(p) === 0; })[0];
    if (!prefix) return;
    var list = new URL(lists[prefix], root);
    fetch(new URL("anchors.json", list))
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (pages) {
        var recordId = id.slice(prefix.length);
        if (!pages || !Object.prototype.hasOwnProperty.call(pages, recordId)) return;
        var target = new URL(pages[recordId], list);
        if (target.pathname === location.pathname) return; // here already: nothing to find
        target.hash = location.hash;
        location.replace(target.href);
      })
      .catch(function () { /* offline or no map: stay on this page */ });
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
