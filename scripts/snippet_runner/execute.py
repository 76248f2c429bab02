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
import re
import shutil
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import child, sandbox
from .atomic import read_regular
from .normalise import MAX_SECTION_BYTES, normalise
from .paths import Layout
from .sources import MAIN_SECTION, Snippet

TAIL_LINES = 12
MAX_SAVED_BYTES = 20_000_000
"""What one image a section saves may weigh: a page shows it, the repository keeps it."""
MAX_FIGURE_BYTES = 20_000_000
MAX_SCRATCH_BYTES = 4 * 2**30
"""What a snippet may keep in its scratch folder (working and temporary folder) at once:
beyond it the snippet is stopped, so that it cannot fill the disk under the others."""
SCRATCH_CHECK_EVERY = 1.0
"""Seconds between two measurements of each running snippet's scratch folder."""
_SAVED_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_NO_SPACE = ("No space left on device", "Disk quota exceeded")


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


def oom_kills() -> int | None:
    """How many processes the kernel's out-of-memory killer has killed since boot (Linux's
    ``/proc/vmstat``), or None where that is not known."""
    try:
        with open("/proc/vmstat", "rb") as stats:
            for line in stats:
                if line.startswith(b"oom_kill "):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


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
    """Set when a section printed more than a page can show (or the snippet filled its scratch
    folder); the snippet is then killed."""
    measured: float = 0.0
    """When its scratch folder was last measured (monotonic)."""
    scratch_bytes: int = 0
    """What its scratch folder held then."""
    before: dict[str, tuple[int, int, int]] | None = None
    """Where no sandbox confines it: the repository's files when it started."""
    oom_kills: int | None = None
    """The kernel's count of out-of-memory kills when it started (None: not known here)."""

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
                 method: str | None = None, numeric: Mapping[str, str] | None = None,
                 torch: bool = True) -> None:
        """``numeric``: the numeric profile's variables (default: ``profile.numeric_profile()``;
        ``--fragility`` passes ``profile.alternative_path()``). ``torch``: some snippet to run
        imports torch (see :func:`imports_torch`), so the forkserver preloads it."""
        self.torch = torch
        self.layout = layout
        self.device = device
        self.jobs = max(1, jobs)
        self.env = child.snippet_environment(device, os.environ, numeric)
        self.confined = sandbox.available()
        """Whether snippets run confined to their scratch folders; where not, the repository is
        compared before and after each snippet instead (:func:`repository_state`)."""
        self.context: Any = multiprocessing.get_context(method or start_method())
        if self.context.get_start_method() == "forkserver":
            preload = [m for m in child.PRELOAD if torch or m not in child.TORCH_MODULES]
            self.context.set_forkserver_preload([*preload, "snippet_runner.child"])
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
                wait = min(min(job.started + job.snippet.timeout - now for job in running),
                           SCRATCH_CHECK_EVERY)
                ready = set(multiprocessing.connection.wait(
                    [w for job in running for w in job.waitables()], timeout=max(0.0, wait)))
                for job in list(running):
                    if job.control in ready:
                        job.read_control()
                    if job.output in ready:
                        job.read_output()
                    now = time.monotonic()
                    if now - job.measured >= SCRATCH_CHECK_EVERY:
                        _measure_scratch(job, now)
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
                                                timed_out and not exited, running)
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
        job = _Running(snippet, process, workdir, time.monotonic(), read, control_read,
                       oom_kills=oom_kills())
        if not self.confined:
            job.before = repository_state(self.layout.root)
        return job

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
                         workdir=str(workdir), device=self.device, env=self.env,
                         source=snippet.source, confine=self.confined,
                         torch=imports_torch(snippet, self.layout))

    def _collect(self, job: _Running, duration: float, timed_out: bool,
                 others: list[_Running]) -> Outcome:
        snippet, workdir, process = job.snippet, job.workdir, job.process
        status = child.Status.load(workdir) or child.Status()
        outcome = Outcome(snippet, ok=False, duration=duration, device=status.device,
                          torch=status.torch)
        refused: tuple[str, int] | None = None  # an output the build will not take, and where
        for index, result in enumerate(status.sections):
            if index >= len(snippet.sections) or result.name != snippet.sections[index].name:
                refused = ("its status file was changed by the snippet (a section "
                           f"{result.name!r} it does not have)", 1)
                break
            raw = bytes(job.sections[index]) if index < len(job.sections) else b""
            text = normalise(raw, root=self.layout.root, scratch=workdir)
            if text:
                outcome.texts[result.name] = text
            try:
                outcome.figures[result.name] = [
                    Figure(read_regular(workdir / f"{index}-{n}.png", MAX_FIGURE_BYTES),
                           read_regular(workdir / f"{index}-{n}{child.DARK_SUFFIX}",
                                        MAX_FIGURE_BYTES))
                    for n in range(1, int(result.figures) + 1)
                ]
                outcome.saved[result.name] = {
                    name: _read_saved(workdir / f"{index}-saved-{name}", name)
                    for name in _checked_names(result.saved)
                }
            except OSError as error:
                refused = (str(error).replace(f"{workdir}/{index}-saved-", "")
                           .replace(str(workdir), "its scratch folder"),
                           snippet.sections[index].first_line)
                break
        running = status.running
        known = running is not None and any(s.name == running for s in snippet.sections)
        running_line = snippet.section(running).first_line if known and running else None
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
            if code == -signal.SIGKILL and job.oom_kills is not None and \
                    (oom_kills() or 0) > job.oom_kills:
                reason = ("killed by the kernel's out-of-memory killer (the machine ran out of "
                          "memory while it ran; snippets are the first it picks)")
            outcome.error = reason + in_section
            outcome.line = running_line
        elif refused is not None:
            outcome.error, outcome.line = refused
        elif len(status.sections) != len(snippet.sections):
            outcome.error = "stopped before its last section"
        else:
            outcome.ok = True
        if job.before is not None:  # no sandbox here: compare the repository instead
            changed = changed_files(job.before, repository_state(self.layout.root))
            if changed:
                outcome.ok = False
                also = [other.snippet.rel for other in others]
                outcome.error = ("changed files outside its scratch folder: "
                                 + ", ".join(changed[:10])
                                 + (f" and {len(changed) - 10} more" if len(changed) > 10 else "")
                                 + (f" (while {', '.join(also)} also ran)" if also else ""))
        if not outcome.ok:
            last = bytes(job.sections[-1][-20_000:])
            tail = normalise(last, root=self.layout.root, scratch=workdir)
            outcome.tail = "\n".join(tail.splitlines()[-TAIL_LINES:])
            said = normalise((outcome.error or "").encode(), root=self.layout.root,
                             scratch=workdir).rstrip("\n")
            outcome.error = said + self._explain(job, status, outcome, others)
        return outcome

    def _explain(self, job: _Running, status: child.Status, outcome: Outcome,
                 others: list[_Running]) -> str:
        """What a failure's own message does not say: that the sandbox refused a write, or
        which snippet filled the disk under this one."""
        said = f"{outcome.error}\n{outcome.tail}"
        if status.sandbox and "Permission denied" in said:
            return (" (a snippet may create, change or delete files only in its working folder "
                    "and its temporary folder: the build refused a write outside them)")
        if any(reason in said for reason in _NO_SPACE):
            # The most each held: measured now, or at the last check (before a clean-up).
            mine = max(scratch_bytes(job.workdir), job.scratch_bytes)
            sizes = {other.snippet.rel: max(scratch_bytes(other.workdir), other.scratch_bytes)
                     for other in others}
            biggest = max(sizes, key=lambda rel: sizes[rel], default=None)
            if biggest is not None and sizes[biggest] > mine:
                return (f" (not this snippet's doing: the disk of the scratch folders was full "
                        f"while {biggest} held {_size(sizes[biggest])} in its scratch folder; "
                        f"this one held {_size(mine)})")
            return (f" (the disk of the scratch folders was full; this snippet held "
                    f"{_size(mine)} in its scratch folder)")
        return ""


