"""The machine's own Chromium (or Chrome), found and launched through Playwright for the PDF
edition, the browser tests and the benchmark (tools cannot download a browser here)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sitebuild.problems import BuildError

if TYPE_CHECKING:  # Playwright is in the build's layer: the preview runs without it
    from playwright.sync_api import Browser, Playwright

# Without the networking flags Chromium floods a closed network with background requests.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL = (
    "install Chromium (Debian: apt-get install chromium; Ubuntu: GitHub's runners have "
    "/usr/bin/chromium, elsewhere install Google Chrome; macOS: brew install --cask chromium) "
    "or point CHROMIUM= at a Chromium or Chrome executable"
)


def find_chromium(env: Mapping[str, str] = os.environ) -> str | None:
    """$CHROMIUM if set, else the first Chromium or Chrome on the PATH."""
    chosen = env.get("CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def executable(env: Mapping[str, str] = os.environ) -> str:
    found = find_chromium(env)
    if found is None:
        chosen = f" (CHROMIUM={env['CHROMIUM']!r} is no file)" if env.get("CHROMIUM") else ""
        raise BuildError([f"the PDF edition needs Chromium{chosen}: {INSTALL} [chromium]"])
    return found


def launch(playwright: Playwright, env: Mapping[str, str] = os.environ) -> Browser:
    return playwright.chromium.launch(executable_path=executable(env), args=FLAGS)
