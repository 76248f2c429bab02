"""The comparison policy: byte for byte on the same origin, within tolerance elsewhere."""

import io

import matplotlib
import pytest
from snippet_runner.compare import (
    IMAGE_TOLERANCE,
    compare_file,
    compare_image,
    compare_text,
    drawn_from_measurements,
    first_difference,
    mask_measured,
    number_distance,
)

matplotlib.use("Agg")


def test_masking_touches_only_measured_lines():
    text = "loss 0.25\nstep:   12.50 ms, x2  # measured\n"
    assert mask_measured(text) == "loss 0.25\nstep: # ms, x #  # measured\n"
    assert mask_measured("t: 999.5 ms # measured\n") == mask_measured("t:   9.5 ms # measured\n")
    for exact in (True, False):
        assert compare_text("x 1\nt: 3.0 s # measured\n", "x 1\nt: 4.5 s # measured\n",
                            exact=exact).state == "identical"


def test_same_origin_is_byte_for_byte_and_names_line_and_values():
    assert first_difference("a.txt", b"x 1\ny 2.0001\n", b"x 1\ny 2.0002\n") == (
        "line 2 differs:\n    committed: y 2.0001\n    fresh:     y 2.0002")
    assert first_difference("a.png", b"\x89PNG1", b"\x89PNG2") == \
        "differs from a fresh run (the image bytes differ)"
    assert compare_text("a\n", "a\n", exact=True).state == "identical"


@pytest.mark.parametrize(("committed", "fresh"), [
    ("loss 0.4375\n", "loss 0.4374\n"),            # one unit in the last digit
    ("loss 1.00012\n", "loss 1.00061\n"),          # relative 5e-4
    ("tensor([0.1234, 1.0000])\n", "tensor([0.1235, 1.0000])\n"),
    ("x =   0.50 y\n", "x = 0.50 y\n"),            # padding moves with the width
    ("tensor([1.0000e-01, 2.0000e+00])\n", "tensor([0.1000, 2.0000])\n"),  # torch's other format
    ("count 5615\n", "count 5616\n"),
    ("-0.0000\n", "0.0000\n"),
])
def test_numbers_within_tolerance_pass_and_report_the_largest(committed, fresh):
    verdict = compare_text(committed, fresh, exact=False)
    assert verdict.state == "within tolerance", verdict.detail
    assert compare_text(committed, fresh, exact=True).state == "differs"


@pytest.mark.parametrize(("committed", "fresh", "why"), [
    ("momentum loss 0.6479\n", "momentum loss 0.2373\n", "0.6479 vs 0.2373"),
    ("largest difference 4.77e-07\n", "largest difference 0.0\n", "4.77e-07 vs 0.0"),
    ("first epoch with loss < 0.1: 5615\n", "first epoch with loss < 0.1: 5603\n", "5615 vs 5603"),
    ("test acc 0.925\n", "test acc 0.919\n", "0.925 vs 0.919"),
    ("device cpu\n", "device cuda\n", "not only numbers differ"),
    ("a 1\nb 2\n", "a 1\n", "the fresh run ends before it"),
])
def test_beyond_tolerance_fails_naming_line_and_both_values(committed, fresh, why):
    verdict = compare_text(committed, fresh, exact=False)
    assert verdict.state == "differs" and why in verdict.detail
    if "\n" in fresh.strip() or committed.count("\n") == fresh.count("\n"):
        assert "line 1" in verdict.detail


def test_the_largest_difference_is_named():
    verdict = compare_text("a 1.0000\nb 2.0000 3.0000\n", "a 1.0001\nb 2.0000 3.0020\n",
                           exact=False)
    assert verdict.state == "within tolerance"
    assert verdict.detail == "largest difference line 2: 3.0000 vs 3.0020 (relative 6.7e-04)"


def test_number_distance_uses_the_finer_precision():
    assert number_distance("0.93", "0.94") == pytest.approx(1.0, rel=1e-6)
    assert number_distance("1.5", "1.5") is None
    assert number_distance("0.0", "3e-9") > 1  # "0.0" is not "anything below 0.05"


def _png(shift: float = 0.0, size=(4, 3), dpi=50) -> bytes:
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=size, dpi=dpi)
    axes.plot([0, 1, 2, 3], [0 + shift, 1, 0.5, 2])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def test_images_compare_by_pixels_elsewhere_and_by_bytes_on_the_same_origin():
    base = _png()
    assert compare_image(base, base, exact=False).state == "identical"
    nudged = _png(shift=0.005)
    assert nudged != base
    assert compare_image(base, nudged, exact=True).state == "differs"
    within = compare_image(base, nudged, exact=False)
    assert within.state == "within tolerance" and "RMS" in within.detail
    other = compare_image(base, _png(shift=1.5), exact=False)
    assert other.state == "differs" and f"tolerance {IMAGE_TOLERANCE}" in other.detail
    resized = compare_image(base, _png(size=(5, 3)), exact=False)
    assert resized.state == "differs" and "pixels" in resized.detail
    assert compare_file("x/main-1.png", base, b"not an image", exact=False).state == "differs"


def test_gif_frames_are_compared_one_by_one():
    from PIL import Image

    def gif(values):
        frames = [Image.new("RGB", (8, 8), (v, v, v)) for v in values]
        buffer = io.BytesIO()
        frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
        return buffer.getvalue()

    assert compare_image(gif([0, 100]), gif([0, 102]), exact=False).state == "within tolerance"
    assert compare_image(gif([0, 100]), gif([0, 200]), exact=False).state == "differs"
    assert "frames" in compare_image(gif([0, 100]), gif([0]), exact=False).detail


def test_only_figures_of_a_snippet_that_prints_measured_lines_escape_comparison():
    timed = {"g/c/timing.txt": b"eager: 1.5 ms  # measured\n", "g/c/plot-1.png": b""}
    plain = {"g/d/loss.txt": b"loss 0.25\n", "g/d/loss-1.png": b""}
    assert drawn_from_measurements("g/c/plot-1.png", timed)
    assert drawn_from_measurements("g/c/plot-2.dark.png", timed)
    assert not drawn_from_measurements("g/c/timing.txt", timed)
    assert not drawn_from_measurements("g/d/loss-1.png", plain)
    assert not drawn_from_measurements("g/d/animation.gif", timed)
