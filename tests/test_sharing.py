"""Shareable pages: canonical URL, description, Open Graph and Twitter cards, sitemap and robots,
all against site_url - and a fork's SITE_URL replaces it everywhere."""

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from sitekit import ROOT
from sitekit.build import build
from sitekit.site import BuiltSite


def test_every_page_has_canonical_description_and_cards(site: BuiltSite) -> None:
    for page in site.pages:
        url = site.url(page)
        canonical = site.soup(page).find("link", rel="canonical")
        assert canonical and canonical["href"] == url, f"{page}: canonical is not {url}"
        description = site.meta(page, "description")
        assert description, f"{page}: no meta description"
        expected = {
            "og:url": url,
            "og:description": description,
            "twitter:card": "summary",
            "twitter:description": description,
        }
        for key, value in expected.items():
            assert site.meta(page, key) == value, (
                f"{page}: {key} is {site.meta(page, key)!r}, expected {value!r}"
            )
        for key in ("og:title", "twitter:title"):
            assert site.meta(page, key), f"{page}: no {key}"


def test_sitemap_lists_every_page_under_site_url(site: BuiltSite) -> None:
    tree = etree.parse(str(site.root / "sitemap.xml"))
    locations = {e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    expected = {site.url(p) for p in site.pages}
    assert locations == expected, f"sitemap.xml: {sorted(locations ^ expected)} differ"


def test_robots_txt_names_the_sitemap(site: BuiltSite) -> None:
    robots = (site.root / "robots.txt").read_text().splitlines()
    assert f"Sitemap: {site.site_url}sitemap.xml" in [line.strip() for line in robots], "robots.txt"


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    env = {
        "SITE_URL": "https://someone.github.io/a-fork/",
        "REPO_URL": "https://github.com/someone/a-fork",
    }
    return build(ROOT, tmp_path_factory.mktemp("fork"), env=env).site


def test_a_fork_deploys_unchanged_with_its_own_site_url(fork: BuiltSite) -> None:
    assert fork.base_path == "/a-fork/"
    canonical = fork.soup("partnerships/index.html").find("link", rel="canonical")
    assert canonical and canonical["href"] == "https://someone.github.io/a-fork/partnerships/"
    stylesheets = [
        str(link["href"]) for link in fork.soup("404.html").select("link[rel=stylesheet]")
    ]
    assert stylesheets and all(s.startswith("/a-fork/") for s in stylesheets), stylesheets
    edit = fork.soup("index.html").select_one("a.md-content__button")
    assert edit and str(edit["href"]).startswith(
        "https://github.com/someone/a-fork/edit/main/docs/"
    )


def test_two_builds_of_one_commit_are_byte_identical(site: BuiltSite, tmp_path: Path) -> None:
    again = build(ROOT, tmp_path / "again").site
    assert again.files == site.files, "the two builds hold different files"
    differ = [
        f for f in site.files if (site.root / f).read_bytes() != (again.root / f).read_bytes()
    ]
    assert not differ, f"files differ between two builds of one commit: {differ}"


def test_llms_txt_lists_every_page_with_its_description(site: BuiltSite) -> None:
    text = (site.root / "llms.txt").read_text(encoding="utf-8")
    soup = BeautifulSoup(markdown.markdown(text), "lxml")  # read as the Markdown it is
    assert soup.find("h1") and soup.find("blockquote"), (
        "llms.txt: no title or summary (llmstxt.org)"
    )
    listed = {}
    for item in soup.select("li"):
        link = item.find("a")
        assert link, f"llms.txt: entry without a link: {item.get_text()!r}"
        target = site.resolve("index.html", str(link["href"]))
        assert target.file and not target.problem, f"llms.txt: {link['href']}: {target.problem}"
        listed[target.file] = item.get_text()
    assert set(listed) == set(site.pages), f"llms.txt: lists {sorted(listed)}, not every page"
    for page, entry in listed.items():
        assert str(site.meta(page, "description")) in entry, (
            f"llms.txt: {page} lacks its description"
        )
