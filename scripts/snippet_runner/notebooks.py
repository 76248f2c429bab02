"""Turn each page, with its snippets and generated outputs, into a Jupyter notebook.

The page's prose becomes Markdown cells, every included snippet section a code cell carrying
its generated output and figures. Notebooks are outputs like any other: regenerating one is
cheap (nothing runs), so ``--check`` simply regenerates them in memory and compares bytes.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from .atomic import atomic_write_text
from .outputs import remove_output
from .pages import PYTHON_LANGS, block_tokens, fence_lang, images, includes_in, load_section
from .paths import Layout

NOTEBOOK_FOLDER = "notebooks"
_ADMONITION = re.compile(r'^(?P<indent> *)(?:!!!|\?\?\?\+?) *(?P<kind>[\w-]+)(?: +"(?P<title>[^"]*)")? *$')
_TAB = re.compile(r'^(?P<indent> *)===\+? +"(?P<title>[^"]*)" *$')


@dataclass(frozen=True)
class PageNotebook:
    page: Path
    notebook: Path


def page_notebooks(layout: Layout) -> list[PageNotebook]:
    """Every content page (one that includes a snippet) and where its notebook goes."""
    docs = layout.root / "docs"
    found = []
    for page in sorted(docs.rglob("*.md")):
        inner = page.relative_to(docs)
        if inner.parts[0] == layout.generated.name:
            continue
        if not any(i.path.startswith("snippets/") for i in includes_in(page.read_text(encoding="utf-8"))):
            continue
        found.append(PageNotebook(page, layout.generated / NOTEBOOK_FOLDER / inner.with_suffix(".ipynb")))
    return found


def notebook_for(layout: Layout, page: Path, *, validate: bool = False) -> str:
    """The notebook JSON for one page (deterministic: fixed cell ids, sorted keys)."""
    text = _expand_nested_includes(layout, page.read_text(encoding="utf-8"))
    lines = text.splitlines(keepends=True)
    cells: list[nbformat.NotebookNode] = []
    prose: list[str] = []

    def flush_prose() -> None:
        markdown = _jupyter_markdown("".join(prose)).strip()
        prose.clear()
        if markdown:
            cells.append(_node(cell_type="markdown", source=markdown, metadata={}))

    position = 0
    for token in block_tokens(text):
        if token.level != 0 or token.map is None or token.type not in ("fence", "paragraph_open"):
            continue
        start, end = token.map
        if token.type == "paragraph_open":
            sources = images("".join(lines[start:end]))
            figures = [_resolve(page, src) for src in sources]
            if not figures or not all(layout.generated in f.parents for f in figures) or \
                    _without_images("".join(lines[start:end])).strip():
                continue
            prose.extend(lines[position:start])
            position = end
            for figure in figures:
                _attach(cells, _image_output(figure), page, start)
            continue
        found = includes_in(token.content)
        lang = fence_lang(token.info)
        if not found:
            continue
        prose.extend(lines[position:start])
        position = end
        if lang in PYTHON_LANGS:
            flush_prose()
            code, expects = "", False
            for include in found:
                snippet, name = load_section(layout.root, include)
                section = snippet.section(name)
                code += section.code
                expects = expects or section.expects is not None
            cell = _node(cell_type="code", source=code.rstrip("\n"), metadata={}, outputs=[],
                         execution_count=None)
            if expects:
                cell.metadata["tags"] = ["raises-exception"]
            cells.append(cell)
        else:
            output = "".join((layout.root / include.path).read_text(encoding="utf-8")
                             for include in found)
            _attach(cells, _node(output_type="stream", name="stdout", text=output), page, start)
    prose.extend(lines[position:])
    flush_prose()

    for index, cell in enumerate(cells):
        cell.id = f"cell-{index}"
    notebook = _node(nbformat=4, nbformat_minor=5, cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    # Validation is slow (jsonschema): done when notebooks are written, not by --check.
    if validate:
        nbformat.validate(notebook)
    return nbformat.v4.nbjson.writes(notebook) + "\n"


def _expand_nested_includes(layout: Layout, text: str) -> str:
    """Fences inside admonitions (folded exercise answers) stay Markdown in a notebook:
    replace their include lines with the code or output they include, indented alike."""
    lines = text.splitlines(keepends=True)
    for token in reversed(block_tokens(text)):
        if token.type != "fence" or token.level == 0 or token.map is None:
            continue
        start, end = token.map
        expanded: list[str] = []
        for line in lines[start:end]:
            found = includes_in(line)
            if not found:
                expanded.append(line)
                continue
            indent = line[: len(line) - len(line.lstrip())]
            if fence_lang(token.info) in PYTHON_LANGS:
                snippet, name = load_section(layout.root, found[0])
                body = snippet.section(name).code
            else:
                body = (layout.root / found[0].path).read_text(encoding="utf-8")
            expanded += [indent + part if part.strip() else "\n"
                         for part in body.rstrip("\n").splitlines(keepends=False)]
            expanded = [part if part.endswith("\n") else part + "\n" for part in expanded]
        lines[start:end] = expanded
    return "".join(lines)


def _node(**fields) -> nbformat.NotebookNode:  # type: ignore[no-untyped-def]
    return nbformat.from_dict(fields)


def _attach(cells: list, output, page: Path, line: int) -> None:  # type: ignore[no-untyped-def]
    if not cells or cells[-1].cell_type != "code":
        raise ValueError(f"{page}:{line + 1}: output or figure without a code block before it")
    cells[-1].outputs.append(output)


def _resolve(page: Path, src: str) -> Path:
    return (page.parent / src).resolve()


def _without_images(text: str) -> str:
    return re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", text)


def _image_output(path: Path):  # type: ignore[no-untyped-def]
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    if path.suffix == ".png":
        return _node(output_type="display_data", metadata={},
                     data={"image/png": data, "text/plain": f"<{path.name}>"})
    mime = "image/gif" if path.suffix == ".gif" else "image/svg+xml"
    html = f'<img src="data:{mime};base64,{data}" alt="{path.name}">'
    return _node(output_type="display_data", metadata={},
                 data={"text/html": html, "text/plain": f"<{path.name}>"})


def _jupyter_markdown(text: str) -> str:
    """Material-only syntax (admonitions, content tabs) as plain Markdown Jupyter renders."""
    out: list[str] = []
    quote_indent: int | None = None
    for line in text.splitlines():
        admonition, tab = _ADMONITION.match(line), _TAB.match(line)
        if admonition or tab:
            match = admonition or tab
            title = match.group("title") or (admonition.group("kind").title() if admonition else "")
            quote_indent = len(match.group("indent")) + 4
            out.append(f"> **{title}**" if admonition else f"**{title}**")
            out.append(">" if admonition else "")
            quote = bool(admonition)
            continue
        if quote_indent is not None:
            if line.strip() == "":
                out.append(">" if quote else "")
                continue
            if line.startswith(" " * quote_indent):
                body = line[quote_indent:]
                out.append(f"> {body}" if quote else body)
                continue
            quote_indent = None
        out.append(line)
    return "\n".join(out) + "\n"


def planned_notebooks(layout: Layout, *, validate: bool = False) -> dict[Path, str]:
    return {item.notebook: notebook_for(layout, item.page, validate=validate)
            for item in page_notebooks(layout)}


def _differences(layout: Layout, planned: dict[Path, str]) -> list[tuple[Path, str]]:
    """``(notebook, "missing" | "stale" | "orphaned")`` for each one not as planned."""
    found = [(path, "missing" if not path.is_file() else "stale")
             for path, content in planned.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != content]
    folder = layout.generated / NOTEBOOK_FOLDER
    if folder.is_dir():
        found += [(path, "orphaned") for path in sorted(folder.rglob("*.ipynb"))
                  if path not in planned]
    return found


def write_notebooks(layout: Layout) -> list[str]:
    """Bring every notebook up to date; returns what changed (root-relative paths)."""
    planned = planned_notebooks(layout, validate=True)
    changed = []
    for path, state in _differences(layout, planned):
        if state == "orphaned":
            remove_output(layout, layout.rel(path))
        else:
            atomic_write_text(path, planned[path])
        changed.append(layout.rel(path))
    return changed


_REASONS = {"missing": "missing notebook",
            "stale": "stale notebook (its page or outputs changed)",
            "orphaned": "orphaned notebook (no such page)"}


def stale_notebooks(layout: Layout) -> list[str]:
    """Notebooks that are missing, out of date, or orphaned (root-relative paths + reason)."""
    return [f"{layout.rel(path)}: {_REASONS[state]}"
            for path, state in _differences(layout, planned_notebooks(layout))]
