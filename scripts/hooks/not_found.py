"""MkDocs hook: a 404 page per language (Chinese /404.html, English /en/404.html).

mkdocs-static-i18n builds every language into the same site folder, and each build writes its
own ``404.html`` there: the last language built (English) used to win. Here the default
language's page is kept at the root and the other languages' pages move to ``<locale>/``.
"""

from __future__ import annotations

from pathlib import Path

_default_page: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config):  # type: ignore[no-untyped-def]
    if template_name != "404.html":
        return output
    i18n = config["plugins"]["i18n"]
    if i18n.current_language == i18n.default_language:
        _default_page["404"] = output
        return output
    target = Path(config["site_dir"]) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _default_page.get("404", output)  # the root keeps the default language's page
