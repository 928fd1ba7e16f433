"""In a real browser (Chromium through Playwright), against the build served like GitHub Pages:
every page clean, accessible to axe and to the keyboard in both schemes and at both sizes, and
reached through the phone drawer; search finds each essay page by a word only it uses; the scheme
choice holds; and old links to a moved page and anchor land on their new place."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harness.browser import AXE_JS, AXE_RUN, SCHEMES, SIZES, Watch, page_urls, probing, walk
from harness.guards import section_of, unique_word
from harness.seed import read_seed
from harness.site import BuiltSite
from sitebuild.server import PagesServer
from tests.conftest import MOVE, PILLAR, NewContext

STATUS_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"


@pytest.mark.browser
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_at_every_size_and_scheme(
    new_context: NewContext, site: BuiltSite, served: PagesServer, size: str
) -> None:
    """Each page (the 404 page first), once per size - on a phone, each reached from the one
    before through the drawer, by its nav title: no console error and no failed or foreign
    request; the heading visible; the scheme a light system asks for, then a dark one's when the
    system turns dark; axe finds no WCAG 2.2 A/AA or best-practice violation (desktop; once the
    system is dark, the rules colour can change, on the same DOM); and every Tab stop is on
    screen, opaque, not zero-sized, and ringed at 3:1 with what surrounds it, in both schemes
    (walked once, each stop probed in each) - so closed panels (the drawer, the search, back to
    top) are out of the Tab order. (A dark system on load: the scheme test below.)"""
    watch = Watch(served.origin)
    page = watch.attach(probing(new_context, size)).new_page()
    problems, stops = [], 0
    for url, title in page_urls(site, served).items():
        if size == "phone" and title is not None:
            page.locator("label.md-header__button[for=__drawer]").click()
            page.locator("nav.md-nav--primary a.md-nav__link:visible", has_text=title).first.click()
            page.wait_for_url(url)
        else:
            page.goto(url, wait_until="load")
        if not page.locator("article h1").first.is_visible():
            problems.append(f"{url}: the page heading is not visible")
        for system in SCHEMES:  # light, as loaded; then the system turns dark
            page.emulate_media(color_scheme=system)
            shown = f"() => document.body.dataset.mdColorScheme === {SCHEMES[system]!r}"
            try:
                page.wait_for_function(shown, timeout=2000)
            except PlaywrightTimeout:
                scheme = page.evaluate("document.body.dataset.mdColorScheme")
                problems.append(f"{url}: scheme {scheme!r} under a {system} system preference")
            if size == "desktop":
                page.add_script_tag(path=str(AXE_JS))
                axe = "only => axe.run(document, {runOnly: only, resultTypes: ['violations']})"
                for violation in page.evaluate(axe, AXE_RUN[system])["violations"]:
                    targets = [json.dumps(n["target"]) for n in violation["nodes"]][:3]
                    problems.append(
                        f"{url}: axe {violation['id']} ({violation['impact']}), {system} system: {violation['help']} at {targets}"
                    )
            for stop in walk(page, list(SCHEMES.values())) if system == "light" else []:
                stops += 1
                if stop["problems"]:
                    problems.append(
                        f"{url}: Tab stop {stop['what']} ({stop['scheme']}): {', '.join(stop['problems'])}"
                    )
        page.emulate_media(color_scheme="light")  # the next page loads under a light system
        # The 404 page's own status, and the console's note of it, are expected there.
        expected = {f"HTTP 404: {url}", f"console error: {STATUS_404}"} if title is None else set()
        problems += [f"{url}: {p}" for p in watch.problems if p not in expected]
        watch.problems.clear()
    assert stops > 10 * len(site.page_files), f"Tab reached only {stops} stops: is it walking?"
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_search_finds_each_essay_page_by_a_word_only_it_uses(
    new_context: NewContext, site: BuiltSite, served: PagesServer
) -> None:
    watch = Watch(served.origin)
    page = watch.attach(new_context(viewport=SIZES["desktop"])).new_page()
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
    page = new_context(viewport=SIZES["desktop"], color_scheme="dark").new_page()
    shown = "() => document.body.dataset.mdColorScheme"
    page.goto(served.url, wait_until="load")
    assert page.evaluate(shown) == "slate", "with no choice made, a dark system gets dark"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate(shown) == "default", "the toggle did not switch to light"
    page.goto(served.url + PILLAR.url, wait_until="load")
    assert page.evaluate(shown) == "default", "the choice did not survive navigation"
    page.reload(wait_until="load")
    assert page.evaluate(shown) == "default", "the choice did not survive a reload"


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
