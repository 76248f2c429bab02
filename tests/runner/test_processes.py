"""Process hygiene, the output cap and the snippets' environment, on real build processes.

Nothing a build starts may outlive it, however it ends; a snippet that prints without end must
not take the build's memory with it; snippets see an allow-listed environment.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from snippet_runner.child import SCRATCH_PREFIX, descendants

from .helpers import outcome, run_build

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
BUILD = SCRIPTS / "build.py"
GRACE = 5.0
"""Seconds within which everything a dead build started must be gone."""


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to reap it counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except OSError:
        return False


def pid_file(project, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Where fixture ``name`` (lingering, daemon...) writes the pid of what it leaves running:
    ``/dev/shm``, the one place outside its scratch folder a confined snippet may write."""
    import hashlib

    folder = hashlib.sha256(str(project.snippet(name).resolve().parent).encode()).hexdigest()[:16]
    return Path(f"/dev/shm/snippet-fixture-{folder}-{Path(name).stem}.pid")


@pytest.fixture(autouse=True)
def _no_pid_files_left(project):  # type: ignore[no-untyped-def]
    yield
    for name in ("lingering.py", "daemon.py", "crash_with_daemon.py"):
        pid_file(project, name).unlink(missing_ok=True)


def wait_for(path: Path, limit: float = 120.0) -> str:
    deadline = time.monotonic() + limit
    while not path.exists() or not path.read_text():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.1)
    return path.read_text()


def gone_within(pids: list[int], limit: float) -> tuple[list[int], float]:
    """The pids still alive after ``limit`` seconds, and how long they took to go."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if not any(alive(pid) for pid in pids):
            break
        time.sleep(0.05)
    return [pid for pid in pids if alive(pid)], time.monotonic() - started


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT, signal.SIGHUP],
                         ids=lambda s: s.name)
def test_a_killed_build_leaves_no_process_or_scratch_folder(project, how):
    project.add("lingering.py")
    build = subprocess.Popen([sys.executable, str(BUILD), "--root", str(project.root),
                              "--device", "cpu", "-j", "1"], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        grandchild = int(wait_for(pid_file(project, "lingering.py")))
        started = descendants(build.pid)  # forkserver, snippet, grandchild, resource tracker
        assert grandchild in started and len(started) >= 3
        os.kill(build.pid, how)
        left, took = gone_within(started, GRACE)
        assert left == [], f"still running {GRACE} s after {how.name}: {left}"
        print(f"{how.name}: all {len(started)} processes gone after {took:.2f} s")
    finally:
        build.kill()
        build.wait()
    scratch = list(Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}{build.pid}-*"))
    assert scratch == []
    assert list((project.root / "docs" / "generated").rglob("*.tmp")) == []


SIGNAL_DURING_CLEAN_UP = """
import os, signal, sys, time
from pathlib import Path
from snippet_runner import child

