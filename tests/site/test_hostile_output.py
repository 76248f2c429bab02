"""Printed output is data, never markup (scripts/hooks/snippet_blocks.py, ``OutputBlocks``).

A fixture site (tests/fixtures/hostile_site) renders with the real site's markdown_extensions and
its snippet_blocks hook one output file, shown three times (top level, in an admonition, in a
folded answer), that prints what a snippet may print: fences, ``<script>``, ``onerror``,
include lines (``--8<-- "secret.txt"``, nested, block form), an HTML comment, Markdown, and
bidi controls. Nothing of it may run, be parsed or be included: the page and the search index
show it as text, verbatim.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "hostile_site"
OUTPUT = (FIXTURE / "docs" / "generated" / "hostile" / "main.txt").read_text(encoding="utf-8")
SHOWN = OUTPUT.removesuffix("\n")
SECRET = "TOP-SECRET-FIXTURE-CONTENT"
BLOCKS = 3  # the page shows the output three times


def _markdown_extensions() -> str:
    """The real site's markdown_extensions block (the last key of mkdocs.yml)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("\nmarkdown_extensions:") + 1:]
    assert not re.search(r"^\S", block.split("\n", 1)[1], re.MULTILINE), \
        "markdown_extensions is no longer the last key of mkdocs.yml: update this test"
    return block


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURE, project)
    config = project / "mkdocs.yml"
    hook = ROOT / "scripts" / "hooks" / "snippet_blocks.py"
    config.write_text(config.read_text(encoding="utf-8") + _markdown_extensions()
                      + f"\nhooks:\n  - {hook}\n", encoding="utf-8")
    out = project.parent / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                             str(config), "--site-dir", str(out)], cwd=project,
                            capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_the_page_holds_the_output_as_escaped_text(built):
    page = (built / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    assert SECRET not in page, "an include line in the output was expanded"
    for raw in ("<script>window.__pwned", "<img", "<!-- an HTML comment", "<strong>",
                '<a href="javascript:'):
        assert raw not in article, f"printed text became markup: {raw}"
    tags = re.findall(r"<[^>]*\bon(?:error|click)=[^>]*>", article)
    assert not tags, f"printed text became attributes: {tags}"
    escaped = "&lt;script&gt;window.__pwned = 'script'; alert('script');&lt;/script&gt;\n"
    assert article.count(escaped) == BLOCKS, article.count(escaped)
    assert "END-OF-PAGE-MARKER" in article, "the rest of the page was swallowed"


def test_search_indexes_the_output_as_text(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    assert SECRET not in text, "the search index holds an included file"
    assert "window.__pwned" in text, "the printed output is not in the search index"
    assert "<script>window" not in text and '<img src="x"' not in text, \
        "the search index holds printed text as markup"


@pytest.fixture(scope="module")
def served(built):
    handler = functools.partial(_QuietHandler, directory=str(built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


COMMENTS_IN_ARTICLE = """() => {
  const walker = document.createTreeWalker(document.querySelector("article"),
                                           NodeFilter.SHOW_COMMENT);
  const found = [];
  while (walker.nextNode()) found.push(walker.currentNode.data);
  return found;
}"""


def test_nothing_runs_and_the_text_shows_verbatim(served, page):
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served, wait_until="networkidle")

    assert page.evaluate("window.__pwned") is None, page.evaluate("window.__pwned")
    assert not dialogs, f"printed script ran: {dialogs}"
    assert not page.failures and not errors, (page.failures, errors)  # type: ignore[attr-defined]
    assert page.locator("article img, article script, article a[href^=javascript]").count() == 0
    assert page.evaluate(COMMENTS_IN_ARTICLE) == [], "a printed HTML comment became a comment"
    assert page.locator("article strong, article .admonition.danger").count() == 0

    codes = page.eval_on_selector_all("article pre code", "els => els.map(e => e.textContent)")
    assert len(codes) == BLOCKS, f"{len(codes)} code blocks, expected {BLOCKS}: {codes}"
    for code in codes:
        assert code.removesuffix("\n") == SHOWN, f"not verbatim:\n{code!r}\n!=\n{SHOWN!r}"
    shown = page.locator("article pre code").first.inner_text()
    for line in ("<!-- an HTML comment that must stay visible -->", '--8<-- "secret.txt"',
                 "<script>window.__pwned = 'script'; alert('script');</script>",
                 "bidi: \u202eevil\u202c, \u2066isolated\u2069, \u200fmark, \u061c"):
        assert line in shown, f"{line!r} is not shown"
    assert page.locator("article .filename").first.inner_text() == "Output"
    assert page.locator('article pre button[data-md-type="copy"]').count() == BLOCKS

    # Search shows the printed text as text too.
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("indented")  # a word of the printed text only
    page.locator("input.md-search__input").dispatch_event("keyup")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    results = page.locator(".md-search-result").inner_text()
    assert SECRET not in results
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    assert page.evaluate("window.__pwned") is None and not dialogs, dialogs
    assert not errors, errors
