"""Discover snippet files and split them into the sections that pages show.

A snippet is a plain Python file under ``snippets/``. It may be cut into named sections with
pymdownx.snippets markers (``# --8<-- [start:name]`` / ``# --8<-- [end:name]``); the sections
run top to bottom in one process and each gets its own output. A file without markers is one
section called ``main``. Three comment directives are understood:

* ``# raises: ExceptionName`` as the first line of a section: the section must raise it.
* ``# timeout: SECONDS`` anywhere outside sections: overrides the default time limit (more
  than 0, at most a day).
* ``# depends: data.csv, hub_demo/`` outside sections: files (or whole folders, written with a
  trailing ``/``) the snippet reads, relative to its folder. They are part of its cache key,
  and ``.py`` files inside a declared folder are not snippets.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor

from .paths import Layout

MAIN_SECTION = "main"
DEFAULT_TIMEOUT = 300.0
MAX_TIMEOUT = 86_400.0
"""A day: ``# timeout:`` beyond it is a mistake (and beyond ~24.8 days no OS wait accepts it)."""
_SECTION_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_RAISES = re.compile(r"^\s*#\s*raises:\s*(?P<name>[A-Za-z_][\w.]*)\s*$")
_TIMEOUT = re.compile(r"^\s*#\s*timeout:\s*(?P<seconds>\d+(?:\.\d+)?)\s*$")
_DEPENDS = re.compile(r"^\s*#\s*depends:\s*(?P<paths>.*?)\s*$")


class SnippetSyntaxError(Exception):
    """A snippet file the runner cannot use; the message names ``file:line``."""

    def __init__(self, rel: str, line: int, message: str) -> None:
        super().__init__(f"{rel}:{line}: {message}")
        self.rel = rel
        self.line = line


@dataclass(frozen=True)
class Section:
    name: str
    code: str
    """The section's lines, marker lines removed, exactly as the page shows them."""
    first_line: int
    """1-based line number in the file of the section's first code line."""
    expects: str | None = None
    """Name of the exception the section must raise, if any."""


@dataclass(frozen=True)
class Snippet:
    rel: str
    """POSIX path from the project root, e.g. ``snippets/tensors/creation.py``."""
    path: Path
    source: str
    sections: tuple[Section, ...]
    timeout: float = DEFAULT_TIMEOUT
    depends: tuple[str, ...] = ()
    """Declared inputs, root-relative POSIX paths; a folder ends with ``/``."""

    def section(self, name: str) -> Section:
        for section in self.sections:
            if section.name == name:
                return section
        raise KeyError(f"{self.rel} has no section {name!r}")


def _marker(line: str) -> tuple[str, str] | None:
    """``("start"|"end", name)`` for a pymdownx.snippets section marker line."""
    if "8<-" not in line:
        return None
    match = SnippetPreprocessor.RE_SNIPPET_SECTION.match(line)
    if not match or match.group("escape"):
        return None
    return match.group("type").lower(), match.group("name")


def parse_snippet(path: Path, rel: str) -> Snippet:
    _refuse_link(path, rel)
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SnippetSyntaxError(rel, 1, f"not UTF-8 text ({error.reason} at byte "
                                 f"{error.start})") from None
    except OSError as error:  # deleted or made unreadable meanwhile
        raise SnippetSyntaxError(rel, 1, f"cannot be read: {error.strerror or error}") from None
    lines = source.splitlines()
    timeout = DEFAULT_TIMEOUT
    depends: list[str] = []
    sections: list[Section] = []
    current: tuple[str, int, list[str]] | None = None  # name, marker line, body
    has_markers = any(_marker(line) for line in lines)

    for number, line in enumerate(lines, start=1):
        marker = _marker(line)
        if marker is not None:
            kind, name = marker
            if not _SECTION_NAME.match(name):
                raise SnippetSyntaxError(
                    rel, number, f"section name {name!r}: use lowercase letters, digits, '_'"
                )
            if kind == "start":
                if current is not None:
                    raise SnippetSyntaxError(
                        rel, number, f"section {name!r} starts inside section {current[0]!r}"
                    )
                if any(s.name == name for s in sections):
                    raise SnippetSyntaxError(rel, number, f"section {name!r} is defined twice")
                current = (name, number, [])
            else:
                if current is None or current[0] != name:
                    raise SnippetSyntaxError(rel, number, f"end of section {name!r} without its start")
                sections.append(_make_section(rel, *current))
                current = None
            continue
        if current is not None:
            if _DEPENDS.match(line):
                raise SnippetSyntaxError(rel, number, "'# depends:' belongs at the top of the "
                                         "file, outside any section")
            current[2].append(line)
            continue
        timeout_match = _TIMEOUT.match(line)
        depends_match = _DEPENDS.match(line)
        if depends_match:
            depends += _declared(path, rel, number, depends_match.group("paths"))
        elif timeout_match:
            timeout = float(timeout_match.group("seconds"))
            if not 0 < timeout <= MAX_TIMEOUT:
                raise SnippetSyntaxError(rel, number, f"'# timeout: {timeout_match.group('seconds')}"
                                         f"': give seconds, more than 0 and at most "
                                         f"{MAX_TIMEOUT:g} (a day)")
        elif line.strip() and not line.lstrip().startswith("#") and has_markers:
            raise SnippetSyntaxError(
                rel, number, "code outside sections: in a file with sections, all code "
                "must be inside one so that the page shows it"
            )
    if current is not None:
        raise SnippetSyntaxError(rel, current[1], f"section {current[0]!r} is never ended")
    if not sections:
        sections.append(_make_section(rel, MAIN_SECTION, 0, lines))
    return Snippet(rel=rel, path=path, source=source, sections=tuple(sections), timeout=timeout,
                   depends=tuple(depends))


