"""Pages and generated outputs agree: twins match, every snippet is shown, no typed output."""

from __future__ import annotations

import doctest
import posixpath
from pathlib import Path

import pytest
from snippet_runner.child import DARK_SUFFIX
from snippet_runner.manifest import Manifest
from snippet_runner.pages import PYTHON_LANGS, Include, fences, images, include_errors
from snippet_runner.paths import Layout
from snippet_runner.pipeline import check
from snippet_runner.sources import MAIN_SECTION, discover

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = Layout(ROOT)
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "generated" not in p.relative_to(DOCS).parts)
ZH_PAGES = [p for p in PAGES if not p.name.endswith(".en.md")]
OUTPUT_LANGS = ("", "text", "output", "console", "plaintext")


def rel(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def twin(page: Path) -> Path:
    return page.with_name(page.name[: -len(".md")] + ".en.md")


def includes(page: Path) -> list[Include]:
    return [inc for fence in fences(page.read_text(encoding="utf-8")) for inc in fence.includes]


def figures(page: Path) -> list[str]:
    """Images the page shows, as root-relative paths."""
    base = page.parent.relative_to(ROOT).as_posix()
    return [posixpath.normpath(posixpath.join(base, src))
            for src in images(page.read_text(encoding="utf-8")) if "://" not in src]


def shown_sections(page: Path) -> list[tuple[str, str]]:
    return [(inc.path, inc.section or MAIN_SECTION) for inc in includes(page)
            if inc.lang in PYTHON_LANGS]


def test_there_are_pages():
    assert ZH_PAGES, "no pages under docs/"


@pytest.mark.parametrize("page", ZH_PAGES, ids=rel)
def test_twins_show_the_same_code_outputs_and_figures_in_order(page):
    english = twin(page)
    assert english.exists(), f"{rel(page)} has no English twin {rel(english)}"
    assert [i.target for i in includes(page)] == [i.target for i in includes(english)]
    assert figures(page) == figures(english)


@pytest.mark.parametrize("page", ZH_PAGES, ids=rel)
def test_english_twin_runs_exactly_the_chinese_code(page):
    """Why the page tests run only Chinese pages (see conftest.py): the English twin has the
    same Python fences (flags and includes, in order) and the same ``>>>`` examples."""
    def code(path: Path) -> tuple[list, list]:
        text = path.read_text(encoding="utf-8")
        python = [(f.lang, f.options, [i.target for i in f.includes], f.content if not
                   f.includes else "") for f in fences(text) if f.lang in PYTHON_LANGS]
        examples = [(e.source, e.want) for e in doctest.DocTestParser().get_examples(text)]
        return python, examples

    (zh_fences, zh_examples), (en_fences, en_examples) = code(page), code(twin(page))
    assert zh_fences == en_fences, f"{rel(twin(page))} runs other code than {rel(page)}"
    assert zh_examples == en_examples, f"{rel(twin(page))} has other >>> examples than {rel(page)}"


def test_every_english_page_has_a_chinese_twin():
    for page in PAGES:
        if page.name.endswith(".en.md"):
            assert page.with_name(page.name[: -len(".en.md")] + ".md").exists(), rel(page)


def test_every_snippet_section_is_shown_on_a_page():
    snippets, errors = discover(LAYOUT)
    assert not errors
    shown = {pair for page in ZH_PAGES for pair in shown_sections(page)}
    missing = [f"{s.rel}:{section.name}" for s in snippets for section in s.sections
               if (s.rel, section.name) not in shown]
    assert not missing, f"sections no page shows: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_code_and_output_blocks_are_included_never_typed(page):
    for fence in fences(page.read_text(encoding="utf-8")):
        where = f"{rel(page)}:{fence.line}"
        if fence.lang in PYTHON_LANGS and "notest" in fence.options:
            assert fence.info.startswith("{"), f"{where}: write notest fences as {{.python notest}}"
        elif fence.lang in PYTHON_LANGS:
            assert fence.only_includes, f"{where}: code must be included from snippets/"
            assert all(i.path.startswith("snippets/") for i in fence.includes), where
        elif fence.lang in OUTPUT_LANGS:
            assert fence.only_includes, f"{where}: output must be included from docs/generated/"
            assert all(i.path.startswith("docs/generated/") for i in fence.includes), where


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_each_output_and_figure_of_a_shown_section_is_on_the_page(page):
    """The page shows every output its sections produce, and none of other sections."""
    manifest = Manifest.read(LAYOUT.manifest)
    snippets = {snippet.rel for snippet in discover(LAYOUT)[0]}
    expected: list[str] = []
    for snippet_rel, section in shown_sections(page):
        if snippet_rel not in snippets:  # a file a snippet reads (`# depends:`), shown as code
            continue
        entry = manifest.entries.get(snippet_rel)
        assert entry is not None, f"{rel(page)}: {snippet_rel} was never built"
        expected += [output for output in LAYOUT.section_outputs(
            snippet_rel, section, list(entry.outputs))
            if not output.endswith(DARK_SUFFIX)]  # shown in the dark theme by a site hook
    outputs = [i.path for i in includes(page) if i.lang in OUTPUT_LANGS]
    shown = outputs + figures(page)
    lines = {i.path: i.line for i in includes(page)}
    wrong = [f"{rel(page)}:{lines[o]}: shows {o}, which none of the page's code sections "
             "produces" if o in lines else f"{rel(page)}: shows figure {o}, which none of the "
             "page's code sections produces" for o in shown if o not in expected]
    missing = [f"{rel(page)}: does not show {o}, an output of a section it shows"
               for o in expected if o not in shown]
    assert not wrong and not missing, "\n".join(wrong + missing)
    assert sorted(shown) == sorted(expected), rel(page)  # and each once


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_every_include_exists(page):
    errors = include_errors(ROOT, page)
    assert not errors, "\n".join(errors)


def test_outputs_are_fresh():
    assert [str(p) for p in check(LAYOUT)] == []


def test_each_snippet_is_shown_whole_on_one_page_in_file_order():
    """Sections share one process when built, so a page must show a file's sections together:
    all of them, in the order they run, on a single page (per language)."""
    snippets, _ = discover(LAYOUT)
    for pages in (ZH_PAGES, [twin(p) for p in ZH_PAGES]):
        where: dict[str, list[str]] = {}
        for page in pages:
            for snippet_rel, section in shown_sections(page):
                where.setdefault(snippet_rel, [])
                where[snippet_rel].append(f"{rel(page)}:{section}")
        for snippet in snippets:
            shown = where.get(snippet.rel, [])
            expected_sections = [s.name for s in snippet.sections]
            assert len({entry.rsplit(":", 1)[0] for entry in shown}) <= 1, (
                f"{snippet.rel} is split over pages: {shown}")
            assert [entry.rsplit(":", 1)[1] for entry in shown] == expected_sections, (
                f"{snippet.rel}: pages show sections {shown}, the file runs {expected_sections}")
