"""Benchmark the snippet build (``make bench``); prints figures, asserts nothing.

Measured side by side in one run, on a scratch copy of the project so nothing here changes:
running each snippet with ``python file.py`` one after another, a cold ``--force`` build, a
no-op build and ``--check``. Compare the ratio, not the seconds: machines are noisy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from snippet_runner.paths import Layout  # noqa: E402
from snippet_runner.sources import discover  # noqa: E402


def timed(command: list[str], cwd: Path, *, check: bool = True) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=check, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "MPLBACKEND": "Agg"})
    return time.perf_counter() - started


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        copy = Path(scratch)
        shutil.copytree(ROOT / "snippets", copy / "snippets")
        for name in ("requirements.txt", "requirements.lock"):
            shutil.copy(ROOT / name, copy / name)
        snippets, _ = discover(Layout(copy))
        build = [sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(copy)]

        # A file with an expected-error section stops there when run as a plain script, so
        # this baseline, if anything, is shorter than running everything would be.
        sequential = sum(timed([sys.executable, s.rel], copy, check=False) for s in snippets)
        cold = timed([*build, "--force"], copy)
        noop = timed(build, copy)
        check = timed([*build, "--check"], copy)

    print(f"snippets: {len(snippets)} files, {os.cpu_count()} cores")
    print(f"python file.py, one after another: {sequential:7.2f} s")
    print(f"cold build (--force):              {cold:7.2f} s  ({sequential / cold:.1f}x faster)")
    print(f"no-op build:                       {noop:7.2f} s")
    print(f"--check:                           {check:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
