"""Debian's Chromium, launched the way this closed network needs (tools cannot download browsers)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import axe_playwright_python

INSTALL = "sudo apt-get install -y chromium"
# Without the networking flags Chromium floods a closed network with background requests.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# WCAG 2.2 A and AA (axe tags each level by the version that introduced it), plus best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def chromium() -> str | None:
    """Path of the Chromium to drive: $CHROMIUM, else Debian's."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None
