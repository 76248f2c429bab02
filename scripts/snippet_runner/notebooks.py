"""Turn each page, with its snippets and generated outputs, into a Jupyter notebook.

The page's prose becomes Markdown cells, every included snippet section a code cell carrying
its generated output and figures: folded answers (``??? success``) too, since the build runs
their code, so that later cells see the state the build's did. Notebooks are outputs like any
other, keyed like snippets (``notebook_key``: the page, what it includes, the generator), so
``--check`` and a no-op build make again only the notebooks whose key changed.

A notebook stands alone: a reader who downloads it runs it top to bottom in any folder. Its
first code cell (the set-up cell, not on the page) recreates the build's conditions (seeds at
0, one torch thread, Python's default warning filters) and writes the files the snippets read: the helper
modules they import (``_data.py``) and the files they declare with ``# depends: a.csv, dir/``.
The build runs each snippet file in a fresh process, so in the one kernel each file gets its
own names: where a new file starts, its first cell begins with ``fresh_start()`` (seeds at 0,
the previous file's names forgotten); where a page goes back to a file after another file's
sections, ``set_aside(file)`` and ``resume(file)`` keep and restore its names and random
state. A snippet that locates its files with ``Path(__file__).parent`` gets ``__file__``
pointing into the notebook's folder, where the set-up cell wrote them. Execution counts are
the ones a fresh kernel gives (1, 2, 3...), and the tests run every notebook that way and
compare its outputs with the stored ones; each code cell records the page line of its block
(``metadata.page``), and an exercise whose output the page shows in the folded answer below
it records that output there, so a failure names the page line and the first differing line.
"""

from __future__ import annotations

import base64
import json
import posixpath
import re
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import nbformat
else:
    class _Nbformat:
        """nbformat, imported when first used: ``--check`` of unchanged notebooks never needs
        it, and importing it (jsonschema) is a third of that command's time."""

        def __getattr__(self, name: str) -> Any:
            import nbformat

            return getattr(nbformat, name)

    nbformat = _Nbformat()

from .atomic import atomic_write_text
from .keys import local_imports, sha256_bytes
from .manifest import Manifest, NotebookRecord
from .outputs import remove_output
from .pages import (
    PYTHON_LANGS,
    Include,
    IncludeError,
    block_tokens,
    fence_lang,
    images,
    included_file,
    includes_in,
    load_section,
)
from .paths import Layout
from .sources import Snippet

NOTEBOOK_FOLDER = "notebooks"
_IMAGE_ALT = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
_FILE_USE = re.compile(r"\b__file__\b")
MAX_CARRIED_BYTES = 200_000
"""What a set-up cell may carry in all: data for a lesson, not a data set."""
_ADMONITION = re.compile(r'^(?P<indent> *)(?:!!!|\?\?\?\+?) *(?P<kind>[\w-]+)(?: +"(?P<title>[^"]*)")? *$')
_TAB = re.compile(r'^(?P<indent> *)===\+? +"(?P<title>[^"]*)" *$')


class NotebookError(IncludeError, ValueError):
    """A page that cannot become a notebook; the message names the page (and line)."""


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


@dataclass
class _Code:
    """A code cell being made, and what the page shows of it."""

    cell: nbformat.NotebookNode
    fold: int | None
    """The first page line of the admonition (a folded answer) it sits in; None at the top."""


