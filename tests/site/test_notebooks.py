"""Downloaded notebooks run top to bottom in a fresh Jupyter kernel (one per chapter)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "docs" / "generated" / "notebooks"


def first_notebook_per_chapter() -> list[Path]:
    chosen = []
    for chapter in sorted(p for p in NOTEBOOKS.iterdir() if p.is_dir()) if NOTEBOOKS.is_dir() else []:
        candidates = sorted(p for p in chapter.glob("*.ipynb") if not p.name.endswith(".en.ipynb"))
        chosen += candidates[:1]
    return chosen


def test_every_chapter_has_notebooks():
    chapters = {p.parent.name for p in (ROOT / "docs").glob("*/*.md")} - {"generated", "assets"}
    assert chapters <= {p.name for p in NOTEBOOKS.iterdir()}, "chapters without notebooks"


@pytest.mark.parametrize("path", first_notebook_per_chapter(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_runs_in_a_fresh_kernel(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    # Cells tagged raises-exception are the pages' expected errors; any other error fails.
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert code_cells and all(c.execution_count for c in code_cells)
