"""The build touches only what it owns, and every failure is a message (issue 17, items 4 and 6).

Each test is one attack or mishap from the issue, with what the build does now.
"""

import errno
import json
from pathlib import Path

import pytest
from snippet_runner import execute, sandbox
from snippet_runner.paths import Layout
from snippet_runner.plan import make_plan

from .helpers import built_once, cli, copy_of, outcome, run_build

needs_landlock = pytest.mark.skipif(not sandbox.available(),
                                    reason="the kernel offers no Landlock (ABI 2+)")


@pytest.fixture(scope="module")
def built_tree(tmp_path_factory):
    return built_once(tmp_path_factory, "quick.py")


@pytest.fixture
def built(built_tree, tmp_path):
    copy = copy_of(built_tree, tmp_path / "copy")
    (copy.root / "README.md").write_text("the project's own\n")
    return copy


def everything(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink()}


@needs_landlock
def test_a_snippet_cannot_write_delete_or_create_outside_its_scratch_folder(built):
    built.add("writes_outside.py")
    result, report = run_build(built.root)
    failed = outcome(result, "writes_outside.py")
    assert not failed.ok and failed.line == 12
    assert failed.error == (
        "PermissionError: [Errno 13] Permission denied: './README.md' (a snippet may create, "
        "change or delete files only in its working folder and its temporary folder: the build "
        "refused a write outside them)")
    assert "refused: [Errno 13] Permission denied: './snippets/fx/planted.py'" in failed.tail
    assert "refused: [Errno 13] Permission denied: './docs/generated/fx/quick/main.txt'" \
        in failed.tail
    assert (built.root / "README.md").read_text() == "the project's own\n"
    assert not built.snippet("planted.py").exists()
    assert built.output("quick.py").read_text() == "quick done\n"


def test_without_a_sandbox_changes_to_the_repository_are_found_and_named(built, monkeypatch):
    monkeypatch.setattr(sandbox, "available", lambda: False)
    built.add("writes_outside.py")
    result, _ = run_build(built.root, jobs=1)
    failed = outcome(result, "writes_outside.py")
    assert not failed.ok
    assert failed.error == ("changed files outside its scratch folder: README.md (changed), "
                            "snippets/fx/planted.py (created)")


def test_saved_images_are_never_read_through_a_link(built, monkeypatch):
    secret = built.root / "secret.txt"
    secret.write_text("SECRET_TOKEN=hunter2\n")
    built.add("saved_tricks.py")
    source = built.snippet("saved_tricks.py")
    source.write_text(source.read_text() + 'os.symlink("../../secret.txt", "secret.png")\n')
    result, _ = run_build(built.root)
    assert result.ok
    tricks = outcome(result, "saved_tricks.py")
    assert tricks.saved == {"main": {}}  # both links ignored: no output, nothing read
    for name, data in everything(built.root / "docs").items():
        assert b"hunter2" not in data and b"PATH=" not in data, name


@pytest.mark.parametrize("name, message", [
    ("saved_huge.py", "saved image 'huge.png' is larger than 20.0 MB, more than a page should "
                      "show: save it smaller"),
    ("saved_number.py", "saved image '1.png': give it a name that starts with a letter"),
])
def test_saved_images_have_a_size_limit_and_names_that_cannot_be_figures(built, name, message):
    built.add(name)
    result, _ = run_build(built.root, patterns=[name])
    failed = outcome(result, name)
    assert not failed.ok and failed.error.startswith(message) and failed.line == 1
    assert not (built.root / "docs/generated/fx" / Path(name).stem).exists()


def test_a_linked_output_folder_is_never_written_into_nor_deleted_from(built):
    elsewhere = built.root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "main.txt").write_text("keep\n")
    folder = built.root / "docs/generated/fx/quick"
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()
    folder.symlink_to(elsewhere)
    result, _ = run_build(built.root, force=True)
    failed = outcome(result, "quick.py")
    assert not failed.ok and failed.error == (
        "its outputs could not be stored: 'docs/generated/fx/quick/main.txt': "
        "docs/generated/fx/quick is a symbolic link; the build writes, deletes and reads only "
        "real folders and files under docs/generated/: remove the link")
    assert (elsewhere / "main.txt").read_text() == "keep\n"
    run = cli(built.root, "--check")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "docs/generated/fx/quick is a symbolic link" in run.stderr
    built.snippet("quick.py").unlink()  # its outputs are deleted: not through the link
    run = cli(built.root)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "docs/generated/fx/quick is a symbolic link" in run.stderr
    assert (elsewhere / "main.txt").read_text() == "keep\n"


def test_a_full_disk_while_storing_fails_that_snippet_and_the_build_goes_on(built,
                                                                             monkeypatch):
    from snippet_runner import outputs

    write = outputs.atomic_write_bytes

    def full_for_sections(path: Path, data: bytes) -> None:
        if "sections" in path.as_posix():
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        write(path, data)

    monkeypatch.setattr(outputs, "atomic_write_bytes", full_for_sections)
    built.add("sections.py", "random_values.py")
    result, report = run_build(built.root)
    failed = outcome(result, "sections.py")
    assert failed.error == ("its outputs could not be stored: docs/generated/fx/sections/"
                            "setup.txt: No space left on device")
    assert outcome(result, "random_values.py").ok
    assert built.output("random_values.py").is_file()
    assert "FAILED snippets/fx/sections.py: its outputs could not be stored" in report


