"""The six public pages, at URLs that never change, each in the navigation under its title."""

import pytest

from sitekit import ROOT, checks
from sitekit.contract import PAGES
from sitekit.site import BuiltSite


def test_pages_headings_and_navigation(site: BuiltSite) -> None:
    problems = checks.pages_and_nav(site, ROOT / "docs", PAGES)
    assert not problems, "\n".join(problems)


def test_navigation_lists_exactly_the_six_pages_in_order(site: BuiltSite) -> None:
    assert [title for title, _ in site.nav()] == [title for _, _, title in PAGES]


@pytest.mark.parametrize("url", [url for url, _, _ in PAGES[1:-1]])
def test_home_has_a_card_for_each_pillar(site: BuiltSite, url: str) -> None:
    cards = site.soup("index.html").select(".grid.cards li")
    hrefs = [site.resolve("index.html", str(a["href"])).url for c in cards for a in c.select("a")]
    page = site.file_for(site.base_path + url.lstrip("/"))
    assert page and site.site_url + url.lstrip("/") in hrefs, f"index.html: no card links to {url}"
    card = cards[hrefs.index(site.site_url + url.lstrip("/"))]
    description = site.meta(page, "description")
    assert description and description in card.get_text(" "), (
        f"index.html: the card for {url} does not carry that page's description {description!r}"
    )


def test_home_leads_on_to_the_conclusion(site: BuiltSite) -> None:
    article = site.article("index.html")
    assert article is not None
    targets = [site.resolve("index.html", str(a["href"])).url for a in article.select("a[href]")]
    assert site.site_url + "conclusion/" in targets, "index.html: no link on to the conclusion"


def test_every_page_has_a_one_sentence_meta_description(site: BuiltSite) -> None:
    for page in site.pages:
        description = site.meta(page, "description")
        assert description and description.endswith("."), f"{page}: no meta description"
        assert description != site.meta("404.html", "description"), (
            f"{page}: meta description is the site default, not the page's own"
        )


def test_reader_features_are_on_every_page(site: BuiltSite) -> None:
    """Scheme toggle, search, permalinks, edit link and previous/next footer."""
    for page in site.pages:
        soup = site.soup(page)
        assert len(soup.select("form[data-md-component=palette] input[name=__palette]")) == 3, (
            f"{page}: light, dark and automatic schemes are not all offered"
        )
        assert soup.select_one("[data-md-component=search] input"), f"{page}: no search box"
        assert soup.select("h1 a.headerlink"), f"{page}: heading has no permalink"
        edit = soup.select_one("a.md-content__button[href*='/edit/main/docs/']")
        assert edit, f"{page}: no edit-this-page link to the repository"
        footer_links = soup.select("nav.md-footer__inner a.md-footer__link")
        assert footer_links, f"{page}: no previous/next links in the footer"


def test_404_page_offers_a_way_back(site: BuiltSite) -> None:
    soup = site.soup("404.html")
    assert soup.select_one("[data-md-component=search] input"), "404.html: no search"
    article = site.article("404.html")
    assert article is not None
    reached = {site.resolve("404.html", str(a["href"])).file for a in article.select("a[href]")}
    assert set(site.pages) <= reached, f"404.html: does not link every page: {reached}"
