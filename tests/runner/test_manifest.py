"""Staleness: what makes an output stale, and what ``check`` reports."""

import pytest

from snippet_runner.manifest import KeyInputs, cache_key, local_imports, pinned_versions
from snippet_runner.paths import Layout
from snippet_runner.pipeline import check
from snippet_runner.sources import parse_snippet

from .helpers import run_build


@pytest.fixture
def built(project):
    project.add("sections.py", "_helper.py", "uses_helper.py", "figures.py")
    result, _ = run_build(project.root)
    assert result.ok and check(Layout(project.root)) == []
    return project


def problems(project) -> list[str]:
    return [str(p) for p in check(Layout(project.root))]


def test_editing_a_snippet_makes_it_stale(built):
    path = built.snippet("sections.py")
    path.write_text(path.read_text().replace("arange(4)", "arange(5)"))
    assert problems(built) == ["snippets/fx/sections.py: stale: the snippet, a local module it "
                               "imports, the runner or a pinned version changed"]


def test_editing_an_imported_local_module_makes_its_importer_stale(built):
    built.snippet("_helper.py").write_text('GREETING = "changed"\n')
    assert [p.split(":")[0] for p in problems(built)] == ["snippets/fx/uses_helper.py"]


def test_changing_a_pinned_version_makes_everything_stale(built):
    requirements = built.root / "requirements.txt"
    requirements.write_text(requirements.read_text().replace("matplotlib==", "matplotlib==0.0."))
    assert len(problems(built)) == 3


def test_hand_edited_missing_and_orphaned_outputs_are_reported(built):
    built.output("sections.py", "use").write_text("use [made up]\n")
    (built.root / "docs/generated/fx/figures/shown-1.png").unlink()
    (built.root / "docs/generated/fx/stray.txt").write_text("?\n")
    built.snippet("uses_helper.py").unlink()
    assert problems(built) == [
        "snippets/fx/figures.py: missing output docs/generated/fx/figures/shown-1.png",
        "snippets/fx/sections.py: output docs/generated/fx/sections/use.txt was changed by hand",
        "snippets/fx/uses_helper.py: orphaned manifest entry: the snippet no longer exists",
        "docs/generated/fx/stray.txt: orphaned output: no snippet produces it",
    ]


def test_a_build_repairs_what_check_reports(built):
    built.output("sections.py", "use").write_text("use [made up]\n")
    built.snippet("uses_helper.py").unlink()
    result, _ = run_build(built.root)
    assert [o.snippet.rel for o in result.ran] == ["snippets/fx/sections.py"]
    assert problems(built) == []
    assert not (built.root / "docs/generated/fx/uses_helper").exists()


def test_no_op_build_runs_nothing(built):
    result, _ = run_build(built.root)
    assert result.ran == [] and result.skipped == 3


def test_key_inputs(project):
    project.add("_helper.py", "uses_helper.py")
    layout = Layout(project.root)
    assert set(pinned_versions(layout.requirements)) == {"torch", "numpy", "matplotlib"}
    assert [p.name for p in local_imports(project.snippet("uses_helper.py"), layout)] == ["_helper.py"]
    snippet = parse_snippet(project.snippet("uses_helper.py"), "snippets/fx/uses_helper.py")
    inputs = KeyInputs.load(layout)
    other_runner = KeyInputs(runner="0" * 64, pins=inputs.pins)
    assert cache_key(snippet, layout, inputs) != cache_key(snippet, layout, other_runner)


def test_missing_pin_is_a_clear_error(project):
    (project.root / "requirements.txt").write_text("torch>=2\nnumpy==2.0\nmatplotlib==3.9\n")
    with pytest.raises(ValueError, match="no exact '==' pin for torch"):
        pinned_versions(project.root / "requirements.txt")
