"""The build never touches what is not its own, and never loses an output it cannot rebuild."""

import json
from pathlib import Path

import pytest
from snippet_runner.manifest import Manifest, ManifestError
from snippet_runner.paths import Layout, unsafe_output_path
from snippet_runner.pipeline import check

from .helpers import built_once, cli, copy_of, run_build


@pytest.fixture(scope="module")
def built_tree(tmp_path_factory):
    return built_once(tmp_path_factory, "sections.py", "quick.py")


@pytest.fixture
def built(built_tree, tmp_path):
    return copy_of(built_tree, tmp_path / "copy")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in ("manifest.json", ".build.lock")}


@pytest.mark.parametrize("bad", ["README.md", "docs/../README.md", "../outside.txt", "/tmp/x.txt",
                                 "C:/x.txt", "docs/generated/manifest.json", "docs/generated"])
def test_unsafe_output_paths(bad):
    assert unsafe_output_path(bad)
    assert unsafe_output_path("docs/generated/fx/quick/main.txt") is None


@pytest.mark.parametrize("bad", ["README.md", "../outside.txt"])
def test_manifest_paths_outside_generated_are_refused_and_nothing_is_deleted(built, bad):
    (built.root / "README.md").write_text("keep me\n")
    (built.root.parent / "outside.txt").write_text("keep me too\n")
    manifest = built.root / "docs/generated/manifest.json"
    data = json.loads(manifest.read_text())
    data["snippets"]["snippets/fx/gone.py"] = {**data["snippets"]["snippets/fx/quick.py"],
                                               "outputs": {bad: "0" * 64}}
    manifest.write_text(json.dumps(data))
    before = files(built.root)
    for args in ((), ("--check",), ("--verify",)):
        run = cli(built.root, *args)
        assert run.returncode == 1, args
        assert f"manifest.json: entry 'snippets/fx/gone.py': output '{bad}' is" in run.stderr
        assert "nothing was deleted" in run.stderr
    assert files(built.root) == before
    assert (built.root.parent / "outside.txt").read_text() == "keep me too\n"
    with pytest.raises(ManifestError):
        Manifest.read(manifest)


@pytest.mark.parametrize("damage, why", [
    ("{", "unreadable (Expecting property name"),
    ('{"format": 1, "snippets": {}}', "format 1, this runner reads format 2"),
    ('{"format": 2, "snippets": []}', "malformed (AttributeError"),
])
def test_corrupt_or_other_format_manifest_is_read_as_empty_and_said_so(built, damage, why):
    (built.root / "docs/generated/manifest.json").write_text(damage)
    manifest = Manifest.read(built.root / "docs/generated/manifest.json")
    assert manifest.entries == {} and manifest.unusable and manifest.unusable.startswith(why)
    found = [str(p) for p in check(Layout(built.root))]
    assert found[0].startswith(f"docs/generated/manifest.json: {why}")
    assert found[0].endswith("the next build rebuilds every snippet and keeps every existing output")


def test_missing_manifest_loses_no_output_even_when_a_rebuild_fails(built):
    (built.root / "docs/generated/manifest.json").unlink()
    (built.root / "docs/generated/fx/yours.txt").write_text("not the build's\n")
    path = built.snippet("sections.py")
    path.write_text(path.read_text().replace('print("use", y.tolist())', "print(undefined)"))
    before = files(built.root)
    run = cli(built.root)
    assert run.returncode == 1 and "FAILED snippets/fx/sections.py" in run.stderr
    assert "every selected snippet is rebuilt; existing files under docs/generated/ are kept" \
        in run.stderr
    assert files(built.root) == before  # sections' last good outputs are still there
    found = [str(p) for p in check(Layout(built.root))]
    assert "snippets/fx/sections.py: never built (no manifest entry)" in found
    assert any(p.startswith("docs/generated/fx/yours.txt: no snippet's manifest entry claims")
               for p in found)


def test_leftover_temporary_files_are_flagged_then_removed(built):
    leftover = built.root / "docs/generated/fx/quick/.main.txt.x1y2.tmp"
    leftover.write_text("half a file")
    assert [str(p) for p in check(Layout(built.root))] == [
        "docs/generated/fx/quick/.main.txt.x1y2.tmp: temporary file left by an interrupted "
        "write (the next build removes it)"]
    result, _ = run_build(built.root, patterns=["quick"])
    assert result.ran == [] and not leftover.exists() and check(Layout(built.root)) == []


def test_ctrl_c_while_outputs_are_stored_waits_for_their_manifest_entry(project, monkeypatch,
                                                                      request):
    """A signal between writing a snippet's outputs and its manifest entry must not split them
    (it did: `test_ctrl_c_leaves_finished_outputs_and_no_partial_files` failed now and then)."""
    import os
    import signal

    from snippet_runner import pipeline

    write_outputs = pipeline.write_outputs

    def interrupted_midway(*args, **kwargs):  # type: ignore[no-untyped-def]
        written = write_outputs(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C right after the outputs, before the entry
        return written

    monkeypatch.setattr(pipeline, "write_outputs", interrupted_midway)
    # Ctrl-C as in a terminal, even where this test runs with SIGINT ignored (`make test &`).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    project.add("quick.py")
    with pytest.raises(KeyboardInterrupt):
        run_build(project.root, jobs=1)
    assert project.output("quick.py").exists()
    manifest = Manifest.read(project.root / "docs/generated/manifest.json")
    assert "snippets/fx/quick.py" in manifest.entries, "outputs stored without their entry"
