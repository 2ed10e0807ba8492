/* The light/dark switch in the header (overrides/partials/palette.html, which says why it is
   not Material's). One button per colour scheme of `theme.palette`; the one for the current
   scheme is shown, and pressing it moves to the next scheme, saves the choice where Material's
   inline script reads it on every page, and keeps keyboard focus on the switch. Until the
   reader chooses, the page follows the system's light or dark setting, also when it changes. */
(function () {
  "use strict";

  var switches = Array.prototype.slice.call(document.querySelectorAll(".tt-palette__switch"));
  if (!switches.length) return;
  var KEYS = ["media", "scheme", "primary", "accent"];
  var body = document.body;

  function current() {
    var scheme = body.getAttribute("data-md-color-scheme");
    for (var i = 0; i < switches.length; i++) {
      if (switches[i].getAttribute("data-md-color-scheme") === scheme) return i;
    }
    return 0;
  }

  function show(index) {
    switches.forEach(function (button, i) { button.hidden = i !== index; });
  }

  function apply(index, save) {
    var option = switches[index];
    var color = {};
    // Material's stylesheet turns transitions off while this attribute is set, so the page
    // changes colour at once instead of fading element by element.
    body.setAttribute("data-md-color-switching", "");
    KEYS.forEach(function (key) {
      color[key] = option.getAttribute("data-md-color-" + key);
      body.setAttribute("data-md-color-" + key, color[key]);
    });
    show(index);
    if (save && typeof __md_set === "function") __md_set("__palette", { index: index, color: color });
    requestAnimationFrame(function () {
      setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    });
  }

  function chosen() {
    return typeof __md_get === "function" && __md_get("__palette");
  }

  switches.forEach(function (button, i) {
    button.addEventListener("click", function () {
      var next = (i + 1) % switches.length;
      apply(next, true);
      switches[next].focus();
    });
    var media = window.matchMedia && matchMedia(button.getAttribute("data-md-color-media"));
    if (media && media.addEventListener) {
      media.addEventListener("change", function () {
        if (media.matches && !chosen() && current() !== i) apply(i, false);
      });
    }
  });
  show(current());
})();
