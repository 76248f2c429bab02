// Small site behaviours on top of Material.
(function () {
  "use strict";

  // Material wraps each code block's copy button in a <nav>: dozens of unnamed navigation
  // landmarks per page (axe landmark-unique). The buttons stay; the landmark role goes.
  function unlandmarkCodeButtons(body) {
    body.querySelectorAll("nav.md-code__nav").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  document$.subscribe(function (page) {
    unlandmarkCodeButtons(page.body);
    setTimeout(function () { unlandmarkCodeButtons(page.body); }, 0);
  });
})();
