"""Browser guards find nothing, having looked; hostile values show as written; the scheme follows the
system until chosen."""

import pytest
from playwright.sync_api import Browser

from tests.conftest import HOSTILE, PILLAR
from tests.support.browser import BROWSER_GUARDS, EXERCISED, SCHEMES, opened
from tests.support.site import BuiltSite

LEAST = {"focus": 10, "visits": 3, "print": 1, "keyboard": 1, "search": 0.5}  # per page
READ = """toggle => {  // what the page shows of the hostile values, in the order expected
    const meta = (k) => document.querySelector(`meta[name="${k}"], meta[property="${k}"]`).content;
    const text = (selector) => document.querySelector(selector).firstChild.textContent.trim();
    const metas = "og:title twitter:title description og:description twitter:description";
    const nav = ".md-nav--primary .md-nav__link--active .md-ellipsis";
    const named = [...document.querySelectorAll(".md-option")].some((o) => o.ariaLabel === toggle);
    return [window.__injected, document.title, ...metas.split(" ").map(meta),
        text(".md-header__topic .md-ellipsis"), text(nav), text(nav + " small"), named];
}"""


@pytest.mark.parametrize("name", BROWSER_GUARDS)
def test_guard_finds_nothing(name: str, request: pytest.FixtureRequest, browser: Browser) -> None:
    built: BuiltSite = request.getfixturevalue("moved" if name == "moved_anchors" else "site")
    before = EXERCISED[name]
    problems = list(BROWSER_GUARDS[name](built, browser))
    assert not problems, "\n".join(problems)
    checked, least = EXERCISED[name] - before, max(1, LEAST.get(name, 0) * len(built.page_files))
    assert checked >= least, f"{name} checked {checked} things, under {least}: is it looking?"


def test_hostile_values_show_as_written(hostile: BuiltSite, browser: Browser) -> None:
    with opened(hostile, browser) as (page, url):
        page.goto(url + PILLAR.url)
        seen = page.evaluate(READ, HOSTILE["toggle"])
    name, nav, text = HOSTILE["site_name"], HOSTILE["nav title"], HOSTILE["description"]
    title = f"{nav} - {name}"
    assert seen == [None, *[title] * 3, *[text] * 3, name, nav, HOSTILE["subtitle"], True]


def test_scheme_follows_system_until_chosen(served: str, browser: Browser) -> None:
    shown = "document.body.dataset.mdColorScheme"
    with browser.new_context(color_scheme="dark") as context:
        page = context.new_page()
        page.goto(served)
        assert page.evaluate(shown) == SCHEMES["dark"], "a dark system, nothing chosen, shows light"
        page.locator("form[data-md-component=palette] label:visible").click()  # light, chosen
        page.goto(served + PILLAR.url)
        assert page.evaluate(shown) == SCHEMES["light"], "the choice did not survive navigation"
        page.reload()
        assert page.evaluate(shown) == SCHEMES["light"], "the choice did not survive a reload"
