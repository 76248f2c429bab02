"""axe-core in Chromium: no serious or critical WCAG violation on any page type, in both
languages and both colour schemes (contrast included).

Each page type is checked in both languages and in both schemes, paired: what axe finds
depends on the scheme (contrast) or on the language (names, labels, ``lang``), not on the two
together, so zh-light with en-dark covers a page type as well as all four (and across the page
types every language-scheme pair occurs). An axe run costs 3 to 6 CPU-s: 12 of them instead of
24 keep ``make test`` within its budget.
"""

from __future__ import annotations

import pytest

AXE_PAGES = {  # page type -> URL path below the language root
    "home": "", "content": "nn/cnn/", "math": "tensors/operations/",
    "notebook": "generated/notebooks/tensors/creation/", "glossary": "glossary/",
    "404": "404.html",
}


# The page as a reader sees it: Mermaid has drawn every diagram, and KaTeX the math of a page
# that has some (site.js and lazy-vendor.js load both after the page itself).
DRAWN = r"""() => !document.querySelector("pre.mermaid") && (document.querySelector(".katex")
  || !(document.querySelector(".arithmatex") || [...document.querySelectorAll(".jp-MarkdownOutput")]
       .some(cell => /\$|\\\(|\\\[/.test(cell.textContent))))"""


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


PAIRS = ((("zh", "light"), ("en", "dark")), (("zh", "dark"), ("en", "light")))
CASES = [(kind, language, scheme) for index, kind in enumerate(AXE_PAGES)
         for language, scheme in PAIRS[index % 2]]


@pytest.mark.parametrize(("kind", "language", "scheme"), CASES,
                         ids=["-".join(case) for case in CASES])
def test_no_serious_accessibility_violations(site, browser, axe, kind, language, scheme):
    """axe-core (WCAG 2.x rules, contrast included) finds nothing serious or critical."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site + ("en/" if language == "en" else "") + AXE_PAGES[kind], wait_until="load")
    tab.wait_for_function(DRAWN, timeout=20_000)
    violations = [v for v in axe.run(tab).response["violations"]
                  if v["impact"] in ("serious", "critical")]
    context.close()
    assert not violations, "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. "
        f"{v['nodes'][0]['target']}: {v['nodes'][0].get('failureSummary', '')[:200]})"
        for v in violations)
