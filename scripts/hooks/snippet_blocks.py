"""MkDocs hook: code blocks say which file they come from; output blocks are data, never markup.

**Code blocks.** A block that includes a snippet file (``--8<-- "snippets/nn/linear.py:params"``) gets the file
name as its title. When the included section uses names that only earlier sections of the same
file define (``model`` made in ``apply``, ``torch`` imported there), copying that block alone
fails with NameError, so its title says it continues: ``linear.py（接上文）`` /
``linear.py (continued)``. The whole file can be downloaded from the box under the page title
(scripts/hooks/page_info.py); ``on_files`` publishes every snippet file included by a page at
``snippets/…`` on the site.

**Output blocks.** A fence whose lines all include files under ``docs/generated/``
(```` ```text title="输出" ```` + ``--8<-- "docs/generated/…/main.txt"``) shows what a snippet
printed. Left to pymdownx.snippets, that text would be pasted into the page before Markdown is
parsed: a printed line of backticks would close the fence and the lines after it would become
HTML (``<script>``, ``<img onerror>``), and a printed ``--8<-- "file"`` line would include
``file``. So the Markdown extension this hook adds (``OutputBlocks``, run before
pymdownx.snippets) reads those files itself and leaves in the fence one inert placeholder per
line; superfences renders the fence as it renders any (title, copy button, classes), and after
rendering each placeholder becomes its line, HTML-escaped. Whatever a snippet prints reaches the
page and the search index as text, verbatim; nothing in it is parsed as Markdown, HTML or an
include. An output file must lie in ``docs/generated/`` and not be a symbolic link.

**Bad includes.** Before a page is rendered, each of its include lines is checked: a missing
file, a missing section or an output outside ``docs/generated/`` stops the build with
``docs/<page>.md:<line>: includes …, but …`` (``make serve`` and ``mkdocs build`` alike).
"""

from __future__ import annotations

import ast
import builtins
import hashlib
import html
import posixpath
import re
import secrets
import sys
import types
from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from snippet_runner.pages import split_target  # noqa: E402
from snippet_runner.sources import Snippet, SnippetSyntaxError, parse_snippet  # noqa: E402