def test_a_snippet_deleted_while_the_build_runs_is_a_message(built, monkeypatch):
    start = execute.Executor._start

    def start_then_delete(self, snippet, workdir):  # type: ignore[no-untyped-def]
        running = start(self, snippet, workdir)
        if snippet.rel.endswith("quick.py"):
            snippet.path.unlink()
        return running

    monkeypatch.setattr(execute.Executor, "_start", start_then_delete)
    built.add("sections.py")
    result, report = run_build(built.root, force=True)
    assert outcome(result, "quick.py").error == (
        "the snippet file was deleted (or renamed) while the build ran: its outputs were not "
        "stored")
    assert outcome(result, "sections.py").ok and "Traceback" not in report


def test_a_snippet_that_fills_its_scratch_folder_is_stopped_and_named(project, monkeypatch):
    monkeypatch.setattr(execute, "MAX_SCRATCH_BYTES", 10_000_000)
    project.add("fills_scratch.py")
    result, _ = run_build(project.root)
    failed = outcome(result, "fills_scratch.py")
    assert failed.error.startswith("kept ") and failed.error.endswith(
        "of files in its scratch folder (working and temporary folder), more than the 10.0 MB "
        "a snippet may: write less, or delete files it no longer needs")
    assert failed.duration < 20


def test_a_full_scratch_disk_is_blamed_on_the_snippet_that_filled_it(project):
    project.add("holds_scratch.py", "disk_full_victim.py")
    result, _ = run_build(project.root, jobs=2)
    assert outcome(result, "holds_scratch.py").ok
    victim = outcome(result, "disk_full_victim.py")
    assert victim.error.startswith(
        "OSError: [Errno 28] No space left on device: 'scratch.bin' (not this snippet's doing: "
        "the disk of the scratch folders was full while snippets/fx/holds_scratch.py held 8.0 MB")


def test_a_page_with_an_output_before_any_code_is_a_message_naming_its_line(built):
    page = built.root / "docs/fx/early.md"
    page.parent.mkdir(parents=True)
    page.write_text('# Early\n\n```text\n--8<-- "docs/generated/fx/quick/main.txt"\n```\n\n'
                    '```python\n--8<-- "snippets/fx/quick.py"\n```\n')
    result, report = run_build(built.root, force=True)
    assert [str(p) for p in result.errors] == [
        "docs/fx/early.md:3: an output or figure before any code block: put it after the code "
        "block that makes it"]
    assert not result.ok and "Traceback" not in report
    run = cli(built.root, "--check")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "docs/fx/early.md:3: an output or figure before any code block" in run.stderr


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../etc/passwd", "docs/linked.txt"])
def test_notebooks_never_include_files_from_outside_the_repository(built, target):
    (built.root / "docs").mkdir(exist_ok=True)
    (built.root / "docs/linked.txt").symlink_to("/etc/passwd")
    page = built.root / "docs/fx/leak.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'# Leak\n\n```python\n--8<-- "snippets/fx/quick.py"\n```\n\n'
                    f'```text\n--8<-- "{target}"\n```\n')
    result, _ = run_build(built.root, force=True)
    (problem,) = result.errors
    assert str(problem).startswith(f'docs/fx/leak.md:7: includes "{target}", ')
    assert not list((built.root / "docs/generated").rglob("*.ipynb"))
    for data in everything(built.root / "docs/generated").values():
        assert b"root:" not in data


def test_a_huge_shard_count_selects_without_running_out_of_memory(built):
    plan = make_plan(Layout(built.root), shard=(1, 100_000_000))
    assert [p.rel for p in plan.selected] == ["snippets/fx/quick.py"]
    assert make_plan(Layout(built.root), shard=(5, 100_000_000)).selected == []


def test_check_and_only_go_on_past_a_symlinked_snippet(built):
    built.snippet("link.py").symlink_to("/etc/hostname")
    for args in (("--check",), ("--only", "quick", "--force")):
        run = cli(built.root, *args)
        assert "Traceback" not in run.stderr, args
        assert "snippets/fx/link.py:1: a symbolic link (to /etc/hostname)" in run.stderr, args
    assert json.loads((built.root / "docs/generated/manifest.json").read_text())["snippets"]


def test_what_a_snippet_may_do_still_works_when_confined(project):
    # DataLoader workers (shared memory in /dev/shm, a forkserver socket in its own TMPDIR),
    # writing to /dev/stdout, temporary files (inside its scratch folder).
    project.add("sandboxed_workers.py")
    result, _ = run_build(project.root)
    assert result.ok, [o.error for o in result.failed]
    assert project.output("sandboxed_workers.py").read_text() == (
        "via /dev/stdout\n[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0]]\ntmp inside scratch: True\n")