def _declared(path: Path, rel: str, number: int, text: str) -> list[str]:
    """Root-relative forms of the paths on one ``# depends:`` line; each must exist inside
    ``snippets/``."""
    found = []
    snippets_folder = path.resolve().parents[len(Path(rel).parts) - 2]
    for item in (part.strip() for part in text.split(",")):
        if not item:
            raise SnippetSyntaxError(rel, number, "'# depends:' lists an empty path")
        target = (path.parent / item).resolve()
        if snippets_folder not in target.parents:
            raise SnippetSyntaxError(rel, number, f"'# depends: {item}' is outside snippets/")
        is_folder = item.endswith("/")
        if not is_folder and target.is_dir():
            raise SnippetSyntaxError(rel, number, f"'# depends: {item}' is a folder: write it "
                                     "with a trailing '/'")
        if not (target.is_dir() if is_folder else target.is_file()):
            kind = "folder" if is_folder else "file"
            raise SnippetSyntaxError(rel, number, f"'# depends: {item}': no such {kind} "
                                     f"next to {Path(rel).name}")
        inner = target.relative_to(snippets_folder.parent).as_posix()
        found.append(inner + "/" if is_folder else inner)
    return found


def _make_section(rel: str, name: str, marker_line: int, body: list[str]) -> Section:
    expects = None
    for offset, line in enumerate(body):
        match = _RAISES.match(line)
        if match:
            if any(text.strip() for text in body[:offset]):
                raise SnippetSyntaxError(
                    rel, marker_line + offset + 1,
                    "'# raises:' must be the first line of its section",
                )
            expects = match.group("name")
    code = "\n".join(body) + "\n" if body else ""
    return Section(name=name, code=code, first_line=marker_line + 1, expects=expects)


def discover(
    layout: Layout, patterns: list[str] | None = None
) -> tuple[list[Snippet], list[SnippetSyntaxError]]:
    """Every ``*.py`` under ``snippets/`` (optionally filtered by glob patterns), sorted,
    and the files that could not be parsed (one bad file must not hide the others).

    Not snippets: files whose name starts with ``_`` (helper modules that snippets import),
    files in a folder whose name starts with ``_`` or that holds an ``__init__.py`` (a helper
    package), and files inside a folder that a snippet declares with ``# depends:``.
    """
    snippets: list[Snippet] = []
    errors: list[SnippetSyntaxError] = []
    candidates = [path for path in sorted(layout.snippets.rglob("*.py"))
                  if not _is_helper(path, layout.snippets)]
    declared = _declared_folders(candidates)
    for path in candidates:
        if any(folder in path.resolve().parents for folder in declared):
            continue
        rel = path.relative_to(layout.root).as_posix()  # not resolved: a link names itself
        if patterns and not any(_matches(rel, pattern) for pattern in patterns):
            continue
        try:
            snippets.append(parse_snippet(path, rel))
        except SnippetSyntaxError as error:
            errors.append(error)
    return snippets, errors


def _refuse_link(path: Path, rel: str) -> None:
    """A snippet is a regular file of the repository: the build reads, runs and keys it by
    its own path, and a link could make it read anything (``/etc/passwd``, another snippet)."""
    if path.is_symlink():
        target = os.readlink(path)
        raise SnippetSyntaxError(rel, 1, f"a symbolic link (to {target}): a snippet must be a "
                                 "regular file; copy or move the file here instead")


def _is_helper(path: Path, top: Path) -> bool:
    inner = path.relative_to(top)
    return path.name.startswith("_") or any(
        part.startswith("_") or part == "__pycache__" for part in inner.parts[:-1]) or any(
        (folder / "__init__.py").is_file() for folder in path.parents if top in folder.parents)


def _declared_folders(candidates: list[Path]) -> set[Path]:
    """Folders named by any ``# depends:`` line (read loosely: errors surface when parsed)."""
    folders = set()
    for path in candidates:
        if path.is_symlink():
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            match = _DEPENDS.match(line)
            if match:
                folders |= {(path.parent / item.strip()).resolve()
                            for item in match.group("paths").split(",") if item.strip().endswith("/")}
    return folders


def _matches(rel: str, pattern: str) -> bool:
    return fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, f"*{pattern}*")
