"""What the browser tests read in Chromium (launched by sitebuild.chromium): what a page did that it
must not (Watch), axe-core's verdict, and a keyboard user's view - harness/focus_probe.js, loaded
into every page, describes the focused element as the reader sees it (on screen, opaque, its focus
ring and that ring's contrast with what is behind it); `walk` presses Tab until focus comes round."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import axe_playwright_python
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# WCAG 2.2 A and AA (axe tags each level by the version that introduced it), plus best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]

PROBE = Path(__file__).with_name("focus_probe.js")
# After a key press, once Material has reacted to the focus (a 1 ms debounce: a 1 ms timer set
# after its own runs after it), the focused element probed under each colour scheme asked for -
# the DOM is the same in both, only the palette on <body> differs - or under the one shown.
PROBE_NEXT_FRAME = """schemes => new Promise(done => setTimeout(() => {
  const body = document.body, shown = body.dataset.mdColorScheme, seen = {};
  for (const scheme of schemes || [shown]) { body.dataset.mdColorScheme = scheme; seen[scheme] = __a11yProbe(); }
  body.dataset.mdColorScheme = shown;
  done(schemes ? seen : seen[shown]);
}, 1))"""


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


def probe_pages(context: BrowserContext) -> BrowserContext:
    context.add_init_script(path=str(PROBE))
    return context


def walk(page: Page, schemes: list[str], limit: int = 120) -> list[dict[str, Any]]:
    """Tab from the top of the page until focus comes round again; each stop, probed under each
    of Material's `schemes` ("default", "slate")."""
    stops: list[dict[str, Any]] = []
    seen: set[int] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(PROBE_NEXT_FRAME, schemes)
        first = stop[schemes[0]]
        if first.get("none") or first["id"] in seen:
            return stops
        seen.add(first["id"])
        stops += [stop[scheme] | {"scheme": scheme} for scheme in schemes]
    raise AssertionError(f"{page.url}: Tab never came round in {limit} presses")


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"{page.url}: Tab never reaches {selector}")
