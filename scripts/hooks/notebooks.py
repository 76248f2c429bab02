"""MkDocs hook: render the generated notebooks as pages in both languages.

mkdocs-jupyter and mkdocs-static-i18n clash (upstream mkdocs-static-i18n #198): i18n only
localises files that MkDocs calls documentation pages, so the ``.en.ipynb`` notebooks were
published as raw JSON. Counting notebook sources as documentation pages fixes it: i18n then
sorts them by language like any page and the language switcher keeps working.
"""

from __future__ import annotations

from mkdocs.structure.files import File

_is_documentation_page = File.is_documentation_page


def _is_page_or_notebook(self: File) -> bool:
    return self.src_uri.endswith(".ipynb") or _is_documentation_page(self)


File.is_documentation_page = _is_page_or_notebook  # type: ignore[method-assign]


def on_page_content(html: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    """Keep notebooks out of search: they repeat their page word for word."""
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {"exclude": True}
    return html
