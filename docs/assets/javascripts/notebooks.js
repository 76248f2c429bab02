// Notebook pages: every region that scrolls sideways (a wide output, a long code line, a
// table) can be reached and scrolled with the keyboard (axe: scrollable-region-focusable).
(function () {
  var SELECTOR = ".jupyter-wrapper pre, .jupyter-wrapper .md-typeset__scrollwrap, " +
    ".jupyter-wrapper .highlight-ipynb, .jupyter-wrapper .jp-OutputArea-output";

  function mark() {
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && el.hasAttribute("data-scroll-focus")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-scroll-focus");
      }
    });
  }

  function start() {
    if (!document.querySelector(".jupyter-wrapper")) return;
    // After Material has wrapped the tables (its document$ runs first).
    setTimeout(mark, 0);
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(mark, 150);
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
