"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium driven by playwright.

The browser tests are split over several files so that pytest-xdist (``--dist loadfile``) can
run them side by side; they share one site, and each worker starts one browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)
# Flags that keep Chromium from calling home on a machine without network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium() -> str:
    if CHROMIUM is None:
        reason = "Chromium is not installed (apt-get install chromium fonts-noto-cjk)"
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
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
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
