"""MkDocs hook: render the generated notebooks as pages in both languages, fast and accessible.

* mkdocs-jupyter and mkdocs-static-i18n clash (upstream mkdocs-static-i18n #198): i18n only
  localises files that MkDocs calls documentation pages, so the ``.en.ipynb`` notebooks were
  published as raw JSON. Counting notebook sources as documentation pages fixes it: i18n then
  sorts them by language like any page and the language switcher keeps working.
* Rendering 50 notebooks through nbconvert costs ~10 s per build. The HTML is cached by
  content hash in ``.cache/notebook-html/`` (outside docs/): the key covers the notebook's
  bytes, mkdocs-jupyter's options, the versions of the rendering libraries and this file, so
  a hit is byte-identical to a fresh render and ``mkdocs build`` stays complete and strict.
  (mkdocs-jupyter's own cache evicts the other language's entries after each language build.)
* The rendered HTML is fixed where nbconvert falls short: figure alt text comes from the
  page's description (stored as the figure's ``text/plain``), Mermaid blocks get the markup
  Material renders (``<pre class="mermaid"><code>``), the notebook's own inline copy of the
  JupyterLab stylesheet moves to one shared file, and MathJax and Mermaid from CDNs are
  dropped (the site serves KaTeX and Mermaid itself). ``docs/assets/javascripts/notebooks.js``
  makes scrollable regions keyboard-focusable; ``notebooks.css`` gives code the site's colours.
* A notebook page links back to the page it was made from (whose nav entry is highlighted, with
  the same previous/next), offers the ``.ipynb`` download and an "Open in Colab" link, and
  stays out of search: it repeats its page word for word.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import posixpath
import re
import sys
import time
import types
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePath
from typing import Any

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.notebooks")
# mkdocs-jupyter says "Copied jupyter file" for each of the 50 notebooks at every (re)build:
# noise in an author's terminal, and time spent by ``mkdocs serve``. Its warnings still show.
logging.getLogger("mkdocs.plugins.mkdocs_jupyter").setLevel(logging.WARNING)

_is_documentation_page = File.is_documentation_page


def _is_page_or_notebook(self: File) -> bool:
    return self.src_uri.endswith(".ipynb") or _is_documentation_page(self)


File.is_documentation_page = _is_page_or_notebook  # type: ignore[method-assign]

NOTEBOOKS = "generated/notebooks/"
DEFAULT_REPO = "https://github.com/pytorch-study-notes/pytorch-study-notes"
JUPYTER_CSS = "assets/stylesheets/jupyter-lab.css"
"""Where the JupyterLab stylesheet every notebook page shares is published (site-relative)."""
CACHE_DAYS = 14
_RENDER_LIBRARIES = ("mkdocs-jupyter", "nbconvert", "mistune", "pygments", "jupyterlab_pygments",
                     "beautifulsoup4", "nbformat")
TEXT = {
    "zh": {"title": "Jupyter 笔记本", "made": "本笔记本由页面 {link} 生成：同样的代码和输出，可下载后在本地运行。",
           "download": "下载 .ipynb", "colab": "在 Colab 中打开"},
    "en": {"title": "Jupyter notebook", "made": "This notebook is the page {link}: the same code "
           "and outputs, ready to download and run.",
           "download": "Download .ipynb", "colab": "Open in Colab"},
}
_NO_ALT = 'alt="No description has been provided for this image"'
_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
_PLAIN_SCRIPT = re.compile(r"<script>.*?</script>\s*", re.DOTALL)
_TRAILING_STYLE = re.compile(r"\s*<style>\s*\[.*?</style>\s*$", re.DOTALL)
_MERMAID = re.compile(r'<div class="jp-Mermaid"><pre class="mermaid">\n?(?P<code>.*?)\n?</pre></div>',
                      re.DOTALL)

_cache_dir: Path | None = None
_shared_css: str | None = None
_sources: dict[str, Any] = {}  # notebook src_uri -> the page it was made from
_activated: list[Any] = []


# -- rendering, cached -----------------------------------------------------------------------

def _versions() -> str:
    found = []
    for name in _RENDER_LIBRARIES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=?")
    return ";".join(found)


_KEY_BASE = hashlib.sha256((_versions() + "\0").encode() + Path(__file__).read_bytes()).hexdigest()


def _cached(kind: str, nb_path: str, options: dict, render):  # type: ignore[no-untyped-def]
    digest = hashlib.sha256(f"{_KEY_BASE}\0{kind}\0{sorted(options.items())!r}\0".encode())
    digest.update(Path(nb_path).read_bytes())
    path = (_cache_dir / f"{digest.hexdigest()}.json") if _cache_dir else None
    if path is not None and path.is_file():
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
            os.utime(path)  # recently used: kept by the eviction below
            return value
        except (OSError, ValueError):
            pass  # unreadable (a crash mid-write elsewhere): render again
    value = render()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value), encoding="utf-8")
        os.replace(tmp, path)  # atomic: two builds at once never see half a file
    return value


def _install_patches(serving: bool) -> None:
    """Wrap mkdocs-jupyter's rendering in the cache (and Material's search indexing while
    serving). ``mkdocs serve`` re-imports this hook on every rebuild, so the originals are
    kept on the patched modules and wrapped afresh each time, never a wrapper twice."""
    from material.plugins.search.plugin import SearchIndex
    from mkdocs_jupyter import convert
    from mkdocs_jupyter import plugin as jupyter_plugin

    if not hasattr(convert, "_unpatched"):
        convert._unpatched = (convert.nb2html, jupyter_plugin._get_nb_toc_tokens,
                              jupyter_plugin.Plugin.should_include)
        SearchIndex._unpatched = SearchIndex.add_entry_from_context
        SearchIndex._entries_by_content = {}
    render_html, toc_tokens, should_include = convert._unpatched

    def include_patterns_first(self, file):  # type: ignore[no-untyped-def]
        # mkdocs-jupyter parses every .md page with jupytext (~4 s a build here) before it
        # looks at its include patterns; with include: ["*.ipynb"] that never matters.
        if file.abs_src_path is None or not any(
                PurePath(file.abs_src_path).match(p) for p in self.config["include"]):
            return False
        return should_include(self, file)

    def nb2html(nb_path, **options):  # type: ignore[no-untyped-def]
        global _shared_css
        rendered = _cached("html", nb_path, options,
                           lambda: _fix_html(render_html(nb_path, **options), nb_path))
        if rendered["css"] is not None:
            if _shared_css is not None and _shared_css != rendered["css"]:
                log.warning("%s: its notebook stylesheet differs from the others'", nb_path)
            _shared_css = rendered["css"]
        return rendered["html"]

    def get_toc_tokens(nb_path, toc_depth):  # type: ignore[no-untyped-def]
        return tuple(_cached("toc", nb_path, {"toc_depth": toc_depth},
                             lambda: list(toc_tokens(nb_path, toc_depth))))

    jupyter_plugin.Plugin.should_include = include_patterns_first
    convert.nb2html = nb2html
    jupyter_plugin._get_nb_toc_tokens = get_toc_tokens
    if serving:
        SearchIndex.add_entry_from_context = _search_entries_reused
    else:
        SearchIndex.add_entry_from_context = SearchIndex._unpatched


def _search_entries_reused(self, page):  # type: ignore[no-untyped-def]
    """While serving: a page whose HTML, title, URL and search settings are unchanged since
    the last rebuild gets the same search entries without parsing it again (the search
    plugin's parsing and jieba segmentation are ~40 % of a rebuild)."""
    cache = type(self)._entries_by_content
    key = hashlib.sha256(json.dumps([page.url, page.title, page.content, page.meta.get("search"),
                                     page.meta.get("tags"), str(page.toc)],
                                    default=str).encode()).hexdigest()
    if key in cache:
        self.entries.extend(json.loads(cache[key]))
        return
    start = len(self.entries)
    type(self)._unpatched(self, page)
    cache[key] = json.dumps(self.entries[start:])


def _fix_html(content: str, nb_path: str) -> dict[str, str | None]:
    """What nbconvert's HTML lacks on this site (see the module docstring)."""
    head, wrapper, body = content.partition('<div class="jupyter-wrapper">')
    if not wrapper:
        raise ValueError(f"{nb_path}: mkdocs-jupyter's HTML has no jupyter-wrapper: update "
                         f"scripts/hooks/notebooks.py for its new layout")
    # The head: the copy-button script (kept), 590 kB of stylesheets (shared by every
    # notebook: moved to one file), MathJax and Mermaid loaded from CDNs (dropped: the site
    # serves KaTeX and Mermaid itself, nothing is fetched at read time) and a rule that hides
    # Mermaid blocks until that CDN copy renders them (the 0 px tall diagrams; dropped).
    styles = [css.strip() for css in _STYLE_BLOCK.findall(head) if "jp-Mermaid" not in css]
    scripts = _PLAIN_SCRIPT.findall(head)
    body = _TRAILING_STYLE.sub("", body)  # a Python list repr of the highlight CSS, again
    content = "".join(scripts) + wrapper + body
    css = "\n".join(styles) if styles else None
    with open(nb_path, encoding="utf-8") as handle:
        notebook = json.load(handle)
    alts = [output.get("data", {}).get("text/plain", "")
            for cell in notebook["cells"] if cell["cell_type"] == "code"
            for output in cell.get("outputs", [])
            if {"image/png", "image/jpeg"} & set(output.get("data", {}))]
    pieces = content.split(_NO_ALT)
    if len(pieces) - 1 == len(alts):
        alt_texts = ["".join(a) if isinstance(a, list) else a for a in alts]
        content = pieces[0] + "".join(f'alt="{html.escape(alt, quote=True)}"' + piece
                                      for alt, piece in zip(alt_texts, pieces[1:], strict=True))
    else:
        log.warning("%s: %d images without a description, %d figure descriptions",
                    nb_path, len(pieces) - 1, len(alts))
    # Mermaid as Material renders it from a ```mermaid fence (superfences); mistune has
    # already escaped the code.
    content = _MERMAID.sub(lambda m: f'<pre class="mermaid"><code>{m.group("code")}</code></pre>',
                           content)
    return {"html": content, "css": css}


# -- MkDocs events ---------------------------------------------------------------------------

# ``mkdocs serve`` calls on_startup once, then re-imports hooks for every rebuild: what must
# outlive a re-import lives in a module of its own.
_state: Any = sys.modules.setdefault("_notebooks_hook_state", types.ModuleType("_notebooks_hook_state"))


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"


def on_config(config):  # type: ignore[no-untyped-def]
    global _cache_dir
    root = Path(config["config_file_path"]).parent
    _cache_dir = root / ".cache" / "notebook-html"
    _install_patches(serving=getattr(_state, "serving", False))
    return config


def on_nav(nav, config, files):  # type: ignore[no-untyped-def]
    """Remember, for each notebook, the page it was made from (same language)."""
    by_src = {page.file.src_uri: page for page in nav.pages}
    for file in files:
        if file.src_uri.startswith(NOTEBOOKS) and file.src_uri.endswith(".ipynb"):
            source = file.src_uri[len(NOTEBOOKS): -len(".ipynb")] + ".md"
            if source in by_src:
                _sources[file.src_uri] = by_src[source]
    return nav


def _language(src_uri: str) -> str:
    return "en" if src_uri.endswith((".en.ipynb", ".en.md")) else "zh"


def on_page_context(context, page, config, nav):  # type: ignore[no-untyped-def]
    """A notebook page sits where its page sits: nav entry highlighted, same prev/next."""
    source = _sources.get(page.file.src_uri)
    if source is not None:
        source.active = True  # also marks its sections, so the nav opens there
        _activated.append(source)
        page.previous_page, page.next_page = source.previous_page, source.next_page
    return context


def on_page_content(html_content: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    src = page.file.src_uri
    if not src.endswith(".ipynb"):
        return html_content
    page.meta["search"] = {"exclude": True}  # it repeats its page word for word
    text = TEXT[_language(src)]
    source = _sources.get(src)
    name = posixpath.basename(src)
    download = get_relative_url(posixpath.join(posixpath.dirname(page.file.dest_uri), name),
                                page.file.url)
    repo = (config.get("repo_url") or DEFAULT_REPO).rstrip("/").removesuffix(".git")
    colab = ("https://colab.research.google.com/github/"
             + repo.split("github.com/", 1)[-1] + "/blob/main/docs/" + src)
    if source is not None:
        link = (f'<a href="{get_relative_url(source.file.url, page.file.url)}">'
                f"{html.escape(source.title or source.file.name)}</a>")
    else:
        link = html.escape(src)
    css = get_relative_url(JUPYTER_CSS, page.file.url)
    banner = (
        f'<div class="admonition info notebook-origin">\n'
        f'<p class="admonition-title">{text["title"]}</p>\n'
        f'<p>{text["made"].format(link=link)}</p>\n'
        f'<p><a class="md-button" href="{download}" download>{text["download"]}</a> '
        f'<a class="md-button" href="{colab}" rel="noopener">{text["colab"]}</a></p>\n'
        f"</div>\n"
    )
    if source is not None:
        html_content = _relink(html_content, source, page, files)
    title_end = html_content.find("</h1>")
    at = title_end + len("</h1>") if title_end >= 0 else 0
    return (f'<link rel="stylesheet" href="{css}">\n' + html_content[:at] + banner
            + html_content[at:])


_RELATIVE = re.compile(r'(?P<attr>href|src)="(?P<target>(?![a-z][a-z0-9+.-]*:|[#/])[^"#?]+)'
                       r'(?P<rest>[#?][^"]*)?"')


def _relink(content: str, source, page, files) -> str:  # type: ignore[no-untyped-def]
    """Links in the prose are relative to the page's Markdown file (``basics.md#x``): point
    them at the published pages and files, as seen from the notebook page."""
    base = posixpath.dirname(source.file.src_uri)

    def fix(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(base, html.unescape(match.group("target"))))
        if target.endswith(".md") and source.file.src_uri.endswith(".en.md") \
                and not target.endswith(".en.md"):
            target = target[: -len(".md")] + ".en.md"  # i18n: the English twin
        found = files.get_file_from_path(target)
        if found is None:
            return match.group(0)
        url = get_relative_url(found.url, page.file.url)
        return f'{match.group("attr")}="{html.escape(url)}{match.group("rest") or ""}"'

    return _RELATIVE.sub(fix, content)


def on_post_page(output: str, page, config):  # type: ignore[no-untyped-def]
    while _activated:
        _activated.pop().active = False  # the nav is shared by every page
    return output


def on_post_build(config):  # type: ignore[no-untyped-def]
    """Publish the shared notebook stylesheet; forget cache entries unused for weeks."""
    if _shared_css is not None:
        target = Path(config["site_dir"]) / JUPYTER_CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_shared_css + "\n", encoding="utf-8")
    if _cache_dir is not None and _cache_dir.is_dir():
        old = time.time() - CACHE_DAYS * 86400
        for path in _cache_dir.glob("*.json"):
            if path.stat().st_mtime < old:
                path.unlink(missing_ok=True)
