"""Run each page's code as the reader sees it (pytest-markdown-docs + snippet includes).

pytest-markdown-docs collects python fences but does not expand pymdownx.snippets includes;
this hook hands it a parser that does. It lives at the root so that ``pytest docs`` works too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin

from snippet_runner.pages import PYTHON_LANGS, fence_lang, includes_in, runnable_code

ROOT = Path(__file__).resolve().parent
os.environ.setdefault("MPLBACKEND", "Agg")


def _expand_includes(state) -> None:  # type: ignore[no-untyped-def]
    """Core rule: give pytest the code that python fences include, once per snippet file.

    The runner executes all sections of a snippet file in one process, so later sections
    use names defined by earlier ones. Here the fence that shows a file's last section on
    the page runs all of that file's sections (in page order); its earlier fences become
    ``notest``. Each file's code runs once, not once per section.
    """
    groups: dict[str, list] = {}
    for token in state.tokens:
        if token.type == "fence" and fence_lang(token.info) in PYTHON_LANGS:
            found = includes_in(token.content)
            if found:
                groups.setdefault(found[0].path, []).append((token, found))
    for path, members in groups.items():
        # As when the file runs as a script (the runner runs it so): its name and __file__.
        code = f"__name__, __file__ = '__main__', {str(ROOT / path)!r}\n" + "".join(
            runnable_code(ROOT, include) for _, found in members for include in found)
        for token, _ in members[:-1]:
            token.info = "python notest"
        last, _ = members[-1]
        last.info, last.content = "python", code


@pytest.hookimpl
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    md = MarkdownIt("commonmark").use(admon_plugin)  # code inside admonitions runs too
    md.core.ruler.push("expand_snippet_includes", _expand_includes)
    return md


@pytest.fixture(autouse=True)
def _scratch_folder_and_no_leftover_figures(tmp_path, monkeypatch):
    """Run every test in a scratch folder (page code may save files) and close its figures."""
    monkeypatch.chdir(tmp_path)
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
