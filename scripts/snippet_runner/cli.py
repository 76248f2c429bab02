"""Command line: ``python scripts/build.py [--check | --verify] [--force] [--only P] [-j N]``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .paths import Layout, find_root
from .pipeline import build, check, verify
from .report import Reporter

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130


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
                      help="re-run snippets and compare with the committed outputs "
                           "(where the device class matches); writes nothing")
    p.add_argument("--force", action="store_true", help="run every selected snippet")
    p.add_argument("--only", action="append", metavar="PATTERN",
                   help="only snippets whose path matches this glob or substring (repeatable)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   help="snippets to run at once (default: all cores)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"), default="auto",
                   help="auto picks cuda, then mps, then cpu; cpu hides GPUs from snippets")
    p.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    layout = Layout(args.root.resolve() if args.root else find_root(Path.cwd()))
    reporter = Reporter()
    if args.check:
        started = time.monotonic()
        problems = check(layout)
        for problem in problems:
            reporter.error(str(problem))
        if problems:
            reporter.note("run `python scripts/build.py` (or `make build`) and commit the result")
            return EXIT_FAILED
        reporter.note(f"all outputs fresh ({time.monotonic() - started:.2f} s)")
        return EXIT_OK
    try:
        if args.verify:
            result, mismatches, skipped = verify(layout, reporter, patterns=args.only,
                                                 jobs=args.jobs, device=args.device)
            reporter.summary(result, title="verify")
            for name in skipped:
                reporter.note(f"not compared: {name}")
            for mismatch in mismatches:
                reporter.error(str(mismatch))
            return EXIT_OK if result.ok and not mismatches else EXIT_FAILED
        result = build(layout, reporter, patterns=args.only, force=args.force,
                       jobs=args.jobs, device=args.device)
    except KeyboardInterrupt:
        reporter.error("interrupted: finished snippets were kept, nothing is half-written")
        return EXIT_INTERRUPTED
    reporter.summary(result)
    return EXIT_OK if result.ok else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
