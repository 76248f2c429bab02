"""Fixture projects for the runner tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# Fixture snippets are test data, not test modules: pytest-markdown-docs would import them.
collect_ignore = ["fixtures"]


@pytest.fixture
def project(tmp_path: Path):
    """A throwaway project: copy fixture snippets in with ``project.add(name)``."""
    return FixtureProject(tmp_path)


class FixtureProject:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "snippets" / "fx").mkdir(parents=True)
        shutil.copy(FIXTURES / "requirements.txt", root / "requirements.txt")
        shutil.copy(FIXTURES / "requirements.lock", root / "requirements.lock")

    def add(self, *names: str) -> FixtureProject:
        for name in names:
            shutil.copy(FIXTURES / "snippets" / name, self.root / "snippets" / "fx" / name)
        return self

    def add_page(self, name: str) -> Path:
        page = self.root / "docs" / "fx" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / "pages" / name, page)
        return page

    def snippet(self, name: str) -> Path:
        return self.root / "snippets" / "fx" / name

    def output(self, name: str, section: str = "main") -> Path:
        return self.root / "docs" / "generated" / "fx" / Path(name).stem / f"{section}.txt"
