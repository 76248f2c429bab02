"""Misuse of the command line is an error, said in one line; signals act like Ctrl-C."""

import os
import signal
import subprocess
import sys
import time

import pytest
from snippet_runner.paths import Layout
from snippet_runner.pipeline import check

from .helpers import BUILD, run_build
from .helpers import cli as _cli


def cli_default(root, *args):  # type: ignore[no-untyped-def]
    return _cli(root, *args, device=None)

@pytest.mark.parametrize("args, message", [
    (["--only", "no_such_snippet"], "--only no_such_snippet: no snippet matches"),
    (["-j", "0"], "argument -j/--jobs: 0: at least 1"),
    (["-j", "-2"], "argument -j/--jobs: -2: at least 1"),
    (["--shard", "3/2"], "argument --shard: '3/2': K must be between 1 and N"),
    (["--shard", "x"], "argument --shard: 'x': write K/N"),
])
def test_misuse_is_a_usage_error(project, args, message):
    project.add("quick.py")
    run = cli_default(project.root, *args)
    assert run.returncode == 2 and message in run.stderr
    assert not (project.root / "docs/generated/manifest.json").exists()


def test_unavailable_device_is_refused_before_anything_runs(project):
    if sys.platform == "darwin":
        pytest.skip("MPS may be available on macOS")
    project.add("quick.py")
    run = cli_default(project.root, "--device", "mps")
    assert run.returncode == 1
    assert "--device mps was asked for, but torch sees no MPS device here" in run.stderr
    assert not project.output("quick.py").exists()
    assert cli_default(project.root, "--device", "mps", "--check").returncode == 1  # stale, not refused


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_act_like_ctrl_c(project, name):
    project.add("quick.py", "until_stopped.py")
    process = subprocess.Popen(
        [sys.executable, str(BUILD), "--root", str(project.root), "--device", "cpu"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    manifest = project.root / "docs/generated/manifest.json"
    while not (manifest.exists() and "quick.py" in manifest.read_text()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    process.send_signal(getattr(signal, name))
    assert process.wait(timeout=30) == 130
    assert "interrupted: finished snippets were kept" in process.stderr.read()
    assert [str(p) for p in check(Layout(project.root))] == [
        "snippets/fx/until_stopped.py: never built (no manifest entry)"]


def test_only_builds_keep_notebooks_fresh(project):
    project.add("sections.py", "quick.py")
    page = project.add_page("sections.md")
    run_build(project.root)
    page.write_text(page.read_text().replace("Some prose.", "Other prose."))
    result, _ = run_build(project.root, patterns=["quick"])
    assert result.ran == [] and result.notebooks == ["docs/generated/notebooks/fx/sections.ipynb"]
    assert check(Layout(project.root)) == []
