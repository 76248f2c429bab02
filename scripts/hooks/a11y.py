"""MkDocs hook: small accessibility fixes to the HTML of every page.

- An empty header cell (the corner of a table whose first column holds row names,
  ``| | dim 0 | dim 1 |``) becomes a plain cell: a ``<th>`` announces a column name that does
  not exist (axe empty-table-header).
"""

from __future__ import annotations

import re

_EMPTY_HEADER = re.compile(r"<th(\s[^>]*)?>\s*</th>")


def on_page_content(html: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    return _EMPTY_HEADER.sub(lambda m: f"<td{m.group(1) or ''}></td>", html)
