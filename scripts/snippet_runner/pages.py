"""Read what pages include: the snippet sections they show and the outputs they embed.

Pages include files with pymdownx.snippets lines (``--8<-- "path"`` or ``"path:section"``)
inside fences. Tests use this to run the code a reader sees (pytest-markdown-docs does not
expand includes) and to check that pages and generated outputs agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin

from .sources import MAIN_SECTION, Snippet, parse_snippet

_INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}[ \t]+(?P<quote>["'])(?P<target>.+?)(?P=quote)\s*$""")
_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)")
PYTHON_LANGS = ("py", "python", "python3")


@dataclass(frozen=True)
class Include:
    path: str
    """Root-relative path of the included file."""
    section: str | None
    line: int
    """1-based line of the fence in the page."""
    lang: str

    @property
    def target(self) -> str:
        return f"{self.path}:{self.section}" if self.section else self.path


@dataclass(frozen=True)
class Fence:
    lang: str
    info: str
    content: str
    line: int
    includes: tuple[Include, ...]

    @property
    def options(self) -> list[str]:
        """Fence flags, e.g. ``notest`` in ```` ```{.python notest} ````."""
        info = self.info.strip()
        parts = info.strip("{}").split() if info.startswith("{") else info.split()[1:]
        return [part for part in parts if not part.startswith(".")]

    @property
    def only_includes(self) -> bool:
        lines = [line for line in self.content.splitlines() if line.strip()]
        return bool(lines) and len(lines) == len(self.includes)


def fence_lang(info: str) -> str:
    """The language of a fence, in plain (```python) or superfences brace form."""
    info = info.strip()
    if info.startswith("{"):
        for part in info.strip("{}").split():
            if part.startswith("."):
                return part[1:]
        return ""
    return info.split()[0] if info else ""


def split_target(target: str) -> tuple[str, str | None]:
    """``"snippets/a.py:name"`` -> ``("snippets/a.py", "name")``."""
    path, _, section = target.partition(":")
    return path, section or None


def block_tokens(text: str):  # type: ignore[no-untyped-def]
    """Block-level Markdown tokens (fences, paragraphs...), without the costly inline parse."""
    return _BLOCK_PARSER.parse(text)


# admon_plugin: fences inside admonitions (`??? success "Answer"`) are fences too.
_BLOCK_PARSER = MarkdownIt("commonmark").use(admon_plugin).disable("inline")


def fences(text: str) -> list[Fence]:
    found = []
    for token in block_tokens(text):
        if token.type != "fence" or token.map is None:
            continue
        lang = fence_lang(token.info)
        line = token.map[0] + 1
        found.append(Fence(lang, token.info, token.content, line,
                           includes_in(token.content, line=line, lang=lang)))
    return found


def includes_in(content: str, *, line: int = 0, lang: str = "") -> tuple[Include, ...]:
    """The include lines of one fence's content."""
    includes = []
    for text in content.splitlines():
        match = _INCLUDE.match(text)
        if match:
            path, section = split_target(match.group("target"))
            includes.append(Include(path, section, line, lang))
    return tuple(includes)


def images(text: str) -> list[str]:
    return [match.group("src") for match in _IMAGE.finditer(text)]


def load_section(root: Path, include: Include) -> tuple[Snippet, str]:
    """The snippet and section name a code include refers to."""
    snippet = parse_snippet(root / include.path, include.path)
    name = include.section or MAIN_SECTION
    snippet.section(name)  # KeyError if missing
    return snippet, name


def runnable_code(root: Path, include: Include) -> str:
    """The included section as pytest should run it, line for line what the page shows.

    A section declared with ``# raises: X`` becomes ``with pytest.raises(X):`` over the same
    lines, so the test fails if it stops raising.
    """
    snippet, name = load_section(root, include)
    section = snippet.section(name)
    if not section.expects:
        return section.code
    lines = section.code.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    lines[first] = f"with __import__('pytest').raises({section.expects}):"
    lines[first + 1:] = ["    " + line for line in lines[first + 1:]]
    return "\n".join(lines) + "\n"
