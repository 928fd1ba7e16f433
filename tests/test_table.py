"""The table of pages (sitebuild/pages.py) is the one source of what pages exist and what each is
in the essay. Adding a page that is not part of the essay - an About page: its file, a nav line,
its published links - must keep every promise, and leave the essay's own structure alone."""

from __future__ import annotations

import pytest

from harness.guards import GUARDS
from harness.sandbox import add_about_page
from harness.site import BuiltSite, visible_text
from tests.conftest import BuildCopy


@pytest.fixture(scope="module")
def with_about(build_copy: BuildCopy) -> BuiltSite:
    return build_copy("about", add_about_page)


def test_the_about_page_is_in_the_table_without_a_role(with_about: BuiltSite) -> None:
    about = with_about.table.by_source("about.md")
    assert about is not None and about.role is None and about.url == "about/"
    assert about not in with_about.table.parts


@pytest.mark.parametrize("name", [n for n in GUARDS if n != "validity"])
def test_every_guard_still_passes(with_about: BuiltSite, name: str) -> None:
    problems = GUARDS[name](with_about)
    assert not problems, "\n".join(problems)


def test_the_home_page_still_shows_the_pillars_and_leads_to_the_conclusion(
    site: BuiltSite, with_about: BuiltSite
) -> None:
    def structure(built: BuiltSite) -> list[str]:
        article = built.article("index.html")
        assert article is not None
        return [visible_text(e) for e in article.select("[data-structure]")]

    assert structure(with_about) == structure(site), "adding About changed the home page"
    assert "Read the conclusion" in " ".join(structure(with_about))


def test_llms_txt_lists_the_about_page_apart_from_the_essay(with_about: BuiltSite) -> None:
    text = (with_about.root / "llms.txt").read_text(encoding="utf-8")
    essay, _, optional = text.partition("## Optional")
    assert "/about/" in optional and "/about/" not in essay, text
