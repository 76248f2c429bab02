"""Run snippets in isolated processes, several at a time, longest first.

Each snippet gets its own process, forked from a forkserver that has already imported torch,
numpy and matplotlib (about 2 s saved per snippet); where fork is unsafe (Windows, macOS) the
standard ``spawn`` start method is the fallback. The snippet's printed output streams through a
pipe that this process reads, capped per section as it arrives. Nothing the snippet starts
outlives it or the build: see :mod:`snippet_runner.child` for how (subreapers, parent-death
signals), and :meth:`Executor.run` for the clean-up on timeouts and interrupts.
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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import child
from .normalise import MAX_SECTION_BYTES, normalise
from .paths import Layout
from .sources import MAIN_SECTION, Snippet

TAIL_LINES = 12


@dataclass(frozen=True)
class Figure:
    """One captured matplotlib figure, as PNG bytes: as drawn, and re-coloured for dark pages."""

    light: bytes
    dark: bytes


@dataclass
class Outcome:
    snippet: Snippet
    ok: bool
    duration: float
    device: str = "cpu"
    torch: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    """Section name -> normalised printed output (sections that printed nothing are absent)."""
    figures: dict[str, list[Figure]] = field(default_factory=dict)
    """Section name -> its figures, in the order they were opened."""
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


READ_CHUNK = 65_536


@dataclass
class _Running:
    """A snippet process and the output it has streamed so far."""

    snippet: Snippet
    process: multiprocessing.process.BaseProcess
    workdir: Path
    started: float
    output: int
    """Read end of the snippet's stdout/stderr pipe."""
    control: multiprocessing.connection.Connection
    sections: list[bytearray] = field(default_factory=lambda: [bytearray()])
    too_much: str | None = None
    """Set when a section printed more than a page can show; the snippet is then killed."""

    def waitables(self) -> list[Any]:
        return [self.process.sentinel, self.output, self.control]

    def read_output(self, *, drain: bool = False) -> None:
        """Read what is in the pipe (``drain``: all of it, without waiting for more)."""
        while self.too_much is None:
            try:
                chunk = os.read(self.output, READ_CHUNK)
            except (BlockingIOError, OSError):
                return
            if not chunk:
                return
            current = self.sections[-1]
            current += chunk
            if len(current) > MAX_SECTION_BYTES:
                name = self.snippet.sections[len(self.sections) - 1].name
                self.too_much = (
                    f"section {name!r} printed more than {MAX_SECTION_BYTES:,} bytes, more than "
                    "a page can show: print less (a shape, a slice, a summary)")
                del current[MAX_SECTION_BYTES:]
            if not drain:
                return

    def read_control(self) -> None:
        """A new section starts: what is in the pipe belongs to the previous one.

        The snippet waits for the answer before it goes on, so nothing of the new section can
        be in the pipe yet.
        """
        while True:
            try:
                if not self.control.poll():
                    return
                index = self.control.recv()
                self.read_output(drain=True)
                while len(self.sections) <= index:
                    self.sections.append(bytearray())
                self.control.send(index)
            except (EOFError, OSError):
                return

    def close(self) -> None:
        os.close(self.output)
        self.control.close()


