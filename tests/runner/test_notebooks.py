"""Pages become notebooks: prose as Markdown cells, sections as code cells with their outputs."""

import json

from snippet_runner.paths import Layout
from snippet_runner.pipeline import check

from .helpers import run_build


def test_build_writes_a_notebook_per_page_and_check_notices_page_edits(project):
    project.add("sections.py")
    page = project.add_page("sections.md")
    result, _ = run_build(project.root)
    assert result.notebooks == ["docs/generated/notebooks/fx/sections.ipynb"]
    notebook = json.loads((project.root / result.notebooks[0]).read_text())
    kinds = [cell["cell_type"] for cell in notebook["cells"]]
    assert kinds == ["markdown", "code", "markdown", "code", "code", "markdown"]
    setup, quiet, use = (c for c in notebook["cells"] if c["cell_type"] == "code")
    assert "".join(setup["source"]).startswith("import torch")
    assert setup["outputs"][0]["text"] == ["setup [0, 1, 2, 3]\n"]
    assert quiet["outputs"] == [] and use["outputs"][0]["text"] == ["use [0, 2, 4, 6]\n"]
    assert "> **Pitfalls**" in "".join(notebook["cells"][2]["source"])
    assert check(Layout(project.root)) == []

    page.write_text(page.read_text().replace("Some prose.", "Other prose."))
    assert [str(p) for p in check(Layout(project.root))] == [
        "docs/generated/notebooks/fx/sections.ipynb: stale notebook (its page or outputs changed)"]
    result, _ = run_build(project.root)
    assert result.ran == [] and result.notebooks and check(Layout(project.root)) == []


def test_removed_page_removes_its_notebook(project):
    project.add("sections.py")
    page = project.add_page("sections.md")
    run_build(project.root)
    page.unlink()
    assert "orphaned notebook" in str(check(Layout(project.root))[0])
    run_build(project.root)
    assert not (project.root / "docs/generated/notebooks").exists()


def test_a_folded_answer_shows_the_code_and_output_it_includes(project):
    project.add("sections.py")
    page = project.add_page("sections.md")
    page.write_text(page.read_text() + '''
??? success "Answer"
    ```python
    --8<-- "snippets/fx/sections.py:use"
    ```

    ```text title="Output"
    --8<-- "docs/generated/fx/sections/use.txt"
    ```
''')
    result, _ = run_build(project.root)
    notebook = json.loads((project.root / result.notebooks[0]).read_text())
    answer = "".join(notebook["cells"][-1]["source"])
    assert "--8<--" not in answer
    assert "> ```python\n> " in answer and "> use [0, 2, 4, 6]" in answer
