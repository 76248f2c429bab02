"""The command line as authors and CI use it: real processes, signals, concurrency."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from snippet_runner.compare import comparable

from .helpers import BUILD, cli


def digests(root: Path) -> dict[str, str]:
    """Every generated output (the manifest holds run durations, so it is left out), with
    the numbers on ``# measured`` lines masked: timings are never byte-identical."""
    generated = root / "docs" / "generated"
    return {p.relative_to(generated).as_posix(): hashlib.sha256(comparable(p.name, p.read_bytes())).hexdigest()
            for p in sorted(generated.rglob("*"))
            if p.is_file() and p.name not in (".build.lock", "manifest.json")}


def test_check_fails_then_build_then_check_passes_without_torch(project):
    project.add("sections.py")
    first = cli(project.root, "--check")
    assert first.returncode == 1 and "snippets/fx/sections.py: never built" in first.stderr
    assert cli(project.root).returncode == 0
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
         "from snippet_runner.cli import main; code = main(['--check', '--root', sys.argv[2]]);"
         "assert 'torch' not in sys.modules, 'check imported torch'; sys.exit(code)",
         str(BUILD.parent), str(project.root)], capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr


def test_failure_exits_non_zero_with_a_summary(project):
    project.add("error.py", "quick.py")
    run = cli(project.root)
    assert run.returncode == 1
    assert "FAILED snippets/fx/error.py:5" in run.stderr
    assert "ZeroDivisionError: division by zero" in run.stderr
    assert "ran 2, skipped 0 (fresh), failed 1" in run.stderr


def test_failed_rebuild_keeps_previous_outputs(project):
    project.add("sections.py")
    assert cli(project.root).returncode == 0
    before = digests(project.root)
    path = project.snippet("sections.py")
    path.write_text(path.read_text().replace('print("use", y.tolist())', "print(undefined)"))
    assert cli(project.root).returncode == 1
    assert digests(project.root) == before


def test_two_force_builds_are_byte_identical(project):
    project.add("random_values.py", "figures.py", "noisy.py", "raises.py", "animation.py",
                "measured.py")
    assert cli(project.root, "--force").returncode == 0
    first = digests(project.root)
    assert cli(project.root, "--force", "-j", "1").returncode == 0
    assert digests(project.root) == first
    assert {"fx/random_values/main-1.png", "fx/animation/main-growth.gif"} <= set(first)


def test_two_builds_at_once_corrupt_nothing(project):
    project.add("slow.py", "sections.py", "figures.py")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, str(BUILD), "--root", str(project.root), "--device", "cpu"]
    first = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    second = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    results = [(p.wait(timeout=120), p.stderr.read()) for p in (first, second)]
    assert [code for code, _ in results] == [0, 0]
    ran = sorted(int(err.split("build: ran ")[1].split(",")[0]) for _, err in results)
    assert ran == [0, 3]  # the second waited for the lock, then found everything fresh
    assert cli(project.root, "--check").returncode == 0


def test_ctrl_c_leaves_finished_outputs_and_no_partial_files(project):
    project.add("quick.py", "until_stopped.py")
    process = subprocess.Popen(
        [sys.executable, str(BUILD), "--root", str(project.root), "--device", "cpu"],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    while not project.output("quick.py").exists():  # quick.py done, until_stopped.py running
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    assert "interrupted" in process.stderr.read()
    files = sorted(p.relative_to(project.root).as_posix()
                   for p in (project.root / "docs").rglob("*") if p.is_file())
    assert files == ["docs/generated/.build.lock", "docs/generated/fx/quick/main.txt",
                     "docs/generated/manifest.json"]
    check = cli(project.root, "--check")
    assert check.returncode == 1
    assert check.stderr.count("never built") == 1 and "until_stopped.py" in check.stderr


@pytest.mark.parametrize("bad", ["--device gpu", "-j x"])
def test_bad_arguments_are_usage_errors(project, bad):
    assert cli(project.root, *bad.split()).returncode == 2
