"""Run snippets in isolated processes, several at a time, longest first.

Each snippet gets its own process, forked from a forkserver that has already imported torch,
numpy and matplotlib (about 2 s saved per snippet); where fork is unsafe (Windows, macOS) the
standard ``spawn`` start method is the fallback. Every child leads its own process group, so a
timeout or Ctrl-C kills the snippet together with anything it started.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import child
from .normalise import OutputTooLarge, normalise
from .paths import Layout
from .sources import MAIN_SECTION, Snippet

TAIL_LINES = 12


@dataclass
class Outcome:
    snippet: Snippet
    ok: bool
    duration: float
    device: str = "cpu"
    torch: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    """Section name -> normalised printed output (sections that printed nothing are absent)."""
    figures: dict[str, list[bytes]] = field(default_factory=dict)
    saved: dict[str, dict[str, bytes]] = field(default_factory=dict)
    """Section name -> image files it saved (file name -> content)."""
    error: str | None = None
    line: int | None = None
    tail: str = ""

    @property
    def where(self) -> str:
        return f"{self.snippet.rel}:{self.line}" if self.line else self.snippet.rel


def start_method() -> str:
    if sys.platform.startswith("linux") and "forkserver" in multiprocessing.get_all_start_methods():
        return "forkserver"
    return "spawn"


def prepare_environment(device: str) -> None:
    """Environment every child inherits; set before the forkserver starts."""
    os.environ["MPLBACKEND"] = "Agg"
    os.environ["PYTHONHASHSEED"] = "0"
    if device == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = ""


class Executor:
    def __init__(self, layout: Layout, *, device: str = "auto", jobs: int = 1,
                 method: str | None = None) -> None:
        self.layout = layout
        self.device = device
        self.jobs = max(1, jobs)
        prepare_environment(device)
        self.context = multiprocessing.get_context(method or start_method())
        if self.context.get_start_method() == "forkserver":
            self.context.set_forkserver_preload([*child.PRELOAD, "snippet_runner.child"])

    def probe(self) -> tuple[str, str]:
        """``(device class, torch version)`` as a snippet will see them."""
        receive, send = self.context.Pipe(duplex=False)
        process = self.context.Process(target=child.probe, args=(send,), daemon=True)  # type: ignore[attr-defined]
        process.start()
        send.close()
        try:
            return receive.recv()
        finally:
            process.join()

    def run(self, snippets: list[Snippet], durations: dict[str, float],
            on_start: Callable[[Snippet], None] = lambda s: None) -> Iterator[Outcome]:
        """Yield an outcome per snippet as each finishes; longest (by last run) first."""
        pending = sorted(snippets, key=lambda s: (-durations.get(s.rel, float("inf")), s.rel))
        running: dict[int, tuple[Snippet, multiprocessing.process.BaseProcess, Path, float]] = {}
        scratch_root = Path(tempfile.mkdtemp(prefix="snippet-runner-"))
        try:
            while pending or running:
                while pending and len(running) < self.jobs:
                    snippet = pending.pop(0)
                    workdir = scratch_root / str(len(snippets) - len(pending))
                    workdir.mkdir()
                    process = self.context.Process(target=child.run, args=(self._job(snippet, workdir),))  # type: ignore[attr-defined]
                    process.start()
                    running[process.sentinel] = (snippet, process, workdir, time.monotonic())
                    on_start(snippet)
                now = time.monotonic()
                wait = min(started + snippet.timeout - now
                           for snippet, _, _, started in running.values())
                ready = multiprocessing.connection.wait(list(running), timeout=max(0.0, wait))
                now = time.monotonic()
                for sentinel in list(running):
                    snippet, process, workdir, started = running[sentinel]
                    timed_out = sentinel not in ready and now - started >= snippet.timeout
                    if sentinel in ready or timed_out:
                        del running[sentinel]
                        _kill_tree(process)
                        process.join()
                        yield self._collect(snippet, process, workdir, now - started, timed_out)
                        shutil.rmtree(workdir, ignore_errors=True)
        finally:
            for _, process, _, _ in running.values():
                _kill_tree(process)
                process.join()
            shutil.rmtree(scratch_root, ignore_errors=True)

    def _job(self, snippet: Snippet, workdir: Path) -> child.Job:
        sections = tuple(child.SectionJob(s.name, s.code, s.first_line, s.expects)
                         for s in snippet.sections)
        return child.Job(rel=snippet.rel, path=str(snippet.path), sections=sections,
                         workdir=str(workdir), device=self.device)

    def _collect(self, snippet: Snippet, process: multiprocessing.process.BaseProcess,
                 workdir: Path, duration: float, timed_out: bool) -> Outcome:
        status = child.Status.load(workdir) or child.Status()
        outcome = Outcome(snippet, ok=False, duration=duration, device=status.device,
                          torch=status.torch)
        last_raw = b""
        for index, result in enumerate(status.sections):
            out = workdir / f"{index}.out"
            last_raw = out.read_bytes() if out.exists() else b""
            try:
                text = normalise(last_raw, root=self.layout.root, scratch=workdir,
                                 section=result.name)
            except OutputTooLarge as error:
                outcome.error = str(error)
                outcome.line = snippet.section(result.name).first_line
                return outcome
            if text:
                outcome.texts[result.name] = text
            outcome.figures[result.name] = [
                (workdir / f"{index}-{n}.png").read_bytes() for n in range(1, result.figures + 1)
            ]
            outcome.saved[result.name] = {
                name: (workdir / f"{index}-saved-{name}").read_bytes() for name in result.saved
            }
        running = status.running
        running_line = snippet.section(running).first_line if running else None
        in_section = f" in section {running!r}" if running and running != MAIN_SECTION else ""
        if timed_out:
            outcome.error = f"timed out after {snippet.timeout:g} s{in_section}"
            outcome.line = running_line
        elif status.error is not None:
            outcome.error, outcome.line = status.error, status.error_line
        elif process.exitcode != 0:
            code = process.exitcode or 0
            reason = (f"crashed with signal {signal.Signals(-code).name}" if code < 0
                      else f"exited with status {code}")
            outcome.error = reason + in_section
            outcome.line = running_line
        elif len(status.sections) != len(snippet.sections):
            outcome.error = "stopped before its last section"
        else:
            outcome.ok = True
        if not outcome.ok:
            tail = normalise(last_raw[-20_000:], root=self.layout.root, scratch=workdir,
                             section="tail")
            outcome.tail = "\n".join(tail.splitlines()[-TAIL_LINES:])
        return outcome


def _kill_tree(process: multiprocessing.process.BaseProcess) -> None:
    """Kill the child's process group (the snippet and anything it started)."""
    if process.pid is None:
        return
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError):
            pass
    if process.is_alive():
        process.kill()
