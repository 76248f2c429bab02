"""MkDocs hook, while serving only: pages and templates that did not change are not redone.

``mkdocs serve`` rebuilds the whole site, both languages, after every edit. Rendering the
Markdown of every page (Pygments highlighting most of it) and compiling the theme's Jinja
templates are most of that time. While serving, this hook

* renders a page's Markdown only when something it depends on changed. The key covers the
  page's Markdown (after the other hooks' ``on_page_markdown``), its URL, the URL of every
  file of the site (links), ``mkdocs.yml``, the hooks' code, the theme overrides, the language
  and the versions of the Markdown libraries; every file that pymdownx.snippets included into the page (snippets,
  outputs) is checked by its bytes on each rebuild;
* keeps compiled templates in memory (Jinja's bytecode cache, keyed by each template's source),
  and the list of the theme's files (walking Material's thousands of icons takes a fifth of a
  second per language); the project's own ``overrides/`` is listed every time;
* writes a page as it was at the last rebuild, without putting it through the theme, when
  its HTML, title, metadata, place in the navigation and the site are unchanged (the plugins
  still see its context, so search indexes it as before).

``mkdocs build`` uses none of this: it stays complete and strict (a page from the cache would
not repeat its warnings).
"""

from __future__ import annotations

import copy
import hashlib
import json
import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.commands.build import get_context
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from pymdownx.snippets import SnippetPreprocessor

_LIBRARIES = ("mkdocs", "markdown", "pymdown-extensions", "pygments", "mkdocs-material")

# ``mkdocs serve`` calls on_startup once, then re-imports hooks for every rebuild: what must
# outlive a re-import lives in a module of its own.
_state: Any = sys.modules.setdefault("_serve_cache_hook_state", types.ModuleType("_serve_cache"))


@dataclass
class _Rendered:
    content: str | None
    toc: Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    inputs: dict[str, str]  # file included by pymdownx.snippets -> sha256 of its bytes


