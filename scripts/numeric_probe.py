"""What the numeric profile buys: a probe of the operations whose last bits depend on the CPU,
run natively and under qemu-user emulating another CPU, with and without the profile.

    python scripts/numeric_probe.py [--cpu Haswell-v4]

Prints, for each operation, whether the emulated CPU gives bit-identical results to this one.
(``--run`` is the probe itself: it prints one digest per operation.)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from snippet_runner.profile import THREAD_VARIABLES, apply, numeric_profile  # noqa: E402


def probe() -> None:
    import numpy
    import torch

    torch.manual_seed(0)
    x = torch.randn(64, 100)
    results = {
        "Linear(100,100)": torch.nn.Linear(100, 100)(x),
        "Conv2d(3,8,3)": torch.nn.Conv2d(3, 8, 3)(torch.randn(4, 3, 16, 16)),
        "exp": torch.exp(x), "sigmoid": torch.sigmoid(x), "softmax": torch.softmax(x, dim=1),
        "sum": x.sum(dim=0), "sqrt": torch.sqrt(x.abs()),
    }
    w = torch.zeros(100, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.01, momentum=0.9)
    target = torch.randn(64)
    for _ in range(300):
        optimizer.zero_grad()
        ((x @ w - target) ** 2).mean().backward()
        optimizer.step()
    results["300 SGD-momentum steps"] = w.detach()
    a = numpy.random.default_rng(0).standard_normal((64, 64))
    arrays = {"numpy sin": numpy.sin(a), "numpy matmul": a @ a}
    for name, value in results.items():
        print(name, hashlib.sha256(value.detach().numpy().tobytes()).hexdigest()[:12])
    for name, array in arrays.items():
        print(name, hashlib.sha256(array.tobytes()).hexdigest()[:12])


def _run(emulate: str | None, profiled: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in numeric_profile()}
    env.update({name: "1" for name in THREAD_VARIABLES})
    if profiled:
        apply(env)
    command = [sys.executable, __file__, "--run"]
    if emulate:  # qemu needs the real binary (the venv's is a link) and the venv's packages
        command = [shutil.which("qemu-x86_64") or "qemu-x86_64", "-cpu", emulate,
                   os.path.realpath(sys.executable), __file__, "--run"]
        env["PYTHONPATH"] = os.pathsep.join(site.getsitepackages())
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return dict(line.rsplit(" ", 1) for line in out.splitlines())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpu", default="Haswell-v4")
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        probe()
        return 0
    print(f"{'operation':<24} {'no profile':>12} {'profile':>12}   (emulated {args.cpu} vs this CPU)")
    native = {profiled: _run(None, profiled) for profiled in (False, True)}
    emulated = {profiled: _run(args.cpu, profiled) for profiled in (False, True)}
    same = {False: 0, True: 0}
    for name in native[True]:
        marks = []
        for profiled in (False, True):
            equal = native[profiled][name] == emulated[profiled][name]
            same[profiled] += equal
            marks.append("identical" if equal else "differs")
        print(f"{name:<24} {marks[0]:>12} {marks[1]:>12}")
    total = len(native[True])
    print(f"{'bit-identical':<24} {same[False]:>9}/{total} {same[True]:>9}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
