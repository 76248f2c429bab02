"""Every downloaded notebook runs top to bottom in a fresh kernel, in a folder outside the
repository, and prints what the page shows.

The Chinese and English notebook of a page share their code cells and outputs (checked
below), so running one of the two covers both: 25 kernels instead of 50, two at a time.
Each notebook runs as a reader runs it: its own temporary folder as working directory, no
``PYTHONPATH``, no ``MPLBACKEND`` (figures appear inline). Its outputs are then compared with
the stored ones, which came from the build, under the build's comparison policy
(``snippet_runner.compare``): printed text byte for byte where the outputs were made on this
CPU and platform, else within tolerance (after the same normalisation the build applies, and
with numbers masked on lines marked ``# measured``), expected errors by type and message,
figures by count, execution counts exactly. The kernels inherit the numeric profile from the
root ``conftest.py``. Each kernel is forked from a process that has already imported
ipykernel, torch and pyplot (``tests/forked_kernel.py``: what a cell can see of its process is
what a fresh kernel shows it, tested there), which saves 2-4 CPU-s per notebook.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
from snippet_runner.compare import Origin, compare_text, mask_measured
from snippet_runner.keys import Environment, cpu_capability
from snippet_runner.manifest import Manifest
from snippet_runner.normalise import normalise
from snippet_runner.paths import Layout

from ..forked_kernel import kernel_manager_class

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "docs" / "generated" / "notebooks"
WORKERS = int(os.environ.get("NOTEBOOK_WORKERS", "2"))
CELL_TIMEOUT = 300
# How a kernel prints a warning: "path:line: Category: message", more message lines, then the
# source line indented; the build prints "Category: message" and the message lines.
_WARNING_START = re.compile(r"^(?=\S[^\n]*?:\d+: \w*Warning: )", re.MULTILINE)
_WARNING_HEAD = re.compile(r"\S[^\n]*?:\d+: (?P<what>\w*Warning: .*)", re.DOTALL)
_TRACEBACK = "Traceback (most recent call last):\n  ...\n"


def all_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.rglob("*.ipynb")) if NOTEBOOKS.is_dir() else []


def chinese_notebooks() -> list[Path]:
    return [p for p in all_notebooks() if not p.name.endswith(".en.ipynb")]


def twin(path: Path) -> Path:
    return path.with_name(path.name.replace(".ipynb", ".en.ipynb"))


def _ids(path: Path) -> str:
    return path.relative_to(NOTEBOOKS).as_posix()


def test_every_chapter_has_notebooks():
    chapters = {p.parent.name for p in (ROOT / "docs").glob("*/*.md")} - {"generated", "assets"}
    assert chapters <= {p.name for p in NOTEBOOKS.iterdir()}, "chapters without notebooks"
    assert len(all_notebooks()) == 2 * len(chinese_notebooks()), "a notebook without its twin"


def _code_and_outputs(notebook: nbformat.NotebookNode) -> list[tuple[str, list[str]]]:
    """What running a notebook depends on and prints: code cells and their text outputs."""
    return [(cell.source, [_text_outputs(cell)]) for cell in notebook.cells
            if cell.cell_type == "code"]


@pytest.mark.parametrize("path", chinese_notebooks(), ids=_ids)
def test_twin_notebooks_run_the_same_code(path):
    """Why running the Chinese notebook is enough: the English one has the same code cells,
    the same printed outputs and as many figures (only prose and alt texts differ)."""
    zh, en = nbformat.read(path, as_version=4), nbformat.read(twin(path), as_version=4)
    assert _code_and_outputs(zh) == _code_and_outputs(en)
    assert [_figures(c) for c in zh.cells if c.cell_type == "code"] == \
        [_figures(c) for c in en.cells if c.cell_type == "code"]


def reader_environment() -> dict[str, str]:
    """This environment as a reader's kernel would have it: none of the test run's own
    ``PYTHONPATH`` (the runner's modules), ``MPLBACKEND`` (Agg) or ``PYTHONSTARTUP``."""
    return {k: v for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "MPLBACKEND", "PYTHONSTARTUP")}


