"""One translation per term: the glossary's terms are used consistently across twin pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TERMS = yaml.safe_load((DOCS / "glossary.yml").read_text(encoding="utf-8"))["terms"]
ZH_PAGES = sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")
                  and "generated" not in p.relative_to(DOCS).parts
                  and p.name != "glossary.md")  # its table is rendered from glossary.yml


def test_terms_are_unique():
    for field in ("zh", "en"):
        values = [term[field] for term in TERMS]
        assert len(values) == len(set(values)), f"a {field} term is listed twice"


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["en"])
def test_every_term_links_to_a_page_that_explains_it(term):
    """The glossary links each term to a page (both languages) that really uses the term."""
    assert term.get("page"), f"{term['zh']} / {term['en']}: add page: <chapter>/<page>.md"
    page = DOCS / term["page"].partition("#")[0]
    english = page.with_name(page.name[: -len(".md")] + ".en.md")
    assert page.is_file() and english.is_file(), f"{term['page']}: no such page (and twin)"
    assert term["zh"] in page.read_text(encoding="utf-8"), f"{page} never says {term['zh']}"
    word = term.get("match", term["en"]).lower()
    assert word in english.read_text(encoding="utf-8").lower(), f"{english} never says {word}"


@pytest.mark.parametrize("page", ZH_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_english_twin_uses_the_glossary_term(page):
    english = page.with_name(page.name[:-3] + ".en.md")
    if not english.exists():
        pytest.skip("no twin (test_pages reports it)")
    zh, en = page.read_text(encoding="utf-8"), english.read_text(encoding="utf-8").lower()
    missing = [f"{t['zh']} -> {t['en']}" for t in TERMS
               if t.get("check", True) and t["zh"] in zh and t.get("match", t["en"]).lower() not in en]
    assert not missing, f"the English twin lacks the glossary term for: {missing}"
