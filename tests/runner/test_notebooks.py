"""Pages become notebooks: prose as Markdown cells, sections as code cells with their outputs,
and a set-up cell that lets the notebook run on its own in any folder."""

import json
import shutil

import nbformat
import pytest

from snippet_runner.notebooks import MAX_CARRIED_BYTES, carried_files, notebook_for
from snippet_runner.paths import Layout
from snippet_runner.pipeline import check
from snippet_runner.sources import SnippetSyntaxError, parse_snippet

from ..site.test_notebooks import reader_environment
from .helpers import run_build


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_build_writes_a_notebook_per_page_and_check_notices_page_edits(project):
    project.add("sections.py")
    page = project.add_page("sections.md")
    result, _ = run_build(project.root)
    assert result.notebooks == ["docs/generated/notebooks/fx/sections.ipynb"]
    notebook = json.loads((project.root / result.notebooks[0]).read_text())
    kinds = [cell["cell_type"] for cell in notebook["cells"]]
    assert kinds == ["markdown", "code", "code", "markdown", "code", "code", "markdown"]
    setup_cell, setup, quiet, use = code_cells(notebook)
    assert setup_cell["metadata"]["tags"] == ["setup"]
    assert "".join(setup["source"]).startswith(
        "fresh_start()  # snippets/fx/sections.py starts here\nimport torch")
    assert setup["outputs"][0]["text"] == ["setup [0, 1, 2, 3]\n"]
    assert quiet["outputs"] == [] and use["outputs"][0]["text"] == ["use [0, 2, 4, 6]\n"]
    assert "".join(quiet["source"]).startswith("y = x * 2")  # same file: no new start
    assert [c["execution_count"] for c in code_cells(notebook)] == [1, 2, 3, 4]
    assert "> **Pitfalls**" in "".join(notebook["cells"][3]["source"])
    assert check(Layout(project.root)) == []

    page.write_text(page.read_text().replace("Some prose.", "Other prose."))
    assert [str(p) for p in check(Layout(project.root))] == [
        "docs/generated/notebooks/fx/sections.ipynb: stale notebook (its page or outputs changed)"]
    result, _ = run_build(project.root)
    assert result.ran == [] and result.notebooks and check(Layout(project.root)) == []


def test_notebooks_are_keyed_and_only_made_again_when_their_key_changes(project, monkeypatch):
    from snippet_runner import notebooks
    from snippet_runner.manifest import Manifest

    project.add("sections.py")
    page = project.add_page("sections.md")
    assert run_build(project.root)[0].ok
    layout = Layout(project.root)
    rel = "docs/generated/notebooks/fx/sections.ipynb"
    record = Manifest.read(layout.manifest).notebooks[rel]
    made = []
    real = notebooks.notebook_for
    monkeypatch.setattr(notebooks, "notebook_for", lambda *a, **k: made.append(a[1]) or real(*a, **k))
    assert check(layout) == [] and made == []  # key and bytes as recorded: nothing made
    result, _ = run_build(project.root)
    assert result.ran == [] and result.notebooks == [] and made == []

    project.output("sections.py", "use").write_text("use [edited]\n")  # an included output
    assert "output docs/generated/fx/sections/use.txt was changed by hand" in str(check(layout))
    assert run_build(project.root, force=True)[0].ok and made == []  # the same bytes again
    assert Manifest.read(layout.manifest).notebooks[rel] == record

    snippet = project.snippet("sections.py")
    snippet.write_text(snippet.read_text() + "# a comment outside any section\n")
    assert run_build(project.root)[0].ok and made == [page]  # its key changed: made again
    assert Manifest.read(layout.manifest).notebooks[rel].key != record.key

    made.clear()
    notebook = project.root / rel
    notebook.write_text(notebook.read_text().replace("use [0, 2, 4, 6]", "use [forged]"))
    assert [str(p) for p in check(layout)] == [
        f"{rel}: stale notebook (its page or outputs changed)"] and made == [page]


def test_removed_page_removes_its_notebook(project):
    project.add("sections.py")
    page = project.add_page("sections.md")
    run_build(project.root)
    page.unlink()
    assert "orphaned notebook" in str(check(Layout(project.root))[0])
    run_build(project.root)
    assert not (project.root / "docs/generated/notebooks").exists()


def standalone_project(project):
    project.add("reads_files.py", "_helper.py", "rows.csv", "raises.py", "figures.py")
    shutil.copytree(_fixture("lookup"), project.snippet("lookup"))
    project.add_page("standalone.md")
    result, log = run_build(project.root)
    assert not result.failed, log
    path = project.root / "docs/generated/notebooks/fx/standalone.ipynb"
    return nbformat.read(path, as_version=4), path


def _fixture(name):
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / "fixtures" / "snippets" / name


