"""Shared test set-up: run pages' code as the reader sees it, and fixture projects for the runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from snippet_runner.pages import PYTHON_LANGS, fence_lang, includes_in, runnable_code

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
os.environ.setdefault("MPLBACKEND", "Agg")

# Fixture snippets are test data, not test modules: pytest-markdown-docs would import them.
collect_ignore = ["fixtures"]


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


@pytest.fixture
def project(tmp_path: Path):
    """A throwaway project: copy fixture snippets in with ``project.add(name)``."""
    return FixtureProject(tmp_path)


class FixtureProject:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "snippets" / "fx").mkdir(parents=True)
        shutil.copy(FIXTURES / "requirements.txt", root / "requirements.txt")

    def add(self, *names: str) -> "FixtureProject":
        for name in names:
            shutil.copy(FIXTURES / "snippets" / name, self.root / "snippets" / "fx" / name)
        return self

    def snippet(self, name: str) -> Path:
        return self.root / "snippets" / "fx" / name

    def output(self, name: str, section: str = "main") -> Path:
        return self.root / "docs" / "generated" / "fx" / Path(name).stem / f"{section}.txt"
