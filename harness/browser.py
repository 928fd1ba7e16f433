"""What the browser tests read in Chromium: what a page did that it must not (Watch), and what a
keyboard user sees - harness/focus_probe.js, in every page, probes the focused element."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import axe_playwright_python
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, Route

from harness.site import BuiltSite
from sitebuild.server import PagesServer

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# WCAG 2.2 A and AA (axe tags each level by the version that introduced it), plus best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
# What axe runs under each system scheme: under dark, only the rules whose verdict colour changes.
AXE_RUN = {
    "light": {"type": "tag", "values": AXE_TAGS},
    "dark": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
}
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
Scheme = Literal["light", "dark"]
SCHEMES: dict[Scheme, str] = {"light": "default", "dark": "slate"}  # system's -> Material's
NOT_FOUND = "no/such/page/"  # three deep: GitHub Pages serves the root 404.html

PROBE = Path(__file__).with_name("focus_probe.js")
# Once Material has reacted to the focus (its 1 ms debounce: a 1 ms timer set after runs after it),
# the focused element probed under each scheme asked for (only <body>'s palette differs) or shown.
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

    def attach(self, context: BrowserContext) -> BrowserContext:
        context.route("**/*", self.route)
        context.on("console", self.console)
        context.on("requestfailed", self.failed)
        context.on("response", self.response)
        return context

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def failed(self, request: Request) -> None:
        # ERR_ABORTED: the browser itself cancelled it as the page navigated on (a late favicon).
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


def page_urls(site: BuiltSite, served: PagesServer) -> dict[str, str | None]:
    """Each served page's URL -> its nav title: the 404 page (None) first, then in nav order."""
    titles = {urlsplit(site.resolve("index.html", href).url).path: t for t, href in site.nav()}
    pages = {served.origin + site.url_path(p): titles[site.url_path(p)] for p in site.page_files}
    return {served.url + NOT_FOUND: None} | pages


def probing(
    new_context: Callable[..., BrowserContext], size: str, scheme: Scheme = "light"
) -> BrowserContext:
    """A context at `size` under a `scheme` system preference, the focus probe in every page."""
    context = new_context(viewport=SIZES[size], color_scheme=scheme)
    context.add_init_script(path=str(PROBE))
    return context


def walk(page: Page, schemes: list[str], limit: int = 120) -> list[dict[str, Any]]:
    """Tab from the top until focus comes round; each stop probed under each of `schemes`."""
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
