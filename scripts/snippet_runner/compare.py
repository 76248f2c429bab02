"""The comparison policy: committed outputs against fresh ones, in one place.

``--verify``, ``--merge``, ``--fragility`` and the notebook test all ask this module.

* **Same origin, byte for byte.** Where the committed outputs were made on the same platform,
  Python, CPU signature, device and torch build as the fresh ones, every file must be equal.
* **Another origin, within tolerance.** Elsewhere (another x86-64 CPU, arm64 macOS, Windows, a
  GPU build; or ``--fragility``'s other numeric path) a text output must have the same lines,
  the same text between numbers (the spaces that pad a number aside), and every number within
  ``TOLERANCE``: a relative ``1e-3``, or one unit in the last digit printed (``0.4375`` vs
  ``0.4374``; the finer of the two numbers' precisions). A figure must have the same size and
  differ by at most ``IMAGE_TOLERANCE`` in RMS over its pixels
  (``matplotlib.testing.compare.calculate_rms``, 0-255 scale); an animation frame by frame.
* **Measured values.** A line ending with ``# measured`` (a timing) is compared with every
  number on it masked, in both modes; the figures of a snippet that prints such lines (a plot
  of those timings) are compared by presence only.

Each comparison ends as ``identical``, ``within tolerance`` (with the largest difference) or
``differs`` (naming the line and both values).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

MEASURED_MARKER = "# measured"
_MASKED = re.compile(r"\s*[-+]?(?:\d+(?:[.,]\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
"""A number with the spaces before it: padding (``f"{x:8.2f}"``) changes with the width."""
_FIGURE = re.compile(r"(?P<section>[a-z0-9_]+)-\d+(?:\.dark)?\.png")
_TOKEN = re.compile(r"(?P<number>[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)|(?P<space>\s+)")

RELATIVE_TOLERANCE = 1e-3
"""How far a printed number may move on another machine, relative to its size."""
IMAGE_TOLERANCE = 6.0
"""RMS pixel difference (0-255) a figure may have on another machine: a curve that moved by
its line width, not one that took another path."""

State = Literal["identical", "within tolerance", "differs"]


@dataclass(frozen=True)
class Verdict:
    state: State
    detail: str = ""
    """Within tolerance: the largest difference. Differs: where, with both values."""
    size: float = 0.0
    """How large the difference is (relative for numbers, RMS for images), to rank them."""

    @property
    def ok(self) -> bool:
        return self.state != "differs"


IDENTICAL = Verdict("identical")


def mask_measured(text: str) -> str:
    """Every number on a ``# measured`` line replaced by `` #``; other lines unchanged."""
    return "".join(
        _MASKED.sub(" #", line) if line.rstrip().endswith(MEASURED_MARKER) else line
        for line in text.splitlines(keepends=True))


def comparable(path: str, data: bytes) -> bytes:
    """The bytes that must match exactly: text outputs with measured numbers masked."""
    if path.endswith(".txt"):
        return mask_measured(data.decode("utf-8", errors="replace")).encode("utf-8")
    return data


def drawn_from_measurements(path: str, fresh: Mapping[str, bytes]) -> bool:
    """Whether ``path`` is a figure (``<section>-<n>[.dark].png``) of a snippet that prints
    ``# measured`` lines (``fresh``: all of that snippet's outputs): its plot of those timings
    moves with them, whichever section draws it."""
    if _FIGURE.fullmatch(path.rpartition("/")[2]) is None:
        return False
    return any(line.rstrip().endswith(MEASURED_MARKER)
               for name, data in fresh.items() if name.endswith(".txt")
               for line in data.decode("utf-8", "replace").splitlines())


# --- Text --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    text: str

    @property
    def value(self) -> float:
        return float(self.text)

    @property
    def last_digit(self) -> float:
        """One unit in the last digit printed: ``0.4375`` -> 1e-4, ``1.25e-03`` -> 1e-5."""
        mantissa, _, exponent = self.text.lower().partition("e")
        decimals = len(mantissa.partition(".")[2])
        return 10.0 ** (int(exponent or 0) - decimals)


def _tokens(line: str) -> list[str | _Number]:
    """Text and numbers; the spaces next to a number (its padding) dropped, other runs of
    spaces as one."""
    tokens: list[str | _Number] = []
    position = 0
    for match in _TOKEN.finditer(line):
        if match.start() > position:
            tokens.append(line[position:match.start()])
        if match.group("number"):
            tokens.append(_Number(match.group("number")))
        else:
            tokens.append(" ")
        position = match.end()
    if position < len(line):
        tokens.append(line[position:])
    kept = [t for i, t in enumerate(tokens) if t != " " or not (
        (i > 0 and isinstance(tokens[i - 1], _Number))
        or (i + 1 < len(tokens) and isinstance(tokens[i + 1], _Number)))]
    merged: list[str | _Number] = []
    for token in kept:  # text around a dropped space is one piece again
        if isinstance(token, str) and merged and isinstance(merged[-1], str):
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def number_distance(a: str, b: str) -> float | None:
    """How far apart two printed numbers are in units of the tolerance (``<= 1``: within);
    ``None`` when they are equal as numbers."""
    x, y = _Number(a), _Number(b)
    if x.value == y.value:
        return None
    if not (math.isfinite(x.value) and math.isfinite(y.value)):
        return math.inf
    allowed = max(RELATIVE_TOLERANCE * max(abs(x.value), abs(y.value)),
                  min(x.last_digit, y.last_digit) * (1 + 1e-9))
    return abs(x.value - y.value) / allowed


