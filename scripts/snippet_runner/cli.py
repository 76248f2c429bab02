"""Command line: ``python scripts/build.py [--check | --verify | --merge DIR...] [options]``."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from .manifest import ManifestError
from .pages import IncludeError
from .paths import Layout, UnsafePath, find_root
from .pipeline import INTERRUPTS, Comparisons, DeviceUnavailable, build, check, merge, verify
from .report import Reporter
from .sources import discover

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: at least 1 snippet must run at a time")
    return value


def _shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    try:
        k, n = int(index), int(count)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: write K/N, e.g. 1/2") from None
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"{text!r}: K must be between 1 and N")
    return k, n


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python scripts/build.py",
        description="Run the snippets whose outputs are missing or stale and regenerate "
                    "their printed output and figures under docs/generated/.",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="run nothing; fail naming every stale, missing or orphaned output")
    mode.add_argument("--verify", action="store_true",
                      help="re-run snippets and compare with the committed outputs: byte for "
                           "byte where they were made on this CPU, platform, device and torch "
                           "build, else within tolerance; writes nothing")
    mode.add_argument("--fragility", action="store_true",
                      help="re-run snippets on another numeric path of this machine (other "
                           "MKL, oneDNN, ATen and numpy kernels) and fail naming every output "
                           "that moves beyond the tolerance; writes nothing")
    mode.add_argument("--merge", nargs="+", type=Path, metavar="DIR",
                      help="combine the docs/generated folders of every --shard build into "
                           "this tree (comparing them with it like --verify)")
    p.add_argument("--force", action="store_true", help="run every selected snippet")
    p.add_argument("--only", action="append", metavar="PATTERN",
                   help="only snippets whose path matches this glob or substring (repeatable)")
    p.add_argument("--shard", type=_shard, metavar="K/N",
                   help="only the K-th of N groups of snippets of about equal recorded run time")
    p.add_argument("-j", "--jobs", type=_positive, default=os.cpu_count() or 1,
                   help="snippets to run at once (default: all cores)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"), default="auto",
                   help="auto picks cuda, then mps, then cpu; cpu hides GPUs from snippets; "
                        "cuda and mps fail when torch does not see that device")
    p.add_argument("--emulated", metavar="CPU",
                   help="with --verify, under qemu-user emulating CPU (make cross-cpu): fork "
                        "snippets so they are emulated too, compare within tolerance")
    p.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    return p


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def install_signal_handlers() -> None:
    """SIGTERM (CI cancel, ``timeout``, ``docker stop``) and SIGHUP act like Ctrl-C. SIGINT too,
    even where it was ignored when the build started (a script's ``build.py &``): an explicit
    ``kill -INT`` still stops the build cleanly."""
    for name in INTERRUPTS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    reporter = Reporter()
    try:
        layout = Layout(args.root.resolve() if args.root else find_root(Path.cwd()))
    except FileNotFoundError as error:
        reporter.error(f"{error}: run this from the repository (or a folder inside it)")
        return EXIT_USAGE
    if args.only:
        snippets, errors = discover(layout, args.only)
        if not snippets and not errors:
            reporter.error(f"--only {' '.join(args.only)}: no snippet matches (patterns are "
                           "globs or substrings of paths like snippets/tensors/creation.py)")
            return EXIT_USAGE
    install_signal_handlers()
    try:
        return _run(args, layout, reporter)
    except KeyboardInterrupt:
        reporter.error("interrupted: finished snippets were kept, nothing is half-written")
        return EXIT_INTERRUPTED
    except (ManifestError, UnsafePath, DeviceUnavailable, IncludeError) as error:
        reporter.error(str(error))
        return EXIT_FAILED
    except OSError as error:  # a full disk, a file that vanished: a message, not a traceback
        reporter.error(f"{error.strerror or error}: {error.filename}" if error.filename
                       else str(error))
        return EXIT_FAILED


def _run(args: argparse.Namespace, layout: Layout, reporter: Reporter) -> int:
    if args.check:
        started = time.monotonic()
        problems = check(layout)
        reporter.problems(problems)
        if problems:
            reporter.note("run `python scripts/build.py` (or `make build`) and commit the result")
            return EXIT_FAILED
        reporter.note(f"all outputs fresh ({time.monotonic() - started:.2f} s)")
        return EXIT_OK
    if args.merge:
        return _compared(reporter, merge(layout, reporter, args.merge))
    if args.verify or args.fragility:
        result, compared = verify(layout, reporter, patterns=args.only, jobs=args.jobs,
                                  device=args.device, shard=args.shard,
                                  fragility=args.fragility, emulated=args.emulated)
        reporter.summary(result, title=compared.title)
        code = _compared(reporter, compared)
        return code if result.ok else EXIT_FAILED
    result = build(layout, reporter, patterns=args.only, force=args.force, jobs=args.jobs,
                   device=args.device, shard=args.shard)
    reporter.summary(result)
    return EXIT_OK if result.ok else EXIT_FAILED


def _compared(reporter: Reporter, compared: Comparisons) -> int:
    """Say how each snippet compared (identical, within tolerance with its largest difference,
    not compared and why), then every difference."""
    for item in compared.items:
        if item.state == "within tolerance":
            reporter.note(f"{item.rel}: within tolerance ({item.largest()})")
        elif item.state == "not compared":
            reporter.warning(f"{item.rel}: not compared: {item.not_compared}")
    exact = sum(item.exact for item in compared.items if item.state != "not compared")
    how = compared.note or (f"{exact} byte for byte, made on this CPU and platform; "
                            f"{len(compared.items) - exact - compared.count('not compared')} "
                            "within tolerance, made elsewhere")
    reporter.note(f"{compared.title}: compared {len(compared.items) - compared.count('not compared')}"
                  f" snippets with their committed outputs ({how}): "
                  f"{compared.count('identical')} identical, "
                  f"{compared.count('within tolerance')} within tolerance, "
                  f"{compared.count('differs')} differ; "
                  f"{compared.count('not compared')} not compared")
    reporter.problems(compared.problems)
    if compared.problems and compared.title == "fragility":
        reporter.note("these outputs depend on the last bits of floats: print fewer digits, a "
                      "better-conditioned example or a robust quantity (README, \"Numbers "
                      "that hold on every machine\")")
    elif compared.problems:
        reporter.note("the committed outputs are not what the code prints now: run "
                      "`python scripts/build.py` and commit the result")
    return EXIT_FAILED if compared.problems else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
