"""MkDocs hook: one search index per language, and no diagram source in search results.

mkdocs-static-i18n builds every language into one site and stacks all their pages into the
single ``search/search_index.json`` that Material's search reads (upstream i18n #271), so a
reader of the English site got Chinese pages and the other way round. After the last language
is built, this hook splits that index: the default language keeps ``search/search_index.json``,
every other language gets ``<locale>/search/search_index.json`` with locations relative to its
own root. ``overrides/main.html`` points the English pages' search at their own root.

Each index carries its own lunr configuration:

- ``lang``: ``zh`` for the Chinese index (Material segments a Chinese query against the index's
  own words, which jieba and the glossary made), ``en`` for the English one.
- ``pipeline``: empty. Material appends ``*`` to every query word, and lunr skips the stemmer
  for such wildcard words while the index holds stems: "broadcasting*" never met the stem
  "broadcast", so whole words found fewer pages than their prefixes. Without a stemmer a word
  finds every word that starts with it ("optimizer" finds "optimizers").

Mermaid blocks are marked ``data-search-exclude`` so their source (``flowchart LR …``) never
shows up in results, and so are blocks of printed output (tensors of numbers: noise in results,
and a quarter of the index the reader downloads; the prose around them stays searchable).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

LUNR_LANGUAGE = {"zh": ["zh"], "en": ["en"]}
PIPELINE: list[str] = []
_MERMAID = re.compile(r'<(pre|div) class="mermaid"')
# A block of printed output: ```text title="输出"``` / title="Output" (README, "For authors").
_OUTPUT = re.compile(r'<div class="(language-text highlight)"(?=><span class="filename">(?:输出|Output)<)')


def on_page_content(html: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    html = _MERMAID.sub(r'<\1 class="mermaid" data-search-exclude', html)
    return _OUTPUT.sub(r'<div class="\1" data-search-exclude', html)


def languages(config) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """The default locale and the others, from the i18n plugin's configuration."""
    i18n = config["plugins"]["i18n"].config
    default = next(lang.locale for lang in i18n.languages if lang.default)
    others = [lang.locale for lang in i18n.languages if not lang.default and lang.build]
    return default, others


def split_index(site_dir: Path, default: str, others: list[str]) -> dict[str, int]:
    """Split ``site_dir/search/search_index.json`` by language; return the pages per index."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    prefixes = {locale: f"{locale}/" for locale in others}
    docs: dict[str, list[dict]] = {locale: [] for locale in [default, *others]}
    for doc in index["docs"]:
        locale = next((loc for loc, p in prefixes.items() if doc["location"].startswith(p)),
                      default)
        if locale != default:
            doc = {**doc, "location": doc["location"][len(prefixes[locale]):]}
        docs[locale].append(doc)
    counts = {}
    for locale, entries in docs.items():
        config = {**index["config"], "lang": LUNR_LANGUAGE.get(locale, [locale]),
                  "pipeline": PIPELINE}
        target = path if locale == default else site_dir / locale / "search" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({**index, "config": config, "docs": entries}, ensure_ascii=False,
                          separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        counts[locale] = sum(1 for e in entries if "#" not in e["location"])
    return counts


@event_priority(-200)  # after i18n (-100), which writes the merged index once all are built
def on_post_build(config) -> None:  # type: ignore[no-untyped-def]
    i18n = config["plugins"]["i18n"]
    if getattr(i18n, "building", False):
        return  # an inner build of one more language: i18n merges the indexes after it
    default, others = languages(config)
    split_index(Path(config["site_dir"]), default, others)