def compare_text(committed: str, fresh: str, *, exact: bool) -> Verdict:
    """Compare two printed outputs (``# measured`` numbers masked in both modes)."""
    old, new = mask_measured(committed).splitlines(), mask_measured(fresh).splitlines()
    if old == new:
        return IDENTICAL
    largest: tuple[float, str] = (0.0, "")
    for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a == b:
            continue
        where = (f"line {number} differs:\n    committed: {_line(committed, number)}"
                 f"\n    fresh:     {_line(fresh, number)}")
        if exact:
            return Verdict("differs", where)
        left, right = _tokens(a), _tokens(b)
        if len(left) != len(right) or any(
                isinstance(x, _Number) != isinstance(y, _Number) or (isinstance(x, str) and x != y)
                for x, y in zip(left, right, strict=True)):
            return Verdict("differs", f"{where}\n    (not only numbers differ)")
        for x, y in zip(left, right, strict=True):
            if not isinstance(x, _Number) or not isinstance(y, _Number):
                continue
            distance = number_distance(x.text, y.text)
            if distance is None:
                continue
            relative = abs(x.value - y.value) / max(abs(x.value), abs(y.value))
            if distance > 1:
                return Verdict("differs", f"{where}\n    ({x.text} vs {y.text}: relative "
                                          f"difference {relative:.1e}, beyond the tolerance)",
                               relative)
            if relative >= largest[0]:
                largest = (relative, f"line {number}: {x.text} vs {y.text} "
                                     f"(relative {relative:.1e})")
    if len(old) != len(new):
        shorter = "fresh run" if len(new) < len(old) else "committed file"
        return Verdict("differs", f"line {min(len(old), len(new)) + 1}: the {shorter} ends "
                                  "before it")
    if not largest[1]:  # only spacing and number forms differ (0.50 vs 0.5)
        return Verdict("within tolerance", "same numbers, other spacing", 0.0)
    return Verdict("within tolerance", f"largest difference {largest[1]}", largest[0])


def _line(text: str, number: int) -> str:
    return text.splitlines()[number - 1]


# --- Images ------------------------------------------------------------------------------------


def _frames(data: bytes) -> list:  # type: ignore[type-arg]
    """The RGB pixels of every frame of a PNG or GIF, as numpy arrays."""
    import numpy
    from PIL import Image, ImageSequence

    with Image.open(io.BytesIO(data)) as image:
        return [numpy.asarray(frame.convert("RGB"), dtype=numpy.int16)
                for frame in ImageSequence.Iterator(image)]


def compare_image(committed: bytes, fresh: bytes, *, exact: bool) -> Verdict:
    if committed == fresh:
        return IDENTICAL
    if exact:
        return Verdict("differs", "differs from a fresh run (the image bytes differ)")
    from matplotlib.testing.compare import calculate_rms

    try:
        old, new = _frames(committed), _frames(fresh)
    except Exception as error:  # noqa: BLE001 - an unreadable image is a difference
        return Verdict("differs", f"cannot be read as an image ({error})")
    if len(old) != len(new):
        return Verdict("differs", f"has {len(new)} frames, {len(old)} committed")
    worst = 0.0
    for a, b in zip(old, new, strict=True):
        if a.shape != b.shape:
            return Verdict("differs", f"is {b.shape[1]}x{b.shape[0]} pixels, "
                                      f"{a.shape[1]}x{a.shape[0]} committed")
        worst = max(worst, float(calculate_rms(a, b)))
    if worst > IMAGE_TOLERANCE:
        return Verdict("differs", f"differs in its pixels: RMS {worst:.2f}, beyond the image "
                                  f"tolerance {IMAGE_TOLERANCE}", worst)
    return Verdict("within tolerance", f"largest difference RMS {worst:.2f} over the pixels",
                   worst)


def compare_file(path: str, committed: bytes, fresh: bytes, *, exact: bool) -> Verdict:
    """The policy for one output file: text (``.txt``, ``.svg``) or image."""
    if comparable(path, committed) == comparable(path, fresh):
        return IDENTICAL
    if path.endswith((".txt", ".svg")):
        return compare_text(committed.decode("utf-8", "replace"),
                            fresh.decode("utf-8", "replace"), exact=exact)
    return compare_image(committed, fresh, exact=exact)


def first_difference(path: str, committed: bytes, fresh: bytes, *, exact: bool = True) -> str | None:
    """``None`` when the policy accepts ``fresh``, else where it first differs."""
    verdict = compare_file(path, committed, fresh, exact=exact)
    return None if verdict.ok else verdict.detail


@dataclass(frozen=True)
class Origin:
    """Where outputs were made: compared byte for byte only with outputs made the same way."""

    platform: str
    python: str
    cpu: str
    device: str
    torch: str

    def __str__(self) -> str:
        return (f"{self.platform} ({self.cpu or '?'}), Python {self.python}, {self.device}, "
                f"torch {self.torch}")
