"""The built site in a real browser (Debian's Chromium driven by playwright).

Every page of the site, in both languages, loads in one shared tab without a failed request, a
console error or an image that did not load (a cheap load: no screenshot, no waiting for the
network to fall idle). For a Chinese and an English content page of every chapter: CJK text renders as glyphs, every
image loads, no request fails, the language switcher round-trips, code has a copy button and
the notebook download is a valid notebook. Screenshots of what was checked land in
test-artifacts/browser/. Search is in test_search.py, axe-core in test_accessibility.py;
the fixtures (site, browser, page) are in conftest.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from .conftest import ARTIFACTS, MOUNT, ROOT, SITE_URL


def chapters() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "docs").glob("*/index.md")
                  if p.parent.name not in ("generated", "assets"))


def content_page(chapter: str) -> str:
    """The first page of a chapter that shows code (its URL path)."""
    for page in sorted((ROOT / "docs" / chapter).glob("*.md")):
        if not page.name.endswith(".en.md") and "--8<--" in page.read_text(encoding="utf-8"):
            return f"{chapter}/" if page.stem == "index" else f"{chapter}/{page.stem}/"
    return f"{chapter}/"


def page_path(source: Path) -> str:
    """The URL path (under the site's root) of a page's Markdown file."""
    relative = source.relative_to(ROOT / "docs").as_posix()
    prefix = "en/" if relative.endswith(".en.md") else ""
    stem = relative.removesuffix(".md").removesuffix(".en").removesuffix("index").rstrip("/")
    return prefix + (stem + "/" if stem else "")


def every_page() -> list[str]:
    """URL paths of every page in both languages (the notebooks have their own tests)."""
    return sorted(page_path(p) for p in (ROOT / "docs").rglob("*.md")
                  if p.relative_to(ROOT / "docs").parts[0] not in ("generated", "assets"))


@pytest.fixture(scope="module")
def shared_tab(site, browser):
    """One tab for many pages: what each page got wrong lands in ``tab.problems``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []  # type: ignore[attr-defined]
    tab.leaving = False  # type: ignore[attr-defined]

    def failed(request) -> None:  # type: ignore[no-untyped-def]
        # Leaving a page cuts short what it still loads (a lazy Mermaid): not its failure.
        if not (tab.leaving and "ERR_ABORTED" in str(request.failure)):  # type: ignore[attr-defined]
            tab.problems.append(f"request failed: {request.url} ({request.failure})")  # type: ignore[attr-defined]

    tab.on("requestfailed", failed)
    tab.on("response", lambda r: r.status >= 400 and not r.url.endswith("/sitemap.xml")
           and tab.problems.append(f"HTTP {r.status}: {r.url}"))
    tab.on("console", lambda m: m.type == "error"
           and not m.location.get("url", "").endswith("/sitemap.xml")  # see the page fixture
           and tab.problems.append(f"console error: {m.text} ({m.location.get('url')})"))
    tab.on("pageerror", lambda e: tab.problems.append(f"script error: {e}"))
    yield tab
    context.close()


BROKEN_IMAGES = """() => [...document.images]
  .filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src)"""


@pytest.mark.parametrize("path", every_page())
def test_every_page_loads_cleanly(site, shared_tab, path):
    """No failed request, no console error, every image loaded: a new page is loaded too."""
    shared_tab.leaving = True  # the page before is left first: what it still loaded is cut short
    shared_tab.goto("about:blank")
    shared_tab.leaving = False
    shared_tab.problems.clear()
    response = shared_tab.goto(site + path, wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    broken = shared_tab.evaluate(BROKEN_IMAGES)
    problems = list(shared_tab.problems) + [f"image did not load: {src}" for src in broken]
    assert not problems, f"{path}:\n" + "\n".join(problems)


GLYPHS_DIFFER = """() => {
  // Tofu boxes for missing glyphs all look alike; real glyphs for 张 and 量 do not.
  const font = getComputedStyle(document.querySelector("article")).fontFamily;
  const draw = (text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 64; canvas.height = 64;
    const context = canvas.getContext("2d");
    context.font = `48px ${font}`;
    context.fillText(text, 4, 52);
    return Array.from(context.getImageData(0, 0, 64, 64).data).join(",");
  };
  return draw("张") !== draw("量") && draw("张") !== draw("\\uE000");
}"""


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("chapter", chapters())
def test_content_page(site, page, chapter, language):
    path = content_page(chapter)
    prefix, other, other_prefix = ("", "en", "en/") if language == "zh" else ("en/", "zh", "")
    page.goto(site + prefix + path, wait_until="networkidle")
    page.screenshot(path=str(ARTIFACTS / f"{chapter}-{language}.png"))

    assert page.evaluate(GLYPHS_DIFFER), "CJK text renders as boxes (install fonts-noto-cjk)"
    images = page.eval_on_selector_all("article img", "els => els.map(e => [e.src, e.naturalWidth])")
    assert all(width > 0 for _, width in images), f"images that did not load: {images}"
    blocks = page.locator("article pre").count()
    copy_buttons = page.locator('article pre button[data-md-type="copy"]').count()
    assert blocks > 0 and copy_buttons == blocks, f"{copy_buttons} copy buttons for {blocks} blocks"
    assert not page.failures, page.failures  # type: ignore[attr-defined]

    download = page.locator("article a[download]").first.get_attribute("href")
    response = page.request.get(page.url + download if not download.startswith("http") else download)
    notebook = json.loads(response.body())
    assert notebook["nbformat"] == 4 and any(c["cell_type"] == "code" for c in notebook["cells"])

    # The language switcher (plain links) leads to the same page in the other language, and
    # that page's switcher leads back.
    there = page.locator(f'a.md-select__link[hreflang="{other}"]').first.evaluate("a => a.href")
    assert there == site + other_prefix + path
    response = page.request.get(there)
    assert response.ok, there
    back = re.search(rf'<a href="([^"]+)" hreflang="{language}" class="md-select__link"',
                     response.text())
    assert back and urljoin(there, html.unescape(back.group(1))) == site + prefix + path


def test_math_renders_and_figures_zoom(site, page):
    page.goto(site + "en/tensors/operations/", wait_until="networkidle")
    page.wait_for_selector(".katex", timeout=10_000)  # KaTeX renders the formulas after load
    assert page.locator("a.glightbox img").count() > 0, "figures are not wrapped for zooming"


LIGHT_PAGES = ["glossary/", "en/glossary/", "404.html", "en/404.html"]


@pytest.mark.parametrize("path", LIGHT_PAGES)
def test_page_without_diagram_or_math_is_light(site, page, path):
    """Mermaid (3.5 MB) and KaTeX load only where used: such a page transfers at most 1 MB."""
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
    page.goto(site + path, wait_until="networkidle")
    heavy = [url for url in sizes if "/vendor/mermaid/" in url or "/vendor/katex/" in url
             or url.endswith("/search_index.json")]  # the index waits until search is opened
    assert not heavy, f"{path} loads {heavy}"
    total = sum(sizes.values())
    assert total <= 1_000_000, f"{path} transfers {total / 1e6:.2f} MB: " + ", ".join(
        f"{size // 1024} kB {url}" for url, size in sorted(sizes.items(), key=lambda i: -i[1])[:5])


def test_diagrams_and_math_load_where_used(site, page):
    page.goto(site + "en/nn/cnn/", wait_until="domcontentloaded")
    timing = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
    page.wait_for_function("document.querySelectorAll('div.mermaid').length >= 1"
                           " && !document.querySelector('pre.mermaid')", timeout=20_000)
    scripts = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    mermaid = [s for s in scripts if s.endswith("/vendor/mermaid/mermaid.min.js")]
    assert mermaid, "the diagram page did not load the site's own Mermaid"
    mermaid_start = page.evaluate(
        "performance.getEntriesByName(arguments[0])[0].startTime".replace("arguments[0]",
                                                                          repr(mermaid[0])))
    assert mermaid_start >= timing["domContentLoadedEventStart"], \
        "Mermaid was fetched before DOMContentLoaded (it must not block the page)"
    for path in ("tensors/operations/", "generated/notebooks/tensors/operations/"):
        page.goto(site + path, wait_until="networkidle")
        page.wait_for_selector(".katex", timeout=10_000)  # math on a page and in a notebook


def diagram_pages() -> list[str]:
    """URL paths of the pages (both languages) whose Markdown has a Mermaid diagram."""
    paths = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        if "generated" in source.parts or "```mermaid" not in source.read_text(encoding="utf-8"):
            continue
        relative = source.relative_to(ROOT / "docs").as_posix()
        prefix = "en/" if relative.endswith(".en.md") else ""
        stem = relative.removesuffix(".md").removesuffix(".en")
        stem = stem.removesuffix("index").rstrip("/")
        paths.append(prefix + (stem + "/" if stem else ""))
    return paths


OPEN_SHADOW_ROOTS = """(() => {  // let the test read the diagrams Material draws in closed roots
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, {...init, mode: "open"});
  };
})()"""

DIAGRAM_SCALES = """() => [...document.querySelectorAll("div.mermaid")].map(host => {
  const svg = host.shadowRoot.querySelector("svg");
  const natural = svg.viewBox.baseVal.width;
  return [svg.getBoundingClientRect().width / natural, natural, host.getBoundingClientRect().width];
})"""


def test_diagrams_keep_a_readable_size_on_a_phone(site, browser):
    """On a 390 px phone no diagram is drawn below 60 % of its natural size (it scrolls)."""
    pages = diagram_pages()
    assert len(pages) >= 4, pages
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)  # sizes in CSS pixels: any pixel ratio
    context.add_init_script(OPEN_SHADOW_ROOTS)
    tab = context.new_page()
    shrunk = []
    for path in pages:
        tab.goto(site + path, wait_until="domcontentloaded")
        expected = tab.locator("pre.mermaid, div.mermaid").count()
        tab.wait_for_function(f"document.querySelectorAll('div.mermaid').length == {expected}",
                              timeout=30_000)
        for index, (scale, natural, box) in enumerate(tab.evaluate(DIAGRAM_SCALES)):
            if scale < 0.6:
                shrunk.append(f"{path} diagram {index + 1}: {scale:.0%} of {natural:.0f} px")
            assert box <= 390, f"{path} diagram {index + 1} widens the page ({box:.0f} px)"
        if path in ("", "en/examples/lenet/"):
            tab.screenshot(path=str(ARTIFACTS / f"phone-diagram-{path.replace('/', '_')}.png"))
    context.close()
    assert not shrunk, shrunk


@pytest.mark.parametrize("language", ["zh", "en"])
def test_404_page_and_theme_labels_in_the_readers_language(site, page, language):
    root = site if language == "zh" else site + "en/"
    han = "[\u4e00-\u9fff]"
    for url in (root, root + "404.html"):
        page.goto(url, wait_until="domcontentloaded")
        assert page.get_attribute("html", "lang") == language, url
        labels = page.eval_on_selector_all("input[name=__palette]",
                                           "els => els.map(e => e.getAttribute('aria-label'))")
        assert len(labels) == 2 and all(
            bool(re.search(han, label)) == (language == "zh") for label in labels), (url, labels)
    switcher = page.eval_on_selector_all("a.md-select__link", "els => els.map(e => e.getAttribute('href'))")
    assert switcher == [MOUNT, MOUNT + "en/"], f"the 404 page's language switcher: {switcher}"
    heading = page.locator("article h1").inner_text()
    assert "404" in heading and bool(re.search(han, heading)) == (language == "zh"), heading
    home = page.locator("article a").first.get_attribute("href")
    assert home == (MOUNT if language == "zh" else MOUNT + "en/"), home
    if language == "zh":  # a missing page deep in the site gets 404.html with working links
        missing = site + "no/such/page/"
        page.goto("about:blank")  # leaving cuts short what the page before still loaded:
        page.failures.clear()  # those failures are not the 404 page's
        assert page.goto(missing, wait_until="load").status == 404
        assert page.locator("article h1").inner_text() == heading
        assert not [f for f in page.failures if not f.startswith(missing)], page.failures
        page.locator("article a").first.click()
        page.wait_for_url(site)


def test_sitemap_lists_the_pages_under_the_site_url(site, page):
    from xml.etree import ElementTree

    response = page.request.get(site + "sitemap.xml")
    assert response.ok, response.status
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = [loc.text for loc in ElementTree.fromstring(response.body()).iter(namespace + "loc")]
    assert len(urls) > 50 and all(url.startswith(SITE_URL) for url in urls), urls[:3]
    for url in (urls[0], urls[-1]):  # the published URL maps onto a served page
        assert page.request.get(site + url.removeprefix(SITE_URL)).ok, url


@pytest.mark.parametrize("language", ["zh", "en"])
def test_glossary_links_every_term_to_its_page_by_title(site, page, language):
    page.goto(site + ("en/" if language == "en" else "") + "glossary/", wait_until="networkidle")
    rows = page.eval_on_selector_all("article table tbody tr", """rows => rows.map(r => {
        const a = r.querySelector('td:nth-child(3) a');
        return [r.cells[0].innerText, a && a.href, a && a.innerText]; })""")
    assert len(rows) >= 50, len(rows)
    unlinked = [term for term, href, _ in rows if not href]
    assert not unlinked, f"terms without a page: {unlinked}"
    titles: dict[str, str] = {}
    for term, href, text in rows:
        url = href.split("#")[0]
        if url not in titles:
            response = page.request.get(url)
            assert response.ok, f"{term}: {url} answers HTTP {response.status}"
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", response.text(), re.S).group(1)
            titles[url] = html.unescape(re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "",
                                               heading)).strip()
        assert titles[url] == text.strip(), f"{term}: link says {text!r}, page is {titles[url]!r}"