def _execute(path: str) -> tuple[str, str | None, float, str]:
    """Run one notebook in a fresh kernel in a new temporary folder (a pool worker)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    started = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    folder = tempfile.mkdtemp(prefix="notebook-")
    env = reader_environment()
    # Cells tagged raises-exception are the pages' expected errors; any other error fails.
    forking = kernel_manager_class()  # a fork of a template that has imported torch
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": folder}},
                            **({"kernel_manager_class": forking} if forking else {}))
    error = None
    try:
        client.execute(env=env, cwd=folder)
    except CellExecutionError as failure:
        error = str(failure)
    except Exception as failure:  # noqa: BLE001 - a dead kernel, a timeout: report it
        error = f"{type(failure).__name__}: {failure}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return nbformat.writes(notebook), error, time.perf_counter() - started, folder


@pytest.fixture(scope="session")
def executed(request) -> dict[Path, tuple[nbformat.NotebookNode, str | None, float, str]]:
    """Every notebook the session's selected tests ask for, run two at a time."""
    wanted = sorted({item.callspec.params["path"] for item in request.session.items
                     if getattr(item, "originalname", "") == "test_notebook_runs_standalone"})
    temp = Path(tempfile.gettempdir()).resolve()
    assert temp != ROOT and ROOT not in temp.parents, \
        f"the temporary folder {temp} is inside the repository: notebooks would find its files"
    results = {}
    with ProcessPoolExecutor(WORKERS) as pool:
        for path, (text, error, seconds, folder) in zip(wanted, pool.map(_execute, map(str, wanted))):
            results[path] = (nbformat.reads(text, as_version=4), error, seconds, folder)
    return results


@pytest.fixture(scope="session")
def byte_for_byte() -> bool:
    """Whether every committed output was made here (this CPU, platform, Python, torch, on the
    CPU device): then notebooks must print them exactly, else within tolerance."""
    import torch

    layout = Layout(ROOT)
    manifest, environment = Manifest.read(layout.manifest), Environment.current(layout)
    here = Origin(environment.platform, environment.python, cpu_capability(), "cpu",
                  torch.__version__)
    made = {Origin(e.platform, e.python, entry.cpu, entry.device, entry.torch)
            for entry in manifest.entries.values()
            if (e := manifest.environment_of(entry)) is not None}
    return made == {here}


@pytest.mark.parametrize("path", chinese_notebooks(), ids=_ids)
def test_notebook_runs_standalone(path, executed, byte_for_byte):
    ran, error, _, folder = executed[path]
    check_run(path.relative_to(ROOT).as_posix(), nbformat.read(path, as_version=4), ran, error,
              folder, exact=byte_for_byte)


def check_run(name: str, stored: nbformat.NotebookNode, ran: nbformat.NotebookNode,
              error: str | None, folder: str, *, exact: bool) -> None:
    """A notebook run in a fresh kernel (``ran``) printed what its page shows (``stored``),
    byte for byte where ``exact``, else within the compare policy's tolerance.

    A failure names the notebook, the cell, the page line of its code block and the first
    line that differs. Also used on the runner's fixture pages (tests/runner)."""
    stored_cells = [c for c in stored.cells if c.cell_type == "code"]
    ran_cells = [c for c in ran.cells if c.cell_type == "code"]
    if error is not None:
        failed = next((f"{_where(name, want)}: " for want, got in zip(stored_cells, ran_cells)
                       if _unexpected_error(got)), "")
        raise AssertionError(f"{failed}{name} failed when run on its own:\n{error}")
    assert [c.execution_count for c in stored_cells] == list(range(1, len(stored_cells) + 1))
    for want, got in zip(stored_cells, ran_cells):
        where = _where(name, want)
        assert got.execution_count == want.execution_count, where
        printed, warnings = _kernel_outputs(got, folder)
        expected = _page_shows(want)
        for warning in warnings:  # stderr may arrive before or after stdout: compare apart
            if warning in expected:
                expected = expected.replace(warning, "", 1)
            else:  # Python shows a warning once per place: the build may have shown it earlier
                assert warning in _all_text(stored), \
                    f"{where}: a warning the page does not show: {warning}"
        earlier = _shown_before(stored, want)
        for line in _WARNING_LINE.findall(expected):
            if line not in printed and line in earlier:  # the kernel showed it once, earlier
                expected = expected.replace(line + "\n", "", 1)
        verdict = compare_text(expected, printed, exact=exact)
        assert verdict.ok, f"{where} printed something else than the page shows: {verdict.detail}"
        shown = _figures(want) + want.metadata.get("page", {}).get("figures_in_answer", 0)
        assert _figures(got) == shown, \
            f"{where}: {_figures(got)} figures, the page shows {shown}"


