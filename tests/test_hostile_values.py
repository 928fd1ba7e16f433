"""Values from mkdocs.yml and front matter are text, whatever they hold. A copy of the project gets
hostile but legitimate values - a double quote, '&', '<' and '</script>' - in the site name, the
site description, a page's description and a navigation title. It must build, validate, carry each
value whole in every tag, and run nothing that was injected."""

from __future__ import annotations

import json
from typing import Any

import pytest

from harness.guards import GUARDS
from harness.sandbox import both, config, front_matter, nav_item
from harness.site import BuiltSite
from sitebuild.engines import Engine
from sitebuild.project import Project
from sitebuild.server import PagesServer
from sitebuild.table import read_table
from tests.conftest import BuildCopy, NewContext

INJECTED = "</script><script>window.__injected=1</script>"
SITE_NAME = f'Alliances "Strategic" & <Co> {INJECTED}'
SITE_DESCRIPTION = f'The essay "in one" & <b>bold</b> {INJECTED}'
DESCRIPTION = f'Ties "of trust" & <i>more</i> {INJECTED} end.'
NAV_TITLE = f'Partners "&" <em>co</em> {INJECTED}'


PAGE = read_table(Project().config_file).with_role("pillar")[0].source


TOGGLE = 'Switch to "dark" <mode> & back'
ORDINARY = {
    "site_name": "Security & Defense: a nation's alliances",
    "nav title": "Partners & allies",
}


def hostile(data: Any) -> None:
    data["site_name"], data["site_description"] = SITE_NAME, SITE_DESCRIPTION
    item, title = nav_item(data, PAGE)
    item[NAV_TITLE] = item.pop(title)
    data["theme"]["palette"][1]["toggle"]["name"] = TOGGLE


@pytest.fixture(scope="module")
def hostile_site(build_copy: BuildCopy) -> BuiltSite:
    return build_copy(
        "hostile",
        both(
            config(hostile),
            front_matter(f"docs/{PAGE}", lambda d: d.__setitem__("description", DESCRIPTION)),
        ),
    )


def test_the_values_went_in(hostile_site: BuiltSite) -> None:
    assert (
        hostile_site.settings.site_name == SITE_NAME
        and hostile_site.settings.site_description == SITE_DESCRIPTION
    )
    page = hostile_site.table.by_source(PAGE)
    assert page and page.nav_title == NAV_TITLE and page.description == DESCRIPTION


@pytest.mark.parametrize(
    "name",
    ["validity", "sharing", "llms_txt", "inventory", "links", "structure", "labels", "features"],
)
def test_hostile_values_keep_every_promise(hostile_site: BuiltSite, name: str) -> None:
    problems = GUARDS[name](hostile_site)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_in_chromium_every_tag_carries_the_whole_value_and_nothing_injected_runs(
    hostile_site: BuiltSite, new_context: NewContext
) -> None:
    read = """() => ({
        injected: window.__injected,
        title: document.title,
        description: document.querySelector('meta[name=description]').content,
        og: document.querySelector('meta[property="og:description"]').content,
        twitter: document.querySelector('meta[name="twitter:description"]').content,
        site: document.querySelector('meta[property="og:site_name"]').content,
        header: document.querySelector('.md-header__topic .md-ellipsis').textContent.trim(),
        logo: document.querySelector('a.md-logo').getAttribute('aria-label'),
        toggle: document.querySelector('#__palette_1').getAttribute('aria-label'),
        nav: [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link')].some(
            a => a.textContent.trim() === NAV_TITLE),
    })""".replace("NAV_TITLE", json.dumps(NAV_TITLE))
    problems = []
    with PagesServer(hostile_site.root, hostile_site.base_path) as server:
        page = new_context().new_page()
        for file in [*hostile_site.page_files, "no/such/page/"]:
            url = server.url + hostile_site.page_path(file)
            page.goto(url, wait_until="load")
            seen = page.evaluate(read)
            own = hostile_site.page_of(file)
            description = own.description if own else SITE_DESCRIPTION
            expected = {
                "injected": None,
                "description": description,
                "og": description,
                "twitter": description,
                "site": SITE_NAME,
                "header": SITE_NAME,
                "logo": SITE_NAME,
                "toggle": TOGGLE,
                "nav": True,
            }
            problems += [
                f"{url}: {key} is {seen[key]!r}, not {value!r}"
                for key, value in expected.items()
                if seen[key] != value
            ]
            if not seen["title"].endswith(SITE_NAME):
                problems.append(f"{url}: the title {seen['title']!r} lost the site name")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_ordinary_titles_build_under_either_engine(build_copy: BuildCopy, engine: Engine) -> None:
    """An ampersand, an apostrophe and a quoted word are ordinary text: Zensical, which escapes
    nothing the theme prints, refuses only what would become markup (tests/test_faults.py)."""

    def ordinary(data: Any) -> None:
        data["site_name"] = ORDINARY["site_name"]
        item, title = nav_item(data, PAGE)
        item[ORDINARY["nav title"]] = item.pop(title)

    change = both(
        config(ordinary),
        front_matter(
            f"docs/{PAGE}", lambda d: d.__setitem__("description", 'Ties "of trust" & more.')
        ),
    )
    built = build_copy(f"ordinary-{engine}", change, engine=engine)
    problems = [p for name in ("sharing", "labels", "validity") for p in GUARDS[name](built)]
    assert not problems, "\n".join(problems)
    assert built.soup("index.html").select_one(f'a[aria-label="{ORDINARY["site_name"]}"]'), (
        "the logo lost the site name"
    )
