"""The re-run: committed outputs against what the code prints now, by the platform policy."""

import hashlib
import json

import pytest
from snippet_runner.compare import drawn_from_measurements, first_difference, mask_measured

from .helpers import built_once, cli, copy_of


def test_masking_touches_only_measured_lines():
    text = "loss 0.25\nstep:   12.50 ms, x2  # measured\n"
    assert mask_measured(text) == "loss 0.25\nstep: # ms, x #  # measured\n"
    assert mask_measured("t: 999.5 ms # measured\n") == mask_measured("t:   9.5 ms # measured\n")
    assert first_difference("a.txt", b"x 1\nt: 3.0 s # measured\n", b"x 1\nt: 4.5 s # measured\n") is None
    assert first_difference("a.txt", b"x 1\ny 2\n", b"x 1\ny 3\n") == (
        "line 2 differs from a fresh run:\n    committed: y 2\n    fresh:     y 3")
    assert first_difference("a.png", b"\x89PNG1", b"\x89PNG2") == \
        "differs from a fresh run (the image bytes differ)"


def test_only_figures_of_a_snippet_that_prints_measured_lines_escape_byte_comparison():
    timed = {"g/c/timing.txt": b"eager: 1.5 ms  # measured\n", "g/c/plot-1.png": b""}
    plain = {"g/d/loss.txt": b"loss 0.25\n", "g/d/loss-1.png": b""}
    assert drawn_from_measurements("g/c/plot-1.png", timed)
    assert drawn_from_measurements("g/c/plot-2.dark.png", timed)
    assert not drawn_from_measurements("g/c/timing.txt", timed)
    assert not drawn_from_measurements("g/d/loss-1.png", plain)
    assert not drawn_from_measurements("g/d/animation.gif", timed)


@pytest.fixture(scope="module")
def built_tree(tmp_path_factory):
    return built_once(tmp_path_factory, "sections.py", "measured.py")


@pytest.fixture
def built(built_tree, tmp_path):
    return copy_of(built_tree, tmp_path / "copy")


def test_measured_lines_differ_between_runs_but_verify_passes(built):
    first = built.output("measured.py").read_text()
    assert cli(built.root, "--force").returncode == 0
    second = built.output("measured.py").read_text()
    assert first != second and mask_measured(first) == mask_measured(second)
    run = cli(built.root, "--verify")
    assert run.returncode == 0, run.stderr
    assert "verify: compared 2 snippets with their committed outputs, 0 not compared" in run.stderr


def test_an_output_whose_manifest_hash_was_forged_fails_the_rerun(built):
    output = built.output("sections.py", "use")
    output.write_text("use [0, 2, 4, 7]\n")
    manifest = built.root / "docs/generated/manifest.json"
    data = json.loads(manifest.read_text())
    rel = "docs/generated/fx/sections/use.txt"
    data["snippets"]["snippets/fx/sections.py"]["outputs"][rel] = hashlib.sha256(
        output.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data))
    assert cli(built.root, "--check").returncode == 0  # the static key cannot see it
    run = cli(built.root, "--verify")
    assert run.returncode == 1
    assert ("snippets/fx/sections.py: docs/generated/fx/sections/use.txt line 1 differs from a "
            "fresh run:\n    committed: use [0, 2, 4, 7]\n    fresh:     use [0, 2, 4, 6]") in run.stderr


def test_outputs_made_elsewhere_are_not_compared_and_it_says_so(built):
    manifest = built.root / "docs/generated/manifest.json"
    data = json.loads(manifest.read_text())
    data["snippets"]["snippets/fx/sections.py"]["device"] = "cuda"
    manifest.write_text(json.dumps(data))
    built.output("sections.py", "use").write_text("use [cuda rounding]\n")
    run = cli(built.root, "--verify")
    assert run.returncode == 0
    assert "warning: snippets/fx/sections.py: not compared: committed outputs made on " in run.stderr
    assert ", cuda, torch " in run.stderr and ", cpu, torch " in run.stderr
    assert "compared 1 snippets with their committed outputs, 1 not compared" in run.stderr
