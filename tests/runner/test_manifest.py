"""Staleness: what makes an output stale, and what ``check`` reports (and how it says it)."""

import json

import pytest
from snippet_runner.keys import (
    Environment,
    cache_key,
    local_imports,
    pinned_versions,
    snippet_inputs,
)
from snippet_runner.paths import Layout
from snippet_runner.pipeline import check
from snippet_runner.sources import parse_snippet

from .helpers import built_once, copy_of, run_build


@pytest.fixture(scope="module")
def built_tree(tmp_path_factory):
    project = built_once(tmp_path_factory, "sections.py", "_helper.py", "uses_helper.py",
                         "figures.py")
    assert check(Layout(project.root)) == []
    return project


@pytest.fixture
def built(built_tree, tmp_path):
    return copy_of(built_tree, tmp_path / "copy")


def problems(project) -> list[str]:
    return [str(p) for p in check(Layout(project.root))]


def test_editing_a_snippet_makes_it_stale_and_says_so(built):
    path = built.snippet("sections.py")
    path.write_text(path.read_text().replace("arange(4)", "arange(5)"))
    assert problems(built) == ["snippets/fx/sections.py: stale: snippets/fx/sections.py changed"]


def test_editing_an_imported_local_module_makes_its_importer_stale(built):
    built.snippet("_helper.py").write_text('GREETING = "changed"\n')
    assert problems(built) == ["snippets/fx/uses_helper.py: stale: snippets/fx/_helper.py changed"]


def test_changing_a_locked_version_makes_everything_stale_with_one_line(built):
    lock = built.root / "requirements.lock"
    lock.write_text(lock.read_text().replace("scikit-learn==1.9.1", "scikit-learn==1.9.2"))
    found = check(Layout(built.root))
    assert {p.what for p in found} == {"stale: scikit-learn 1.9.1 → 1.9.2"} and len(found) == 3
    from snippet_runner.problems import summarised

    assert summarised(found, limit=2) == [
        "3 snippets: stale: scikit-learn 1.9.1 → 1.9.2 (snippets/fx/figures.py, "
        "snippets/fx/sections.py and 1 more)"]


def test_hand_edited_missing_and_orphaned_outputs_are_reported(built):
    built.output("sections.py", "use").write_text("use [made up]\n")
    (built.root / "docs/generated/fx/figures/shown-1.png").unlink()
    (built.root / "docs/generated/fx/stray.txt").write_text("?\n")
    built.snippet("uses_helper.py").unlink()
    assert problems(built) == [
        "snippets/fx/figures.py: missing output docs/generated/fx/figures/shown-1.png",
        "snippets/fx/sections.py: output docs/generated/fx/sections/use.txt was changed by hand",
        "snippets/fx/uses_helper.py: orphaned manifest entry: the snippet no longer exists",
        "docs/generated/fx/stray.txt: no snippet's manifest entry claims this file; the build "
        "never deletes such files: delete it if nothing needs it",
    ]


def test_a_build_repairs_what_check_reports_and_keeps_unclaimed_files(built):
    built.output("sections.py", "use").write_text("use [made up]\n")
    built.snippet("uses_helper.py").unlink()
    (built.root / "docs/generated/fx/stray.txt").write_text("?\n")
    result, _ = run_build(built.root)
    assert [o.snippet.rel for o in result.ran] == ["snippets/fx/sections.py"]
    assert not (built.root / "docs/generated/fx/uses_helper").exists()
    assert (built.root / "docs/generated/fx/stray.txt").exists()
    assert [p.split(":")[0] for p in problems(built)] == ["docs/generated/fx/stray.txt"]


def test_no_op_build_runs_nothing(built):
    result, _ = run_build(built.root)
    assert result.ran == [] and result.skipped == 3


def test_manifest_records_inputs_environment_and_device(built):
    data = json.loads((built.root / "docs/generated/manifest.json").read_text())
    entry = data["snippets"]["snippets/fx/uses_helper.py"]
    assert sorted(entry["inputs"]) == ["snippets/fx/_helper.py", "snippets/fx/uses_helper.py"]
    assert entry["device"] == "cpu" and entry["torch"].startswith("2.")
    environment = data["environments"][entry["environment"]]
    assert environment["platform"] and environment["python"].count(".") == 1
    assert environment["packages"]["torch"] == "2.13.0"
    assert {"paths.py", "keys.py", "child.py"} <= set(environment["runner"])


def test_key_inputs(project):
    project.add("_helper.py", "uses_helper.py")
    layout = Layout(project.root)
    assert pinned_versions(layout.requirements_lock)["scikit-learn"] == "1.9.1"
    assert [p.name for p in local_imports(project.snippet("uses_helper.py"), layout)] == ["_helper.py"]
    snippet = parse_snippet(project.snippet("uses_helper.py"), "snippets/fx/uses_helper.py")
    inputs = snippet_inputs(snippet, layout)
    here = Environment.current(layout)
    other_runner = Environment(here.python, here.platform, here.packages,
                               {**here.runner, "paths.py": "0" * 64}, here.numeric)
    assert cache_key(inputs, here) != cache_key(inputs, other_runner)
    assert other_runner.changes_since(here) == ["runner module paths.py changed"]
    other_profile = Environment(here.python, here.platform, here.packages, here.runner,
                                {**here.numeric, "MKL_CBWR": "AUTO"})
    assert cache_key(inputs, here) != cache_key(inputs, other_profile)
    assert other_profile.changes_since(here)[0].startswith("numeric profile ")


def test_missing_lock_is_a_clear_error(project):
    (project.root / "requirements.lock").unlink()
    with pytest.raises(FileNotFoundError, match="requirements.lock is missing: run `make lock`"):
        pinned_versions(project.root / "requirements.lock")


def test_lock_out_of_date_with_requirements_is_reported(project):
    requirements = project.root / "requirements.txt"
    requirements.write_text(requirements.read_text().replace("numpy==2.4.6", "numpy==2.4.7"))
    assert "requirements.lock: out of date: numpy==2.4.7 in requirements.txt, 2.4.6 in " \
           "requirements.lock; run `make lock`" in problems(project)


def test_a_build_warns_when_installed_versions_differ_from_the_lock(project):
    lock = project.root / "requirements.lock"
    lock.write_text(lock.read_text().replace("numpy==2.4.6", "numpy==1.0.0"))
    _, log = run_build(project.root)
    assert "installed here, not as requirements.lock says: numpy 2.4.6 (lock: 1.0.0)" in log
