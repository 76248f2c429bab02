"""The re-run: committed outputs against what the code prints now, under the compare policy."""

import hashlib
import json

import pytest
from snippet_runner.compare import mask_measured

from .helpers import built_once, cli, copy_of


@pytest.fixture(scope="module")
def built_tree(tmp_path_factory):
    return built_once(tmp_path_factory, "sections.py", "measured.py")


@pytest.fixture
def built(built_tree, tmp_path):
    return copy_of(built_tree, tmp_path / "copy")


def _forge(built, name, section, text):
    """Commit ``text`` as an output, with the manifest's digest to match (no key sees it)."""
    output = built.output(name, section)
    output.write_text(text)
    manifest = built.root / "docs/generated/manifest.json"
    data = json.loads(manifest.read_text())
    rel = built.root and output.relative_to(built.root).as_posix()
    data["snippets"][f"snippets/fx/{name}"]["outputs"][rel] = hashlib.sha256(
        output.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data))


def _made_elsewhere(built, cpu="AVX2/abcdef"):
    manifest = built.root / "docs/generated/manifest.json"
    data = json.loads(manifest.read_text())
    for entry in data["snippets"].values():
        entry["cpu"] = cpu
    manifest.write_text(json.dumps(data))


def test_measured_lines_differ_between_runs_but_verify_passes(built):
    first = built.output("measured.py").read_text()
    assert cli(built.root, "--force").returncode == 0
    second = built.output("measured.py").read_text()
    assert first != second and mask_measured(first) == mask_measured(second)
    run = cli(built.root, "--verify")
    assert run.returncode == 0, run.stderr
    assert ("verify: compared 2 snippets with their committed outputs (2 byte for byte, made "
            "on this CPU and platform; 0 within tolerance, made elsewhere): 2 identical, "
            "0 within tolerance, 0 differ; 0 not compared") in run.stderr


def test_an_output_whose_manifest_hash_was_forged_fails_the_rerun(built):
    _forge(built, "sections.py", "use", "use [0, 2, 4, 7]\n")
    assert cli(built.root, "--check").returncode == 0  # the static key cannot see it
    run = cli(built.root, "--verify")
    assert run.returncode == 1
    assert ("snippets/fx/sections.py: docs/generated/fx/sections/use.txt line 1 differs:\n"
            "    committed: use [0, 2, 4, 7]\n    fresh:     use [0, 2, 4, 6]") in run.stderr


def test_outputs_made_on_another_cpu_are_compared_within_tolerance(built):
    _forge(built, "sections.py", "use", "use [0,   2, 4, 6]\n")  # padding only
    _made_elsewhere(built)
    run = cli(built.root, "--verify")
    assert run.returncode == 0, run.stderr
    assert "snippets/fx/sections.py: within tolerance (use.txt: same numbers, other spacing)" in run.stderr
    assert ("compared 2 snippets with their committed outputs (0 byte for byte, made on this "
            "CPU and platform; 2 within tolerance, made elsewhere): 1 identical, "
            "1 within tolerance, 0 differ; 0 not compared") in run.stderr


def test_beyond_tolerance_on_another_cpu_fails_naming_line_and_values(built):
    _forge(built, "sections.py", "use", "use [0, 2, 4, 9]\n")
    _made_elsewhere(built)
    run = cli(built.root, "--verify")
    assert run.returncode == 1
    assert "docs/generated/fx/sections/use.txt line 1 differs" in run.stderr
    assert "(9 vs 6: relative difference 3.3e-01, beyond the tolerance)" in run.stderr
    assert "committed on Linux-x86_64 (AVX2/abcdef)" in run.stderr


def test_another_device_is_compared_too(built):
    manifest = built.root / "docs/generated/manifest.json"
    data = json.loads(manifest.read_text())
    data["snippets"]["snippets/fx/sections.py"]["device"] = "cuda"
    manifest.write_text(json.dumps(data))
    run = cli(built.root, "--verify")
    assert run.returncode == 0, run.stderr
    assert "1 byte for byte, made on this CPU and platform; 1 within tolerance" in run.stderr
