"""MkDocs hook: a 404 page per language (Chinese /404.html, English /en/404.html).

mkdocs-static-i18n builds every language into the same site folder, and each build writes its
own ``404.html`` there: the last language built (English) used to win. Here the default
language's page is kept at the root and the other languages' pages move to ``<locale>/``.
On every 404 page the language switcher leads to each language's home page (the English one
used to offer the last page the Chinese build had rendered).
"""

from __future__ import annotations

import copy
from pathlib import Path
from urllib.parse import urlsplit

_default_page: dict[str, str] = {}


def on_pre_template(template, template_name: str, config):  # type: ignore[no-untyped-def]
    if template_name == "404.html" and config.extra.get("alternate"):
        i18n = config["plugins"]["i18n"]
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        homes = copy.deepcopy(config.extra["alternate"])  # the pages' contexts replace it again
        for alternate in homes:
            locale = alternate.get("lang")
            alternate["link"] = f"{base}/" if locale == i18n.default_language else f"{base}/{locale}/"
        # i18n sets it as an attribute for each page, which templates read before the item
        config.extra["alternate"] = config.extra.alternate = homes
    return template


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
