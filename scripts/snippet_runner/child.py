"""What runs inside each snippet's own process.

The forkserver imports this module (and with it torch, numpy and matplotlib) once; every
snippet then starts from a fork of that warm process. The child runs the sections in order in
one ``__main__`` namespace, writing each section's printed output and figures to its work
folder, and records its progress in ``status.json`` so the parent can tell where a crash hit.
"""

from __future__ import annotations

import ctypes
import io
import json
import linecache
import os
import random
import sys
import traceback
import types
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

# torch._dynamo: the first optimizer a process creates imports it (about 1 s).
PRELOAD = ("numpy", "torch", "torch._dynamo", "matplotlib", "matplotlib.pyplot")
FIGURE_DPI = 100
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
    threads: int = 1


@dataclass
class SectionResult:
    name: str
    figures: int = 0
    saved: list[str] = field(default_factory=list)
    """Image files the section wrote into the working folder, by name."""
    finished: bool = False


@dataclass
class Status:
    """Written after every step, so a crash still leaves what happened before it."""

    running: str | None = None
    sections: list[SectionResult] = field(default_factory=list)
    device: str = "cpu"
    torch: str = ""
    error: str | None = None
    """One line: the failure, for the build summary."""
    error_line: int | None = None
    exit_code: int | None = None

    def save(self, workdir: Path) -> None:
        tmp = workdir / "status.json.tmp"
        tmp.write_text(json.dumps(asdict(self)), encoding="utf-8")
        os.replace(tmp, workdir / "status.json")

    @classmethod
    def load(cls, workdir: Path) -> Status | None:
        try:
            data = json.loads((workdir / "status.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        data["sections"] = [SectionResult(**item) for item in data["sections"]]
        return cls(**data)


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


def probe(connection) -> None:  # type: ignore[no-untyped-def]
    """Child entry point that only reports the device, for the build's header."""
    try:
        connection.send(detect_device())
    finally:
        connection.close()


def run(job: Job) -> None:
    """Child entry point: run every section of one snippet."""
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # own process group: the parent can kill the whole tree
    workdir = Path(job.workdir)
    status = Status()
    try:
        _prepare(job, status)
    except SystemExit as stop:
        status.error = str(stop.code)
        status.save(workdir)
        os._exit(1)
    status.save(workdir)
    namespace = _main_module(job)
    stream = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                              errors="backslashreplace", write_through=True)
    sys.stdout = sys.stderr = stream  # one stream: the order a reader would see
    for index, section in enumerate(job.sections):
        result = SectionResult(section.name)
        status.sections.append(result)
        status.running = section.name
        status.save(workdir)
        with open(workdir / f"{index}.out", "wb") as out:
            os.dup2(out.fileno(), 1)
            os.dup2(out.fileno(), 2)
        ok = _run_section(job, section, namespace, status)
        _flush_c_stdio()
        result.figures = _save_figures(workdir, index)
        result.saved = _collect_saved_images(workdir, index)
        result.finished = ok
        status.running = None
        status.save(workdir)
        if not ok:
            break
    stream.flush()
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    os._exit(0 if status.error is None else 1)  # skip atexit handlers from the snippet


def _prepare(job: Job, status: Status) -> None:
    import matplotlib
    import numpy
    import torch

    cwd = Path(job.workdir) / "cwd"
    cwd.mkdir()
    os.chdir(cwd)  # files a snippet writes land in a scratch folder
    sys.path.insert(0, str(Path(job.path).parent))
    sys.argv = [job.path]
    random.seed(0)
    numpy.random.seed(0)
    torch.manual_seed(0)
    torch.set_num_threads(job.threads)
    if job.device == "cpu" and getattr(torch.backends, "mps", None) is not None:
        torch.backends.mps.is_available = lambda: False  # CUDA is hidden by the environment
    matplotlib.rcdefaults()
    matplotlib.use("Agg")
    warnings.resetwarnings()
    warnings.simplefilter("default")
    warnings.formatwarning = _format_warning
    import matplotlib.pyplot as plt

    plt.show = lambda *args, **kwargs: None  # figures are saved after the section
    status.device, status.torch = detect_device()
    if job.device == "cuda" and status.device != "cuda":
        raise SystemExit("--device cuda was asked for, but torch sees no CUDA device")


def _format_warning(message, category, filename, lineno, line=None) -> str:  # type: ignore[no-untyped-def]
    """``Category: message``: what matters to a reader, without machine paths."""
    return f"{category.__name__}: {message}\n"


def _main_module(job: Job) -> dict[str, object]:
    module = types.ModuleType("__main__")
    module.__file__ = job.path
    sys.modules["__main__"] = module  # classes defined by the snippet pickle normally
    source = Path(job.path).read_text(encoding="utf-8")
    linecache.cache[job.rel] = (len(source), None, source.splitlines(True), job.rel)
    return module.__dict__


def _run_section(job: Job, section: SectionJob, namespace: dict[str, object], status: Status) -> bool:
    padded = "\n" * (section.first_line - 1) + section.code
    try:
        code = compile(padded, job.rel, "exec")
        exec(code, namespace)
    except SystemExit as stop:
        if stop.code in (None, 0) and section is job.sections[-1]:
            return True
        status.error = f"SystemExit: sys.exit({stop.code!r})"
        status.exit_code = stop.code if isinstance(stop.code, int) else 1
        status.error_line = _snippet_line(job, stop.__traceback__)
        traceback.print_exc()
        return False
    except BaseException as error:  # noqa: BLE001 - a snippet may raise anything
        line = _snippet_line(job, error.__traceback__) or getattr(error, "lineno", None)
        if section.expects and _is_instance_named(error, section.expects):
            print("Traceback (most recent call last):\n  ...")
            print("".join(traceback.format_exception_only(error)), end="")
            return True
        traceback.print_exc()
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


def _is_instance_named(error: BaseException, name: str) -> bool:
    short = name.rsplit(".", 1)[-1]
    return any(cls.__name__ == short for cls in type(error).__mro__)


def _snippet_line(job: Job, tb: types.TracebackType | None) -> int | None:
    line = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == job.rel:
            line = lineno
    return line


def _flush_c_stdio() -> None:
    try:
        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError):
        pass  # no C runtime handle (Windows): Python-level output is already flushed


def _collect_saved_images(workdir: Path, index: int) -> list[str]:
    """Move image files the section saved in the working folder next to its output."""
    names = []
    for path in sorted((workdir / "cwd").iterdir()):
        if path.is_file() and path.suffix.lower() in SAVED_SUFFIXES:
            os.replace(path, workdir / f"{index}-saved-{path.name}")
            names.append(path.name)
    return names


def _save_figures(workdir: Path, index: int) -> int:
    import matplotlib.pyplot as plt

    numbers = plt.get_fignums()
    for count, number in enumerate(numbers, start=1):
        figure = plt.figure(number)
        figure.savefig(workdir / f"{index}-{count}.png", format="png", dpi=FIGURE_DPI,
                       metadata={"Software": None})
    plt.close("all")
    return len(numbers)