def notebook_for(layout: Layout, page: Path, *, validate: bool = False) -> str:
    """The notebook JSON for one page (deterministic: fixed cell ids, sorted keys).

    Every Python fence that includes snippet sections becomes a code cell, in page order,
    folded answers (``??? success``) included: the build runs them, so the notebook does too.
    An output block or figure goes to the code cell it follows. Where an answer shows the
    output of an exercise's code above it, that output stays in the answer's Markdown, and the
    cell records it (``metadata.page.output_in_answer``) for the notebook tests. Each code cell
    records the page line of its block (``metadata.page.line``).
    """
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    page_rel = _page_name(layout, page)
    cells: list[nbformat.NotebookNode] = []
    prose: list[str] = []
    markdown = _JupyterMarkdown()
    runs: list[_Run] = []  # every included section, in page order
    code: _Code | None = None
    folds: list[int] = []  # open admonitions, by first line; the innermost last

    def flush_prose() -> None:
        converted = markdown.convert("".join(prose))
        prose.clear()
        if converted:
            cells.append(_node(cell_type="markdown", source=converted, metadata={}))

    position = 0
    for token in block_tokens(text):
        if token.type == "admonition_open" and token.map is not None:
            folds.append(token.map[0])
            continue
        if token.type == "admonition_close":
            folds.pop()
            continue
        if token.map is None or token.type not in ("fence", "paragraph_open"):
            continue
        fold = folds[-1] if folds else None
        start, end = token.map
        if token.type == "paragraph_open":
            block = "".join(lines[start:end])
            found_images = [(m.group("alt"), _resolve(page, m.group("src")))
                            for m in _IMAGE_ALT.finditer(block)]
            if not found_images or not all(layout.generated in f.parents for _, f in found_images) \
                    or _without_images(block).strip():
                continue
            if code is None:
                raise _nothing_before(page_rel, start)
            if code.fold != fold and fold is not None:  # an exercise's figure, in its answer
                info = code.cell.metadata["page"]
                info["figures_in_answer"] = info.get("figures_in_answer", 0) + len(found_images)
                continue
            prose.extend(lines[position:start])
            position = end
            for alt, figure in found_images:
                code.cell.outputs.append(_image_output(figure, alt))
            continue
        found = includes_in(token.content, line=start + 1)
        if not found:
            continue
        if fence_lang(token.info) in PYTHON_LANGS:
            prose.extend(lines[position:start])
            position = end
            flush_prose()
            expects = False
            for include in found:
                snippet, name = load_section(layout.root, include, layout.rel(page))
                section = snippet.section(name)
                runs.append(_Run(len(cells), snippet, section.code))
                expects = expects or section.expects is not None
            cell = _node(cell_type="code", source="", outputs=[], execution_count=None,
                         metadata={"page": {"line": start + 1, "file": page_rel}})
            if expects:
                cell.metadata["tags"] = ["raises-exception"]
            cells.append(cell)
            code = _Code(cell, fold)
            continue
        output = _included_output(layout, page, found)
        if code is None:
            raise _nothing_before(page_rel, start)
        if code.fold != fold and fold is not None:  # an exercise's output, in its answer
            info = code.cell.metadata["page"]
            info["output_in_answer"] = info.get("output_in_answer", "") + output
            prose.extend(lines[position:start])
            prose.extend(_expanded(lines[start:end], output))
            position = end
            continue
        prose.extend(lines[position:start])
        position = end
        code.cell.outputs.append(_node(output_type="stream", name="stdout", text=output))
    prose.extend(lines[position:])
    flush_prose()

    snippets = _unique([run.snippet for run in runs])
    switches = _file_switches(runs, _carried_paths(snippets))
    for run, switch in zip(runs, switches, strict=True):
        cells[run.cell].source += switch + run.code
    for run in runs:
        cells[run.cell].source = cells[run.cell].source.rstrip("\n")
    if runs:
        cells.insert(runs[0].cell, _setup_cell(layout, page, snippets,
                                               interleaved=any("resume(" in s for s in switches)))
    count = 0
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index}"
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            cell.outputs = _split_expected_error(cell)
    notebook = _node(nbformat=4, nbformat_minor=5, cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    # Validation is slow (jsonschema): done when notebooks are written, not by --check.
    if validate:
        nbformat.validate(notebook)
    return nbformat.v4.nbjson.writes(notebook) + "\n"


def _included_output(layout: Layout, page: Path, found: tuple[Include, ...]) -> str:
    """The text of the output files a fence includes (the repository's own files only)."""
    return "".join(included_file(layout.root, include, layout.rel(page))
                   .read_text(encoding="utf-8") for include in found)


def _nothing_before(page: str, line: int) -> NotebookError:
    return NotebookError(f"{page}:{line + 1}: an output or figure before any code block: "
                         "put it after the code block that makes it")


@dataclass(frozen=True)
class _Run:
    """One included section: the code cell it goes in, its file and its code."""

    cell: int
    snippet: Snippet
    code: str


def _page_name(layout: Layout, page: Path) -> str:
    try:
        return layout.rel(page)
    except ValueError:
        return page.name


def _unique(snippets: list[Snippet]) -> list[Snippet]:
    return list({snippet.rel: snippet for snippet in snippets}.values())


def _file_switches(runs: list[_Run], carried: set[Path]) -> list[str]:
    """For each included section, the lines that go before it where the page passes from one
    snippet file to another, so that each file has its own names and random state, as its own
    process has in the build.

    A file's first section starts with ``fresh_start()`` (seeds at 0, no other file's names). A
    file whose sections go on after another file's gets ``resume(file)``, and the file left
    ``set_aside(file)`` where its own sections go on later still. Helper modules and data files
    that a page shows are not snippets: they run among the current file's names.
    """
    files = [run.snippet.rel if run.snippet.path.resolve() not in carried else None
             for run in runs]
    switches = []
    current: str | None = None
    started: set[str] = set()
    for position, rel in enumerate(files):
        switch = ""
        if rel is not None and rel != current:
            if current is not None and current in files[position:]:
                switch += f"set_aside({current!r})  # its sections go on below\n"
            if rel in started:
                switch += f"resume({rel!r})  # its names and random state are back\n"
            else:
                switch += _fresh_start_line(runs[position].snippet)
            started.add(rel)
            current = rel
        switches.append(switch)
    return switches


def _expanded(fence: list[str], body: str) -> list[str]:
    """A fence's lines with its include lines replaced by ``body``, indented alike."""
    expanded: list[str] = []
    for line in fence:
        if not includes_in(line):
            expanded.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        expanded += [indent + part + "\n" if part.strip() else "\n"
                     for part in body.rstrip("\n").splitlines()]
    return expanded


def declared_files(snippet: Snippet) -> list[str]:
    """The paths a snippet declares with ``# depends:``, relative to its folder."""
    folder = posixpath.dirname(snippet.rel)
    return [posixpath.relpath(path.rstrip("/"), folder) for path in snippet.depends]


def carried_files(layout: Layout, page: Path, snippets: list[Snippet]) -> dict[str, bytes]:
    """Files the page's snippets need beside them, by path relative to the snippet's folder:
    the helper modules they import and the files and folders they declare."""
    carried: dict[str, bytes] = {}
    origin: dict[str, str] = {}

    def carry(name: str, path: Path, snippet: Snippet) -> None:
        data = path.read_bytes()
        if name in carried and carried[name] != data:
            raise NotebookError(f"{page}: {snippet.rel} and {origin[name]} both need a file "
                             f"{name!r}, with different contents: a notebook has one folder")
        carried[name], origin[name] = data, snippet.rel

    for snippet in snippets:
        folder = snippet.path.parent
        for module in local_imports(snippet.path, layout):
            try:
                name = module.relative_to(folder.resolve()).as_posix()
            except ValueError:
                name = module.relative_to(layout.snippets.resolve()).as_posix()
            carry(name, module, snippet)
        for declared in declared_files(snippet):
            target = folder / declared
            if target.is_dir():
                for path in sorted(target.rglob("*")):
                    if path.is_file() and "__pycache__" not in path.parts:
                        carry(path.relative_to(folder).as_posix(), path, snippet)
            elif target.is_file():
                carry(Path(declared).as_posix(), target, snippet)
            else:
                raise NotebookError(f"{snippet.rel}: '# depends: {declared}' names no file or "
                                 f"folder beside it")
    total = sum(len(data) for data in carried.values())
    if total > MAX_CARRIED_BYTES:
        raise NotebookError(f"{page}: its snippets need {total:,} bytes of files, more than the "
                         f"{MAX_CARRIED_BYTES:,} a notebook can carry in its set-up cell")
    return dict(sorted(carried.items()))


def _carried_paths(snippets: list[Snippet]) -> set[Path]:
    """Files shown on the page that are not snippets: helper modules and declared files."""
    found = {s.path.resolve() for s in snippets if s.path.name.startswith("_")}
    for snippet in snippets:
        for declared in declared_files(snippet):
            target = (snippet.path.parent / declared).resolve()
            found |= {target} | ({p for p in target.rglob("*")} if target.is_dir() else set())
    return found


_ISOLATION = """\


def fresh_start():
    _forget_names()
    random.seed(0)
    numpy.random.seed(0)
    torch.manual_seed(0)
    # Python's default filters, as the build's snippets have them (and forget what was shown):
    # a DeprecationWarning only from this notebook's own code, not from torch's internals.
    warnings.resetwarnings()
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning,
                     ResourceWarning):
        warnings.filterwarnings("ignore", category=category, append=True)


def _snippet_names():
    \"\"\"Names the snippets defined: not the set-up's, nor IPython's (_, _1, _i1...), nor
    dunder names (torch.compile keeps its own, __compiled_fn_1, in the globals).\"\"\"
    return [name for name in globals() if name not in _SET_UP and not name.startswith("__")
            and not re.fullmatch(r"_+|_i+|_i?\\d+", name)]


def _forget_names():
    with warnings.catch_warnings():  # a process that ends cleans nothing up, silently
        warnings.simplefilter("ignore")
        for name in _snippet_names():
            del globals()[name]
        gc.collect()
    gc.freeze()  # what is left (modules, this set-up) stays: the next collection skips it
"""
_INTERLEAVED = """\


_kept = {}


def set_aside(file):
    _kept[file] = ({name: globals()[name] for name in _snippet_names()},
                   (random.getstate(), numpy.random.get_state(), torch.get_rng_state()))
    _forget_names()


def resume(file):
    _forget_names()
    names, (python_state, numpy_state, torch_state) = _kept.pop(file)
    globals().update(names)
    random.setstate(python_state)
    numpy.random.set_state(numpy_state)
    torch.set_rng_state(torch_state)
"""


def _setup_cell(layout: Layout, page: Path, snippets: list[Snippet], *,
                interleaved: bool = False) -> nbformat.NotebookNode:
    """The first code cell: the build's conditions, one namespace per snippet file, and the
    files the snippets read. ``interleaved``: the page goes back to a file after another."""
    carried = carried_files(layout, page, snippets)
    lines = [
        "# Set-up (not on the page): run this notebook on its own, in any folder.",
        "# The site's build ran each snippet file in a fresh process with the seeds of random,",
        "# numpy and torch at 0, one CPU thread and Python's default warnings; `fresh_start()` at the",
        "# top of a cell does the same here, and a new file sees none of another file's names,",
        "# so the outputs below match the page.",
    ]
    if interleaved:
        lines += ["# Where a file's sections go on after another file's, `set_aside(file)` and",
                  "# `resume(file)` give it back its own names and random state."]
    if carried:
        lines.append("import importlib")
    lines += ["import gc", "import random", "import re", "import warnings"]
    if carried:
        lines.append("from pathlib import Path")
    lines += ["", "import numpy", "import torch", "", "torch.set_num_threads(1)"]
    lines += _ISOLATION.splitlines()
    if interleaved:
        lines += _INTERLEAVED.splitlines()
    if carried:
        lines += ["", "", "# Files the code reads or imports; in the repository they sit beside the "
                  "snippets.", "# Written into this folder:"]
        folders = sorted({str(Path(name).parent.as_posix()) for name in carried} - {"."})
        for folder in folders:
            lines.append(f"Path({folder!r}).mkdir(parents=True, exist_ok=True)")
        for name, data in carried.items():
            lines.append(_write_file_line(name, data))
        lines.append("importlib.invalidate_caches()  # so that `import` sees new modules")
    lines += ["", "", "_SET_UP = set(globals()) | {\"_SET_UP\"}  # names that are no snippet's"]
    return _node(cell_type="code", source="\n".join(lines),
                 metadata={"tags": ["setup"]}, outputs=[], execution_count=None)


def _write_file_line(name: str, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        encoded = base64.b64encode(data).decode("ascii")
        return f"Path({name!r}).write_bytes(__import__('base64').b64decode({encoded!r}))"
    if text.endswith("\n") and "\r" not in text and not text.rstrip("\n").endswith("\\"):
        for quote in ("'''", '"""'):
            if quote not in text and not text.endswith(quote[0] + "\n"):
                return f"Path({name!r}).write_text(r{quote}{text}{quote}, encoding=\"utf-8\")"
    return f"Path({name!r}).write_text({text!r}, encoding=\"utf-8\")"


def _fresh_start_line(snippet: Snippet) -> str:
    line = f"fresh_start()  # {snippet.rel} starts here\n"
    if _FILE_USE.search(snippet.source):
        name = snippet.path.name
        line += (f"__file__ = {name!r}  # in this folder, like the files the set-up cell "
                 f"wrote\n")
    return line


def _split_expected_error(cell: nbformat.NotebookNode) -> list:  # type: ignore[type-arg]
    """An expected error's stored output as Jupyter shows it: printed text, then the error."""
    if "raises-exception" not in cell.metadata.get("tags", []) or not cell.outputs:
        return cell.outputs
    last = cell.outputs[-1]
    marker = "Traceback (most recent call last):\n  ...\n"
    if last.output_type != "stream" or marker not in last.text:
        return cell.outputs
    printed, _, error = last.text.rpartition(marker)
    lines = error.rstrip("\n").splitlines()
    where = 0  # a SyntaxError's location lines (indented) come before its "Name: message"
    while where < len(lines) - 1 and lines[where].startswith(" "):
        where += 1
    ename, _, evalue = "\n".join(lines[where:]).partition(": ")
    outputs = cell.outputs[:-1]
    if printed:
        outputs.append(_node(output_type="stream", name="stdout", text=printed))
    outputs.append(_node(output_type="error", ename=ename.rsplit(".", 1)[-1], evalue=evalue,
                         traceback=marker.splitlines() + error.rstrip("\n").splitlines()))
    return outputs


def _node(**fields) -> nbformat.NotebookNode:  # type: ignore[no-untyped-def]
    return nbformat.from_dict(fields)


def _resolve(page: Path, src: str) -> Path:
    return (page.parent / src).resolve()


def _without_images(text: str) -> str:
    return re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", text)


def _image_output(path: Path, alt: str):  # type: ignore[no-untyped-def]
    """A figure as a display output; its text form is the page's description of it, which
    the site hook uses as the image's alt text."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    alt = alt.strip() or path.name
    if path.suffix == ".png":
        return _node(output_type="display_data", metadata={},
                     data={"image/png": data, "text/plain": alt})
    mime = "image/gif" if path.suffix == ".gif" else "image/svg+xml"
    html = f'<img src="data:{mime};base64,{data}" alt="{html_escape(alt)}">'
    return _node(output_type="display_data", metadata={},
                 data={"text/html": html, "text/plain": alt})


class _JupyterMarkdown:
    """Material-only syntax (admonitions, content tabs) as plain Markdown Jupyter renders: an
    admonition becomes a block quote under its title in bold.

    Stateful, because code cells cut prose into pieces: a piece that starts inside a folded
    answer (after the answer's code cell) goes on quoting it.
    """

    def __init__(self) -> None:
        self.quote_indent: int | None = None
        self.quote = False

    def convert(self, text: str) -> str:
        """One piece of prose as Markdown, without leading or trailing empty lines ('' if
        nothing is left)."""
        out: list[str] = []
        for line in text.splitlines():
            admonition, tab = _ADMONITION.match(line), _TAB.match(line)
            if admonition or tab:
                match = admonition or tab
                assert match is not None
                title = match.group("title") or (admonition.group("kind").title()
                                                 if admonition else "")
                self.quote_indent = len(match.group("indent")) + 4
                self.quote = bool(admonition)
                out.append(f"> **{title}**" if admonition else f"**{title}**")
                out.append(">" if admonition else "")
                continue
            if self.quote_indent is not None:
                if line.strip() == "":
                    out.append(">" if self.quote else "")
                    continue
                if line.startswith(" " * self.quote_indent):
                    body = line[self.quote_indent:]
                    out.append(f"> {body}" if self.quote else body)
                    continue
                self.quote_indent = None
                if out and out[-1] == ">":
                    out[-1] = ""  # the quote ends: what follows is not part of it
            out.append(line)
        while out and out[0].strip() in ("", ">"):
            out.pop(0)
        while out and out[-1].strip() in ("", ">"):
            out.pop()
        return "\n".join(out)


def planned_notebooks(layout: Layout, *, validate: bool = False) -> dict[Path, str]:
    return {item.notebook: notebook_for(layout, item.page, validate=validate)
            for item in page_notebooks(layout)}


def notebook_key(layout: Layout, page: Path, manifest: Manifest, environment: str,
                 digests: dict[str, str] | None = None) -> str:
    """Everything a page's notebook is made from, hashed without making it: the page, every
    file it includes or shows (a snippet by its cache key, which covers its imports and
    declared files; an output by the digest its entry records) and ``environment`` (the
    digest of the locked packages and the runner's modules, this generator included)."""
    text = page.read_text(encoding="utf-8")
    digests = _output_digests(manifest) if digests is None else digests
    parts: dict[str, str] = {"": sha256_bytes(text.encode("utf-8")), "environment": environment}
    for include in includes_in(text):
        entry = manifest.entries.get(include.path)
        parts[include.path] = entry.key if entry else _file_digest(layout.root / include.path)
    for src in images(text):
        target = _resolve(page, src)
        rel = layout.rel(target) if layout.root in target.parents else str(target)
        parts[rel] = digests.get(rel) or _file_digest(target)
    return sha256_bytes(json.dumps(parts, sort_keys=True).encode("utf-8"))


def _output_digests(manifest: Manifest) -> dict[str, str]:
    """Output (root-relative) -> the digest its entry records."""
    return {output: digest for entry in manifest.entries.values()
            for output, digest in entry.outputs.items()}


def _file_digest(path: Path) -> str:
    return sha256_bytes(path.read_bytes()) if path.is_file() else "missing"


def _differences(layout: Layout, manifest: Manifest, environment: str,
                 ) -> tuple[list[tuple[Path, str]], dict[Path, tuple[str, str]], set[Path]]:
    """``(notebook, "missing" | "stale" | "orphaned")`` for each one not as it should be, the
    new content and key of each notebook that had to be made again to know, and every
    notebook there should be. A notebook whose key and bytes are as recorded is not made
    again."""
    found: list[tuple[Path, str]] = []
    made: dict[Path, tuple[str, str]] = {}
    pages = page_notebooks(layout)
    digests = _output_digests(manifest)
    for item in pages:
        rel = layout.rel(item.notebook)
        key = notebook_key(layout, item.page, manifest, environment, digests)
        record = manifest.notebooks.get(rel)
        current = item.notebook.read_bytes() if item.notebook.is_file() else None
        if record and record.key == key and current is not None \
                and sha256_bytes(current) == record.sha256:
            continue
        content = notebook_for(layout, item.page)
        made[item.notebook] = (content, key)
        if current is None:
            found.append((item.notebook, "missing"))
        elif current != content.encode("utf-8"):
            found.append((item.notebook, "stale"))
    folder = layout.generated / NOTEBOOK_FOLDER
    planned = {item.notebook for item in pages}
    if folder.is_dir():
        found += [(path, "orphaned") for path in sorted(folder.rglob("*.ipynb"))
                  if path not in planned]
    return found, made, planned


def write_notebooks(layout: Layout, manifest: Manifest, environment: str) -> list[str]:
    """Bring every notebook up to date and record its key in ``manifest`` (the caller writes
    it); returns what changed (root-relative paths). Only the notebooks that change are
    validated (jsonschema is the slow part)."""
    differences, made, planned = _differences(layout, manifest, environment)
    changed = []
    for path, state in differences:
        if state == "orphaned":
            remove_output(layout, layout.rel(path))
            manifest.notebooks.pop(layout.rel(path), None)
        else:
            nbformat.validate(nbformat.reads(made[path][0], as_version=4))
            atomic_write_text(layout.confined(layout.rel(path)), made[path][0])
        changed.append(layout.rel(path))
    for path, (content, key) in made.items():
        manifest.notebooks[layout.rel(path)] = NotebookRecord(
            key, sha256_bytes(content.encode("utf-8")))
    live = {layout.rel(path) for path in planned}
    for rel in set(manifest.notebooks) - live:
        del manifest.notebooks[rel]
    return changed


_REASONS = {"missing": "missing notebook",
            "stale": "stale notebook (its page or outputs changed)",
            "orphaned": "orphaned notebook (no such page)"}


def stale_notebooks(layout: Layout, manifest: Manifest, environment: str) -> list[str]:
    """Notebooks that are missing, out of date, or orphaned (root-relative paths + reason)."""
    differences, _, _ = _differences(layout, manifest, environment)
    return [f"{layout.rel(path)}: {_REASONS[state]}" for path, state in differences]
