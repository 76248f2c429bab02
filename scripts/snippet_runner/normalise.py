"""Make captured output byte-stable, free of machine details, and what a reader would see.

Outputs are committed, so anything that varies between runs or machines must go: absolute
paths (the project root, scratch folders, the home folder, site-packages in warnings and
tracebacks) and memory addresses. Terminal control is resolved the way a terminal shows it:
escape codes (colours, cursor moves) are dropped, and ``\\r`` progress frames collapse to what is
left on the line. Any other control character (a lone ESC, backspace, NUL, bell) and the invisible
bidirectional controls (U+202A-U+202E, U+2066-U+2069, the marks U+200E, U+200F, U+061C), which
could make a line read differently from what it holds, are shown as visible escapes (``\\x1b``,
``\\u202e``), never passed through.

A machine path is replaced only where it stands as a whole path: with the root ``/x/n1``,
``/x/n1/a.csv`` becomes ``./a.csv`` but ``/x/n1-data/a.csv`` and ``/y/x/n1`` stay as they are.
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


# Characters that may continue a file name: a prefix followed by one of them is not a whole path.
_NAME_CHARACTER = r"[^/\\\s\"'`<>()\[\]{},:;|=]"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def show_controls(text: str) -> str:
    """Control and bidi characters as visible escapes: ``"a\\x1bcb"`` -> ``"a\\\\x1bcb"``.

    Newlines and tabs stay; carriage returns are resolved before (:func:`collapse_returns`)."""
    return _CONTROL.sub(_visible, text)


def _machine_prefixes(root: Path, scratch: Path) -> list[tuple[str, str]]:
    prefixes = [(str(scratch / "cwd"), "."), (str(scratch), "."), (str(root), ".")]
    for path in {sys.prefix, sys.base_prefix, sysconfig.get_paths()["stdlib"], *site.PREFIXES}:
        prefixes.append((path, "<python>"))
    home = os.path.expanduser("~")
    if len(home) > 1:
        prefixes.append((home, "~"))
    return prefixes


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


def replace_prefixes(text: str, prefixes: list[tuple[str, str]]) -> str:
    """Replace each machine path where it is a whole path, not the start of a longer name
    (``/x/n1-data``) nor the end of another path (``/y/x/n1``); longest first."""
    table: dict[str, str] = {}
    for prefix, replacement in prefixes:
        prefix = prefix.rstrip("/\\") or prefix
        if len(prefix) > 1:
            table.setdefault(prefix, replacement)
    if not table:
        return text
    alternatives = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    pattern = re.compile(f"(?<!{_NAME_CHARACTER})(?:{alternatives})(?!{_NAME_CHARACTER})")
    return pattern.sub(lambda match: table[match.group()], text)


def normalise(raw: bytes, *, root: Path, scratch: Path) -> str:
    text = raw.decode("utf-8", errors="backslashreplace").replace("\r\n", "\n")
    text = show_controls(collapse_returns(strip_escapes(text)))
    text = _SITE_PACKAGES.sub("<site-packages>/", text)
    text = replace_prefixes(text, _machine_prefixes(root, scratch))
    text = _ADDRESS.sub("0x...", text)
    if text and not text.endswith("\n"):
        text += "\n"
    return text
