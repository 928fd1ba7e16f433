"""A page outside the essay, added as the README says (the conftest's `added`), is in the table of
pages without a role and leaves the essay's structure alone. Its name is one no real page will use,
so the README's own example (an About page) can be added without the suite tripping over it."""

from __future__ import annotations

from harness.site import BuiltSite, visible_text


def test_the_page_is_in_the_table_without_a_role(added: BuiltSite) -> None:
    page = added.table.by_source("sandbox-page.md")
    assert page is not None and page.role is None and page.url == "sandbox-page/"
    assert page not in added.table.parts


def test_the_home_page_is_unchanged(site: BuiltSite, added: BuiltSite) -> None:
    def structure(built: BuiltSite) -> list[str]:
        article = built.article("index.html")
        assert article is not None
        return [visible_text(e) for e in article.select("[data-structure]")]

    assert structure(added) == structure(site), "adding a page changed the home page"


def test_llms_txt_lists_the_page_apart_from_the_essay(added: BuiltSite) -> None:
    text = (added.root / "llms.txt").read_text(encoding="utf-8")
    essay, _, optional = text.partition("## Optional")
    assert "/sandbox-page/" in optional and "/sandbox-page/" not in essay, text