supervisor = child._Supervisor(os.getppid(), Path(sys.argv[1]))
def kill_descendants(pid):  # the build's death: its SIGTERM comes in during the clean-up
    supervisor.on_signal(signal.SIGTERM, None)  # as if delivered before the mask took hold
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(0.2)
child.kill_descendants = kill_descendants
supervisor.install()
sys.exit(3)  # the "alive" pipe closed: atexit runs the clean-up
"""


def test_the_forkserver_cleans_up_once_when_exit_and_sigterm_come_together(tmp_path):
    """The build's exit closes the forkserver's pipe and sends it SIGTERM at once: the clean-up
    entered again from the signal handler must neither deadlock nor recurse (a forkserver
    once hung in ``tempfile.gettempdir``'s lock, holding the build's output pipes open)."""
    scratch = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-1"
    scratch.mkdir()
    run = subprocess.run([sys.executable, "-c", SIGNAL_DURING_CLEAN_UP, str(tmp_path)],
                         env={**os.environ, "PYTHONPATH": str(SCRIPTS)}, timeout=30,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr  # the clean-up's os._exit(0), not a signal's death
    assert not scratch.exists()


def test_a_process_left_running_by_a_finished_snippet_is_killed(project):
    project.add("daemon.py")
    result, _ = run_build(project.root)
    assert result.ok
    left, _ = gone_within([int(pid_file(project, "daemon.py").read_text())], GRACE)
    assert left == []


def test_a_process_left_running_by_a_crashed_snippet_is_killed(project):
    project.add("crash_with_daemon.py")
    result, _ = run_build(project.root)
    assert outcome(result, "crash_with_daemon.py").error == "crashed with signal SIGKILL"
    left, _ = gone_within([int(pid_file(project, "crash_with_daemon.py").read_text())],
                          GRACE)
    assert left == []


@pytest.mark.skipif(not Path("/proc/vmstat").exists(), reason="Linux's OOM counters")
def test_a_snippet_killed_for_memory_is_named_and_picked_before_the_build(project, monkeypatch):
    """Out of memory, Linux's killer picks snippets first (their score is raised), and the
    build says that is what killed it (its kill count rose while the snippet ran)."""
    from snippet_runner import execute

    project.add("killed.py")
    result, _ = run_build(project.root)
    killed = outcome(result, "killed.py")
    assert killed.error == "crashed with signal SIGKILL"  # no out-of-memory kill meanwhile
    assert "oom_score_adj 500" in "".join(killed.texts.values())
    kills = iter(range(1000))
    monkeypatch.setattr(execute, "oom_kills", lambda: next(kills))  # one more at each look
    result, _ = run_build(project.root)
    assert outcome(result, "killed.py").error.startswith(
        "killed by the kernel's out-of-memory killer")


@pytest.mark.slow
def test_output_is_capped_while_it_streams(project):
    """500 MB printed: the build stops the snippet at the limit and stays small."""
    project.add("flood.py")
    # VmHWM: the peak of this process image (ru_maxrss would carry over the peak of the
    # pytest process that forked it, across exec).
    measure = ("import re, sys; sys.path.insert(0, sys.argv[1]);"
               "from snippet_runner.cli import main;"
               "code = main(['--root', sys.argv[2], '--device', 'cpu', '-j', '1']);"
               "status = open('/proc/self/status').read();"
               r"print(int(re.search(r'VmHWM:\s+(\d+) kB', status)[1]) // 1024); sys.exit(code)")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", measure, str(SCRIPTS), str(project.root)],
                         capture_output=True, text=True, timeout=300)
    took = time.monotonic() - started
    assert run.returncode == 1
    assert "section 'main' printed more than 100,000 bytes" in run.stderr
    peak_mb = int(run.stdout.split()[-1])
    print(f"build peak RSS {peak_mb} MB, {took:.1f} s")
    assert peak_mb < 200  # reading it all would take 500 MB
    assert not project.output("flood.py").exists()


@pytest.mark.slow
def test_snippets_get_an_allow_listed_environment_and_one_blas_thread(project):
    project.add("environment.py")
    env = {**os.environ, "SECRET_TOKEN": "hunter2-do-not-leak", "OPENBLAS_CORETYPE": "Haswell"}
    run = subprocess.run([sys.executable, str(BUILD), "--root", str(project.root),
                          "--device", "cpu", "-j", "1"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr
    text = project.output("environment.py").read_text()
    assert "SECRET_TOKEN" not in text and "hunter2" not in text
    assert "threads: [1] 1\n" in text
    assert "coretype: Haswell\n" in text
    variables = text.splitlines()[0].split()[1:]
    assert {"PATH", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"} <= set(variables)


def test_escape_codes_and_progress_frames_are_resolved(project):
    project.add("terminal.py")
    result, _ = run_build(project.root)
    assert result.ok
    assert project.output("terminal.py").read_text() == "bold and red\nprogress 100%\n"


def test_outputs_get_the_usual_permissions(project):
    project.add("quick.py")
    old = os.umask(0o022)
    try:
        result, _ = run_build(project.root)
    finally:
        os.umask(old)
    assert result.ok
    assert project.output("quick.py").stat().st_mode & 0o777 == 0o644
