"""MkDocs hook: "edit this page" on a notebook page opens the page the notebook is made from.

Notebooks under docs/generated/notebooks/ are build output (made from the content pages and
their outputs): editing them is pointless, so their edit link goes to the source page,
``docs/<chapter>/<page>.md`` (``.en.md`` for an English notebook). Other pages keep MkDocs'
own link, which mkdocs-static-i18n already points at the ``.en.md`` twin.
"""

from __future__ import annotations

import posixpath

NOTEBOOKS = "generated/notebooks/"


def on_page_context(context, page, config, nav):  # type: ignore[no-untyped-def]
    src = page.file.src_uri
    if page.edit_url and src.startswith(NOTEBOOKS) and src.endswith(".ipynb"):
        source = src[len(NOTEBOOKS):-len(".ipynb")] + ".md"
        page.edit_url = posixpath.join(config["repo_url"].rstrip("/"),
                                       config["edit_uri"].strip("/"), source)
    return context