def test_the_setup_cell_writes_the_files_the_snippets_read(project):
    notebook, _ = standalone_project(project)
    setup = code_cells(notebook)[0].source
    # Declared files and folders, and the helper module, with their exact contents.
    namespace = {}
    folder = project.root / "elsewhere"
    folder.mkdir()
    import os

    cwd = os.getcwd()
    os.chdir(folder)
    try:
        exec(compile(setup, "setup", "exec"), namespace)
    finally:
        os.chdir(cwd)
    for name in ("rows.csv", "lookup/names.txt", "_helper.py"):
        assert (folder / name).read_bytes() == project.snippet(name).read_bytes(), name
    assert callable(namespace["fresh_start"])
    reads = code_cells(notebook)[1].source
    assert reads.startswith("fresh_start()  # snippets/fx/reads_files.py starts here\n"
                            "__file__ = 'reads_files.py'")


def test_expected_errors_figures_and_counts_look_like_a_run_notebook(project):
    notebook, _ = standalone_project(project)
    cells = code_cells(notebook)
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    boom = next(c for c in cells if "values[10]" in c.source)
    assert boom.metadata.tags == ["raises-exception"]
    printed, error = boom.outputs
    assert printed.text == "about to fail\n"
    assert (error.output_type, error.ename, error.evalue) == (
        "error", "IndexError", "list index out of range")
    figure = next(c for c in cells if "plt.plot" in c.source).outputs[0]
    assert "image/png" in figure.data
    assert figure.data["text/plain"] == "A parabola through three points"  # the page's alt


@pytest.mark.slow
def test_the_notebook_runs_in_a_fresh_kernel_in_another_folder(project, tmp_path_factory):
    from nbclient import NotebookClient

    notebook, _ = standalone_project(project)
    stored = [c.outputs for c in code_cells(notebook)]
    folder = tmp_path_factory.mktemp("reader")  # not the project: nothing to find there
    env = reader_environment()
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute(env=env, cwd=str(folder))
    ran = [c.outputs for c in code_cells(notebook)]
    for want, got in zip(stored, ran):
        want_text = [o.text for o in want if o.output_type == "stream"]
        got_text = [o.text for o in got if o.output_type == "stream" and o.name == "stdout"]
        assert "".join(got_text) == "".join(want_text)
        assert [(o.ename, o.evalue) for o in got if o.output_type == "error"] == \
            [(o.ename, o.evalue) for o in want if o.output_type == "error"]
        assert sum("image/png" in o.get("data", {}) for o in got) == \
            sum("image/png" in o.get("data", {}) for o in want)


def test_two_snippets_needing_different_files_of_one_name_is_an_error(project, tmp_path):
    project.add("reads_files.py", "rows.csv")
    shutil.copytree(_fixture("lookup"), project.snippet("lookup"))
    other = project.root / "snippets" / "other"
    other.mkdir()
    (other / "reads_too.py").write_text("# depends: rows.csv\nprint(1)\n")
    (other / "rows.csv").write_text("different\n")
    snippets = [parse_snippet(project.snippet("reads_files.py"), "snippets/fx/reads_files.py"),
                parse_snippet(other / "reads_too.py", "snippets/other/reads_too.py")]
    with pytest.raises(ValueError, match="both need a file 'rows.csv'"):
        carried_files(Layout(project.root), tmp_path / "page.md", snippets)


def test_a_missing_or_too_large_dependency_is_an_error(project, tmp_path):
    snippet = project.snippet("big.py")
    snippet.write_text("# depends: nowhere.csv\nprint(1)\n")
    with pytest.raises(SnippetSyntaxError, match=r"'# depends: nowhere.csv': no such file"):
        parse_snippet(snippet, "snippets/fx/big.py")
    (snippet.parent / "nowhere.csv").write_bytes(b"0" * (MAX_CARRIED_BYTES + 1))
    with pytest.raises(ValueError, match="more than the"):
        carried_files(Layout(project.root), tmp_path / "page.md",
                      [parse_snippet(snippet, "snippets/fx/big.py")])


def test_binary_and_awkward_files_round_trip(project, tmp_path):
    from snippet_runner.notebooks import _write_file_line

    folder = tmp_path / "out"
    folder.mkdir()
    cases = {"a.bin": bytes(range(256)), "quotes.py": b"s = '''x''' + \"\"\"y\"\"\"\n",
             "slash.txt": b"ends with a backslash \\\n", "plain.py": b"print('hi')  # \\n\n",
             "nolf.txt": b"no newline"}
    import os

    cwd = os.getcwd()
    os.chdir(folder)
    try:
        for name, data in cases.items():
            exec("from pathlib import Path\n" + _write_file_line(name, data), {})
    finally:
        os.chdir(cwd)
    for name, data in cases.items():
        assert (folder / name).read_bytes() == data, name


