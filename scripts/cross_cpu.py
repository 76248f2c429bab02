"""Re-run snippets on an emulated CPU of another vendor or model and compare them with the
committed outputs under the compare policy (``make cross-cpu``).

qemu-user (Debian package ``qemu-user``) runs the build's Python on an emulated Intel Haswell
(or the CPU given with ``--cpu``); ``build.py --verify --emulated`` then forks each snippet,
so the snippets are emulated too. Emulation is 20-50x slower than the machine and importing
torch takes about 40 s, so this checks the numerically heavy snippets, not all of them; and
TCG emulates approximate instructions (``rsqrtps``, ``rcpps``) exactly, unlike any real CPU.

    python scripts/cross_cpu.py [--cpu Haswell-v4] [-j 2] [PATTERN ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

HEAVY = ("snippets/examples/curve_fitting.py", "snippets/examples/lenet.py",
         "snippets/examples/rings.py", "snippets/examples/regression.py",
         "snippets/nn/compare_optimizers.py", "snippets/training/validation.py",
         "snippets/training/schedulers.py")
"""The snippets whose numbers come from long float32 computations (training runs)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/cross_cpu.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpu", default="Haswell-v4", help="a CPU model qemu knows (qemu-x86_64 -cpu help)")
    parser.add_argument("-j", "--jobs", default="2")
    parser.add_argument("patterns", nargs="*", default=list(HEAVY))
    args = parser.parse_args(argv)
    qemu = shutil.which("qemu-x86_64")
    if qemu is None:
        print("error: qemu-x86_64 not found: install Debian's qemu-user (apt-get install "
              "qemu-user)", file=sys.stderr)
        return 2
    root = Path(__file__).resolve().parents[1]
    # The venv's python is a link: qemu needs the real binary, and the venv's packages by path.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(site.getsitepackages())}
    only = [part for pattern in args.patterns for part in ("--only", pattern)]
    command = [qemu, "-cpu", args.cpu, os.path.realpath(sys.executable),
               str(root / "scripts" / "build.py"), "--verify", "--emulated", args.cpu,
               "--device", "cpu", "-j", args.jobs, *only]
    return subprocess.run(command, cwd=root, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