def _checked_names(names: list[str]) -> list[str]:
    """Names of images a section saved, refused (``OSError``) unless each is a plain file name
    that cannot be mistaken for a figure's (``1.png`` would overwrite figure 1)."""
    for name in names:
        if not isinstance(name, str) or not _SAVED_NAME.match(name) \
                or name.lower().endswith(child.DARK_SUFFIX) \
                or not name.lower().endswith(child.SAVED_SUFFIXES):
            raise OSError(f"saved image {name!r}: give it a name that starts with a letter "
                          f"(letters, digits, '_', '-', '.'), ends with one of "
                          f"{', '.join(child.SAVED_SUFFIXES)} and not {child.DARK_SUFFIX}, so "
                          "that it cannot be taken for a figure (figures are 1.png, 2.png...)")
    return list(dict.fromkeys(names))


def _read_saved(path: Path, name: str) -> bytes:
    try:
        return read_regular(path, MAX_SAVED_BYTES)
    except OSError as error:
        if "bytes" in str(error):
            raise OSError(f"saved image {name!r} is larger than {_size(MAX_SAVED_BYTES)}, more "
                          "than a page should show: save it smaller") from None
        raise OSError(f"saved image {name!r} is not a regular file (a link?)") from None


def _size(count: int) -> str:
    """``1,234 bytes``, ``12.3 MB``, ``1.1 GB``."""
    if count < 1000:
        return f"{count:,} bytes"
    value = float(count)
    for unit in ("kB", "MB", "GB"):
        value /= 1000
        if value < 1000 or unit == "GB":
            break
    return f"{value:.1f} {unit}"


