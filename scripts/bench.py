"""Benchmark the snippet build (``make bench``); prints figures, asserts nothing.

Measured side by side in one run, on a scratch copy of the project so nothing here changes:
running each snippet with ``python file.py`` one after another, a cold ``--force`` build, a
no-op build and ``--check``; then the runner's cost per section, on a generated file of
``MANY_SECTIONS`` sections that each print one number (work of milliseconds in all): its
build, the time its own process took (from the manifest), and ``python file.py`` on it.
Compare the ratio, not the seconds: machines are noisy.
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

from snippet_runner.manifest import Manifest  # noqa: E402
from snippet_runner.paths import Layout  # noqa: E402
from snippet_runner.sources import discover  # noqa: E402


def timed(command: list[str], cwd: Path, *, check: bool = True) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=check, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "MPLBACKEND": "Agg"})
    return time.perf_counter() - started


MANY_SECTIONS = 2000


def many_sections(folder: Path, count: int = MANY_SECTIONS) -> Path:
    """A project with one snippet of ``count`` tiny sections: the runner's per-section cost."""
    (folder / "snippets" / "bench").mkdir(parents=True)
    for name in ("requirements.txt", "requirements.lock"):
        shutil.copy(ROOT / name, folder / name)
    lines = []
    for number in range(count):
        lines += [f"# --8<-- [start:s{number}]", f"x{number} = {number}", f"print(x{number})",
                  f"# --8<-- [end:s{number}]"]
    snippet = folder / "snippets" / "bench" / "many.py"
    snippet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return snippet


def per_section() -> tuple[float, float, float]:
    """``python file.py``, a whole ``--force`` build, and the snippet's own process, in
    seconds, for the file of ``MANY_SECTIONS`` sections."""
    with tempfile.TemporaryDirectory(prefix="bench-many-") as scratch:
        folder = Path(scratch)
        snippet = many_sections(folder)
        plain = timed([sys.executable, str(snippet)], folder)
        many = timed([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(folder),
                      "--force", "-j", "1"], folder)
        in_process = Manifest.read(Layout(folder).manifest).entries["snippets/bench/many.py"].duration
    return plain, many, in_process


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

    plain, many, in_process = per_section()

    print(f"snippets: {len(snippets)} files, {os.cpu_count()} cores")
    print(f"python file.py, one after another: {sequential:7.2f} s")
    print(f"cold build (--force):              {cold:7.2f} s  ({sequential / cold:.1f}x faster)")
    print(f"no-op build:                       {noop:7.2f} s")
    print(f"--check:                           {check:7.2f} s")
    print(f"{MANY_SECTIONS:,} sections of one print each, one file:")
    print(f"  python file.py:                  {plain:7.2f} s")
    print(f"  build (--force), whole:          {many:7.2f} s")
    print(f"  build, in the snippet's process: {in_process:7.2f} s  "
          f"({1000 * in_process / MANY_SECTIONS:.2f} ms per section)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
