"""What runs inside each snippet's own process.

The forkserver imports this module (and with it torch, numpy and matplotlib) once; every
snippet then starts from a fork of that warm process. The child runs the sections in order in
one ``__main__`` namespace. Its printed output goes to a pipe the parent reads (and caps) while
it streams; before each section the child tells the parent, on a control pipe, that what follows
belongs to that section. Figures go to the work folder, and progress to ``status.jsonl`` (one
line appended per step) so the parent can tell where a crash hit.

Process hygiene (Linux): nothing a snippet starts may outlive the build.

* The forkserver is a *child subreaper* (``prctl``): a snippet's orphaned descendants, even ones
  in their own session, are re-parented to it instead of to init. When the build dies (however:
  its end, Ctrl-C, SIGTERM, SIGKILL) the forkserver sees the end of its "alive" pipe, or gets
  SIGTERM from ``PR_SET_PDEATHSIG``, and kills every descendant it has before it exits, then
  removes the build's scratch folders.
* Each snippet process is a subreaper too, so while it lives its whole tree hangs below it: the
  parent kills that tree on a timeout or an interrupt, and the snippet kills what it left
  running when it ends. It also gets SIGKILL if the forkserver dies (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ast
import atexit
import ctypes
import functools
import io
import json
import linecache
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
import types
import warnings
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import profile

# torch._dynamo: the first optimizer a process creates imports it (about 1 s).
PRELOAD = ("numpy", "torch", "torch._dynamo", "matplotlib", "matplotlib.pyplot")
PYTHON_WARNING_FILTERS: tuple[tuple[Literal["default", "ignore"], type[Warning], str], ...] = (
    ("default", DeprecationWarning, "__main__"), ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""), ("ignore", ImportWarning, ""),
    ("ignore", ResourceWarning, ""))
"""``warnings.filters`` of a plain ``python file.py`` (CPython 3.x, release build)."""
TORCH_MODULES = ("torch", "torch._dynamo")
"""Preloaded only when a snippet of the build imports torch (every real one does; most test
fixtures do not, and importing torch is most of a forkserver's start)."""
FIGURE_DPI = 150
DARK_SUFFIX = ".dark.png"
"""Every captured figure is also saved re-coloured for a dark page: ``main-1.dark.png``."""
SAVED_SUFFIXES = (".gif", ".png", ".svg")
"""Images a snippet saves into its working folder (an animation, say) are outputs too."""


@dataclass(frozen=True)
class SectionJob:
    name: str
    code: str
    first_line: int
    expects: str | None


@dataclass(frozen=True)
class Job:
    """Everything a child needs; plain data so it pickles for spawn too."""

    rel: str
    path: str
    sections: tuple[SectionJob, ...]
    workdir: str
    device: str
    env: dict[str, str] = field(default_factory=dict)
    """The snippet's whole environment (see :func:`snippet_environment`)."""
    threads: int = 1
    torch: bool = True
    """The snippet (or a local module it imports) imports torch: seed it, pick its device.
    A snippet that does not is spared importing it (4 CPU-seconds)."""
    source: str | None = None
    """The file's text as planned (keyed) before the build ran it; ``None``: read ``path``."""
    confine: bool = True
    """Let the snippet write only in ``workdir`` (Landlock: only where :mod:`sandbox` says the
    kernel can)."""


@dataclass
class SectionResult:
    name: str
    figures: int = 0
    saved: list[str] = field(default_factory=list)
    """Image files the section wrote into the working folder, by name."""


STATUS_FILE = "status.jsonl"
MAX_STATUS_BYTES = 10_000_000
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass
class Status:
    """What a snippet process did so far, for the parent to read when it has ended.

    Kept as a journal: each step appends one JSON line (:meth:`record`), so a crash still
    leaves every step before it, and a step costs the same however many came before it
    (rewriting the whole state at every step made a file of 2,000 sections quadratic: 55 s).
    """

    running: str | None = None
    sections: list[SectionResult] = field(default_factory=list)
    device: str = "cpu"
    torch: str = ""
    error: str | None = None
    """One line: the failure, for the build summary."""
    error_line: int | None = None
    sandbox: str = ""
    """How the snippet's writes were confined (``"Landlock ABI 7"``); empty: not confined."""

    def record(self, workdir: Path, **event: object) -> None:
        """Apply one step here and append it to the journal in ``workdir``."""
        self._apply(event)
        line = (json.dumps(event) + "\n").encode("utf-8")
        handle = os.open(workdir / STATUS_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND | _NOFOLLOW,
                         0o600)
        try:
            os.write(handle, line)  # one small O_APPEND write: whole lines only
        finally:
            os.close(handle)

    def _apply(self, event: dict[str, object]) -> None:
        if "start" in event:  # a section starts: from now on, a crash is blamed on it
            self.sections.append(SectionResult(str(event["start"])))
            self.running = self.sections[-1].name
        if "end" in event:
            result = self.sections[-1]
            result.figures = int(event.get("figures", 0))  # type: ignore[call-overload]
            result.saved = list(event.get("saved", []))  # type: ignore[call-overload]
            self.running = None
        for name in ("device", "torch", "sandbox"):
            if name in event:
                setattr(self, name, str(event[name]))
        if "error" in event:
            self.error = None if event["error"] is None else str(event["error"])
        if "error_line" in event:
            line = event["error_line"]
            self.error_line = None if line is None else int(line)  # type: ignore[call-overload]

    @classmethod
    def load(cls, workdir: Path) -> Status | None:
        """The journal in ``workdir`` replayed; None when there is none. Never read through
        a link, nor a file of more than ``MAX_STATUS_BYTES`` (the snippet could replace it)."""
        from .atomic import read_regular

        try:
            lines = read_regular(workdir / STATUS_FILE, limit=MAX_STATUS_BYTES).splitlines()
        except OSError:
            return None
        status = cls()
        for line in lines:
            try:
                event = json.loads(line)
                if not isinstance(event, dict):
                    raise ValueError(line)
                status._apply(event)
            except (ValueError, TypeError, IndexError):
                break  # a line cut short by a kill (or garbage): what came before it holds
        return status


# --- Environment -------------------------------------------------------------------------------

SUPERVISOR_ENV = "SNIPPET_RUNNER_SUPERVISE"
"""Set (to the build's pid) only while the build starts the forkserver."""
SCRATCH_PREFIX = "snippet-runner-"
SNIPPET_OOM_SCORE_ADJ = 500
"""Out of memory, Linux kills the process with the highest score: a snippet's is raised so that
it is picked before the build and its forkserver, which then report it (raising needs no
privilege; its children inherit it)."""
_KEPT_VARIABLES = (
    "PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP", "LD_LIBRARY_PATH",
    # OpenBLAS settings some machines need for correct results (CPU model detection).
    "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
    # Where libraries keep caches and configuration.
    "XDG_CACHE_HOME", "MPLCONFIGDIR", "TORCH_HOME",
    # GPU selection and toolkits.
    "CUDA_VISIBLE_DEVICES", "CUDA_HOME", "CUDA_PATH", "HIP_VISIBLE_DEVICES",
    "ROCR_VISIBLE_DEVICES",
    # Windows essentials.
    "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
)
_KEPT_PREFIXES = ("LC_",)
_FIXED = {
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
    "NO_COLOR": "1",  # ask well-behaved libraries for plain text (escape codes are stripped anyway)
    "TERM": "dumb",
}


def snippet_environment(device: str, builder: Mapping[str, str],
                        numeric: Mapping[str, str] | None = None) -> dict[str, str]:
    """An allow-listed environment: what a snippet needs, none of the builder's secrets, and
    the numeric profile (``profile.numeric_profile()`` unless ``numeric`` says otherwise)."""
    env = {name: value for name, value in builder.items()
           if name in _KEPT_VARIABLES or name.startswith(_KEPT_PREFIXES)}
    env.update(_FIXED)
    profile.apply(env, numeric)
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = ""
    return env


# --- Process hygiene ---------------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _process_table() -> dict[int, list[int]]:
    """Parent pid -> pids of its live (not zombie) children, from ``/proc``."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return children
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue  # gone meanwhile
        state, ppid = stat[stat.rindex(b")") + 2:].split()[:2]
        if state not in (b"Z", b"X"):
            children.setdefault(int(ppid), []).append(int(name))
    return children


def descendants(pid: int) -> list[int]:
    """Live descendants of ``pid`` (children first), whatever session or group they are in."""
    table = _process_table()
    found, queue = [], list(table.get(pid, []))
    while queue:
        current = queue.pop(0)
        found.append(current)
        queue.extend(table.get(current, []))
    return found


def kill_descendants(pid: int, *, limit: float = 3.0) -> None:
    """SIGKILL everything below ``pid`` until nothing is left (processes may fork meanwhile).

    Orphans of killed processes re-parent to the nearest subreaper: ``pid`` itself when it is one,
    so they are found again on the next pass.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = descendants(pid)
        if not found:
            return
        for other in found:
            try:
                os.kill(other, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.005)


class _Supervisor:
    """The build's forkserver, once it has adopted the snippets' orphans: it takes all of them
    down, and the build's scratch folders, when the build ends (exit or signal).

    The build's exit closes the forkserver's "alive" pipe (so it runs ``atexit``) and sends it
    SIGTERM (``PR_SET_PDEATHSIG``) at the same moment: the clean-up must survive being entered
    twice. The second entry returns at once, and the clean-up takes no lock a signal handler
    could already hold (the temporary folder is looked up beforehand: ``gettempdir`` holds a
    lock, and a SIGTERM inside it deadlocked the forkserver, and with it every process waiting
    for the build's output pipes)."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP)

    def __init__(self, builder: int, scratch_root: Path) -> None:
        self.builder, self.me, self.scratch_root = builder, os.getpid(), scratch_root
        self.cleaning = False

    def install(self) -> None:
        _prctl(_PR_SET_CHILD_SUBREAPER, 1)
        # The build died without closing our "alive" pipe (it can leak into its other children).
        _prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        # The forkserver reaps the orphans it adopts; it would warn about each one.
        warnings.filterwarnings("ignore", message="forkserver: waitpid returned unexpected pid")
        atexit.register(self.clean_up)  # the build closed the "alive" pipe: the forkserver exits
        for number in self.SIGNALS:
            signal.signal(number, self.on_signal)
        if os.getppid() != self.builder:  # the build died before PR_SET_PDEATHSIG was in place
            self.clean_up()

    def on_signal(self, number: int, frame: object) -> None:
        self.clean_up()

    def clean_up(self) -> None:
        if os.getpid() != self.me or self.cleaning:
            return  # a fork of the forkserver that ran ``sys.exit``; or already cleaning up
        self.cleaning = True
        signal.pthread_sigmask(signal.SIG_BLOCK, self.SIGNALS)
        kill_descendants(self.me)
        for folder in self.scratch_root.glob(f"{SCRATCH_PREFIX}{self.builder}-*"):
            shutil.rmtree(folder, ignore_errors=True)
        os._exit(0)  # tearing down torch & co. can take seconds: nothing is left to do


def _become_supervisor(builder: int) -> None:
    """Forkserver set-up: adopt every orphan, and take all of them down when the build ends."""
    if os.getppid() != builder:
        return  # not the forkserver the build started (or the build is already gone)
    _Supervisor(builder, Path(tempfile.gettempdir())).install()


def _enter_snippet_process() -> None:
    """Set-up of a snippet process, before any snippet code runs."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):  # the forkserver's handlers are not the snippet's
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # own process group: Ctrl-C in a terminal reaches the build, not the snippet
    try:  # out of memory, the kernel kills a snippet (and what it started) before the build
        with open("/proc/self/oom_score_adj", "w") as adjust:
            adjust.write(str(SNIPPET_OOM_SCORE_ADJ))
    except OSError:
        pass  # not Linux
    if sys.platform.startswith("linux"):
        parent = os.getppid()
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        _prctl(_PR_SET_CHILD_SUBREAPER, 1)  # the snippet's whole tree stays below this process
        if os.getppid() != parent:  # the forkserver died before PR_SET_PDEATHSIG was in place
            os._exit(1)


def _no_main_module_in_snippet_processes() -> None:
    """Forkserver set-up: multiprocessing runs the parent's main script again in every process
    it starts (as ``__mp_main__``, for objects defined there to unpickle). For a snippet
    process that is the build script and the runner's imports: 0.3 to 1.5 s per snippet, for
    nothing (a snippet process receives only this module's objects), and the snippet would
    see that module. A snippet's own processes are not affected: they start from the
    snippet, a fork of it, or a fresh interpreter."""
    from multiprocessing import spawn

    spawn._fixup_main_from_path = lambda main_path: None  # type: ignore[attr-defined]
    spawn._fixup_main_from_name = lambda mod_name: None  # type: ignore[attr-defined]


if os.environ.get(SUPERVISOR_ENV) and "multiprocessing.forkserver" in sys.modules:
    _become_supervisor(int(os.environ.pop(SUPERVISOR_ENV)))  # we are the build's forkserver
    _no_main_module_in_snippet_processes()


def preload() -> None:
    for module in PRELOAD:
        __import__(module)


def detect_device() -> tuple[str, str]:
    """The device class this process would use, and the torch version."""
    import torch

    if torch.cuda.is_available():
        return "cuda", torch.__version__
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps", torch.__version__
    return "cpu", torch.__version__


def probe(connection, env: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Child entry point that only reports ``(device class, torch version)``."""
    try:
        os.environ.clear()
        os.environ.update(env)
        connection.send(detect_device())
    finally:
        connection.close()


def run(job: Job, output=None, control=None) -> None:  # type: ignore[no-untyped-def]
    """Child entry point: run every section of one snippet.

    ``output`` is the write end of the pipe that becomes stdout and stderr; ``control`` carries
    the index of the section the following output belongs to.
    """
    _enter_snippet_process()
    _as_plain_script()
    os.environ.clear()
    os.environ.update(job.env)
    if output is not None:
        os.dup2(output.fileno(), 1)
        os.dup2(output.fileno(), 2)
        output.close()
    workdir = Path(job.workdir)
    status = Status()
    try:
        _prepare(job, status)
        _confine(workdir, status, landlock=job.confine)
    except SystemExit as stop:
        status.record(workdir, device=status.device, torch=status.torch, sandbox=status.sandbox,
                      error=str(stop.code))
        os._exit(1)
    status.record(workdir, device=status.device, torch=status.torch, sandbox=status.sandbox)
    namespace = enter_script(job.path, job.rel, job.source)
    sys.modules["__mp_main__"] = sys.modules["__main__"]  # as importing multiprocessing does
    stream = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                              errors="backslashreplace", write_through=True)
    sys.stdout = sys.stderr = stream  # one stream: the order a reader would see
    for index, section in enumerate(job.sections):
        status.record(workdir, start=section.name)
        stream.flush()
        _flush_c_stdio()
        if control is not None:  # what was written so far belongs to the previous section
            control.send(index)
            control.recv()  # the parent has read it all
        ok = _run_section(job, section, namespace, status)
        stream.flush()
        _flush_c_stdio()
        end: dict[str, object] = {"end": section.name, "figures": _save_figures(workdir, index)}
        saved = _collect_saved_images(workdir, index)
        if saved:
            end["saved"] = saved
        if status.error is not None:
            end.update(error=status.error, error_line=status.error_line)
        status.record(workdir, **end)
        if not ok:
            break
    _join_children()
    kill_descendants(os.getpid())  # whatever the snippet left running (a server, a sleeper)
    os._exit(0 if status.error is None else 1)  # skip atexit handlers from the snippet


def _as_plain_script() -> None:
    """Undo what being started by ``multiprocessing`` left in this process, so that the
    snippet's own processes start as they do under ``python file.py``.

    This process began as a forkserver child: its default start method was fixed to
    ``forkserver`` (a guard-less ``DataLoader(num_workers=2)`` then fails, and with a guard
    every worker re-runs the file's top level), it had a parent process and a child's name,
    and the runner's folder was on ``sys.path``. Afterwards: the platform's default start
    method, not yet chosen (``fork`` on Linux up to Python 3.13), so ``set_start_method``
    works without ``force``; the main process, named ``MainProcess``, without parent; the
    runner's folder off ``sys.path``.
    """
    import multiprocessing
    import multiprocessing.process

    multiprocessing.set_start_method(None, force=True)  # None: back to "not chosen yet"
    current = multiprocessing.current_process()
    current._identity, current._name, current._parent_pid = (), "MainProcess", None  # type: ignore[attr-defined]
    multiprocessing.process._parent_process = None  # type: ignore[attr-defined]
    runner = Path(__file__).resolve().parents[1]
    sys.path[:] = [entry for entry in sys.path if not entry or Path(entry).resolve() != runner]


def _join_children() -> None:
    """What the interpreter does for ``multiprocessing`` when a script ends: wait for the
    processes it started (a daemonic one is terminated), so that what they print still counts.
    The build's time limit still applies."""
    import multiprocessing.util

    try:
        multiprocessing.util._exit_function()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - whatever state the snippet left: the tree is killed next
        pass


def _prepare(job: Job, status: Status) -> None:
    import matplotlib
    import numpy

    cwd = Path(job.workdir) / "cwd"
    cwd.mkdir()
    os.chdir(cwd)  # files a snippet writes land in a scratch folder
    random.seed(0)
    numpy.random.seed(0)
    if job.torch or "torch" in sys.modules or job.device != "cpu":
        import torch

        torch.manual_seed(0)
        torch.set_num_threads(job.threads)
        if job.device == "cpu" and getattr(torch.backends, "mps", None) is not None:
            # CUDA is hidden by the environment; MPS is hidden here.
            torch.backends.mps.is_available = lambda: False  # type: ignore[assignment]
        status.device, status.torch = detect_device()
    else:  # no torch here: nothing to seed, and it would run on the CPU
        import importlib.metadata

        status.device, status.torch = "cpu", importlib.metadata.version("torch")
    matplotlib.rcdefaults()
    matplotlib.use("Agg")
    # Python's own default filters, as `python file.py` has them: every warning once per place,
    # but a DeprecationWarning only where the snippet's code (__main__) triggers it, not one
    # that torch raises about its own internals.
    warnings.resetwarnings()
    for action, category, module in PYTHON_WARNING_FILTERS:
        warnings.filterwarnings(action, category=category, module=module, append=True)
    warnings.formatwarning = _format_warning
    import matplotlib.pyplot as plt

    plt.show = lambda *args, **kwargs: None  # figures are saved after the section
    if job.device == "cuda" and status.device != "cuda":
        raise SystemExit("--device cuda was asked for, but torch sees no CUDA device")


def _confine(workdir: Path, status: Status, *, landlock: bool) -> None:
    """The snippet's own temporary folder (``TMPDIR``) inside its scratch folder (so what it
    leaves there counts against it), and with ``landlock`` writes outside refused."""
    from . import sandbox

    # torch.compile's cache of this numeric path stays shared by all snippets and builds (a
    # cold cache makes a first compiled call take a minute instead of seconds; see
    # profile.compile_cache): the one place outside the scratch folder a snippet may write.
    compile_cache = os.environ.get("TORCHINDUCTOR_CACHE_DIR") or profile.compile_cache(
        profile.numeric_profile())
    os.makedirs(compile_cache, exist_ok=True)
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = compile_cache
    temporary = workdir / "tmp"
    temporary.mkdir()
    for name in ("TMPDIR", "TEMP", "TMP"):
        os.environ[name] = str(temporary)
    tempfile.tempdir = None  # computed again, from TMPDIR, on first use
    # multiprocessing's folder for sockets (a forkserver's, a Manager's) is the build's,
    # inherited: the snippet's own is made in its TMPDIR when needed.
    import multiprocessing.process

    multiprocessing.process.current_process()._config.pop("tempdir", None)  # type: ignore[attr-defined]
    if not landlock:
        return
    try:
        status.sandbox = sandbox.confine([str(workdir), compile_cache]) or ""
    except OSError as error:
        raise SystemExit(f"could not confine the snippet to its scratch folder: {error}") from None


def _format_warning(message, category, filename, lineno, line=None) -> str:  # type: ignore[no-untyped-def]
    """``Category: message``: what matters to a reader, without machine paths."""
    return f"{category.__name__}: {message}\n"


def enter_script(path: str, rel: str, source: str | None = None) -> dict[str, object]:
    """Make this interpreter look as it does under ``python <path>``; return ``__main__``'s dict.

    A fresh ``__main__`` module with ``__file__`` set to the snippet's real path (classes it
    defines pickle; data files beside it are found), the snippet's folder first on ``sys.path``
    (helper modules beside it import), ``sys.argv`` as the script sees it. Tracebacks name the
    file by ``rel``, its path from the repository root.
    """
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__dict__["__builtins__"] = __builtins__
    sys.modules["__main__"] = module
    sys.path.insert(0, str(Path(path).parent))
    sys.argv = [path]
    if source is None:
        source = Path(path).read_text(encoding="utf-8")
    linecache.cache[rel] = (len(source), None, source.splitlines(True), rel)
    return module.__dict__


def compile_section(code: str, first_line: int, rel: str) -> types.CodeType:
    """A section's code, compiled as ``python <file>`` compiles it, with the file's line numbers.

    ``dont_inherit``: the runner's own ``from __future__`` imports must not apply to snippets
    (with them, annotations would stay strings). The syntax tree's line numbers are shifted,
    rather than the source padded with blank lines, so that compiling costs what the section
    is long, not where it sits in its file.
    """
    try:
        tree = ast.parse(code, rel, "exec")
    except SyntaxError:  # the padded source gives the error the file's line numbers
        return compile("\n" * (first_line - 1) + code, rel, "exec", dont_inherit=True)
    ast.increment_lineno(tree, first_line - 1)
    return compile(tree, rel, "exec", dont_inherit=True)


def _run_section(job: Job, section: SectionJob, namespace: dict[str, object], status: Status) -> bool:
    try:
        exec(compile_section(section.code, section.first_line, job.rel), namespace)
    except SystemExit as stop:
        if stop.code in (None, 0) and section is job.sections[-1]:
            return True
        status.error = f"SystemExit: sys.exit({stop.code!r})"
        status.error_line = _snippet_line(job, stop.__traceback__)
        _print_traceback(job, stop)
        return False
    except BaseException as error:  # noqa: BLE001 - a snippet may raise anything
        line = _snippet_line(job, error.__traceback__) or getattr(error, "lineno", None)
        if section.expects and is_expected(error, section.expects):
            print("Traceback (most recent call last):\n  ...")
            print("".join(traceback.format_exception_only(error)), end="")
            return True
        _print_traceback(job, error)
        status.error = "".join(traceback.format_exception_only(error)).strip().splitlines()[-1]
        if section.expects:
            status.error = f"expected {section.expects}, got {status.error}"
        status.error_line = line
        return False
    if section.expects:
        status.error = f"expected {section.expects}, but the section raised nothing"
        status.error_line = section.first_line
        return False
    return True


def is_expected(error: BaseException, name: str) -> bool:
    """Whether ``error`` is what ``# raises: name`` expects.

    ``name`` is a class name, bare (``RuntimeError``) or qualified the way code refers to it
    (``pickle.UnpicklingError``, ``torch.cuda.OutOfMemoryError``). A qualified name is resolved
    by importing its module, so subclasses match; a name that cannot be resolved matches a class
    of that name in the error's hierarchy.
    """
    module, _, short = name.rpartition(".")
    expected = None
    try:
        if module:
            import importlib

            expected = getattr(importlib.import_module(module), short, None)
        else:
            import builtins

            expected = getattr(builtins, short, None)
    except ImportError:
        pass
    if isinstance(expected, type) and issubclass(expected, BaseException):
        return isinstance(error, expected)
    return any(cls.__name__ == short for cls in type(error).__mro__)


def _print_traceback(job: Job, error: BaseException) -> None:
    """The traceback as ``python <snippet>`` prints it: from the snippet's frames on."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != job.rel:
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb)  # None: a SyntaxError, shown alone


def _snippet_line(job: Job, tb: types.TracebackType | None) -> int | None:
    line = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == job.rel:
            line = lineno
    return line


@functools.lru_cache(maxsize=1)
def _c_runtime() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)
    except OSError:
        return None


def _flush_c_stdio() -> None:
    try:
        _c_runtime().fflush(None)  # type: ignore[union-attr]
    except AttributeError:
        pass  # no C runtime handle (Windows): Python-level output is already flushed


def _collect_saved_images(workdir: Path, index: int) -> list[str]:
    """Move image files the section saved in the working folder next to its output."""
    names = []
    for path in sorted((workdir / "cwd").iterdir()):
        if path.is_symlink():
            continue  # never an output: the build reads no file through a link
        if path.is_file() and path.suffix.lower() in SAVED_SUFFIXES:
            os.replace(path, workdir / f"{index}-saved-{path.name}")
            names.append(path.name)
    return names


def _save_figures(workdir: Path, index: int) -> int:
    """Save every open figure twice, as it is and re-coloured for a dark page, then close it."""
    import matplotlib.pyplot as plt

    numbers = plt.get_fignums()
    for count, number in enumerate(numbers, start=1):
        figure = plt.figure(number)
        for suffix, theme in ((".png", nullcontext()), (DARK_SUFFIX, dark_theme(figure))):
            with theme:  # no "Software" stamp: the same bytes on every machine
                figure.savefig(workdir / f"{index}-{count}{suffix}", format="png",
                               dpi=FIGURE_DPI, metadata={"Software": None})
    plt.close("all")
    return len(numbers)


DARK_BACKGROUND = "#1e2129"
"""Close to Material's slate background, so the figure sits on the page like the light one."""
DARK_FOREGROUND = "#e3e5ea"
DARK_GRID = "#474c59"
DARK_LEGEND = "#2a2e38"


class dark_theme:
    """Re-colour a figure's frame for a dark background, and restore it afterwards.

    Backgrounds turn dark; text, ticks, spines and legend frames turn light; grid lines dim. The
    data keep their colours, except lines, markers and patches drawn in black or near-black,
    which would vanish: they turn light too.
    """

    def __init__(self, figure) -> None:  # type: ignore[no-untyped-def]
        self.figure = figure
        self.undo: list[tuple[object, object]] = []

    def _set(self, getter, setter, value) -> None:  # type: ignore[no-untyped-def]
        self.undo.append((setter, getter()))
        setter(value)

    def __enter__(self) -> None:
        from matplotlib.collections import Collection
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
        from matplotlib.text import Text

        figure = self.figure
        figure_patch = figure.patch
        self._set(figure_patch.get_facecolor, figure_patch.set_facecolor, DARK_BACKGROUND)
        frame: set[int] = {id(figure_patch)}
        for axes in figure.axes:
            self._set(axes.patch.get_facecolor, axes.patch.set_facecolor, DARK_BACKGROUND)
            frame.add(id(axes.patch))
            for spine in axes.spines.values():
                self._set(spine.get_edgecolor, spine.set_edgecolor, DARK_FOREGROUND)
                frame.add(id(spine))
            for axis in (axes.xaxis, axes.yaxis, getattr(axes, "zaxis", None)):
                if axis is None:
                    continue
                for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                    for line in (tick.tick1line, tick.tick2line):
                        self._set(line.get_markeredgecolor, line.set_markeredgecolor,
                                  DARK_FOREGROUND)
                        frame.add(id(line))
                    self._set(tick.gridline.get_color, tick.gridline.set_color, DARK_GRID)
                    frame.add(id(tick.gridline))
        for legend in [*figure.legends, *(a.get_legend() for a in figure.axes)]:
            if legend is not None:
                box = legend.get_frame()
                self._set(box.get_facecolor, box.set_facecolor, DARK_LEGEND)
                self._set(box.get_edgecolor, box.set_edgecolor, DARK_GRID)
                frame.add(id(box))
        for artist in figure.findobj():
            if id(artist) in frame:
                continue
            if isinstance(artist, Text):
                if _is_dark(artist.get_color()):
                    self._set(artist.get_color, artist.set_color, DARK_FOREGROUND)
            elif isinstance(artist, Line2D):
                for get, put in ((artist.get_color, artist.set_color),
                                 (artist.get_markeredgecolor, artist.set_markeredgecolor),
                                 (artist.get_markerfacecolor, artist.set_markerfacecolor)):
                    if _is_dark(get()):
                        self._set(get, put, DARK_FOREGROUND)
            elif isinstance(artist, (Patch, Collection)):
                self._lighten_black(artist)

    def _lighten_black(self, artist) -> None:  # type: ignore[no-untyped-def]
        import numpy as np

        for get, put in ((artist.get_facecolor, artist.set_facecolor),
                         (artist.get_edgecolor, artist.set_edgecolor)):
            colours = np.atleast_2d(np.array(get(), dtype=float))
            if colours.size and colours.shape[-1] == 4 and any(_is_dark(c) for c in colours):
                light = colours.copy()
                for row in light:
                    if _is_dark(row):
                        row[:3] = _rgb(DARK_FOREGROUND)
                self._set(get, put, light if len(light) > 1 else light[0])

    def __exit__(self, *exc: object) -> None:
        for setter, value in reversed(self.undo):
            setter(value)  # type: ignore[operator]
        self.undo.clear()


def _rgb(colour) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    from matplotlib.colors import to_rgb

    return to_rgb(colour)


def _is_dark(colour) -> bool:  # type: ignore[no-untyped-def]
    """Near-black and visible: it would vanish on a dark background."""
    from matplotlib.colors import to_rgba

    try:
        r, g, b, a = to_rgba(colour)
    except (ValueError, TypeError):
        return False  # "none", "auto" and the like
    return a > 0 and 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.25
