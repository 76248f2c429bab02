"""Build behaviour on small fixture snippets: capture, figures, errors, crashes, isolation."""

import os

from snippet_runner.execute import Executor
from snippet_runner.paths import Layout
from snippet_runner.sources import discover

from .helpers import outcome, run_build


def test_sections_share_state_and_get_their_own_output(project):
    project.add("sections.py")
    result, _ = run_build(project.root)
    assert result.ok
    assert project.output("sections.py", "setup").read_text() == "setup [0, 1, 2, 3]\n"
    assert not project.output("sections.py", "quiet").exists()  # printed nothing
    assert project.output("sections.py", "use").read_text() == "use [0, 2, 4, 6]\n"


def test_figures_shown_or_left_open_are_saved_per_section(project):
    project.add("figures.py")
    result, _ = run_build(project.root)
    assert result.ok
    folder = project.root / "docs/generated/fx/figures"
    assert sorted(p.name for p in folder.iterdir()) == ["left_open-1.png", "left_open-2.png",
                                                       "shown-1.png"]
    assert (folder / "shown-1.png").read_bytes().startswith(b"\x89PNG")


def test_expected_error_is_shown_like_a_reader_sees_it(project):
    project.add("raises.py")
    result, _ = run_build(project.root)
    assert result.ok
    assert project.output("raises.py", "boom").read_text() == (
        "about to fail\nTraceback (most recent call last):\n  ...\n"
        "IndexError: list index out of range\n")


def test_expected_error_that_does_not_happen_fails(project):
    project.add("raises_missing.py")
    result, log = run_build(project.root)
    failed = outcome(result, "raises_missing.py")
    assert not failed.ok
    assert failed.where == "snippets/fx/raises_missing.py:2"
    assert "expected ValueError, but the section raised nothing" in log


def test_exception_names_file_line_and_keeps_the_others_going(project):
    project.add("error.py", "quick.py")
    result, log = run_build(project.root)
    failed = outcome(result, "error.py")
    assert failed.where == "snippets/fx/error.py:5"
    assert failed.error == "ZeroDivisionError: division by zero"
    assert "partial output" in failed.tail
    assert "FAILED snippets/fx/error.py:5" in log
    assert outcome(result, "quick.py").ok and project.output("quick.py").exists()
    assert not project.output("error.py").exists()


def test_sys_exit_with_status_fails(project):
    project.add("exit3.py")
    result, _ = run_build(project.root)
    failed = outcome(result, "exit3.py")
    assert failed.error == "SystemExit: sys.exit(3)"
    assert failed.where == "snippets/fx/exit3.py:4"


def test_hard_crash_is_reported_with_its_section(project):
    project.add("abort.py")
    result, _ = run_build(project.root)
    failed = outcome(result, "abort.py")
    assert failed.error == "crashed with signal SIGABRT in section 'crash'"
    assert failed.where == "snippets/fx/abort.py:6"


def test_timeout_kills_the_whole_process_tree(project):
    project.add("hang.py")
    result, _ = run_build(project.root)
    failed = outcome(result, "hang.py")
    assert failed.error == "timed out after 2 s"
    assert failed.duration < 30
    grandchild = int(failed.tail.split()[-1])
    try:
        os.kill(grandchild, 0)
    except ProcessLookupError:
        pass
    else:  # still there: a zombie waiting for init is fine, a running process is not
        with open(f"/proc/{grandchild}/stat") as stat:
            assert stat.read().split()[2] == "Z"


def test_very_large_output_is_refused_not_written(project):
    project.add("large.py")
    result, _ = run_build(project.root)
    failed = outcome(result, "large.py")
    assert "printed 200,001 bytes" in failed.error
    assert not project.output("large.py").exists()


def test_output_is_free_of_machine_details(project):
    project.add("noisy.py")
    result, _ = run_build(project.root)
    assert result.ok
    text = project.output("noisy.py").read_text()
    assert str(project.root) not in text and "site-packages" not in text
    lines = text.splitlines()
    assert lines[0] == "<object object at 0x...>"
    assert lines[1] == "./snippets/fx/noisy.py"
    assert lines[2] == "UserWarning: mind the gap"
    assert lines[3].startswith("UserWarning: torch.range is deprecated")


def test_local_module_is_importable(project):
    project.add("_helper.py", "uses_helper.py")
    result, _ = run_build(project.root)
    assert result.ok
    assert project.output("uses_helper.py").read_text() == "hello from a local module\n"


def test_spawn_fallback_gives_the_same_outputs(project):
    project.add("sections.py", "raises.py")
    layout = Layout(project.root)
    snippets, _ = discover(layout)
    fork = {o.snippet.rel: o.texts for o in Executor(layout, device="cpu", jobs=2).run(snippets, {})}
    spawn = {o.snippet.rel: o.texts
             for o in Executor(layout, device="cpu", jobs=2, method="spawn").run(snippets, {})}
    assert fork == spawn and len(fork) == 2


def test_probe_reports_cpu_when_gpus_are_hidden(project):
    device, version = Executor(Layout(project.root), device="cpu").probe()
    assert device == "cpu" and version.startswith("2.")


def test_images_a_snippet_saves_become_outputs(project):
    project.add("animation.py")
    result, _ = run_build(project.root)
    assert result.ok
    gif = project.root / "docs/generated/fx/animation/main-growth.gif"
    assert gif.read_bytes().startswith(b"GIF8")
    assert sorted(p.name for p in gif.parent.iterdir()) == ["main-growth.gif", "main.txt"]
