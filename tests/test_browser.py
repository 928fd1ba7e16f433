"""In a real browser (Chromium via Playwright), against the build served like GitHub Pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext

from sitekit.browser import AXE_JS, AXE_TAGS, Watch
from sitekit.build import Build
from sitekit.pages_server import PagesServer
from sitekit.site import BuiltSite

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SCHEMES = {"light": "default", "dark": "slate"}  # system preference -> Material's scheme


@pytest.fixture
def context(browser: Browser, pages: PagesServer) -> Iterator[tuple[BrowserContext, Watch]]:
    watch = Watch(pages.origin)
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    watch.attach(context)
    yield context, watch
    context.close()


def page_urls(site: BuiltSite, pages: PagesServer) -> list[str]:
    return [pages.origin + site.url_path(p) for p in sorted(site.pages)]


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("system", list(SCHEMES))
def test_every_page_is_clean(
    browser: Browser, site: BuiltSite, pages: PagesServer, viewport: dict[str, int], system: str
) -> None:
    watch = Watch(pages.origin)
    context = browser.new_context(viewport=viewport, color_scheme=system)  # type: ignore[arg-type]
    watch.attach(context)
    page = context.new_page()
    problems = []
    for url in page_urls(site, pages):
        page.goto(url, wait_until="networkidle")
        if not page.locator("article h1").first.is_visible():
            problems.append(f"{url}: the page heading is not visible")
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        if scheme != SCHEMES[system]:
            problems.append(f"{url}: scheme {scheme!r} under a {system} system preference")
        problems += [f"{url}: {p}" for p in watch.problems]
        watch.problems.clear()
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("system", list(SCHEMES))
def test_axe_finds_no_violation_on_any_page(
    browser: Browser, site: BuiltSite, pages: PagesServer, system: str
) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme=system)  # type: ignore[arg-type]
    page = context.new_page()
    problems = []
    for url in [*page_urls(site, pages), pages.url + "no/such/page/"]:
        page.goto(url, wait_until="networkidle")
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        for violation in result["violations"]:
            targets = [json.dumps(n["target"]) for n in violation["nodes"]][:3]
            problems.append(
                f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
            )
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_search_finds_the_one_pillar_that_mentions_missiles(
    context: tuple[BrowserContext, Watch], pages: PagesServer
) -> None:
    browser_context, watch = context
    page = browser_context.new_page()
    page.goto(pages.url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("missile")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible")
    assert urlsplit(first.get_attribute("href") or "").path.endswith("/economic-returns/")
    first.click()
    page.wait_for_url("**/economic-returns/**")
    heading = page.locator("article h1").evaluate("h => h.firstChild.textContent.trim()")
    assert heading == "Economic Returns"
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.browser
def test_scheme_follows_the_system_until_chosen_then_the_choice_stays(
    browser: Browser, pages: PagesServer
) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    scheme = "() => document.body.dataset.mdColorScheme"
    page.goto(pages.url, wait_until="networkidle")
    assert page.evaluate(scheme) == "slate", (
        "with no choice made, a dark system gets the dark scheme"
    )
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate(scheme) == "default", "the toggle did not switch to light"
    page.goto(pages.url + "partnerships/", wait_until="networkidle")
    assert page.evaluate(scheme) == "default", "the choice did not survive navigation"
    page.reload(wait_until="networkidle")
    assert page.evaluate(scheme) == "default", "the choice did not survive a reload"
    context.close()


@pytest.mark.browser
def test_phone_drawer_reaches_every_page(
    browser: Browser, site: BuiltSite, pages: PagesServer
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(pages.url, wait_until="networkidle")
    entries = site.nav()
    for title, href in entries[1:] + entries[:1]:  # start on Home, so reach it last
        page.locator("label.md-header__button[for=__drawer]").click()
        link = page.locator("nav.md-nav--primary a.md-nav__link:visible", has_text=title).first
        link.wait_for(state="visible")
        link.click()
        expected = site.resolve("index.html", href).url
        page.wait_for_url(pages.origin + urlsplit(expected).path)
    context.close()


@pytest.mark.browser
def test_tab_reaches_a_skip_link_that_moves_focus_to_the_content(
    context: tuple[BrowserContext, Watch], pages: PagesServer
) -> None:
    page = context[0].new_page()
    page.goto(pages.url + "partnerships/", wait_until="networkidle")
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.innerText]"
    )
    assert "md-skip" in skip[0], f"the first Tab reached {skip}, not the skip link"
    assert page.locator("a.md-skip").is_visible(), "the focused skip link is not visible"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('article')")
    assert inside, "after the skip link, the next Tab is not in the content"


# The element with focus, and whether what the reader sees of it is marked: for a visually hidden
# input (Material's scheme toggle) that is the label drawn right after it.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (el === document.body) return [null, true];
  const hidden = el.getBoundingClientRect().width < 2;
  const next = el.nextElementSibling;
  const shown = hidden && next && next.tagName === 'LABEL' ? next : el, s = getComputedStyle(shown);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return [el.outerHTML.slice(0, 80), outline || s.boxShadow !== 'none'];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_focusable_element_shows_focus(
    browser: Browser, pages: PagesServer, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(pages.url, wait_until="networkidle")
    seen, unmarked = [], []
    for _ in range(60):
        page.keyboard.press("Tab")
        element, marked = page.evaluate(FOCUS_STYLE)
        if element is None or element in seen:  # focus left the page or came round again
            break
        seen.append(element)
        if not marked:
            unmarked.append(element)
    context.close()
    assert len(seen) > 10, f"Tab reached only {len(seen)} elements"
    assert not unmarked, "no visible focus indicator on:\n" + "\n".join(unmarked)


@pytest.mark.browser
def test_old_links_land_on_the_moved_page_and_anchor(
    browser: Browser, renamed: tuple[Path, Build]
) -> None:
    moved = renamed[1].site
    with PagesServer(moved.root, moved.base_path) as server:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + "partnerships/#partnerships")
        page.wait_for_url(server.url + "alliances/#ties")
        assert page.locator("h1#ties").is_visible()
        context.close()
