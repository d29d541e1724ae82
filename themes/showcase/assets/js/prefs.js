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

// The search page's 筛选 disclosure (layouts/search.html), here because
// this is the one script every page loads: the search page makes no
// request for it, which its request budget counts. The disclosure is open
// beside the results on a wide screen and folded below them on a narrow
// one (below 600 px, as the stylesheet lays it out); its summary counts
// the active filters, which search.js keeps in the address
// (?region=…&year=…). search.js builds the facets inside it; until it
// has, the stylesheet hides the disclosure (without JavaScript there is
// no search), and without this script the disclosure stays open.
(function () {
  "use strict";
  var FILTERS = ["region", "year", "category", "level"];
  function wire() {
    var box = document.getElementById("search-filter");
    var count = document.getElementById("search-filter-count");
    var results = document.getElementById("search-results");
    if (!box || !count || location.protocol === "file:" || !window.matchMedia) { return; }
    var narrow = window.matchMedia("(max-width: 37.49rem)");
    function place() { box.open = !narrow.matches; }
    function recount() {
      var p = new URLSearchParams(location.search), n = 0;
      for (var i = 0; i < FILTERS.length; i++) { if (p.get(FILTERS[i])) { n++; } }
      count.textContent = n ? "（已选 " + n + " 项）" : "";
    }
    place();
    recount();
    if (narrow.addEventListener) { narrow.addEventListener("change", place); }
    // search.js writes the filters into the address, then re-renders the
    // results.
    window.addEventListener("popstate", recount);
    box.addEventListener("change", function () { setTimeout(recount, 0); });
    if (results && window.MutationObserver) { new MutationObserver(recount).observe(results, { childList: true }); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
