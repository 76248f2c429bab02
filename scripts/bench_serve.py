"""Benchmark the author loop (``make bench-serve``); prints figures, asserts nothing.

On a scratch copy of the project: start ``mkdocs serve``, open a Chinese and an English page
in headless Chromium, then edit each page's Markdown a few times and measure how long each
edit takes to show in the open browser tab (rebuild, live reload and page load together).
Without Chromium it measures until the served HTML has the edit instead.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from headless_browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"docs/nn/layers.md": "nn/layers/", "docs/nn/layers.en.md": "en/nn/layers/"}
EDITS = 5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def served_root(url: str) -> str:
    """Where ``url`` leads: ``mkdocs serve`` redirects ``/`` to its ``site_url``'s path."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.geturl()
    except OSError:
        return ""


def wait_until(condition, timeout: float = 120.0, pause: float = 0.02) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("mkdocs serve did not show the edit in time")
        time.sleep(pause)


def shows(tab, marker: str) -> bool:  # type: ignore[no-untyped-def]
    try:  # the tab may be reloading: no document to ask for a moment
        return bool(tab.evaluate("m => document.body.innerText.includes(m)", marker))
    except Exception:  # noqa: BLE001
        return False


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        copy = Path(scratch)
        for name in ("docs", "snippets", "scripts", "overrides"):
            shutil.copytree(ROOT / name, copy / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("mkdocs.yml", "requirements.txt", "requirements.lock"):
            shutil.copy(ROOT / name, copy / name)
        if (ROOT / ".cache").is_dir():  # the notebook HTML cache, as an author's tree has it
            shutil.copytree(ROOT / ".cache", copy / ".cache")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=copy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            started = time.perf_counter()
            root = f"http://127.0.0.1:{port}/"
            wait_until(lambda: "</html>" in fetch(root), pause=0.2)
            site = served_root(root)
            print(f"first build, until the site is served: {time.perf_counter() - started:6.2f} s")
            seconds = measure(copy, site)
        finally:
            server.terminate()
            server.wait(timeout=30)
    for page, values in seconds.items():
        print(f"edit of {page} shown after: " + ", ".join(f"{v:.2f}" for v in values)
              + f" s (median {statistics.median(values):.2f} s)")
    return 0


def measure(copy: Path, site: str) -> dict[str, list[float]]:
    seconds: dict[str, list[float]] = {page: [] for page in PAGES}
    browser = None
    if CHROMIUM:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
    else:
        print("Chromium not found: measuring until the served HTML has the edit")
    try:
        for page, path in PAGES.items():
            tab = browser.new_page() if browser else None
            if tab is not None:
                tab.goto(site + path, wait_until="load")
            source = copy / page
            original = source.read_text(encoding="utf-8")
            for edit in range(EDITS):
                time.sleep(1.5)  # let the last reload settle
                marker = f"bench-serve-edit-{edit}-{time.time_ns()}"
                started = time.perf_counter()
                source.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
                # Asking the browser does not load the server (polling it over HTTP would).
                if tab is not None:
                    wait_until(functools.partial(shows, tab, marker))
                else:
                    url = site + path
                    wait_until(lambda m=marker, u=url: m in fetch(u), pause=0.2)
                seconds[page].append(time.perf_counter() - started)
    finally:
        if browser is not None:
            browser.close()
            playwright.stop()
    return seconds


if __name__ == "__main__":
    sys.exit(main())
