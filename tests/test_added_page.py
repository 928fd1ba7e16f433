"""The table of pages (sitebuild/table.py) is the one source of what pages exist and what each is
in the essay. A page that is not part of the essay, added as the README says - its file, a nav
line, its published links - keeps every promise and leaves the essay's own structure alone. The
fixture's page has a name no real page will use, so the README's own example (an About page) can
be added to the project without the suite tripping over it."""

from __future__ import annotations

from harness.site import BuiltSite, visible_text

SOURCE = "sandbox-page.md"  # tests/conftest.py adds it


def test_the_page_is_in_the_table_without_a_role(added: BuiltSite) -> None:
    page = added.table.by_source(SOURCE)
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