def test_notebook_is_deterministic(project):
    notebook, path = standalone_project(project)
    layout = Layout(project.root)
    page = project.root / "docs/fx/standalone.md"
    assert notebook_for(layout, page) == notebook_for(layout, page) == path.read_text()


def test_a_folded_answer_is_a_code_cell_with_its_output(project):
    """The build runs a folded answer's code: the notebook too, where the page shows it."""
    project.add("sections.py")
    page = project.add_page("sections.md")
    text = page.read_text()
    shown = text[text.index("```python\n--8<-- \"snippets/fx/sections.py:use\""):
                 text.index("## Summary")]
    folded = "".join("    " + line if line.strip() else line
                     for line in shown.splitlines(keepends=True))
    page.write_text(text.replace(shown, '??? success "Answer"\n' + folded))
    result, _ = run_build(project.root)
    notebook = json.loads((project.root / result.notebooks[0]).read_text())
    *_, title, answer, summary = notebook["cells"]
    assert "".join(title["source"]).endswith("> **Answer**")
    assert "".join(answer["source"]) == 'print("use", y.tolist())'
    assert answer["outputs"][0]["text"] == ["use [0, 2, 4, 6]\n"]
    assert "--8<--" not in "".join(summary["source"])


def faithful_project(project):
    """A page with two interleaved files, code answers folded on the page, an exercise that
    follows such an answer, and an expected error that is not a built-in one."""
    project.add("interleaved_a.py", "interleaved_b.py", "folded_exercises.py")
    project.add_page("faithful.md")
    result, log = run_build(project.root)
    assert result.ok and not result.failed, log
    path = project.root / "docs/generated/notebooks/fx/faithful.ipynb"
    return nbformat.read(path, as_version=4), path


def test_folded_answers_are_code_cells_and_each_file_keeps_its_own_names(project):
    notebook, _ = faithful_project(project)
    cells = code_cells(notebook)[1:]
    sources = [cell.source for cell in cells]
    assert sources[0].startswith("fresh_start()  # snippets/fx/interleaved_a.py starts here\n")
    assert sources[1].startswith("set_aside('snippets/fx/interleaved_a.py')")
    assert sources[1].splitlines()[1] == "fresh_start()  # snippets/fx/interleaved_b.py starts here"
    assert sources[2].startswith("resume('snippets/fx/interleaved_a.py')")
    assert sources[3].startswith("fresh_start()  # snippets/fx/folded_exercises.py starts here")
    # The folded answer runs (a code cell, output attached); the exercise after it follows it.
    assert "noise = torch.randn(3)" in sources[3] and cells[3].outputs[0].text.startswith("tensor(")
    assert "noise.shape" in sources[4] and cells[4].outputs == []
    assert cells[4].metadata.page["output_in_answer"].startswith("torch.Size([3])")
    bug, fixed = cells[5], cells[6]
    assert bug.metadata.tags == ["raises-exception"]
    assert "torch.autograd.gradcheck.GradcheckError: Jacobian mismatch" in \
        bug.metadata.page["output_in_answer"]
    assert fixed.outputs[0].text == "True\n"
    assert [cell.metadata.page["line"] for cell in cells] == [5, 13, 23, 36, 46, 59, 70]
    answers = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    assert not any("--8<--" in text or "noise = torch" in text for text in answers)
    assert answers[-1] == "> `gradcheck` now returns `True`."  # after a cell, the quote goes on


def test_a_notebook_of_a_page_with_files_interleaved_runs_as_the_build_ran_it(project):
    """Kernel-free: the code cells, run one after another in one namespace as a kernel runs
    them, print what the build printed: each file sees only its own names and random state."""
    import contextlib
    import io

    notebook, _ = faithful_project(project)
    namespace = {"__name__": "__main__"}
    for cell in code_cells(notebook):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            try:
                exec(compile(cell.source, "cell", "exec"), namespace)
            except Exception as error:  # noqa: BLE001 - the expected error of its cell
                assert "raises-exception" in cell.metadata.get("tags", []), error
                continue
        shown = "".join(o.text for o in cell.outputs if o.output_type == "stream") + \
            cell.metadata.get("page", {}).get("output_in_answer", "")
        assert printed.getvalue() == shown, cell.source


@pytest.mark.slow
def test_the_fixture_page_notebook_passes_the_notebook_test(project):
    """The check that tests/site runs on every notebook, on this fixture page, in a kernel."""
    from ..site.test_notebooks import _execute, check_run

    _, path = faithful_project(project)
    text, error, _, folder = _execute(str(path))
    check_run("fx/faithful.ipynb", nbformat.read(path, as_version=4),
              nbformat.reads(text, as_version=4), error, folder, exact=True)  # made here
