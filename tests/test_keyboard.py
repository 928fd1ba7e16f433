"""A keyboard and screen-reader user's site, read in Chromium: Space and Enter work every toggle,
the first Tab is a skip link, and Chromium's accessibility tree names headings by their text, has no
empty landmarks, gives every page its own title and says what the scheme toggle will do. (Every
page's Tab stops are walked in tests/test_browser.py.)"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from playwright.sync_api import Page

from harness.browser import NOT_FOUND, PROBE_NEXT_FRAME, SCHEMES, Scheme, page_urls, probing, tab_to
from harness.sandbox import config, swap_toggle_names
from harness.site import BuiltSite
from sitebuild.server import PagesServer
from tests.conftest import PILLAR, BuildCopy, NewContext

LANDMARKS = set("banner navigation main contentinfo complementary region search form".split())  # noqa: SIM905


def scheme_toggle_problems(page: Page, url: str, key: str, system: Scheme) -> list[str]:
    """Press the scheme toggle with `key` through every state: each time the page shows what its
    name said ("light", "dark", or "system": `system`'s), and focus stays visibly on it."""
    page.goto(url, wait_until="load")
    tab_to(page, "input.md-option")
    problems = []
    for _ in range(page.locator("input.md-option").count()):
        name = str(page.evaluate("document.activeElement.getAttribute('aria-label')")).lower()
        says = [word for word in ("light", "dark", "system") if word in name]
        before = page.evaluate("document.body.dataset.mdColorMedia")
        page.keyboard.press(key)
        page.wait_for_function("m => document.body.dataset.mdColorMedia !== m", arg=before)
        media, scheme = page.evaluate(
            "[document.body.dataset.mdColorMedia, document.body.dataset.mdColorScheme]"
        )
        does = "dark" if scheme == "slate" else "light"
        if media == "(prefers-color-scheme)":
            does = "system"
        if says != [does] or (does == "system" and scheme != SCHEMES[system]):
            problems.append(
                f"{url}: the toggle named {name!r} switched to {does} ({scheme}, {media})"
            )
        stop = page.evaluate(PROBE_NEXT_FRAME, None)
        if "md-option" not in stop["what"] or stop["problems"]:
            problems.append(
                f"{url}: after {name!r}, focus is on {stop['what']}: {stop['problems']}"
            )
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("key, system", [(" ", "dark"), ("Enter", "light")], ids=["Space", "Enter"])
def test_space_and_enter_switch_the_scheme_as_the_toggle_says(
    new_context: NewContext, served: PagesServer, key: str, system: Scheme
) -> None:
    page = probing(new_context, "desktop", system).new_page()
    problems = scheme_toggle_problems(page, served.url + PILLAR.url, key, system)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_a_toggle_whose_name_lies_is_caught(new_context: NewContext, build_copy: BuildCopy) -> None:
    """The fault the check above exists for: two toggle names swapped in mkdocs.yml."""
    swapped = build_copy("swapped-toggles", config(swap_toggle_names), pdf=False)
    with PagesServer(swapped.root, swapped.base_path) as server:
        page = probing(new_context, "desktop", "dark").new_page()
        problems = scheme_toggle_problems(page, server.url, "Enter", "dark")
    lie = "named 'switch to system preference' switched to dark"
    assert any(lie in p for p in problems), problems


OPENED = {
    "__drawer": "document.getElementById('__drawer').checked && !!document.activeElement.closest('.md-sidebar--primary')",
    "__search": "document.getElementById('__search').checked && document.activeElement.matches('.md-search__input')",
}


@pytest.mark.browser
@pytest.mark.parametrize("key", [" ", "Enter"], ids=["Space", "Enter"])
@pytest.mark.parametrize("toggle", list(OPENED))
def test_space_and_enter_open_the_phone_drawer_and_search_and_escape_closes_them(
    new_context: NewContext, served: PagesServer, toggle: str, key: str
) -> None:
    page = probing(new_context, "phone").new_page()
    page.goto(served.url, wait_until="load")
    button = f"label[for='{toggle}'].md-header__button > button"
    tab_to(page, button)
    expanded = f"document.querySelector(\"{button}\").getAttribute('aria-expanded')"
    assert page.evaluate(expanded) == "false"
    page.keyboard.press(key)
    page.wait_for_function(f"() => {OPENED[toggle]}")
    assert page.evaluate(expanded) == "true"
    assert not page.evaluate(PROBE_NEXT_FRAME, None)["problems"], (
        "focus in the opened panel is not visible"
    )
    page.keyboard.press("Escape")
    page.wait_for_function(
        f"() => !document.getElementById('{toggle}').checked && document.activeElement.matches(\"{button}\")"
    )


# -- Chromium's accessibility tree ----------------------------------------------------------------

HEADINGS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')]
  .map(h => h.textContent.replace(/\\s+/g, ' ').trim())"""


def value(node: dict[str, Any], key: str = "name") -> str:
    field = node.get(key)
    return str(field.get("value", "")) if isinstance(field, dict) else ""


def has_content(node: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> bool:
    """Whether anything under `node` is spoken: a name, text or an image, not ignored."""
    children = [nodes[c] for c in node.get("childIds", []) if c in nodes]
    spoken = [c for c in children if value(c) or value(c, "role") in ("StaticText", "image")]
    return any(not c.get("ignored") for c in spoken) or any(has_content(c, nodes) for c in children)


@pytest.mark.browser
def test_names_a_screen_reader_speaks(
    new_context: NewContext, site: BuiltSite, served: PagesServer
) -> None:
    page = probing(new_context, "desktop").new_page()
    problems, titles = [], {}
    for url in page_urls(site, served):
        page.goto(url, wait_until="load")
        titles[url] = page.title()
        if page.evaluate("document.documentElement.lang") != "en":
            problems.append(f"{url}: <html lang> is not the text's language (en)")
        session = page.context.new_cdp_session(page)
        tree = session.send("Accessibility.getFullAXTree")["nodes"]
        session.detach()
        nodes = {n["nodeId"]: n for n in tree}
        spoken = [n for n in tree if value(n, "role") == "heading" and not n.get("ignored")]
        written = page.evaluate(HEADINGS)
        if len(spoken) != len(written):
            problems.append(
                f"{url}: {len(written)} headings on the page, {len(spoken)} in the tree"
            )
        for node, text in zip(spoken, written, strict=False):
            if value(node) != text:
                problems.append(f"{url}: heading named {value(node)!r}, its text is {text!r}")
        problems += [
            f"{url}: empty {value(n, 'role')} landmark {value(n)!r}"
            for n in tree
            if value(n, "role") in LANDMARKS and not n.get("ignored") and not has_content(n, nodes)
        ]
    repeated = [title for title, n in Counter(titles.values()).items() if n > 1]
    problems += [f"more than one page is titled {title!r}" for title in repeated]
    not_found = titles[served.url + NOT_FOUND]
    if "not found" not in not_found.lower():
        problems.append(f"the 404 page's title {not_found!r} does not say so")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_the_first_tab_is_a_skip_link_into_the_content(
    new_context: NewContext, served: PagesServer
) -> None:
    page = probing(new_context, "desktop").new_page()
    page.goto(served.url + PILLAR.url, wait_until="load")
    page.keyboard.press("Tab")
    stop = page.evaluate(PROBE_NEXT_FRAME, None)
    assert "md-skip" in stop["what"] and not stop["problems"], stop
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), (
        "the skip link leads elsewhere"
    )
