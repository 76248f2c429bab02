"""scripts/hooks/serve_cache.py: while serving, a page is rendered again exactly when something
it shows changed (its Markdown, a file it includes, another page's title in a link), and a
plain build never uses the cache."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "serve_site"
HOOK = ROOT / "scripts" / "hooks" / "serve_cache.py"


@pytest.fixture
def site(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text() + f"hooks:\n  - {HOOK}\n")
    out = tmp_path / "site"
    rendered: list[str] = []

    def rebuild(command: str = "serve") -> None:
        config = load_config(config_file=str(config_file), site_dir=str(out))
        config.plugins.on_startup(command=command, dirty=False)
        state = sys.modules["_serve_cache_hook_state"]
        original = state.render

        def counting(page, *args):  # type: ignore[no-untyped-def]
            rendered.append(page.file.src_uri)
            return original(page, *args)

        state.render = counting
        try:
            build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
        finally:
            state.render = original

    yield project, out, rendered, rebuild
    sys.modules["_serve_cache_hook_state"].serving = False


def test_pages_render_again_exactly_when_what_they_show_changed(site):
    project, out, rendered, rebuild = site
    rebuild()
    assert sorted(rendered) == ["index.md", "other.md"]

    rendered.clear()
    rebuild()
    assert rendered == [], "nothing changed, yet pages were rendered again"
    assert "hello" in (out / "index.html").read_text()

    (project / "snippets" / "code.py").write_text('print("changed")\n')
    rendered.clear()
    rebuild()
    assert rendered == ["index.md"]
    assert "changed" in (out / "index.html").read_text()

    (project / "docs" / "other.md").write_text("# Renamed page\n\nPlain text.\n")
    rendered.clear()
    rebuild()
    assert rendered == ["other.md"]
    assert "Renamed page" in (out / "index.html").read_text()  # the nav of the cached page


def test_a_build_never_uses_the_cache(site):
    _, _, rendered, rebuild = site
    rebuild()
    rendered.clear()
    rebuild(command="build")
    assert sorted(rendered) == ["index.md", "other.md"]


def test_a_site_rebuilt_from_the_cache_equals_a_plain_build(site, tmp_path):
    project, out, rendered, rebuild = site
    rebuild()
    (project / "docs" / "other.md").write_text("# Other page\n\nEdited.\n")
    rebuild()
    (project / "docs" / "other.md").write_text((FIXTURE / "docs" / "other.md").read_text())
    rendered.clear()
    rebuild()  # back as it was: from the cache
    assert rendered == []  # this Markdown was rendered two rebuilds ago
    served = {p.relative_to(out): p.read_bytes() for p in out.rglob("*")
              if p.is_file() and p.suffix != ".gz"}  # gzip stamps the time
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "b"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    built = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*")
             if p.is_file() and p.suffix != ".gz"}
    assert served.keys() == built.keys()
    assert [name for name in built if served[name] != built[name]] == []


def test_an_output_block_renders_again_when_its_output_changes(tmp_path):
    """Output blocks are read by snippet_blocks' extension, not by pymdownx.snippets: the
    cache still sees the output file as an input of the page."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    output = project / "docs" / "generated" / "code" / "main.txt"
    output.parent.mkdir(parents=True)
    output.write_text("hello <b>\n")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + '\n```text title="Output"\n'
                     '--8<-- "docs/generated/code/main.txt"\n```\n')
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text() + "exclude_docs: generated/**/*.txt\n"
                           f"hooks:\n  - {ROOT / 'scripts/hooks/snippet_blocks.py'}\n"
                           f"  - {HOOK}\n")
    out = tmp_path / "site"

    def rebuild() -> str:
        config = load_config(config_file=str(config_file), site_dir=str(out))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
        return (out / "index.html").read_text()

    try:
        assert "hello &lt;b&gt;" in rebuild()
        output.write_text("changed <i>\n")
        assert "changed &lt;i&gt;" in rebuild()
    finally:
        sys.modules["_serve_cache_hook_state"].serving = False
