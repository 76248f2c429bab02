"""Which Chromium the browser tests and ``make bench-serve`` drive, and with which flags.

Debian's ``chromium-headless-shell`` first: the same Blink engine without the full browser
around it (playwright's own default for headless runs), at about two thirds of the full
browser's CPU for the same pages; Debian's full ``chromium`` where only that is installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CANDIDATES = ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium")
CHROMIUM = next((p for p in (*CANDIDATES, shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)
"""The executable, or None when no Chromium is installed."""

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""Flags that keep Chromium from calling home on a machine without network."""
