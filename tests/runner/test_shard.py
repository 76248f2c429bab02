"""``--shard K/N`` splits the snippets by recorded time; ``--merge`` equals one whole build."""

import io
import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from snippet_runner.manifest import ManifestError
from snippet_runner.paths import Layout
from snippet_runner.pipeline import check, merge
from snippet_runner.plan import shards
from snippet_runner.report import Reporter
from snippet_runner.sources import Snippet

from .helpers import run_build


def fake(rel: str) -> Snippet:
    return Snippet(rel=rel, path=Path(rel), source="", sections=())


def test_shards_balance_recorded_time_deterministically():
    snippets = [fake(f"snippets/c/{name}.py") for name in "abcdef"]
    durations = {"snippets/c/a.py": 5.0, "snippets/c/b.py": 3.0, "snippets/c/c.py": 2.0,
                 "snippets/c/d.py": 2.0, "snippets/c/e.py": 1.0}  # f: never run -> median
    groups = shards(snippets, durations, 2)
    assert [[s.rel[-4] for s in group] for group in groups] == [["a", "d", "e"], ["b", "c", "f"]]
    assert shards(list(reversed(snippets)), durations, 2) == groups
    assert sorted(s.rel for g in shards(snippets, {}, 4) for s in g) == [s.rel for s in snippets]


def contents(root: Path) -> dict[str, bytes]:
    generated = root / "docs" / "generated"
    return {p.relative_to(generated).as_posix(): p.read_bytes()
            for p in sorted(generated.rglob("*"))
            if p.is_file() and p.name not in (".build.lock", "manifest.json")}


def entries(root: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    data = json.loads((root / "docs/generated/manifest.json").read_text())
    return {rel: {k: v for k, v in entry.items() if k not in ("duration", "built")}
            for rel, entry in data["snippets"].items()}


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """A built fixture project and its two shard builds (copies), made once per module."""
    from ..conftest import FixtureProject

    root = tmp_path_factory.mktemp("sharded")
    project = FixtureProject(root / "project")
    project.add("sections.py", "figures.py", "quick.py", "raises.py", "_helper.py",
                "uses_helper.py")
    project.add_page("sections.md")
    result, _ = run_build(project.root)
    assert result.ok
    copies = {}
    for name in ("one", "two"):
        copies[name] = root / name
        shutil.copytree(project.root, copies[name])
    first, _ = run_build(copies["one"], force=True, shard=(1, 2))
    second, _ = run_build(copies["two"], force=True, shard=(2, 2))
    ran = sorted(o.snippet.rel for o in [*first.ran, *second.ran])
    assert ran == sorted(entries(project.root)) and first.ran and second.ran
    return project.root, copies


@pytest.fixture
def target(sharded, tmp_path):
    """A fresh copy of the built project to merge into."""
    shutil.copytree(sharded[0], tmp_path / "merged")
    return Layout(tmp_path / "merged")


def _merge(layout, *folders):
    return merge(layout, Reporter(Console(file=io.StringIO())), list(folders))


def _shard_copy(sharded, name, tmp_path):
    """A private copy of one shard's docs/generated folder, to tamper with."""
    copy = tmp_path / f"shard-{name}"
    shutil.copytree(sharded[1][name] / "docs/generated", copy)
    return copy


def test_two_merged_shards_equal_one_build(sharded, target):
    root, copies = sharded
    assert [str(p) for p in check(Layout(copies["one"]))][0].endswith(
        "written by shard 1/2 of a sharded build: combine the shards with --merge")
    with pytest.raises(ManifestError, match="every shard of one build exactly once; got 1/2"):
        _merge(target, copies["one"] / "docs/generated")
    compared = _merge(target, *(copies[n] / "docs/generated" for n in ("one", "two")))
    assert compared.problems == [] and compared.count("not compared") == 0
    assert compared.count("identical") == len(entries(root)) == len(compared.items)
    assert check(target) == []
    assert contents(target.root) == contents(root)
    assert entries(target.root) == entries(root)


def _edit_manifest(folder, change):
    path = folder / "manifest.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_symlinked_shard_output_is_refused(sharded, target, tmp_path):
    one = _shard_copy(sharded, "one", tmp_path)
    data = json.loads((one / "manifest.json").read_text())
    rel = data["shard"]["snippets"][0]
    output = one / Path(sorted(data["snippets"][rel]["outputs"])[0]).relative_to("docs/generated")
    secret = tmp_path / "hostname"
    secret.write_bytes(output.read_bytes())  # even with the right digest
    output.unlink()
    output.symlink_to(secret)
    before = contents(target.root)
    with pytest.raises(ManifestError, match="a symbolic link"):
        _merge(target, one, sharded[1]["two"] / "docs/generated")
    assert contents(target.root) == before


def test_shards_must_cover_every_snippet_once(sharded, target, tmp_path):
    one = _shard_copy(sharded, "one", tmp_path)
    dropped = json.loads((one / "manifest.json").read_text())["shard"]["snippets"][0]

    def drop(data):
        data["shard"]["snippets"].remove(dropped)
        data["snippets"].pop(dropped, None)

    _edit_manifest(one, drop)
    with pytest.raises(ManifestError, match=f"no shard built {dropped}"):
        _merge(target, one, sharded[1]["two"] / "docs/generated")


def test_a_ghost_entry_in_a_shard_is_refused(sharded, target, tmp_path):
    one = _shard_copy(sharded, "one", tmp_path)

    def add_ghost(data):
        rel = data["shard"]["snippets"][0]
        data["shard"]["snippets"].append("snippets/fx/ghost.py")
        data["snippets"]["snippets/fx/ghost.py"] = data["snippets"][rel]

    _edit_manifest(one, add_ghost)
    with pytest.raises(ManifestError, match=r"no such snippet here \(a ghost entry\): snippets/fx/ghost.py"):
        _merge(target, one, sharded[1]["two"] / "docs/generated")


def test_a_ghost_entry_in_the_manifest_deletes_no_live_output(project):
    project.add("quick.py")
    assert run_build(project.root)[0].ok
    manifest = project.root / "docs/generated/manifest.json"
    data = json.loads(manifest.read_text())
    data["snippets"]["snippets/fx/gone.py"] = data["snippets"]["snippets/fx/quick.py"]
    manifest.write_text(json.dumps(data))
    result, report = run_build(project.root)
    assert result.ok and project.output("quick.py").is_file()
    assert "claims docs/generated/fx/quick/main.txt, which another snippet makes: kept" in report
    assert check(Layout(project.root)) == []