class _TemplatesInMemory(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _digest(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


@contextmanager
def _recording_includes():  # type: ignore[no-untyped-def]
    """The files pymdownx.snippets reads while the block runs."""
    found: list[str] = []
    original = SnippetPreprocessor.get_snippet_path

    def get_snippet_path(self, path):  # type: ignore[no-untyped-def]
        resolved = original(self, path)
        if resolved is not None:
            found.append(resolved)
        return resolved

    SnippetPreprocessor.get_snippet_path = get_snippet_path  # type: ignore[method-assign]
    try:
        yield found
    finally:
        SnippetPreprocessor.get_snippet_path = original  # type: ignore[method-assign]


def _site_key(config, files) -> str:  # type: ignore[no-untyped-def]
    """What every page's HTML depends on besides its own Markdown (once per build)."""
    if getattr(_state, "files", None) is not files:
        root = Path(config["config_file_path"]).parent
        digest = hashlib.sha256()
        templates = Path(config["theme"].custom_dir or root / "overrides")
        for part in (root / "mkdocs.yml", *sorted((root / "scripts" / "hooks").glob("*.py")),
                     *sorted(p for p in templates.rglob("*") if p.is_file())):
            digest.update(part.read_bytes())
        digest.update(json.dumps([str(root), [version(name) for name in _LIBRARIES],
                                  dict(config["theme"]).get("language"),
                                  sorted((f.src_uri, f.url) for f in files)]).encode())
        _state.files, _state.site_key, _state.config = files, digest.hexdigest(), config
    return _state.site_key


def _render(self: Page, config, files) -> None:  # type: ignore[no-untyped-def]
    if not _state.serving:  # a build in the same process after a serve (tests)
        return _state.render(self, config, files)
    key = hashlib.sha256(json.dumps([_site_key(config, files), self.file.src_uri, self.file.url,
                                     self.markdown]).encode()).hexdigest()
    cached: _Rendered | None = _state.pages.get(key)
    if cached is not None and all(_digest(p) == d for p, d in cached.inputs.items()):
        linked = {files.get_file_from_path(uri): links
                  for uri, links in (cached.links_to_anchors or {}).items()}
        if None not in linked:
            self.content, self.toc = cached.content, copy.deepcopy(cached.toc)
            self._title_from_render = cached.title
            self.present_anchor_ids = set(cached.anchors or ())
            if cached.links_to_anchors is not None:
                self.links_to_anchors = linked  # type: ignore[assignment]
            return None
    with _recording_includes() as included:
        _state.render(self, config, files)
    links = getattr(self, "links_to_anchors", None)
    _state.pages[key] = _Rendered(
        content=self.content, toc=copy.deepcopy(self.toc), title=self._title_from_render,
        anchors=set(self.present_anchor_ids or ()),
        links_to_anchors=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        inputs={path: _digest(path) or "" for path in included})
    return None


def _nav_key(nav) -> str:  # type: ignore[no-untyped-def]
    """Titles, URLs and shape of the navigation (once per build)."""
    if getattr(_state, "nav", None) is not nav:
        def shape(items):  # type: ignore[no-untyped-def]
            return [[item.title, getattr(item, "url", None), shape(item.children or [])]
                    for item in items]
        _state.nav, _state.nav_key = nav, json.dumps(shape(nav.items))
    return _state.nav_key


def _build_page(page: Page, config: Any, doc_files, nav, env, dirty=False, excluded=False):  # type: ignore[no-untyped-def]
    """A page whose HTML, title, metadata, place in the navigation and site are as at the
    last rebuild is not put through the theme again: the file it became then is written
    again (each rebuild starts from an empty site folder). The plugins still see its context
    (search indexes it there), except on a notebook page, which is kept out of search."""
    if not _state.serving or excluded or id(getattr(_state, "config", None)) != id(config):
        return _state.build_page(page, config, doc_files, nav, env, dirty, excluded)
    key = hashlib.sha256(json.dumps(
        [_state.site_key, _nav_key(nav), page.file.src_uri, page.url, page.title,
         page.content, str(page.toc), page.meta], default=str).encode()).hexdigest()
    destination = page.file.abs_dest_path
    known = _state.built.get(destination)
    if known is None or known[0] != key:
        _state.build_page(page, config, doc_files, nav, env, dirty, excluded)
        _state.built[destination] = (key, Path(destination).read_bytes())
        return None
    if not page.file.src_uri.endswith(".ipynb"):
        config._current_page = page
        try:
            config.plugins.on_page_context(get_context(nav, doc_files, config, page),
                                           page=page, config=config, nav=nav)
        finally:
            config._current_page = None
    write_file(known[1], destination)
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:  # its on_post_page only copies the .ipynb beside the page
        jupyter.on_post_page(known[1].decode("utf-8"), page=page, config=config)
    return None


def _list_templates(self: jinja2.FileSystemLoader) -> list[str]:
    if not _state.serving:
        return _state.list_templates(self)
    own = [Path(p) for p in self.searchpath if "site-packages" not in Path(p).parts]
    key = (tuple(self.searchpath), tuple(sorted(str(f) for p in own for f in p.rglob("*"))))
    if key not in _state.listings:
        _state.listings[key] = _state.list_templates(self)
    return list(_state.listings[key])


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"
    if _state.serving and not hasattr(_state, "render"):
        _state.render, _state.pages = Page.render, {}
        _state.templates = _TemplatesInMemory()
        _state.list_templates, _state.listings = jinja2.FileSystemLoader.list_templates, {}
        _state.build_page, _state.built = mkdocs_build._build_page, {}
        mkdocs_build._build_page = _build_page
        Page.render = _render  # type: ignore[method-assign]
        jinja2.FileSystemLoader.list_templates = _list_templates  # type: ignore[method-assign]


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:  # type: ignore[no-untyped-def]
    if getattr(_state, "serving", False):
        env.bytecode_cache = _state.templates
    return env
