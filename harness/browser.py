"""Chromium for the browser tests, found and launched as the build's PDF step does (tools cannot
download browsers here: the machine's own Chromium is driven through Playwright)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import BrowserContext, ConsoleMessage, Request, Response, Route

from sitebuild.pdf import FLAGS, INSTALL, find_chromium

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# WCAG 2.2 A and AA (axe tags each level by the version that introduced it), plus best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    return None if find_chromium() else f"no Chromium to drive: {INSTALL}"


__all__ = ["AXE_JS", "AXE_TAGS", "FLAGS", "Watch", "find_chromium", "missing_browser"]


@dataclass
class Watch:
    """What a page did that it must not: console errors, failed or foreign requests, HTTP errors."""

    origin: str
    problems: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # requests to other hosts, aborted

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self.route)
        context.on("console", self.console)
        context.on("requestfailed", self.failed)
        context.on("response", self.response)

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def failed(self, request: Request) -> None:
        # ERR_ABORTED is a request the browser itself cancelled because the page navigated on
        # (a late favicon, the search worker); a request that fails is any other error.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed request: {request.url} ({request.failure})")

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def route(self, route: Route, request: Request) -> None:
        if request.url.startswith(self.origin) or request.url.startswith("data:"):
            route.continue_()
        else:
            self.problems.append(f"request to another host: {request.url}")
            self.foreign.append(request.url)
            route.abort()
