"""The numeric profile: one definition, given to every process that runs snippet code."""

import json
import os
import platform

import pytest
from snippet_runner import profile
from snippet_runner.child import snippet_environment

from .helpers import cli

AVX2 = {"avx2", "fma", "sse4_2"}
AVX512 = AVX2 | {"avx512f", "avx512bw", "avx512vl", "avx512dq"}


def test_x86_64_pins_every_library_that_dispatches_by_cpu():
    found = profile.numeric_profile("x86_64", AVX512)
    assert found["MKL_CBWR"] == "COMPATIBLE" and found["ONEDNN_MAX_CPU_ISA"] == "AVX2"
    assert found["ATEN_CPU_CAPABILITY"] == "avx2"
    assert found["NPY_DISABLE_CPU_FEATURES"] == "X86_V4 AVX512_ICL AVX512_SPR"
    assert all(found[name] == "1" for name in profile.THREAD_VARIABLES)


def test_aten_is_never_told_avx2_on_a_cpu_without_it():
    assert "ATEN_CPU_CAPABILITY" not in profile.numeric_profile("x86_64", {"sse4_2"})


def test_other_platforms_get_one_thread_only():
    assert profile.numeric_profile("arm64", set()) == {n: "1" for n in profile.THREAD_VARIABLES}
    assert profile.alternative_path("arm64", set()) == profile.numeric_profile("arm64", set())


def test_the_alternative_path_changes_every_kernel_choice():
    normal, other = profile.numeric_profile("x86_64", AVX512), profile.alternative_path("x86_64", AVX512)
    for name in ("MKL_CBWR", "ONEDNN_MAX_CPU_ISA", "NPY_DISABLE_CPU_FEATURES", "ATEN_CPU_CAPABILITY"):
        assert normal[name] != other[name], name
    assert profile.alternative_path("x86_64", AVX2)["ATEN_CPU_CAPABILITY"] == "default"


def test_openblas_coretype_set_by_the_machine_stays():
    env = snippet_environment("cpu", {"PATH": "/bin", "OPENBLAS_CORETYPE": "Haswell",
                                      "MKL_CBWR": "AUTO"}, {"OPENBLAS_CORETYPE": "X", "MKL_CBWR": "COMPATIBLE"})
    assert env["OPENBLAS_CORETYPE"] == "Haswell" and env["MKL_CBWR"] == "COMPATIBLE"


@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="x86-64 profile")
def test_pytest_and_the_notebook_kernels_it_starts_run_with_the_profile():
    for name, value in profile.numeric_profile().items():
        if name not in profile.KEPT:
            assert os.environ.get(name) == value, name


@pytest.mark.slow
@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="x86-64 profile")
def test_snippets_run_with_the_profile_and_fragility_with_the_other_path(project):
    project.add("numeric_path.py", "quick.py")
    assert cli(project.root, "-j", "1").returncode == 0
    text = project.output("numeric_path.py").read_text()
    assert "aten: AVX2\nMKL_CBWR: COMPATIBLE\nONEDNN_MAX_CPU_ISA: AVX2\n" in text
    environment = next(iter(json.loads((project.root / "docs/generated/manifest.json")
                                       .read_text())["environments"].values()))
    assert environment["numeric_profile"]["MKL_CBWR"] == "COMPATIBLE"

    run = cli(project.root, "--fragility", "-j", "1")
    assert run.returncode == 1
    assert "fragility: compared 2 snippets" in run.stderr and "1 identical" in run.stderr
    assert "1 differ" in run.stderr
    assert "snippets/fx/numeric_path.py: docs/generated/fx/numeric_path/main.txt line 1 differs" in run.stderr
    assert "(fresh on another numeric path)" in run.stderr
    assert "MKL_CBWR=SSE4_2" in run.stderr  # which path it took
    assert "print fewer digits" in run.stderr


def test_each_numeric_path_has_its_own_compile_cache():
    """Inductor code compiled under AVX-512 and reused under avx2 gave wrong numbers."""
    normal, other = {}, {}
    profile.apply(normal, profile.numeric_profile("x86_64", AVX512))
    profile.apply(other, profile.alternative_path("x86_64", AVX512))
    assert normal["TORCHINDUCTOR_CACHE_DIR"] != other["TORCHINDUCTOR_CACHE_DIR"]
    again = {}
    profile.apply(again, profile.numeric_profile("x86_64", AVX512))
    assert again["TORCHINDUCTOR_CACHE_DIR"] == normal["TORCHINDUCTOR_CACHE_DIR"]  # shared
