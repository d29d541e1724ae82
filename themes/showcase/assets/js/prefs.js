// Reading preferences (适老化): text size and high contrast, remembered in the
// browser. Loaded in <head> so the choice applies before the first paint;
// the page reads fully without it.
(function () {
  "use strict";
  var KEY = "showcase-prefs";
  var root = document.documentElement;
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(p) {
    try { localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* private mode */ }
  }
  function apply(p) {
    var size = String(p.size || 0);
    if (size === "0") { root.removeAttribute("data-size"); } else { root.setAttribute("data-size", size); }
    root.classList.toggle("high-contrast", !!p.contrast);
  }
  var prefs = load();
  apply(prefs);
  function wire() {
    var box = document.querySelector(".reading-prefs");
    if (!box) { return; }
    var sizes = box.querySelectorAll(".pref-size");
    var contrast = box.querySelector(".pref-contrast");
    function sync() {
      for (var i = 0; i < sizes.length; i++) {
        sizes[i].setAttribute("aria-pressed", String(sizes[i].getAttribute("data-size") === String(prefs.size || 0)));
      }
      if (contrast) { contrast.setAttribute("aria-pressed", String(!!prefs.contrast)); }
    }
    for (var i = 0; i < sizes.length; i++) {
      sizes[i].addEventListener("click", function (e) {
        prefs.size = Number(e.currentTarget.getAttribute("data-size")) || 0;
        apply(prefs); save(prefs); sync();
      });
    }
    if (contrast) {
      contrast.addEventListener("click", function () {
        prefs.contrast = !prefs.contrast;
        apply(prefs); save(prefs); sync();
      });
    }
    sync();
    box.hidden = false;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