def page_with_dark_figure() -> str | None:
    """URL path of a page showing a generated figure that has a dark variant."""
    for source in sorted((ROOT / "docs").rglob("*.md")):
        if "generated" in source.parts:
            continue
        for src in re.findall(r"!\[[^\]]*\]\(([^)\s]+\.png)", source.read_text(encoding="utf-8")):
            dark = (source.parent / src).with_suffix("").with_suffix(".dark.png")
            if dark.is_file():
                relative = source.relative_to(ROOT / "docs").as_posix()
                prefix = "en/" if relative.endswith(".en.md") else ""
                stem = relative.removesuffix(".md").removesuffix(".en").removesuffix("index")
                return prefix + (stem.rstrip("/") + "/" if stem.rstrip("/") else "")
    return None


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_follow_the_colour_scheme(site, browser, scheme):
    path = page_with_dark_figure()
    if path is None:
        pytest.skip("no generated figure has a .dark.png variant yet (the runner writes them)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site + path, wait_until="networkidle")
    shown = tab.eval_on_selector_all("article img", """els => els
        .filter(e => e.getBoundingClientRect().width > 0).map(e => e.getAttribute('src'))""")
    focusable_hidden = tab.eval_on_selector_all("article a.glightbox", """els => els
        .filter(e => e.getClientRects().length && !e.querySelector('img').getClientRects().length)
        .map(e => e.href)""")
    themed = [src for src in shown if "#only-" in src]
    context.close()
    assert themed, f"{path}: no themed figure visible"
    assert all(src.endswith("#only-" + scheme) for src in themed), themed
    assert not focusable_hidden, f"zoom links around hidden figures: {focusable_hidden}"


def test_copying_a_console_block_copies_runnable_code(site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site + "en/autograd/", wait_until="networkidle")
    block = tab.locator(".language-pycon").first
    shown = block.locator("code").inner_text()
    assert ">>> " in shown
    block.hover()
    block.locator('button[data-md-type="copy"]').click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    context.close()
    assert ">>>" not in copied and "..." not in copied.split(), copied
    assert copied.strip() and all(line not in copied for line in ("tensor(6.)",)), copied
    compile(copied, "copied", "exec")  # runnable: no prompt or output left in it


@pytest.mark.parametrize("language", ["zh", "en"])
def test_code_blocks_name_their_file_and_say_when_they_continue(site, page, language):
    page.goto(site + ("en/" if language == "en" else "") + "nn/layers/", wait_until="networkidle")
    titles = page.eval_on_selector_all("article .highlight > .filename",
                                       "els => els.map(e => e.innerText)")
    linear = [t for t in titles if t.startswith("linear.py")]
    continued = "linear.py（接上文）" if language == "zh" else "linear.py (continued)"
    assert linear[0] == "linear.py" and linear[1:] and set(linear[1:]) == {continued}, linear
    links = page.eval_on_selector_all("article a[download]", """els => els
        .filter(e => e.href.endsWith('.py')).map(e => [e.getAttribute('download'), e.href])""")
    assert "linear.py" in dict(links), links
    for name, href in links:
        response = page.request.get(href)
        assert response.ok, href
        source = ROOT / "snippets" / "nn" / name
        assert response.body() == source.read_bytes(), f"{href} is not {source}"


REPOSITORY = "https://github.com/pytorch-study-notes/pytorch-study-notes"


@pytest.mark.parametrize(("path", "source"), [
    ("nn/layers/", "docs/nn/layers.md"), ("en/nn/layers/", "docs/nn/layers.en.md"),
    ("en/", "docs/index.en.md"),
    ("generated/notebooks/nn/layers/", "docs/nn/layers.md"),
    ("en/generated/notebooks/nn/layers/", "docs/nn/layers.en.md"),
])
def test_repository_and_edit_links(site, page, path, source):
    page.goto(site + path, wait_until="domcontentloaded")
    assert page.locator("a.md-source").first.get_attribute("href") == REPOSITORY
    edit = page.locator('a.md-content__button[rel="edit"]').get_attribute("href")
    assert edit == f"{REPOSITORY}/edit/main/{source}", edit
    assert (ROOT / source).is_file()
