"""Compare committed outputs with fresh ones, the way ``--verify`` and ``--merge`` report them.

Lines ending with ``# measured`` hold timings: they are compared with every number masked,
and the figures of a snippet that prints such lines (a plot of the same timings) are compared
by presence only, never by bytes.
Everything else is compared exactly, but only where the committed outputs were made on the
same platform, device and torch build as the fresh ones; elsewhere the comparison is skipped
and said so (a different CPU or OS may change the last digit of a printed float).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

MEASURED_MARKER = "# measured"
_NUMBER = re.compile(r"\s*[-+]?(?:\d+(?:[.,]\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
"""A number with the spaces before it: padding (``f"{x:8.2f}"``) changes with the width."""
_FIGURE = re.compile(r"(?P<section>[a-z0-9_]+)-\d+(?:\.dark)?\.png")


def mask_measured(text: str) -> str:
    """Every number on a ``# measured`` line replaced by `` #``; other lines unchanged."""
    return "".join(
        _NUMBER.sub(" #", line) if line.rstrip().endswith(MEASURED_MARKER) else line
        for line in text.splitlines(keepends=True))


def comparable(path: str, data: bytes) -> bytes:
    """The bytes that must match: text outputs with measured numbers masked."""
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


def first_difference(path: str, committed: bytes, fresh: bytes) -> str | None:
    """``None`` when equal (measured numbers aside), else where they first differ."""
    if comparable(path, committed) == comparable(path, fresh):
        return None
    if not path.endswith(".txt"):
        return "differs from a fresh run (the image bytes differ)"
    old = mask_measured(committed.decode("utf-8", errors="replace")).splitlines()
    new = mask_measured(fresh.decode("utf-8", errors="replace")).splitlines()
    for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a != b:
            return (f"line {number} differs from a fresh run:\n    committed: {_raw(committed, number)}"
                    f"\n    fresh:     {_raw(fresh, number)}")
    shorter = "fresh run" if len(new) < len(old) else "committed file"
    number = min(len(old), len(new)) + 1
    return f"line {number}: the {shorter} ends before it"


def _raw(data: bytes, number: int) -> str:
    return data.decode("utf-8", errors="replace").splitlines()[number - 1]


@dataclass(frozen=True)
class Origin:
    """Where outputs were made: compared only with outputs made the same way."""

    platform: str
    python: str
    cpu: str
    device: str
    torch: str

    def __str__(self) -> str:
        return (f"{self.platform} ({self.cpu or '?'}), Python {self.python}, {self.device}, "
                f"torch {self.torch}")
