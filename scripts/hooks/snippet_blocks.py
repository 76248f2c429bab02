"""MkDocs hook: code blocks say which file they come from, and when they need earlier blocks.

A block that includes a snippet file (``--8<-- "snippets/nn/linear.py:params"``) gets the file
name as its title. When the included section uses names that only earlier sections of the same
file define (``model`` made in ``apply``, ``torch`` imported there), copying that block alone
fails with NameError, so its title says it continues: ``linear.py（接上文）`` /
``linear.py (continued)``. The whole file can be downloaded from the box under the page title
(scripts/hooks/page_info.py); ``on_files`` publishes every snippet file included by a page at
``snippets/…`` on the site.
"""

from __future__ import annotations

import ast
import builtins
import hashlib
import posixpath
import re
import sys
import types
from pathlib import Path

from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from snippet_runner.pages import split_target  # noqa: E402
from snippet_runner.sources import Snippet, parse_snippet  # noqa: E402

CONTINUED = {"zh": "{name}（接上文）", "en": "{name} (continued)"}
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})(?P<info>[^`\n]*)$")
_INCLUDE = re.compile(
    r"""^\s*-{1,}8<-{1,}[ \t]+(["'])(?P<target>snippets/[^"']+\.py(?::\w+)?)\1\s*$""")
_BUILTINS = frozenset(dir(builtins)) | {"__file__", "__name__"}


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
_continuing: dict[tuple[str, str], frozenset[str]] = sys.modules.setdefault(
    "_snippet_blocks_hook_state", types.ModuleType("_snippet_blocks")).__dict__.setdefault(
    "continuing", {})


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
    language = "en" if page.file.src_uri.endswith(".en.md") else "zh"
    return titled_blocks(markdown, Path(config["config_file_path"]).parent, language)
