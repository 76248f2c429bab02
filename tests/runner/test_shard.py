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


def test_two_merged_shards_equal_one_build(project, tmp_path):
    project.add("sections.py", "figures.py", "quick.py", "raises.py", "_helper.py",
                "uses_helper.py")
    project.add_page("sections.md")
    result, _ = run_build(project.root)
    assert result.ok
    copies = {}
    for name in ("one", "two", "merged"):
        copies[name] = tmp_path / name
        shutil.copytree(project.root, copies[name])
    first, _ = run_build(copies["one"], force=True, shard=(1, 2))
    second, _ = run_build(copies["two"], force=True, shard=(2, 2))
    ran = sorted(o.snippet.rel for o in [*first.ran, *second.ran])
    assert ran == sorted(entries(project.root)) and first.ran and second.ran
    assert [str(p) for p in check(Layout(copies["one"]))][0].endswith(
        "written by shard 1/2 of a sharded build: combine the shards with --merge")

    reporter = Reporter(Console(file=io.StringIO()))
    layout = Layout(copies["merged"])
    with pytest.raises(ManifestError, match="every shard of one build exactly once; got 1/2"):
        merge(layout, reporter, [copies["one"] / "docs/generated"])
    differences, skipped = merge(layout, reporter, [copies[n] / "docs/generated"
                                                    for n in ("one", "two")])
    assert differences == [] and skipped == []
    assert check(layout) == []
    assert contents(copies["merged"]) == contents(project.root)
    assert entries(copies["merged"]) == entries(project.root)
