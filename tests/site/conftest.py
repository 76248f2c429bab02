"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium (its headless
shell, ``scripts/headless_browser.py``) driven by playwright.

The browser tests are split over several files so that pytest-xdist (``--dist loadfile``) can
run them side by side; they share one site, and each worker starts one browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from headless_browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"


@pytest.fixture(scope="session")
def chromium() -> str:
    if CHROMIUM is None:
        reason = "Chromium is not installed (apt-get install chromium-headless-shell fonts-noto-cjk)"
        if os.environ.get("CI"):
            pytest.fail(reason + ": CI must run the browser tests")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def site(chromium, tmp_path_factory) -> str:
    """The site built with --strict, served on 127.0.0.1. ``SITE_DIR=folder`` serves a site
    built just before (``make test`` builds it once for these tests and for publishing)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if os.environ.get("SITE_DIR"):
        folder = Path(os.environ["SITE_DIR"]).resolve()
        assert (folder / "index.html").is_file(), f"SITE_DIR={folder} holds no built site"
    else:
        folder = tmp_path_factory.mktemp("site")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                        str(folder)], cwd=ROOT, check=True, capture_output=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    handler = functools.partial(_SiteHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{MOUNT}"
    server.shutdown()


def _site_url() -> str | None:
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                      re.MULTILINE)
    return found.group(1) if found else None


SITE_URL = _site_url()
MOUNT = urlsplit(SITE_URL).path.rstrip("/") + "/" if SITE_URL else "/site_url-is-not-set/"
"""The path the site is served under: ``site_url``'s, as on GitHub Pages (``/repo/``). Never
``/``, so that a link that leaves the path out fails here as it would there."""


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under ``MOUNT`` only, as GitHub Pages does: a link that forgets the
    path (``/assets/...`` instead of ``/repo/assets/...``) fails here too."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(MOUNT):
            return os.path.join(self.directory, ".not-under-the-site-path")  # answered 404
        return super().translate_path("/" + path[len(MOUNT):])

    def end_headers(self) -> None:
        """Pages and assets may be cached for 10 minutes, as GitHub Pages allows: a tab that
        opens many pages does not ask again for the theme's scripts and stylesheets."""
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's 404.html, as on GitHub Pages."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A desktop tab that records failed requests (``page.failures``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.failures = []  # type: ignore[attr-defined]
    tab.on("requestfailed", lambda r: tab.failures.append(f"{r.url} ({r.failure})"))
    tab.on("response", lambda r: r.status >= 400 and not r.url.endswith("/sitemap.xml")
           and tab.failures.append(f"{r.url} (HTTP {r.status})"))
    yield tab
    context.close()
