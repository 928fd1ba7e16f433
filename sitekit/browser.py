"""Debian's Chromium, launched the way this closed network needs (tools cannot download browsers)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import BrowserContext, Request, Route

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


@dataclass
class Watch:
    """What a page did that it must not: console errors, failed or foreign requests, HTTP errors."""

    origin: str
    problems: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # requests to other hosts, aborted

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self.route)
        context.on(
            "console",
            lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"),
        )
        context.on(
            "requestfailed",
            lambda r: self.problems.append(f"failed request: {r.url} ({r.failure})"),
        )
        context.on(
            "response",
            lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"),
        )

    def route(self, route: Route, request: Request) -> None:
        if request.url.startswith(self.origin) or request.url.startswith("data:"):
            route.continue_()
        else:
            self.problems.append(f"request to another host: {request.url}")
            self.foreign.append(request.url)
            route.abort()
