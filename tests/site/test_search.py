"""Search in the reader's language: each language's site finds its own pages only."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS

SEARCHES = {  # (language, query) -> a page (URL path below the language root) among the top 5
    ("zh", "张量"): "tensors/", ("zh", "自动微分"): "autograd/", ("zh", "神经网络"): "nn/",
    ("zh", "广播"): "tensors/operations/", ("zh", "优化器"): "nn/optimizers/",
    ("zh", "反向传播"): "autograd/", ("zh", "DataLoader"): "data/datasets/",
    ("en", "tensor"): "tensors/", ("en", "broadcasting"): "tensors/operations/",
    ("en", "optimizer"): "nn/optimizers/", ("en", "backward"): "autograd/",
    ("en", "DataLoader"): "data/datasets/",
}


@pytest.fixture(scope="module")
def search_page(browser):
    """One tab per language root with the search box open: the search worker builds its index
    once per page load, so the queries of a language share a page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tabs = {}

    def opened(url: str):  # type: ignore[no-untyped-def]
        if url not in tabs:
            tab = context.new_page()
            tab.goto(url, wait_until="load")
            tab.locator("label.md-search__icon, .md-search__input").first.click()
            tabs[url] = tab
        return tabs[url]

    yield opened
    context.close()


@pytest.mark.parametrize(("language", "query"), list(SEARCHES),
                         ids=[f"{language}-{query}" for language, query in SEARCHES])
def test_search_finds_pages_in_the_readers_language(site, search_page, language, query):
    """Each language searches its own pages only; whole words and Chinese words match."""
    language_root = site if language == "zh" else site + "en/"
    page = search_page(language_root)
    box = page.locator("input.md-search__input")
    box.fill("")  # the last query's results go first
    box.dispatch_event("keyup")
    page.wait_for_selector(".md-search-result__item", state="detached", timeout=10_000)
    box.fill(query)
    box.dispatch_event("keyup")  # Material searches on keyup; fill() types CJK without one
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(  # one per page found, best first
        "li.md-search-result__item", "els => els.map(e => e.querySelector('a').href)")
    top = [link.split("?")[0] for link in links[:5]]
    expected = language_root + SEARCHES[language, query]
    assert any(link.startswith(expected) for link in top), (query, top)
    in_language = (lambda link: link.startswith(site + "en/")) if language == "en" else \
        (lambda link: not link.startswith(site + "en/"))
    assert all(map(in_language, top)), f"{query!r} from the {language} site found {top}"
    texts = page.locator("li.md-search-result__item").all_inner_texts()
    assert not any("flowchart" in text or "-->" in text for text in texts), \
        "diagram source in search results"
    page.screenshot(path=str(ARTIFACTS / f"search-{language}-{query}.png"))