class Executor:
    def __init__(self, layout: Layout, *, device: str = "auto", jobs: int = 1,
                 method: str | None = None, numeric: Mapping[str, str] | None = None) -> None:
        """``numeric``: the numeric profile's variables (default: ``profile.numeric_profile()``;
        ``--fragility`` passes ``profile.alternative_path()``)."""
        self.layout = layout
        self.device = device
        self.jobs = max(1, jobs)
        self.env = child.snippet_environment(device, os.environ, numeric)
        self.context: Any = multiprocessing.get_context(method or start_method())
        if self.context.get_start_method() == "forkserver":
            self.context.set_forkserver_preload([*child.PRELOAD, "snippet_runner.child"])
            self._start_forkserver()

    def _start_forkserver(self) -> None:
        """Start the forkserver with the snippets' environment and as the build's supervisor.

        Its environment is what every snippet inherits (BLAS reads its thread count when numpy
        is imported, there), so it gets the allow-listed one, not the builder's.
        """
        from multiprocessing import forkserver

        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(self.env)
        os.environ[child.SUPERVISOR_ENV] = str(os.getpid())
        # The forkserver imports the preload modules before it applies the parent's sys.path.
        os.environ["PYTHONPATH"] = str(Path(child.__file__).resolve().parents[1])
        try:
            forkserver.ensure_running()
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def probe(self) -> tuple[str, str]:
        """``(device class, torch version)`` as a snippet will see them."""
        receive, send = self.context.Pipe(duplex=False)
        process = self.context.Process(target=child.probe, args=(send, self.env), daemon=True)
        process.start()
        send.close()
        try:
            return receive.recv()
        finally:
            process.join()
            receive.close()

    def run(self, snippets: list[Snippet], durations: dict[str, float],
            on_start: Callable[[Snippet], None] = lambda s: None) -> Iterator[Outcome]:
        """Yield an outcome per snippet as each finishes; longest (by last run) first.

        However this generator ends (exhausted, an exception such as KeyboardInterrupt, or
        closed early), every snippet process and everything it started is killed and the
        scratch folder removed.
        """
        pending = sorted(snippets, key=lambda s: (-durations.get(s.rel, float("inf")), s.rel))
        running: list[_Running] = []
        scratch_root = Path(tempfile.mkdtemp(prefix=f"{child.SCRATCH_PREFIX}{os.getpid()}-"))
        try:
            while pending or running:
                while pending and len(running) < self.jobs:
                    snippet = pending.pop(0)
                    workdir = scratch_root / str(len(snippets) - len(pending))
                    workdir.mkdir()
                    running.append(self._start(snippet, workdir))
                    on_start(snippet)
                now = time.monotonic()
                wait = min(job.started + job.snippet.timeout - now for job in running)
                ready = set(multiprocessing.connection.wait(
                    [w for job in running for w in job.waitables()], timeout=max(0.0, wait)))
                for job in list(running):
                    if job.control in ready:
                        job.read_control()
                    if job.output in ready:
                        job.read_output()
                    now = time.monotonic()
                    timed_out = now - job.started >= job.snippet.timeout
                    exited = job.process.sentinel in ready
                    if exited or timed_out or job.too_much:
                        running.remove(job)
                        _kill_tree(job.process)
                        job.process.join()
                        self._kill_strays(running)
                        job.read_control()
                        job.read_output(drain=True)
                        job.close()
                        outcome = self._collect(job, now - job.started,
                                                timed_out and not exited)
                        shutil.rmtree(job.workdir, ignore_errors=True)
                        yield outcome
        finally:
            for job in running:
                _kill_tree(job.process)
            for job in running:
                job.process.join()
                job.close()
            self._kill_strays([])
            shutil.rmtree(scratch_root, ignore_errors=True)

    def _start(self, snippet: Snippet, workdir: Path) -> _Running:
        read, write = os.pipe()
        control_read, control_write = self.context.Pipe()
        output = multiprocessing.connection.Connection(write, readable=False)
        process = self.context.Process(target=child.run,
                                       args=(self._job(snippet, workdir), output, control_write))
        try:
            process.start()
        finally:
            output.close()
            control_write.close()
        os.set_blocking(read, False)
        return _Running(snippet, process, workdir, time.monotonic(), read, control_read)

    def _kill_strays(self, running: list[_Running]) -> None:
        """Kill what finished snippets left behind (re-parented to the forkserver).

        A snippet process kills its descendants when it ends; when it crashed instead, they
        were adopted by the forkserver (a subreaper): all its children that are not running
        snippets are such orphans.
        """
        if self.context.get_start_method() != "forkserver":
            return
        from multiprocessing import forkserver

        server = getattr(forkserver._forkserver, "_forkserver_pid", None)
        if not server:
            return
        alive = {job.process.pid for job in running}
        table = child._process_table()
        for pid in table.get(server, []):
            if pid not in alive:
                child.kill_descendants(pid)
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass

    def _job(self, snippet: Snippet, workdir: Path) -> child.Job:
        sections = tuple(child.SectionJob(s.name, s.code, s.first_line, s.expects)
                         for s in snippet.sections)
        return child.Job(rel=snippet.rel, path=str(snippet.path), sections=sections,
                         workdir=str(workdir), device=self.device, env=self.env)

    def _collect(self, job: _Running, duration: float, timed_out: bool) -> Outcome:
        snippet, workdir, process = job.snippet, job.workdir, job.process
        status = child.Status.load(workdir) or child.Status()
        outcome = Outcome(snippet, ok=False, duration=duration, device=status.device,
                          torch=status.torch)
        for index, result in enumerate(status.sections):
            raw = bytes(job.sections[index]) if index < len(job.sections) else b""
            text = normalise(raw, root=self.layout.root, scratch=workdir)
            if text:
                outcome.texts[result.name] = text
            outcome.figures[result.name] = [
                Figure((workdir / f"{index}-{n}.png").read_bytes(),
                       (workdir / f"{index}-{n}{child.DARK_SUFFIX}").read_bytes())
                for n in range(1, result.figures + 1)
            ]
            outcome.saved[result.name] = {
                name: (workdir / f"{index}-saved-{name}").read_bytes() for name in result.saved
            }
        running = status.running
        running_line = snippet.section(running).first_line if running else None
        in_section = f" in section {running!r}" if running and running != MAIN_SECTION else ""
        if job.too_much is not None:
            outcome.error = job.too_much
            outcome.line = snippet.sections[len(job.sections) - 1].first_line
        elif timed_out:
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
            last = bytes(job.sections[-1][-20_000:])
            tail = normalise(last, root=self.layout.root, scratch=workdir)
            outcome.tail = "\n".join(tail.splitlines()[-TAIL_LINES:])
        return outcome


def _kill_tree(process: multiprocessing.process.BaseProcess) -> None:
    """Kill a snippet process and everything it started, whatever group or session it is in.

    The snippet process is a subreaper, so while it lives every descendant is below it; they
    go first, then it (and its process group, where subreapers are not available).
    """
    if process.pid is None:
        return
    child.kill_descendants(process.pid)
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if process.is_alive():
        process.kill()
