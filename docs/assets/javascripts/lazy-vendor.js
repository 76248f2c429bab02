// Mermaid (3.5 MB) and KaTeX are served by this site, and fetched only by pages that use them.
//
// Mermaid: Material renders every `.mermaid` block with its own theme, and fetches Mermaid from
// a CDN unless `window.mermaid` exists. This stand-in is that `window.mermaid`: Material calls
// `initialize` (kept) and `render`, whose first call loads the vendored copy, initialises it
// with Material's settings and hands the work over. A page without a diagram never loads it.
//
// KaTeX: on a page with math (pymdownx.arithmatex's `.arithmatex`, or $…$ in a notebook's
// Markdown cells), load the stylesheet, KaTeX and its auto-render extension, then render
// (Material's recipe).
(function () {
  "use strict";
  var vendor = new URL("../vendor/", document.currentScript.src);
  var loaded = {};

  function load(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var element;
        if (path.slice(-4) === ".css") {
          element = document.createElement("link");
          element.rel = "stylesheet";
          element.href = new URL(path, vendor);
        } else {
          element = document.createElement("script");
          element.src = new URL(path, vendor);
          element.async = false;
        }
        element.onload = resolve;
        element.onerror = function () { reject(new Error("could not load " + element.src)); };
        document.head.appendChild(element);
      });
    }
    return loaded[path];
  }

  // Diagrams keep at least 3/4 of their natural size (Mermaid's default shrinks a wide one to
  // the column: on a phone a left-to-right flowchart became 30 px tall with 4 px text); a wider
  // one scrolls sideways in its box (site.css), which gets keyboard focus and a name.
  var naturalSize = {};
  ["flowchart", "sequence", "class", "state", "er", "gantt", "journey", "pie", "mindmap",
   "timeline", "gitGraph", "quadrantChart", "requirement", "sankey", "xyChart", "block"]
    .forEach(function (kind) { naturalSize[kind] = { useMaxWidth: false }; });
  var MIN_SCALE = 0.75;
  var label = document.documentElement.lang.indexOf("zh") === 0 ? "图示" : "Diagram";

  var settings = {};
  var real = null;
  function mermaidReady() {
    return load("mermaid/mermaid.min.js").then(function () {
      if (!real) {
        real = window.mermaid;
        real.initialize(Object.assign({}, settings, naturalSize));
      }
      return real;
    });
  }
  window.mermaid = {
    initialize: function (options) { settings = options; },
    render: function (id, text) {
      return mermaidReady().then(function (mermaid) {
        return mermaid.render(id, text).then(function (result) {
          var bind = result.fn;  // as Material does
          return { svg: result.svg, fn: function (shadow) {
            var host = shadow.host;
            // Fit the column when that costs at most a quarter of the size (text stays >= 12 px
            // on a phone); a wider diagram keeps 3/4 of its size and scrolls sideways.
            var svg = shadow.querySelector("svg");
            var natural = svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width;
            if (natural) {
              svg.style.maxWidth = "100%";
              svg.style.height = "auto";
              svg.style.minWidth = Math.round(natural * MIN_SCALE) + "px";
            }
            host.classList.add("diagram");
            host.tabIndex = 0;
            host.setAttribute("role", "figure");
            host.setAttribute("aria-label", label);
            if (bind) bind(shadow);
          } };
        });
      });
    },
  };

  // Math: pymdownx.arithmatex marks it on pages; a notebook page (mkdocs-jupyter) keeps the
  // $…$ of its Markdown cells as text.
  function hasMath(body) {
    if (body.querySelector(".arithmatex")) return true;
    return Array.prototype.some.call(body.querySelectorAll(".jp-MarkdownOutput"), function (cell) {
      return /\$|\\\(|\\\[/.test(cell.textContent);
    });
  }

  function renderMath(body) {
    if (!hasMath(body)) return;
    Promise.all([
      load("katex/katex.min.css"),
      load("katex/katex.min.js").then(function () { return load("katex/auto-render.min.js"); }),
    ]).then(function () {
      window.renderMathInElement(body, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "$", right: "$", display: false },
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true },
        ],
      });
    });
  }
  document$.subscribe(function (page) { renderMath(page.body); });
})();
