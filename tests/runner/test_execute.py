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
    assert sorted(p.name for p in folder.iterdir()) == [
        "left_open-1.dark.png", "left_open-1.png", "left_open-2.dark.png", "left_open-2.png",
        "shown-1.dark.png", "shown-1.png"]
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
    assert failed.error.startswith("section 'main' printed more than 100,000 bytes")
    assert failed.where == "snippets/fx/large.py:1"
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


def test_failure_text_is_whole_in_an_80_column_log(project):
    import io

    from rich.console import Console
    from snippet_runner.report import Reporter

    project.add("long_error.py")
    console = Console(file=io.StringIO(), width=80, color_system=None)
    result, _ = run_build(project.root)
    Reporter(console).summary(result)
    log = console.file.getvalue()
    message = outcome(result, "long_error.py").error
    assert len(message) > 80 and message in log.replace("\n", "")
    assert 'File "snippets/fx/long_error.py", line 3, in <module>' in log
    assert "snippet_runner" not in log  # the runner's own frames are not the reader's business


def test_each_figure_also_gets_a_dark_variant(project):
    import matplotlib.image

    project.add("figures.py")
    result, _ = run_build(project.root)
    assert result.ok
    folder = project.root / "docs/generated/fx/figures"
    light = matplotlib.image.imread(folder / "shown-1.png")
    dark = matplotlib.image.imread(folder / "shown-1.dark.png")
    assert light.shape == dark.shape and light.shape[1] == 960  # 6.4 in at 150 dpi
    assert light[0, 0, :3].tolist() == [1.0, 1.0, 1.0]
    assert [round(v * 255) for v in dark[0, 0, :3]] == [0x1E, 0x21, 0x29]


def test_the_dark_theme_is_undone_after_saving():
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from snippet_runner.child import dark_theme

    figure, axes = plt.subplots()
    axes.plot([0, 1], [1, 0], "k-", label="black")
    axes.set_title("title")
    axes.legend()
    axes.grid(True)

    def png() -> bytes:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()

    before = png()
    with dark_theme(figure):
        dark = png()
    assert dark != before and png() == before
    plt.close(figure)


def test_the_status_journal_survives_a_kill_mid_line(tmp_path):
    """A snippet process appends one line per step; the parent reads what came before a
    crash, even when the crash cut the last line short."""
    from snippet_runner.child import STATUS_FILE, Status

    status = Status()
    status.record(tmp_path, device="cpu", torch="2.13.0+cpu")
    status.record(tmp_path, start="setup")
    status.record(tmp_path, end="setup", figures=2, saved=["a.gif"])
    status.record(tmp_path, start="fit")
    with open(tmp_path / STATUS_FILE, "a", encoding="utf-8") as journal:
        journal.write('{"end": "fit", "fig')  # killed while writing
    loaded = Status.load(tmp_path)
    assert loaded == status
    assert loaded.running == "fit" and [s.name for s in loaded.sections] == ["setup", "fit"]
    assert (loaded.sections[0].figures, loaded.sections[0].saved) == (2, ["a.gif"])
    assert Status.load(tmp_path / "nowhere") is None
    (tmp_path / "elsewhere.jsonl").write_text('{"error": "planted"}\n')
    (tmp_path / STATUS_FILE).unlink()
    (tmp_path / STATUS_FILE).symlink_to(tmp_path / "elsewhere.jsonl")
    assert Status.load(tmp_path) is None  # never read through a link
    (tmp_path / STATUS_FILE).unlink()
    (tmp_path / STATUS_FILE).write_text('{"start": "a"}\n[1]\n{"end": "b"}\n')
    assert Status.load(tmp_path).running == "a"  # garbage ends the journal, it breaks nothing
    (tmp_path / STATUS_FILE).write_text('{"end": "b"}\n')
    assert Status.load(tmp_path).sections == []
