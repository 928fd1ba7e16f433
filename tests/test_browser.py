"""In a real browser (Chromium through Playwright), against the build served like GitHub Pages:
every page clean, accessible to axe and to the keyboard in both schemes and at both sizes; search
finds each essay page by a word only it uses; the scheme choice holds; the phone drawer reaches
every page; and old links to a moved page and anchor land on their new place."""

from __future__ import annotations

import json
from typing import Literal
from urllib.parse import urlsplit

import pytest

from harness.browser import AXE_JS, AXE_TAGS, Watch, probe_pages, walk
from harness.guards import section_of, unique_word
from harness.seed import read_seed
from harness.site import BuiltSite
from sitebuild.server import PagesServer
from tests.conftest import MOVE, PILLAR, NewContext

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
DESKTOP, PHONE = SIZES["desktop"], SIZES["phone"]
Scheme = Literal["light", "dark"]
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"
SCHEMES: dict[Scheme, str] = {
    "light": "default",
    "dark": "slate",
}  # system preference -> Material's


def page_urls(site: BuiltSite, served: PagesServer) -> list[str]:
    return [served.origin + site.url_path(p) for p in site.page_files]


# axe's rules whose verdict depends on colour: the only ones the second scheme can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.browser
@pytest.mark.parametrize("system", list(SCHEMES))
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_at_every_size_and_scheme(
    new_context: NewContext, site: BuiltSite, served: PagesServer, size: str, system: Scheme
) -> None:
    """Each page (the 404 page too), visited once per size and scheme: no console error and no
    failed or foreign request; the heading visible; the scheme the system asks for; axe finds no
    WCAG 2.2 A/AA or best-practice violation (desktop; under the dark system, the rules colour
    can change, on the same DOM); and every Tab stop is on screen, opaque, not zero-sized, and
    marked by a ring at 3:1 with what surrounds it, in both schemes (walked once per size, each
    stop probed in each) - so closed panels (the drawer, the search, back to top) are out of the
    Tab order."""
    watch = Watch(served.origin)
    context = probe_pages(new_context(viewport=SIZES[size], color_scheme=system))
    watch.attach(context)
    page = context.new_page()
    problems, stops = [], 0
    axe = (
        {"type": "tag", "values": AXE_TAGS}
        if system == "light"
        else {"type": "rule", "values": COLOUR_RULES}
    )
    for url in [*page_urls(site, served), served.url + "no/such/page/"]:
        page.goto(url, wait_until="load")
        if not page.locator("article h1").first.is_visible():
            problems.append(f"{url}: the page heading is not visible")
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        if scheme != SCHEMES[system]:
            problems.append(f"{url}: scheme {scheme!r} under a {system} system preference")
        if size == "desktop":
            page.add_script_tag(path=str(AXE_JS))
            for violation in page.evaluate(
                "only => axe.run(document, {runOnly: only, resultTypes: ['violations']})", axe
            )["violations"]:
                targets = [json.dumps(n["target"]) for n in violation["nodes"]][:3]
                problems.append(
                    f"{url}: axe {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
                )
        for stop in walk(page, list(SCHEMES.values())) if system == "light" else []:
            stops += 1
            if stop["problems"]:
                problems.append(
                    f"{url}: Tab stop {stop['what']} ({stop['scheme']}): {', '.join(stop['problems'])}"
                )
        if url.endswith(
            "/no/such/page/"
        ):  # the 404 page's own status, and the console's note of it
            for expected in (f"HTTP 404: {url}", f"console error: {NOT_FOUND}"):
                if expected in watch.problems:
                    watch.problems.remove(expected)
        problems += [f"{url}: {p}" for p in watch.problems]
        watch.problems.clear()
    assert system == "dark" or stops > 10 * len(site.page_files), (
        f"Tab reached only {stops} stops: is it walking?"
    )
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_search_finds_each_essay_page_by_a_word_only_it_uses(
    new_context: NewContext, site: BuiltSite, served: PagesServer
) -> None:
    watch = Watch(served.origin)
    context = new_context(viewport=DESKTOP)
    watch.attach(context)
    page = context.new_page()
    page.goto(served.url, wait_until="load")
    search = page.locator("input.md-search__input")
    search.click()
    # Material answers queries once its worker has read the index; until then it says so.
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    seed = read_seed(site.project.seed)
    problems = []
    for essay_page in site.table.parts:
        section = section_of(essay_page, seed)
        assert section is not None, f"docs/{essay_page.source}: carries no seed section"
        word = unique_word(section, seed)
        search.fill("")
        search.press_sequentially(word)  # typed, as a reader does: Material reads key presses
        first = page.locator(f".md-search-result__item a[href*='h={word}']").first
        first.wait_for(state="visible")
        found = urlsplit(first.get_attribute("href") or "").path
        if found != site.url_path(site.file_of(essay_page)):
            problems.append(f"docs/{essay_page.source}: searching '{word}' first finds {found}")
    assert not problems, "\n".join(problems)
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.browser
def test_scheme_follows_the_system_until_chosen_then_the_choice_stays(
    new_context: NewContext, served: PagesServer
) -> None:
    page = new_context(viewport=DESKTOP, color_scheme="dark").new_page()
    scheme = "() => document.body.dataset.mdColorScheme"
    page.goto(served.url, wait_until="load")
    assert page.evaluate(scheme) == "slate", (
        "with no choice made, a dark system gets the dark scheme"
    )
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate(scheme) == "default", "the toggle did not switch to light"
    page.goto(served.url + PILLAR.url, wait_until="load")
    assert page.evaluate(scheme) == "default", "the choice did not survive navigation"
    page.reload(wait_until="load")
    assert page.evaluate(scheme) == "default", "the choice did not survive a reload"


@pytest.mark.browser
def test_phone_drawer_reaches_every_page(
    new_context: NewContext, site: BuiltSite, served: PagesServer
) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(served.url, wait_until="load")
    entries = site.nav()
    for title, href in entries[1:] + entries[:1]:  # start on Home, so reach it last
        page.locator("label.md-header__button[for=__drawer]").click()
        link = page.locator("nav.md-nav--primary a.md-nav__link:visible", has_text=title).first
        link.wait_for(state="visible")
        link.click()
        expected = site.resolve("index.html", href).url
        page.wait_for_url(served.origin + urlsplit(expected).path)


@pytest.mark.browser
def test_old_links_land_on_the_moved_page_and_anchor(
    new_context: NewContext, moved: BuiltSite
) -> None:
    with PagesServer(moved.root, moved.base_path) as server:
        page = new_context().new_page()
        (old, new), (old_id, new_id) = MOVE["page"], MOVE["id"]
        page.goto(server.url + f"{old}/#{old_id}")
        page.wait_for_url(server.url + f"{new}/#{new_id}")
        assert page.locator(f"h1#{new_id}").is_visible()
