"""MkDocs hook: the glossary (docs/glossary.yml) as a table, and as jieba's user dictionary.

Material's search segments Chinese text with jieba; without the site's own terms it may cut
自动微分 or 数据加载器 into pieces that a search for the whole term does not match.
"""

from __future__ import annotations

import copy
import posixpath
import re
import sys
import types
from pathlib import Path

import yaml

MARKER = "<!-- glossary-table -->"
HEADERS = {"zh": ("中文", "English", "讲解页面"), "en": ("English", "中文", "Explained in")}


# Parsed glossaries by their text: the hook is called four times a build, and ``mkdocs serve``
# re-imports it for every rebuild, so the cache lives in a module of its own.
_parsed: dict[str, list[dict[str, str]]] = sys.modules.setdefault(
    "_glossary_hook_state", types.ModuleType("_glossary")).__dict__.setdefault("parsed", {})


def load_terms(config) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = (Path(config["docs_dir"]) / "glossary.yml").read_text(encoding="utf-8")
    if text not in _parsed:
        _parsed.clear()
        _parsed[text] = yaml.safe_load(text)["terms"]
    return copy.deepcopy(_parsed[text])


def on_config(config):  # type: ignore[no-untyped-def]
    try:
        import jieba
    except ImportError:
        return config
    for term in load_terms(config):
        jieba.add_word(term["zh"])
    return config


def page_title(docs_dir: Path, page: str, language: str) -> str:
    """The first ``# `` heading of a page (its English twin for ``en``), as plain text."""
    path = docs_dir / page
    if language == "en":
        path = path.with_name(path.name[: -len(".md")] + ".en.md")
    if not path.is_file():
        raise FileNotFoundError(f"docs/glossary.yml: the page {page!r} has no file {path}")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return re.sub(r"`|\*\*|\{[^}]*\}\s*$", "", line[2:]).strip()
    raise ValueError(f"{path}: no '# ' title to show in the glossary")


def on_page_markdown(markdown: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    if MARKER not in markdown:
        return markdown
    language = "en" if page.file.src_uri.endswith(".en.md") else "zh"
    first, second, where = HEADERS[language]
    rows = [f"| {first} | {second} | {where} |", "| --- | --- | --- |"]
    base = posixpath.dirname(page.file.src_uri)
    docs_dir = Path(config["docs_dir"])
    terms = load_terms(config)
    if language == "en":
        terms = sorted(terms, key=lambda t: t["en"].lower())
    for term in terms:
        pair = (term["en"], term["zh"]) if language == "en" else (term["zh"], term["en"])
        if not term.get("page"):
            raise ValueError(f"docs/glossary.yml: the term {term['zh']} / {term['en']} has no "
                             "page: name the page that explains it")
        target, _, anchor = term["page"].partition("#")
        title = page_title(docs_dir, target, language).replace("|", "\\|")
        link = posixpath.relpath(target, base or ".") + (f"#{anchor}" if anchor else "")
        rows.append(f"| {pair[0]} | {pair[1]} | [{title}]({link}) |")
    return markdown.replace(MARKER, "\n".join(rows))
