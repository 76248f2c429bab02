"""Run each page's code as the reader sees it (pytest-markdown-docs + snippet includes).

pytest-markdown-docs collects python fences but does not expand pymdownx.snippets includes;
this hook hands it a parser that does. It lives at the root so that ``pytest docs`` works too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from snippet_runner.pages import PYTHON_LANGS, fence_lang, includes_in, runnable_code

ROOT = Path(__file__).resolve().parent
os.environ.setdefault("MPLBACKEND", "Agg")


def _expand_includes(state) -> None:  # type: ignore[no-untyped-def]
    """Core rule: replace include lines in python fences with the code they include.

    Sections of one snippet file share state when the runner builds them, so a fence that
    continues the snippet of the previous python fence is marked ``continuation``.
    """
    previous_file: str | None = None
    for token in state.tokens:
        if token.type != "fence" or fence_lang(token.info) not in PYTHON_LANGS:
            continue
        found = includes_in(token.content)
        if not found:
            previous_file = None
            continue
        token.content = "".join(runnable_code(ROOT, include) for include in found)
        same_file = previous_file is not None and found[0].path == previous_file
        token.info = "python continuation" if same_file else "python"
        previous_file = found[-1].path


@pytest.hookimpl
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.core.ruler.push("expand_snippet_includes", _expand_includes)
    return md


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
