"""Values from mkdocs.yml and front matter are text, whatever they hold. A copy of the project gets
hostile but legitimate values - a double quote, '&', '<' and '</script>' - in the site name, the
site description, a page's description and a navigation title. It must build, validate, carry each
value whole in every tag, and run nothing that was injected."""

from __future__ import annotations

import json

import pytest

from harness.guards import GUARDS
from harness.sandbox import replace_in
from harness.site import BuiltSite
from sitebuild.project import Project
from sitebuild.server import PagesServer
from tests.conftest import BuildCopy, NewContext

INJECTED = "</script><script>window.__injected=1</script>"
SITE_NAME = f'Alliances "Strategic" & <Co> {INJECTED}'
SITE_DESCRIPTION = f'The essay "in one" & <b>bold</b> {INJECTED}'
DESCRIPTION = f'Ties "of trust" & <i>more</i> {INJECTED} end.'
NAV_TITLE = f'Partners "&" <em>co</em> {INJECTED}'


def hostile(copy: Project) -> None:
    config = copy.config_file

    def quoted(value: str) -> str:  # a JSON string is a YAML string that reads back exactly
        return json.dumps(value, ensure_ascii=False)

    replace_in(config, "site_name: Strategic Alliances\n", f"site_name: {quoted(SITE_NAME)}\n")
    text = config.read_text(encoding="utf-8")
    start = text.index("site_description:")
    end = text.index("\n# A GitHub Pages project URL")
    config.write_text(
        text[:start] + f"site_description: {quoted(SITE_DESCRIPTION)}\n" + text[end:],
        encoding="utf-8",
    )
    replace_in(
        config, "  - Partnerships: partnerships.md\n", f"  - {quoted(NAV_TITLE)}: partnerships.md\n"
    )
    page = copy.docs / "partnerships.md"
    text = page.read_text(encoding="utf-8")
    start, end = text.index("description: >-"), text.index("icon:")
    page.write_text(
        text[:start] + f"description: {quoted(DESCRIPTION)}\n" + text[end:], encoding="utf-8"
    )


@pytest.fixture(scope="module")
def hostile_site(build_copy: BuildCopy) -> BuiltSite:
    return build_copy("hostile", hostile)


def test_the_values_went_in(hostile_site: BuiltSite) -> None:
    assert (
        hostile_site.settings.site_name == SITE_NAME
        and hostile_site.settings.site_description == SITE_DESCRIPTION
    )
    page = hostile_site.table.by_source("partnerships.md")
    assert page and page.nav_title == NAV_TITLE and page.description == DESCRIPTION


@pytest.mark.parametrize("name", ["validity", "sharing", "llms_txt", "inventory", "links", "pages"])
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
    })"""
    problems = []
    with PagesServer(hostile_site.root, hostile_site.base_path) as server:
        page = new_context().new_page()
        for file in [*hostile_site.pages, "no/such/page/"]:
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
            }
            problems += [
                f"{url}: {key} is {seen[key]!r}, not {value!r}"
                for key, value in expected.items()
                if seen[key] != value
            ]
            if not seen["title"].endswith(SITE_NAME):
                problems.append(f"{url}: the title {seen['title']!r} lost the site name")
    assert not problems, "\n".join(problems)