def _where(name: str, cell: nbformat.NotebookNode) -> str:
    """``notebook, cell [3] (docs/chapter/page.md:42)``: the page line of the cell's block."""
    page = cell.metadata.get("page", {})
    line = f" ({page['file']}:{page['line']})" if "line" in page else \
        " (the set-up cell)" if "setup" in cell.metadata.get("tags", []) else ""
    return f"{name}, cell [{cell.execution_count}]{line}"


def _unexpected_error(cell: nbformat.NotebookNode) -> bool:
    return "raises-exception" not in cell.metadata.get("tags", []) and \
        any(output.output_type == "error" for output in cell.outputs)


def _page_shows(cell: nbformat.NotebookNode) -> str:
    """What the page shows a cell prints: its output blocks, or, for an exercise, the output
    in the folded answer below it. An error as a kernel names it: the page shows
    ``torch.autograd.gradcheck.GradcheckError: ...``, a kernel ``GradcheckError: ...`` (and a
    SyntaxError's location lines are in its traceback, not its message)."""
    answer = cell.metadata.get("page", {}).get("output_in_answer", "")
    answer = _SYNTAX_ERROR_PLACE.sub(r"\g<marker>", answer)
    return mask_measured(_text_outputs(cell) + _QUALIFIED_ERROR.sub(r"\g<marker>", answer))


_MARKER = r"(?P<marker>^Traceback \(most recent call last\):\n  \.\.\.\n)"
_QUALIFIED_ERROR = re.compile(_MARKER + r"(?:\w+\.)+(?=\w+(?::|$))", re.MULTILINE)
_SYNTAX_ERROR_PLACE = re.compile(_MARKER + r"(?: .*\n)+(?=\w)", re.MULTILINE)
_WARNING_LINE = re.compile(r"^\w*Warning: .*$", re.MULTILINE)


def _shown_before(notebook: nbformat.NotebookNode, cell: nbformat.NotebookNode) -> str:
    """What the page shows above ``cell``: prose, outputs, outputs in answers."""
    before = notebook.cells[:notebook.cells.index(cell)]
    return "\n".join(c.source if c.cell_type == "markdown" else
                     _text_outputs(c) + c.metadata.get("page", {}).get("output_in_answer", "")
                     for c in before)


def _all_text(notebook: nbformat.NotebookNode) -> str:
    """Everything the page shows: prose (folded answers included) and stored outputs."""
    return mask_measured("\n".join(
        cell.source if cell.cell_type == "markdown" else _text_outputs(cell)
        for cell in notebook.cells))


