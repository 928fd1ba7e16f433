"""Values from mkdocs.yml and front matter are text, whatever they hold. The conftest's hostile copy
(HOSTILE: a double quote, '&', '<' and '</script>') builds, passes its guards (tests/test_guards.py),
carries each value whole and runs nothing injected; ordinary titles build under either engine."""

from __future__ import annotations

import json
from typing import Any

import pytest

from harness.guards import run
from harness.sandbox import both, config, meta, retitle
from harness.site import BuiltSite
from sitebuild.server import PagesServer
from tests.conftest import HOSTILE, PILLAR, BuildCopy, NewContext

READ = """() => ({
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
})""".replace("NAV_TITLE", json.dumps(HOSTILE["nav title"]))


def test_the_values_went_in(hostile: BuiltSite) -> None:
    assert hostile.settings.site_name == HOSTILE["site_name"]
    assert hostile.settings.site_description == HOSTILE["site_description"]
    page = hostile.table.by_source(PILLAR.source)
    assert page and page.nav_title == HOSTILE["nav title"]
    assert page.description == HOSTILE["description"]


@pytest.mark.browser
def test_in_chromium_every_tag_carries_the_whole_value_and_nothing_injected_runs(
    hostile: BuiltSite, new_context: NewContext
) -> None:
    problems = []
    with PagesServer(hostile.root, hostile.base_path) as server:
        page = new_context().new_page()
        for file in [*hostile.page_files, "no/such/page/"]:
            url = server.url + hostile.page_path(file)
            page.goto(url, wait_until="load")
            seen = page.evaluate(READ)
            own = hostile.page_of(file)
            description = own.description if own else HOSTILE["site_description"]
            name = HOSTILE["site_name"]
            expected = {"injected": None, "description": description, "og": description, "twitter": description,
                        "site": name, "header": name, "logo": name, "toggle": HOSTILE["toggle"], "nav": True}  # fmt: skip
            problems += [
                f"{url}: {k} is {seen[k]!r}, not {v!r}" for k, v in expected.items() if seen[k] != v
            ]
            if not seen["title"].endswith(name):
                problems.append(f"{url}: the title {seen['title']!r} lost the site name")
    assert not problems, "\n".join(problems)


def test_ordinary_titles_build_under_zensical_too(build_copy: BuildCopy) -> None:
    """Zensical escapes nothing its theme prints and refuses only what would become markup (see
    tests/test_faults.py); an ampersand, an apostrophe, a quoted word, an abbreviation go through."""
    site_name = "Security & Defense: a nation's alliances, Q&A"

    def ordinary(data: Any) -> None:
        data["site_name"] = site_name
        retitle(data, PILLAR.source, 'R&D partners & "allies"')

    description = meta(
        f"docs/{PILLAR.source}", "description", 'Ties "of trust" & more, as U.S. Navy ones.'
    )
    subtitle = meta(f"docs/{PILLAR.source}", "subtitle", 'Ties "that bind"')
    built = build_copy(
        "ordinary", both(config(ordinary), description, subtitle), engine="zensical", pdf=False
    )
    problems = run(built, "sharing", "labels", "validity")
    assert not problems, "\n".join(problems)
    assert built.soup("index.html").select_one(f'a.md-logo[aria-label="{site_name}"]'), (
        "the logo lost the site name"
    )
