"""MkDocs hook: generated figures follow the reader's colour scheme.

The snippet runner saves every figure twice: ``<section>-<n>.png`` and, re-coloured for a dark
page, ``<section>-<n>.dark.png`` beside it. Pages keep one image reference to the light file;
for every such reference whose dark sibling exists, this hook writes both images with
Material's ``#only-light`` / ``#only-dark`` suffixes (same alt text, title and attributes), so
the theme shows the one that matches. glightbox (``auto_themed``) keeps them in separate
galleries. Without a dark sibling (a GIF a snippet wrote, or before the runner made variants)
the reference is left alone; site.css dims such images in the dark theme.

A page without any image, and a notebook page (the page it repeats has the same figures,
zoomable), is marked ``glightbox: false``: the zoom plugin then neither parses its HTML twice
(a quarter of a ``make serve`` rebuild) nor adds its script and stylesheet.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

DARK_SUFFIX = ".dark.png"
# ![alt](path "title"){: attrs}: the image syntax pages use (attr_list is optional).
_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s#]+\.png)(?P<title>\s+\"[^\"]*\")?\)"
    r"(?P<attrs>\{[^}\n]*\})?")


def dark_variant(src: str) -> str:
    return src[: -len(".png")] + DARK_SUFFIX


def themed_images(markdown: str, page_src_uri: str, docs_dir: Path) -> str:
    """Each reference to a figure with a dark sibling, as a light and a dark image."""
    folder = posixpath.dirname(page_src_uri)

    def replace(match: re.Match[str]) -> str:
        src = match["src"]
        if src.endswith(DARK_SUFFIX) or "://" in src or src.startswith("/"):
            return match[0]
        dark = dark_variant(src)
        if not (docs_dir / posixpath.normpath(posixpath.join(folder, dark))).is_file():
            return match[0]
        title, attrs = match["title"] or "", match["attrs"] or ""
        return (f"![{match['alt']}]({src}#only-light{title}){attrs}"
                f"![{match['alt']}]({dark}#only-dark{title}){attrs}")

    return _IMAGE.sub(replace, markdown)


_ANY_IMAGE = re.compile(r"!\[|<img\b")


def on_page_markdown(markdown: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    if page.file.src_uri.endswith(".ipynb"):  # the page it repeats has the zoomable figures
        page.meta.setdefault("glightbox", False)
    if not page.file.src_uri.endswith(".md"):
        return markdown
    if not _ANY_IMAGE.search(markdown):
        page.meta.setdefault("glightbox", False)
    return themed_images(markdown, page.file.src_uri, Path(config["docs_dir"]))