def _text_outputs(cell: nbformat.NotebookNode) -> str:
    """A stored cell's printed output (one stream, as the build wrote it)."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "error":
            parts.append(_error_text(output))
    return "".join(parts)


def _error_text(output: nbformat.NotebookNode) -> str:
    """An error output as Python prints its last line (no ``: `` without a message; a
    SyntaxError's message without the ``(file, line N)`` that ``str()`` adds)."""
    message = output.evalue
    if output.ename in ("SyntaxError", "IndentationError", "TabError"):
        message = re.sub(r" \([^()]*, line \d+\)$", "", message)
    line = f"{output.ename}: {message}" if message else output.ename
    return f"{_TRACEBACK}{line}\n"


def _kernel_outputs(cell: nbformat.NotebookNode, folder: str) -> tuple[str, list[str]]:
    """What a kernel printed, as the build would have written it: stdout and errors, and
    apart the warnings from stderr as ``Category: message`` (without path and source line)."""
    printed, stderr = [], []
    for output in cell.outputs:
        if output.output_type == "stream":
            (printed if output.name == "stdout" else stderr).append(output.text)
        elif output.output_type == "error":
            printed.append(_error_text(output))
    warnings = []
    for chunk in _WARNING_START.split("".join(stderr)):
        if not chunk:
            continue
        match = _WARNING_HEAD.match(chunk)
        if not match:
            printed.append(chunk)  # stderr that is not a warning: compare it with the rest
            continue
        lines = match.group("what").splitlines(keepends=True)
        if len(lines) > 1 and lines[-1].startswith("  "):
            lines.pop()  # the source line a kernel adds
        warnings.append(mask_measured(_normalised("".join(lines), folder)))
    return _normalised("".join(printed), folder), warnings


def _normalised(text: str, folder: str) -> str:
    """Paths and addresses as the build writes them."""
    if not text:
        return text
    if not text.endswith("\n"):
        text += "\n"
    return normalise(text.encode(), root=Path(folder), scratch=Path(folder))



def _figures(cell: nbformat.NotebookNode) -> int:
    return sum("image/png" in output.get("data", {}) for output in cell.outputs)


# -- the site's rendering of notebooks (scripts/hooks/notebooks.py) ---------------------------

def _hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("notebooks_hook", ROOT / "scripts/hooks/notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _figure_descriptions(notebook: nbformat.NotebookNode) -> list[str]:
    return [output.data["text/plain"] for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs if "image/png" in output.get("data", {})]


@pytest.mark.parametrize("path", all_notebooks(), ids=_ids)
def test_figures_carry_the_description_the_page_gives_them(path):
    """The site uses it as alt text, instead of nbconvert's "No description has been
    provided for this image"; a file name means the page's figure has no description."""
    for description in _figure_descriptions(nbformat.read(path, as_version=4)):
        assert description.strip() and not re.fullmatch(r"[\w.-]+\.(png|gif|svg)", description), \
            f"{path.relative_to(ROOT)}: a figure without a description on its page"


def _rendered(name: str) -> str:
    from mkdocs_jupyter import convert

    hook = _hook()
    path = NOTEBOOKS / name
    original = getattr(convert, "_unpatched", (convert.nb2html,))[0]
    return hook._fix_html(original(str(path)), str(path))


def test_rendered_notebook_has_alt_texts_and_no_cdn_or_inline_stylesheet():
    name = next(p.relative_to(NOTEBOOKS).as_posix() for p in chinese_notebooks()
                if _figure_descriptions(nbformat.read(p, as_version=4)))
    rendered = _rendered(name)
    html = rendered["html"]
    assert "No description has been provided" not in html
    for description in _figure_descriptions(nbformat.read(NOTEBOOKS / name, as_version=4)):
        assert f'alt="{__import__("html").escape(description, quote=True)}"' in html
    assert "cdnjs" not in html and "cdn.jsdelivr" not in html and "<style" not in html
    assert len(html) < 0.5 * (len(html) + len(rendered["css"]))  # the stylesheet moved out
    assert re.search(r"In(&nbsp;|\xa0| )\[1\]:", html)  # real execution counts, not In [ ]


def test_rendered_mermaid_uses_materials_markup():
    name = next((p.relative_to(NOTEBOOKS).as_posix() for p in chinese_notebooks()
                 if "```mermaid" in p.read_text(encoding="utf-8")), None)
    if name is None:
        pytest.skip("no notebook has a Mermaid diagram")
    html = _rendered(name)["html"]
    assert '<pre class="mermaid"><code>' in html and "jp-Mermaid" not in html


def test_cache_key_follows_the_notebook_content(tmp_path):
    hook = _hook()
    hook._cache_dir = tmp_path / "cache"
    notebook = tmp_path / "a.ipynb"
    notebook.write_text("one")
    renders = []

    def render(text):
        renders.append(text)
        return {"html": text, "css": None}

    assert hook._cached("html", str(notebook), {"x": 1}, lambda: render("one"))["html"] == "one"
    assert hook._cached("html", str(notebook), {"x": 1}, lambda: render("again")) == \
        {"html": "one", "css": None}  # a hit: nothing rendered
    notebook.write_text("two")
    assert hook._cached("html", str(notebook), {"x": 1}, lambda: render("two"))["html"] == "two"
    assert hook._cached("html", str(notebook), {"x": 2}, lambda: render("opt"))["html"] == "opt"
    assert renders == ["one", "two", "opt"]