CONTINUED = {"zh": "{name}（接上文）", "en": "{name} (continued)"}
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})(?P<info>[^`\n]*)$")
_INCLUDE = re.compile(
    r"""^\s*-{1,}8<-{1,}[ \t]+(["'])(?P<target>snippets/[^"']+\.py(?::\w+)?)\1\s*$""")
# Any include line pymdownx.snippets expands (one file per line; ``;--8<--`` is escaped).
_ANY_INCLUDE = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(["'])(?P<target>.+?)\1[ \t]*$""")
_BUILTINS = frozenset(dir(builtins)) | {"__file__", "__name__"}
OUTPUTS = "docs/generated/"


def _bound_and_used(code: str) -> tuple[set[str], set[str]]:
    """Names a piece of code binds, and names it reads."""
    bound: set[str] = set()
    used: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return bound, used


# Snippet file (path, sha256 of its bytes) -> its sections that continue earlier ones.
# ``mkdocs serve`` re-imports hooks for every rebuild: this lives in a module of its own, so
# that a rebuild parses only the files that changed.
_state = sys.modules.setdefault("_snippet_blocks_hook_state", types.ModuleType("_snippet_blocks"))
_continuing: dict[tuple[str, str], frozenset[str]] = _state.__dict__.setdefault("continuing", {})
# Snippet file (path, sha256) -> its section names, for checking includes.
_section_names: dict[tuple[str, str], tuple[str, ...]] = _state.__dict__.setdefault(
    "section_names", {})


def needs_earlier_sections(snippet: Snippet, name: str) -> bool:
    """Whether a section reads names that only the sections before it define."""
    index = next(i for i, s in enumerate(snippet.sections) if s.name == name)
    if index == 0:
        return False
    try:
        earlier: set[str] = set()
        for section in snippet.sections[:index]:
            earlier |= _bound_and_used(section.code)[0]
        bound, used = _bound_and_used(snippet.sections[index].code)
    except SyntaxError:
        return True  # cannot tell: say so rather than promise it runs alone
    return bool((used - bound - _BUILTINS) & earlier)


def block_title(root: Path, target: str, language: str) -> str:
    path, section = split_target(target)
    file = root / path
    name = posixpath.basename(path)
    if section is None or not file.is_file():
        return name
    key = (path, hashlib.sha256(file.read_bytes()).hexdigest())
    if key not in _continuing:
        snippet = parse_snippet(file, path)
        _continuing[key] = frozenset(s.name for s in snippet.sections
                                     if needs_earlier_sections(snippet, s.name))
    return CONTINUED[language].format(name=name) if section in _continuing[key] else name


def _with_title(info: str, title: str) -> str:
    """A fence's info string with ``title="…"`` (kept if the author set one)."""
    if "title=" in info:
        return info
    info = info.rstrip()
    if info.startswith("{") and info.endswith("}"):
        return f'{info[:-1].rstrip()} title="{title}"}}'
    return f'{info} title="{title}"'


def titled_blocks(markdown: str, root: Path, language: str) -> str:
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening or not opening["info"].strip():
            index += 1
            continue
        end = index + 1
        closing = re.compile(rf"^{re.escape(opening['indent'])}{opening['marker'][0]}"
                             rf"{{{len(opening['marker'])},}}\s*$")
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        targets = [m["target"] for line in lines[index + 1:end] if (m := _INCLUDE.match(line))]
        if targets:
            title = block_title(root, targets[0], language)
            lines[index] = (opening["indent"] + opening["marker"]
                            + _with_title(opening["info"], title))
        index = end + 1
    return "\n".join(lines)


def included_snippets(markdown: str) -> list[str]:
    """Snippet files a page includes, in order of first appearance."""
    found: dict[str, None] = {}
    for line in markdown.split("\n"):
        match = _INCLUDE.match(line)
        if match:
            found[split_target(match["target"])[0]] = None
    return list(found)


def _fence_end(lines: list[str], start: int, opening: re.Match[str]) -> int:
    """Index of the line closing the fence opened at ``lines[start]`` (or ``len(lines)``)."""
    closing = re.compile(rf"^{re.escape(opening['indent'])}{re.escape(opening['marker'][0])}"
                         rf"{{{len(opening['marker'])},}}[ \t]*$")
    end = start + 1
    while end < len(lines) and not closing.match(lines[end]):
        end += 1
    return end


def output_targets(body: list[str]) -> list[str] | None:
    """The files an output block shows, when every line of a fence's body includes a file
    under docs/generated/ (blank lines aside); ``None`` for any other fence."""
    targets = []
    for line in body:
        if not line.strip():
            continue
        match = _ANY_INCLUDE.match(line)
        if not match or not match["target"].startswith(OUTPUTS):
            return None
        targets.append(match["target"])
    return targets or None


class OutputError(Exception):
    """An output block names a file it may not show."""


def read_output(root: Path, target: str) -> str:
    """The text of an output file: a regular file inside docs/generated/, never a link."""
    outputs = (root / OUTPUTS).resolve()
    path = root / target
    if any(part in ("", ".", "..") for part in target.split("/")) or ":" in target:
        raise OutputError(f'includes "{target}": an output is a plain path to a whole file '
                          f"under {OUTPUTS}")
    for parent in (path, *path.parents):
        if parent == root:
            break
        if parent.is_symlink():
            raise OutputError(f'includes "{target}", but {parent.relative_to(root).as_posix()} '
                              "is a symbolic link: outputs are read from docs/generated/ only")
    if not path.resolve().is_relative_to(outputs) or not path.is_file():
        raise OutputError(f'includes "{target}", but it does not exist (build it: '
                          "python scripts/build.py)")
    return path.read_text(encoding="utf-8")


class _OutputBlocksIn(Preprocessor):
    """Replaces each line of an output block's body with a placeholder (before includes)."""

    def __init__(self, md: Markdown, root: Path) -> None:
        super().__init__(md)
        self.root = root
        self.lines: list[str] = []  # escaped lines; placeholder n stands for lines[n]
        self.placeholder = re.compile("(?!)")

    def run(self, lines: list[str]) -> list[str]:
        self.lines = []
        nonce = secrets.token_hex(8)  # unguessable: nothing on the page can forge one
        self.placeholder = re.compile(rf"outputblock{nonce}n(\d+)e")
        snippets = self.md.preprocessors["snippet"] if "snippet" in self.md.preprocessors \
            else None
        out: list[str] = []
        index = 0
        while index < len(lines):
            opening = _FENCE.match(lines[index])
            if not opening:
                out.append(lines[index])
                index += 1
                continue
            end = _fence_end(lines, index, opening)
            body = lines[index + 1:end]
            targets = output_targets(body)
            out.append(lines[index])
            if targets is None:
                out.extend(lines[index + 1:end + 1])
                index = end + 1
                continue
            text = []
            for target in targets:
                if snippets is not None:  # serve_cache records the file as this page's input
                    snippets.get_snippet_path(target)  # type: ignore[attr-defined]
                text.append(read_output(self.root, target).removesuffix("\n"))
            for line in "\n".join(text).split("\n"):
                out.append(f"{opening['indent']}outputblock{nonce}n{len(self.lines)}e")
                self.lines.append(html.escape(line, quote=False))
            out.extend(lines[end:end + 1])
            index = end + 1
        return out


class _OutputBlocksOut(Postprocessor):
    """Puts the escaped lines where superfences left their placeholders."""

    def __init__(self, md: Markdown, blocks: _OutputBlocksIn) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, text: str) -> str:
        if not self.blocks.lines:
            return text
        return self.blocks.placeholder.sub(lambda m: self.blocks.lines[int(m.group(1))], text)


class OutputBlocks(Extension):
    """Output blocks show their files as escaped text (see the module's docstring)."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        blocks = _OutputBlocksIn(md, self.root)
        md.preprocessors.register(blocks, "output_blocks", 33)  # pymdownx.snippets: 32
        md.postprocessors.register(_OutputBlocksOut(md, blocks), "output_blocks", 5)  # raw: 30


def on_config(config):  # type: ignore[no-untyped-def]
    if not any(isinstance(e, OutputBlocks) for e in config["markdown_extensions"]):
        config["markdown_extensions"].append(
            OutputBlocks(Path(config["config_file_path"]).parent.resolve()))
    return config


def _sections(root: Path, rel: str) -> tuple[str, ...]:
    """A snippet file's section names (cached by its content)."""
    file = root / rel
    key = (rel, hashlib.sha256(file.read_bytes()).hexdigest())
    if key not in _section_names:
        _section_names[key] = tuple(s.name for s in parse_snippet(file, rel).sections)
    return _section_names[key]


def include_problems(root: Path, source: str, page: str) -> list[str]:
    """``page:line: includes …, but …`` for each include line of a page that cannot work."""
    problems = []
    lines = source.split("\n")
    output_lines: set[int] = set()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening:
            end = _fence_end(lines, index, opening)
            if output_targets(lines[index + 1:end]) is not None:
                output_lines.update(range(index + 1, end))
            index = end
        index += 1
    for number, line in enumerate(lines, start=1):
        match = _ANY_INCLUDE.match(line)
        if not match:
            continue
        target, where = match["target"], f"{page}:{number}"
        if number - 1 in output_lines:
            try:
                read_output(root, target)
            except OutputError as error:
                problems.append(f"{where}: {error}")
            continue
        path, section = split_target(target)
        if section is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*", section):
            path, section = target, None  # a line range, or a path with a colon
        if not (root / path).is_file():
            problems.append(f'{where}: includes "{target}", but {path} does not exist')
        elif section is not None and path.endswith(".py"):
            try:
                names = _sections(root, path)
            except SnippetSyntaxError as error:
                problems.append(f"{where}: includes {path}, which has an error: {error}")
                continue
            if section not in names:
                problems.append(f'{where}: includes "{target}", but {path} has no section '
                                f"{section!r} (its sections: {', '.join(names)})")
        elif path.startswith(OUTPUTS):
            problems.append(f'{where}: includes "{target}" outside an output block (a fence '
                            "that holds nothing but includes of outputs): it would be "
                            "parsed as Markdown")
    return problems


def on_files(files: Files, config) -> Files:  # type: ignore[no-untyped-def]
    """Publish every snippet file a page includes at ``snippets/…``, for download."""
    root = Path(config["config_file_path"]).parent
    wanted: set[str] = set()
    for page in Path(config["docs_dir"]).rglob("*.md"):
        if "generated" not in page.relative_to(config["docs_dir"]).parts:
            wanted.update(included_snippets(page.read_text(encoding="utf-8")))
    for rel in sorted(wanted):
        if (root / rel).is_file() and files.get_file_from_path(rel) is None:
            files.append(File.generated(config, rel, abs_src_path=str(root / rel)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    if not page.file.src_uri.endswith(".md"):
        return markdown
    root = Path(config["config_file_path"]).parent.resolve()
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    name = Path(page.file.abs_src_path).resolve()
    shown = name.relative_to(root).as_posix() if name.is_relative_to(root) else page.file.src_uri
    problems = include_problems(root, source.replace("\r\n", "\n"), shown)
    if problems:
        raise PluginError("\n".join(problems))
    language = "en" if page.file.src_uri.endswith(".en.md") else "zh"
    return titled_blocks(markdown, Path(config["config_file_path"]).parent, language)