def scratch_bytes(folder: Path) -> int:
    """Disk space the files under ``folder`` take (allocated blocks: a sparse file counts for
    what it really uses); links are not followed."""
    total = 0
    for parent, folders, files in os.walk(folder):
        for name in files + folders:
            try:
                info = os.lstat(os.path.join(parent, name))
            except OSError:
                continue  # removed meanwhile
            total += getattr(info, "st_blocks", 0) * 512 or info.st_size
    return total


def _measure_scratch(job: _Running, now: float) -> None:
    job.measured = now
    job.scratch_bytes = scratch_bytes(job.workdir)
    if job.scratch_bytes > MAX_SCRATCH_BYTES and job.too_much is None:
        job.too_much = (f"kept {_size(job.scratch_bytes)} of files in its scratch folder "
                        f"(working and temporary folder), more than the "
                        f"{_size(MAX_SCRATCH_BYTES)} a snippet may: write less, or delete files "
                        "it no longer needs")


_NOT_WATCHED = {".git", ".venv", "venv", "node_modules", "site", "__pycache__",
                ".pytest_cache", ".mypy_cache", ".ruff_cache", "test-artifacts"}


def repository_state(root: Path) -> dict[str, tuple[int, int, int]]:
    """Root-relative path -> (mtime, size, mode) of every file and link in the repository
    except the build's own ``docs/generated/`` and caches: where no sandbox confines a snippet,
    what it changed outside its scratch folder is found by comparing two of these."""
    state = {}
    generated = os.path.join(str(root), "docs", "generated")
    for parent, folders, files in os.walk(root):
        folders[:] = [f for f in folders if f not in _NOT_WATCHED
                      and os.path.join(parent, f) != generated]
        for name in files + [f for f in folders if os.path.islink(os.path.join(parent, f))]:
            path = os.path.join(parent, name)
            try:
                info = os.lstat(path)
            except OSError:
                continue
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            state[rel] = (info.st_mtime_ns, info.st_size, stat.S_IFMT(info.st_mode))
    return state


def changed_files(before: dict[str, tuple[int, int, int]],
                  after: dict[str, tuple[int, int, int]]) -> list[str]:
    """``README.md (changed)``, ``new.py (created)``, ``old.py (deleted)``, sorted."""
    found = [f"{rel} (changed)" for rel in before.keys() & after.keys() if before[rel] != after[rel]]
    found += [f"{rel} (created)" for rel in after.keys() - before.keys()]
    found += [f"{rel} (deleted)" for rel in before.keys() - after.keys()]
    return sorted(found)


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


def imports_torch(snippet: Snippet, layout: Layout) -> bool:
    """Whether the snippet, or a project-local module it imports, imports torch (statically:
    ``import torch``, ``from torch import …``, ``importlib.import_module("torch…")``)."""
    from .keys import imported_modules, local_imports

    files = [snippet.path, *local_imports(snippet.path, layout)]
    return any(name == "torch" or name.startswith("torch.")
               for file in files for name in imported_modules(file))
