"""The figures hook shows each generated figure's dark variant in the dark theme."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "scripts/hooks/figures.py")
figures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(figures)  # type: ignore[union-attr]


def make(docs: Path, *names: str) -> None:
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(b"\x89PNG")


def test_figure_with_a_dark_variant_becomes_a_light_and_a_dark_image(tmp_path):
    make(tmp_path, "generated/nn/fit/main-1.png", "generated/nn/fit/main-1.dark.png")
    page = 'Text\n\n    ![Loss per epoch](../generated/nn/fit/main-1.png "Loss"){ width="60%" }\n'
    out = figures.themed_images(page, "nn/fit.md", tmp_path)
    assert out == (
        'Text\n\n    ![Loss per epoch](../generated/nn/fit/main-1.png#only-light "Loss")'
        '{ width="60%" }![Loss per epoch](../generated/nn/fit/main-1.dark.png#only-dark "Loss")'
        '{ width="60%" }\n')


def test_without_a_dark_variant_nothing_changes(tmp_path):
    make(tmp_path, "generated/nn/fit/main-1.png", "generated/nn/fit/train-growth.gif")
    page = ("![a](../generated/nn/fit/main-1.png) ![b](../generated/nn/fit/train-growth.gif) "
            "![c](https://example.org/x.png) ![d](../generated/nn/fit/main-1.dark.png)")
    assert figures.themed_images(page, "nn/fit.md", tmp_path) == page


def test_english_twin_and_index_pages_resolve_paths_from_their_folder(tmp_path):
    make(tmp_path, "generated/tensors/b/figure-1.png", "generated/tensors/b/figure-1.dark.png")
    out = figures.themed_images("![x](../generated/tensors/b/figure-1.png)",
                                "tensors/index.en.md", tmp_path)
    assert "figure-1.dark.png#only-dark" in out
    assert figures.themed_images("![x](generated/tensors/b/figure-1.png)", "index.md",
                                 tmp_path).count("#only-") == 2
