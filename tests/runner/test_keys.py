"""The key sees every input: imports in any static form, declared files, the environment."""

import shutil
from pathlib import Path

import pytest
from snippet_runner import pipeline
from snippet_runner.keys import local_imports
from snippet_runner.paths import Layout
from snippet_runner.pipeline import check
from snippet_runner.sources import discover

from .helpers import built_once, copy_of, run_build

KEYS = Path(__file__).parents[1] / "fixtures" / "keys"


@pytest.fixture
def tree(project):
    shutil.rmtree(project.root / "snippets" / "fx")
    shutil.copytree(KEYS, project.root / "snippets" / "fx")
    return project


def problems(project) -> list[str]:
    return [str(p) for p in check(Layout(project.root))]


def test_imports_in_every_static_form_with_parent_packages(tree):
    found = local_imports(tree.snippet("uses_pkg.py"), Layout(tree.root))
    assert [p.relative_to(tree.root / "snippets/fx").as_posix() for p in found] == [
        "_dyn.py", "_pkg/__init__.py", "_pkg/_inner.py", "_pkg/mod.py"]


def test_files_in_a_declared_folder_are_not_snippets(tree):
    snippets, errors = discover(Layout(tree.root))
    assert errors == []
    assert [s.rel for s in snippets] == ["snippets/fx/reads_data.py", "snippets/fx/uses_pkg.py"]
    assert snippets[0].depends == ("snippets/fx/data.csv", "snippets/fx/hub/")


@pytest.fixture(scope="module")
def built_tree(tmp_path_factory):
    project = built_once(tmp_path_factory)
    shutil.rmtree(project.root / "snippets" / "fx")
    shutil.copytree(KEYS, project.root / "snippets" / "fx")
    result, _ = run_build(project.root)
    assert result.ok, [o.error for o in result.ran]
    assert project.output("reads_data.py").read_text() == (
        "x,y\n1,2\n# hubconf: read by reads_data.py, not a snippet of its own\n")
    assert problems(project) == []
    return project


@pytest.fixture
def built(built_tree, tmp_path):
    return copy_of(built_tree, tmp_path / "copy")


@pytest.mark.parametrize("edited, stale", [
    ("hub/hubconf.py", "reads_data.py"),
    ("data.csv", "reads_data.py"),
    ("_dyn.py", "uses_pkg.py"),
    ("_pkg/_inner.py", "uses_pkg.py"),
    ("_pkg/__init__.py", "uses_pkg.py"),
])
def test_editing_any_input_makes_exactly_its_snippet_stale(built, edited, stale):
    path = built.root / "snippets/fx" / edited
    path.write_text(path.read_text() + "# edited\n")
    assert problems(built) == [f"snippets/fx/{stale}: stale: snippets/fx/{edited} changed"]


def test_a_new_file_in_a_declared_folder_is_an_input(built):
    (built.root / "snippets/fx/hub/weights.txt").write_text("1.0\n")
    assert problems(built) == ["snippets/fx/reads_data.py: stale: snippets/fx/hub/weights.txt added"]


def test_the_key_is_computed_before_the_run(tree, monkeypatch):
    """An edit made while the snippet runs leaves it stale, not recorded as fresh."""
    real = pipeline.Executor.run

    def run_then_edit(self, snippets, durations, on_start=lambda s: None):  # type: ignore[no-untyped-def]
        for outcome in real(self, snippets, durations, on_start):
            data = tree.root / "snippets/fx/data.csv"
            data.write_text("edited during the build\n")
            yield outcome

    monkeypatch.setattr(pipeline.Executor, "run", run_then_edit)
    result, _ = run_build(tree.root)
    assert result.ok
    assert problems(tree) == ["snippets/fx/reads_data.py: stale: snippets/fx/data.csv changed"]


@pytest.mark.parametrize("line, message", [
    ("# depends: missing.csv", "snippets/fx/bad.py:1: '# depends: missing.csv': no such file"),
    ("# depends: hub", "snippets/fx/bad.py:1: '# depends: hub' is a folder: write it with a trailing '/'"),
    ("# depends: nowhere/", "snippets/fx/bad.py:1: '# depends: nowhere/': no such folder"),
    ("# depends: ../../README.md", "snippets/fx/bad.py:1: '# depends: ../../README.md' is outside snippets/"),
])
def test_bad_depends_lines_name_file_and_line(tree, line, message):
    (tree.root / "README.md").write_text("readme\n")
    tree.snippet("bad.py").write_text(f"{line}\nprint(1)\n")
    _, errors = discover(Layout(tree.root))
    assert [str(e) for e in errors] == [message + (" next to bad.py" if "no such" in message else "")]
