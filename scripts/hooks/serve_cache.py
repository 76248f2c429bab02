"""MkDocs hook, while serving only: pages and templates that did not change are not redone.

``mkdocs serve`` rebuilds the whole site, both languages, after every edit. Rendering the
Markdown of every page (Pygments highlighting most of it) and compiling the theme's Jinja
templates are most of that time. While serving, this hook

* renders a page's Markdown only when something it depends on changed. The key covers the
  page's Markdown (after the other hooks' ``on_page_markdown``), its URL, the URL of every
  file of the site (links), ``mkdocs.yml``, the hooks' code, the language and the versions of
  the Markdown libraries; every file that pymdownx.snippets included into the page (snippets,
  outputs) is checked by its bytes on each rebuild;
* keeps compiled templates in memory (Jinja's bytecode cache, keyed by each template's source),
  and the list of the theme's files (walking Material's thousands of icons takes a fifth of a
  second per language); the project's own ``overrides/`` is listed every time;
* does not copy a static file (figures, scripts, fonts) again when the copy from the last
  rebuild is as new as its source and as large.

``mkdocs build`` never uses either: it stays complete and strict (a page from the cache would
not repeat its warnings).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
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
        for part in (root / "mkdocs.yml", *sorted((root / "scripts" / "hooks").glob("*.py"))):
            digest.update(part.read_bytes())
        digest.update(json.dumps([[version(name) for name in _LIBRARIES],
                                  config["theme"]["language"],
                                  sorted((f.src_uri, f.url) for f in files)]).encode())
        _state.files, _state.site_key = files, digest.hexdigest()
    return _state.site_key


def _render(self: Page, config, files) -> None:  # type: ignore[no-untyped-def]
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
            return
    with _recording_includes() as included:
        _state.render(self, config, files)
    links = getattr(self, "links_to_anchors", None)
    _state.pages[key] = _Rendered(
        content=self.content, toc=copy.deepcopy(self.toc), title=self._title_from_render,
        anchors=set(self.present_anchor_ids or ()),
        links_to_anchors=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        inputs={path: _digest(path) or "" for path in included})


def _list_templates(self: jinja2.FileSystemLoader) -> list[str]:
    own = [Path(p) for p in self.searchpath if "site-packages" not in Path(p).parts]
    key = (tuple(self.searchpath), tuple(sorted(str(f) for p in own for f in p.rglob("*"))))
    if key not in _state.listings:
        _state.listings[key] = _state.list_templates(self)
    return list(_state.listings[key])


def _copy_file(self: File, dirty: bool = False) -> None:
    if self._content is None and self.abs_src_path:
        try:
            source, copy = os.stat(self.abs_src_path), os.stat(self.abs_dest_path)
            if copy.st_size == source.st_size and copy.st_mtime_ns >= source.st_mtime_ns:
                return
        except OSError:
            pass  # not copied yet
    _state.copy_file(self, dirty)


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"
    if _state.serving and not hasattr(_state, "render"):
        _state.render, _state.pages = Page.render, {}
        _state.templates = _TemplatesInMemory()
        _state.list_templates, _state.listings = jinja2.FileSystemLoader.list_templates, {}
        _state.copy_file = File.copy_file
        Page.render = _render  # type: ignore[method-assign]
        jinja2.FileSystemLoader.list_templates = _list_templates  # type: ignore[method-assign]
        File.copy_file = _copy_file  # type: ignore[method-assign]


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:  # type: ignore[no-untyped-def]
    if getattr(_state, "serving", False):
        env.bytecode_cache = _state.templates
    return env
