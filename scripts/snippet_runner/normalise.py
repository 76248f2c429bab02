"""Make captured output byte-stable and free of machine details.

Outputs are committed, so anything that varies between runs or machines must go: absolute
paths (the project root, scratch folders, site-packages in warnings and tracebacks) and memory
addresses.
"""

from __future__ import annotations

import re
import site
import sys
import sysconfig
from pathlib import Path

MAX_SECTION_BYTES = 100_000
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
_SITE_PACKAGES = re.compile(r"""(?:[A-Za-z]:)?[^\s"'<>()]*[\\/](?:site|dist)-packages[\\/]""")


class OutputTooLarge(ValueError):
    pass


def _machine_prefixes(root: Path, scratch: Path) -> list[tuple[str, str]]:
    prefixes = [(str(scratch / "cwd"), "."), (str(scratch), "."), (str(root), ".")]
    for path in {sys.prefix, sys.base_prefix, sysconfig.get_paths()["stdlib"], *site.PREFIXES}:
        prefixes.append((path, "<python>"))
    # Longest first, so that a prefix inside another is replaced before it.
    return sorted(prefixes, key=lambda pair: len(pair[0]), reverse=True)


def normalise(raw: bytes, *, root: Path, scratch: Path, section: str) -> str:
    if len(raw) > MAX_SECTION_BYTES:
        raise OutputTooLarge(
            f"section {section!r} printed {len(raw):,} bytes, more than the "
            f"{MAX_SECTION_BYTES:,} a page can show: print less (a shape, a slice, a summary)"
        )
    text = raw.decode("utf-8", errors="backslashreplace").replace("\r\n", "\n")
    text = _SITE_PACKAGES.sub("<site-packages>/", text)
    for prefix, replacement in _machine_prefixes(root, scratch):
        text = text.replace(prefix, replacement)
    text = _ADDRESS.sub("0x...", text)
    if text and not text.endswith("\n"):
        text += "\n"
    return text
