"""Make captured output byte-stable, free of machine details, and what a reader would see.

Outputs are committed, so anything that varies between runs or machines must go: absolute
paths (the project root, scratch folders, the home folder, site-packages in warnings and
tracebacks) and memory addresses. Terminal control is resolved the way a terminal shows it:
escape codes (colours, cursor moves) are dropped, and ``\\r`` progress frames collapse to what is
left on the line.
"""

from __future__ import annotations

import os
import re
import site
import sys
import sysconfig
from pathlib import Path

MAX_SECTION_BYTES = 100_000
"""What one section may print: the runner stops a snippet that prints more."""
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
# A path starts where a token starts (the look-behind): tried from every character of a long
# token instead, the search is quadratic (a 100 kB line of "x" took a minute).
_SITE_PACKAGES = re.compile(
    r"""(?<![^\s"'<>()])(?:[A-Za-z]:)?[^\s"'<>()]*[\\/](?:site|dist)-packages[\\/]""")
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"            # CSI: colours, cursor moves, erase line
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: window titles, hyperlinks
    r"|\x1b[P^_][^\x1b]*\x1b\\"           # DCS, PM, APC strings
    r"|\x1b[@-Z\\-_]"                     # other two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"              # 8-bit CSI
)


def _machine_prefixes(root: Path, scratch: Path) -> list[tuple[str, str]]:
    prefixes = [(str(scratch / "cwd"), "."), (str(scratch), "."), (str(root), ".")]
    for path in {sys.prefix, sys.base_prefix, sysconfig.get_paths()["stdlib"], *site.PREFIXES}:
        prefixes.append((path, "<python>"))
    home = os.path.expanduser("~")
    if len(home) > 1:
        prefixes.append((home, "~"))
    # Longest first, so that a prefix inside another is replaced before it.
    return sorted(prefixes, key=lambda pair: len(pair[0]), reverse=True)


def strip_escapes(text: str) -> str:
    """Drop terminal escape sequences (ANSI colours and the like)."""
    return _ESCAPE.sub("", text)


def collapse_returns(text: str) -> str:
    """Resolve carriage returns as a terminal does: later frames overwrite a line from its start.

    ``"10%\\r50%\\r100%"`` becomes ``"100%"``; ``"loading...\\rdone"`` becomes ``"doneing..."``,
    exactly what the terminal would have left on screen.
    """
    if "\r" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        shown = ""
        for frame in line.split("\r"):
            shown = frame + shown[len(frame):]
        lines.append(shown)
    return "\n".join(lines)


def normalise(raw: bytes, *, root: Path, scratch: Path) -> str:
    text = raw.decode("utf-8", errors="backslashreplace").replace("\r\n", "\n")
    text = collapse_returns(strip_escapes(text))
    text = _SITE_PACKAGES.sub("<site-packages>/", text)
    for prefix, replacement in _machine_prefixes(root, scratch):
        text = text.replace(prefix, replacement)
    text = _ADDRESS.sub("0x...", text)
    if text and not text.endswith("\n"):
        text += "\n"
    return text
