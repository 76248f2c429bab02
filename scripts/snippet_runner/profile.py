"""The numeric profile: the settings every process that runs snippet code starts with.

The last bits of a float depend on which kernels the libraries pick, and they pick by CPU:
ATen chooses AVX2 or AVX-512 kernels, MKL and oneDNN dispatch by vendor and instruction set,
numpy 2.x dispatches AVX-512 loops (upstream: pytorch/pytorch#155552, numpy/numpy#23523).
Pinning them to one code path makes an x86-64 machine with AVX2 or AVX-512, Intel or AMD,
print the same digits in almost every case. It does not cover everything (float32
``torch.sqrt`` goes through MKL's vector math and still differs between CPUs), so outputs are
compared across machines with a tolerance as well (``compare``).

The profile is set before torch or numpy is imported: in the build's snippet processes and
its forkserver (``child.snippet_environment``), in the page tests and, through them, the
notebook kernels (the root ``conftest.py``). Its variables are recorded in the manifest.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Mapping, MutableMapping
from pathlib import Path

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS", "BLIS_NUM_THREADS")
"""One BLAS/OpenMP thread: the same reduction order on every machine, no oversubscription."""

X86_64_PROFILE = {
    # MKL: its conditional numerical reproducibility mode, the one that holds on AMD too
    # (MKL ignores MKL_CBWR=AVX2 on non-Intel CPUs).
    "MKL_CBWR": "COMPATIBLE",
    # oneDNN (convolutions, some matmuls): at most AVX2 kernels.
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    # numpy 2.x: no AVX-512 loops (no warning on CPUs without them).
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
}
ATEN_AVX2 = {"ATEN_CPU_CAPABILITY": "avx2"}
"""ATen's kernels: AVX2 even where AVX-512 is available. Only set on CPUs that have AVX2:
ATen trusts the variable, and AVX2 code on a CPU without it would crash."""

ALTERNATIVE_PATH = {
    "MKL_CBWR": "SSE4_2",
    "ONEDNN_MAX_CPU_ISA": "SSE41",
    "NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR",
}
"""A different, valid numeric path on the same x86-64 machine (``--fragility``): other MKL and
oneDNN kernels, numpy's baseline loops, and ATen's AVX-512 kernels where the CPU has them
(else its default ones; torch.compile fails with those)."""

KEPT = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
"""Set by some machines for correct results (CPU model detection): never overridden."""


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return set(next((line.split(":", 1)[1].split() for line in text.splitlines()
                     if line.startswith("flags")), []))


def is_x86_64(machine: str | None = None) -> bool:
    return (machine or platform.machine()).lower() in ("x86_64", "amd64")


def numeric_profile(machine: str | None = None, flags: set[str] | None = None) -> dict[str, str]:
    """The variables of the profile on this machine (threads everywhere; on x86-64 the
    kernel choices too)."""
    profile = {name: "1" for name in THREAD_VARIABLES}
    if is_x86_64(machine):
        profile.update(X86_64_PROFILE)
        flags = _cpu_flags() if flags is None else flags
        if not flags or {"avx2", "fma"} <= flags:  # no /proc (Windows, macOS): ATen checks there
            profile.update(ATEN_AVX2)
    return profile


def alternative_path(machine: str | None = None, flags: set[str] | None = None) -> dict[str, str]:
    """The profile with every kernel choice changed, for ``--fragility``: outputs that move
    beyond the tolerance here will move on some reader's machine too."""
    profile = numeric_profile(machine, flags)
    if not is_x86_64(machine):
        return profile
    flags = _cpu_flags() if flags is None else flags
    avx512 = {"avx512f", "avx512bw", "avx512vl", "avx512dq"} <= flags
    profile.update(ALTERNATIVE_PATH)
    profile["ATEN_CPU_CAPABILITY"] = "avx512" if avx512 else "default"
    return profile


def describe(profile: Mapping[str, str]) -> str:
    """``MKL_CBWR=COMPATIBLE ONEDNN_MAX_CPU_ISA=AVX2 …`` (threads left out)."""
    return " ".join(f"{name}={value}" for name, value in sorted(profile.items())
                    if name not in THREAD_VARIABLES) or "one thread"


def compile_cache(profile: Mapping[str, str]) -> str:
    """torch.compile's cache folder for this numeric path: shared by every snippet and build
    that runs on it (a cold cache makes a first compiled call take a minute), never by another
    path. Inductor's cache key does not tell ATen's kernel levels apart: code compiled under
    AVX-512 and loaded under ``ATEN_CPU_CAPABILITY=avx2`` gave wrong numbers and NaN losses."""
    import getpass
    import hashlib
    import re
    import tempfile

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = f"uid_{os.getuid()}" if hasattr(os, "getuid") else "unknown_user"
    user = re.sub(r'[\\/:*?"<>|]', "_", user)  # as torch names its folder
    path = hashlib.sha256(describe(profile).encode()).hexdigest()[:12]
    return os.path.join(tempfile.gettempdir(), f"torchinductor_{user}", f"path-{path}")


def apply(environ: MutableMapping[str, str], profile: Mapping[str, str] | None = None) -> None:
    """Put the profile into ``environ`` (before torch or numpy is imported), leaving the
    variables of ``KEPT`` as the machine set them, and give torch.compile the cache of this
    numeric path."""
    profile = numeric_profile() if profile is None else profile
    for name, value in profile.items():
        if name not in KEPT:
            environ[name] = value
    environ["TORCHINDUCTOR_CACHE_DIR"] = compile_cache(profile)
