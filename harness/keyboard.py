"""A keyboard user's view of a page in Chromium: harness/focus_probe.js, loaded into every page,
describes the focused element as the reader sees it (on screen, opaque, its focus ring and that
ring's contrast with what is behind it); `walk` presses Tab until focus comes round again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

PROBE = Path(__file__).with_name("focus_probe.js")
# One frame after a key press: Material's reaction to focus (a 1 ms debounce) has run by then.
PROBE_NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => done(__a11yProbe())))"


def probe_pages(context: BrowserContext) -> BrowserContext:
    context.add_init_script(path=str(PROBE))
    return context


def walk(page: Page, limit: int = 120) -> list[dict[str, Any]]:
    """Tab from the top of the page until focus comes round again; each stop, probed."""
    stops: list[dict[str, Any]] = []
    seen: set[int] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(PROBE_NEXT_FRAME)
        if stop.get("none") or stop["id"] in seen:
            return stops
        seen.add(stop["id"])
        stops.append(stop)
    raise AssertionError(f"{page.url}: Tab never came round in {limit} presses")


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"{page.url}: Tab never reaches {selector}")
