/* The live preview's helper (mkdocs serve only; never published).
 * 1. When the data has problems, every page keeps what it showed before and gets a banner
 *    naming them, linking to the page with one card per problem.
 * 2. A page that does not exist yet (a new profile's address, open on the 404 page) reloads as
 *    soon as a save brings it into being. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? script.src.replace(/_preview\/preview\.js.*$/, "") : "/";

  fetch(root + "_preview/problems.json", { cache: "no-store" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data || !data.problems || !data.problems.length) return;
      var banner = document.createElement("div");
      banner.className = "tt-preview-banner";
      banner.setAttribute("role", "alert");
      var count = data.problems.length;
      var text = document.createElement("p");
      text.textContent = "The data has " + count + " problem" + (count === 1 ? "" : "s") +
        ": this page shows the last good version. ";
      var link = document.createElement("a");
      link.href = root + data.page;
      link.textContent = "See the problems";
      text.appendChild(link);
      banner.appendChild(text);
      var list = document.createElement("ul");
      data.problems.slice(0, 3).forEach(function (p) {
        var item = document.createElement("li");
        item.textContent = p;
        list.appendChild(item);
      });
      banner.appendChild(list);
      document.body.insertBefore(banner, document.body.firstChild);
    })
    .catch(function () {});

  if (document.querySelector("[data-tt-not-found]")) {
    var wait = function () {
      fetch(location.href, { method: "HEAD", cache: "no-store" })
        .then(function (r) { if (r.ok) { location.reload(); } else { setTimeout(wait, 1000); } })
        .catch(function () { setTimeout(wait, 2000); });
    };
    setTimeout(wait, 1000);
  }
})();
