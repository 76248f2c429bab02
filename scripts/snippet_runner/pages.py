"""Read what pages include: the snippet sections they show and the outputs they embed.

Pages include files with pymdownx.snippets lines (``--8<-- "path"`` or ``"path:section"``)
inside fences. Tests use this to run the code a reader sees (pytest-markdown-docs does not
expand includes) and to check that pages and generated outputs agree.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin

from .sources import MAIN_SECTION, Snippet, SnippetSyntaxError, parse_snippet

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


@functools.lru_cache(maxsize=16)
def block_tokens(text: str):  # type: ignore[no-untyped-def]
    """Block-level Markdown tokens (fences, paragraphs...), without the costly inline parse.

    Read-only and cached: a notebook is made from its page's text parsed once, not twice."""
    return tuple(_BLOCK_PARSER.parse(text))


# admon_plugin: fences nested in !!! / ??? admonitions (folded exercise answers) are fences too.
_BLOCK_PARSER = MarkdownIt("commonmark").disable("inline").use(admon_plugin)


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


class IncludeError(Exception):
    """A page includes something that is not there; the message names the page and line."""


def included_file(root: Path, include: Include, page: str = "") -> Path:
    """The repository file an include names, refused (an :class:`IncludeError` naming the page
    and line) when it lies outside the repository: an absolute path (``/etc/passwd``), one
    with ``..``, or one that passes through a symbolic link. What a page includes goes into
    its committed notebook, so it must be the repository's own file."""
    where = f"{page}:{include.line}" if page else f"line {include.line}"
    parts = PurePosixPath(include.path).parts
    if not parts or include.path.startswith(("/", "\\")) or "\\" in include.path \
            or ":" in parts[0] or ".." in parts:
        raise IncludeError(f'{where}: includes "{include.target}", which is not a path inside '
                           "the repository (write it from the repository's root, without '..')")
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            link = path.relative_to(root).as_posix()
            raise IncludeError(f'{where}: includes "{include.target}", but {link} is a symbolic '
                               "link: a page includes only the repository's own files")
    return path


def load_section(root: Path, include: Include, page: str = "") -> tuple[Snippet, str]:
    """The snippet and section name a code include refers to (``page``: for the error)."""
    where = f"{page}:{include.line}" if page else f"line {include.line}"
    path = included_file(root, include, page)
    if not path.is_file():
        raise IncludeError(f'{where}: includes "{include.target}", but {include.path} does not '
                           "exist")
    try:
        snippet = parse_snippet(path, include.path)
    except SnippetSyntaxError as error:
        raise IncludeError(f"{where}: includes {include.path}, which has an error: {error}") \
            from None
    name = include.section or MAIN_SECTION
    if not any(section.name == name for section in snippet.sections):
        names = ", ".join(section.name for section in snippet.sections)
        raise IncludeError(f'{where}: includes "{include.target}", but {include.path} has no '
                           f"section {name!r} (its sections: {names})")
    return snippet, name


def include_errors(root: Path, page: Path) -> list[str]:
    """Every include of ``page`` that points at a missing file or section, one line each."""
    rel = page.resolve().relative_to(root.resolve()).as_posix()
    errors = []
    for fence in fences(page.read_text(encoding="utf-8")):
        for include in fence.includes:
            if fence.lang in PYTHON_LANGS and include.path.endswith(".py"):
                try:
                    load_section(root, include, rel)
                except IncludeError as error:
                    errors.append(str(error))
                continue
            try:
                path = included_file(root, include, rel)
            except IncludeError as error:
                errors.append(str(error))
                continue
            if not path.is_file():
                errors.append(f'{rel}:{include.line}: includes "{include.target}", but '
                              f"{include.path} does not exist (build it: python scripts/build.py)")
    return errors


def run_as_script(root: str | Path, rel: str, sections: list[str]) -> None:
    """Run sections of a snippet (in this order) exactly as ``python <rel>`` runs the file.

    The page tests call this: ``__name__ == "__main__"`` (classes defined in the snippet
    pickle), ``__file__`` is the snippet's real path, its folder is first on ``sys.path``
    (helper modules import), and a ``# raises: X`` section must raise X, X written as the
    snippet names it (``RuntimeError``, ``pickle.UnpicklingError``). Tracebacks name the
    snippet file and its real line numbers. The interpreter's ``__main__``, ``sys.path`` and
    ``sys.argv`` are restored afterwards.
    """
    from . import child

    path = Path(root) / rel
    snippet = parse_snippet(path, rel)
    saved = sys.modules["__main__"], list(sys.path), list(sys.argv)
    try:
        namespace = child.enter_script(str(path), rel)
        for name in sections:
            section = snippet.section(name)
            code = child.compile_section(section.code, section.first_line, rel)
            if not section.expects:
                exec(code, namespace)
                continue
            try:
                exec(code, namespace)
            except BaseException as error:  # noqa: BLE001 - checked against what it expects
                if not child.is_expected(error, section.expects):
                    raise
            else:
                raise AssertionError(f"{rel}:{section.first_line}: section {name!r} should "
                                     f"raise {section.expects}, but raised nothing")
    finally:
        sys.modules["__main__"], sys.path[:], sys.argv[:] = saved
