"""MkDocs hook: the glossary (docs/glossary.yml) as a table, and as jieba's user dictionary.

Material's search segments Chinese text with jieba; without the site's own terms it may cut
自动微分 or 数据加载器 into pieces that a search for the whole term does not match.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import yaml

MARKER = "<!-- glossary-table -->"
HEADERS = {"zh": ("中文", "English", "讲解页面"), "en": ("English", "中文", "Explained in")}


def load_terms(config) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    path = Path(config["docs_dir"]) / "glossary.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]


def on_config(config):  # type: ignore[no-untyped-def]
    try:
        import jieba
    except ImportError:
        return config
    for term in load_terms(config):
        jieba.add_word(term["zh"])
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    if MARKER not in markdown:
        return markdown
    language = "en" if page.file.src_uri.endswith(".en.md") else "zh"
    first, second, where = HEADERS[language]
    rows = [f"| {first} | {second} | {where} |", "| --- | --- | --- |"]
    base = posixpath.dirname(page.file.src_uri)
    for term in sorted(load_terms(config), key=lambda t: t["en"].lower()) if language == "en" \
            else load_terms(config):
        pair = (term["en"], term["zh"]) if language == "en" else (term["zh"], term["en"])
        link = ""
        if term.get("page"):
            target = term["page"]
            link = f"[{target.rsplit('/', 1)[0]}]({posixpath.relpath(target, base or '.')})"
        rows.append(f"| {pair[0]} | {pair[1]} | {link} |")
    return markdown.replace(MARKER, "\n".join(rows))
