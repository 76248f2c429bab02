"""Run each page's code as a reader runs it (pytest-markdown-docs + snippet includes).

pytest-markdown-docs collects python fences but does not expand pymdownx.snippets includes;
this hook hands it a parser whose fences run the included snippet sections the way
``python snippets/<chapter>/<file>.py`` runs them (see ``snippet_runner.pages.run_as_script``).
It lives at the root so that ``pytest docs`` works too.

English pages are not collected when pytest walks ``docs/``: their code is their Chinese twin's
code, fence for fence and ``>>>`` example for example (``tests/site/test_pages.py`` checks
that), so running it twice proves nothing more. Name an English page to run it anyway.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from snippet_runner import profile
from snippet_runner.pages import PYTHON_LANGS, IncludeError, fence_lang, includes_in, load_section

ROOT = Path(__file__).resolve().parent
os.environ.setdefault("MPLBACKEND", "Agg")
# The build's numeric profile (one BLAS/OpenMP thread, the same kernels on every x86-64 CPU):
# the numbers the outputs were made with, and no threads spinning against each other while the
# xdist workers and the notebook kernels (which inherit it) share the cores. Set before anything
# imports torch or numpy.
profile.apply(os.environ)


def _page_being_collected() -> str:
    """The page pytest-markdown-docs is parsing (its ``source_path``), for error messages."""
    frame = sys._getframe(1)
    while frame is not None:
        source = frame.f_locals.get("source_path") if frame.f_code.co_name == \
            "extract_fence_tests" else None
        if isinstance(source, Path):
            return source.resolve().relative_to(ROOT).as_posix() \
                if source.resolve().is_relative_to(ROOT) else str(source)
        frame = frame.f_back  # type: ignore[assignment]
    return ""


def _expand_includes(state) -> None:  # type: ignore[no-untyped-def]
    """Core rule: give pytest the code that python fences include, once per snippet file.

    The runner executes all sections of a snippet file in one process, so later sections
    use names defined by earlier ones. Here the fence that shows a file's last section on
    the page runs all of that file's sections (in page order); its earlier fences become
    ``notest``. Each file's code runs once, not once per section. An include of a missing
    file or section fails in its own fence, on its own line: the test is named after that
    fence, the traceback points at the include line, and the message says
    ``docs/<page>.md:<line>: includes …, but …``.
    """
    page = _page_being_collected()
    groups: dict[str, list] = {}
    for token in state.tokens:
        if token.type == "fence" and fence_lang(token.info) in PYTHON_LANGS and token.map:
            found = includes_in(token.content, line=token.map[0] + 1)
            if found:
                groups.setdefault(found[0].path, []).append((token, found))
    for path, members in groups.items():
        sections, problem = [], None
        for token, found in members:
            lines = token.content.split("\n")
            offsets = [i for i, text in enumerate(lines) if includes_in(text)]
            for include, offset in zip(found, offsets, strict=True):
                # The include's own line: the fence's line + 1 + its place in the fence.
                include = replace(include, line=token.map[0] + 2 + offset)
                try:
                    sections.append(load_section(ROOT, include, page)[1])
                except IncludeError as error:
                    problem = problem or (token, offset, str(error))
        if problem:
            for token, _ in members:
                token.info = "python notest"
            token, offset, message = problem
            token.info = "python"
            token.content = "\n" * offset + (
                f"raise __import__('snippet_runner.pages').pages.IncludeError({message!r})\n")
            continue
        for token, _ in members[:-1]:
            token.info = "python notest"
        last, _ = members[-1]
        last.info = "python"
        last.content = ("from snippet_runner.pages import run_as_script\n"
                        f"run_as_script({str(ROOT)!r}, {path!r}, {sections!r})\n")


# The longest test files, started first: pytest-xdist (``make test``: ``-n <cores> --dist
# loadfile``) hands out whole files in collection order, and a long file handed out last keeps
# one core busy after the others are done.
LONGEST_FIRST = ("tests/site/test_notebooks.py", "tests/site/test_accessibility.py",
                 "tests/site/test_browser.py", "tests/runner/test_cli.py", "tests/site/test_search.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.path.relative_to(ROOT).as_posix() if item.path.is_relative_to(ROOT) else ""
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a file, and among the others, nothing moves


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if not collection_path.name.endswith(".en.md"):
        return None
    named = {Path(arg.split("::")[0]).resolve() for arg in config.args}
    return collection_path.resolve() not in named


@pytest.hookimpl
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    md = MarkdownIt("commonmark").use(admon_plugin)  # fences inside !!! / ??? blocks too
    md.core.ruler.push("expand_snippet_includes", _expand_includes)
    return md


@pytest.fixture(autouse=True)
def _scratch_folder_and_no_leftover_figures(tmp_path, monkeypatch):
    """Run every test in a scratch folder (page code may save files) and close its figures."""
    monkeypatch.chdir(tmp_path)
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
