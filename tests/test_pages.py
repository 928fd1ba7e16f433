"""Served as GitHub Pages serves them (under a sub-path, the root 404.html at any depth), the site
and a fork's build lead from home to every page with no broken link, nor one on the 404 page."""

from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FORK
from tests.support.server import fetch, serve
from tests.support.site import BuiltSite, links_in


def links(url: str, page: str | bytes) -> set[str]:
    return {urljoin(url, v).split("#")[0] for *_, v in links_in(BeautifulSoup(page, "lxml"))}


def crawl(url: str, origin: str, statuses: dict[str, int]) -> dict[str, int]:
    """`statuses` plus the status of each URL under `origin` that `url` leads to, page by page."""
    if url.startswith(origin) and url not in statuses:
        statuses[url], kind, body = fetch(url)
        for link in links(url, body) if kind == "text/html" and statuses[url] == 200 else []:
            crawl(link, origin, statuses)
    return statuses


@pytest.mark.parametrize("variant", ["site", "fork"])
def test_served_every_link_answers_200(request: pytest.FixtureRequest, variant: str) -> None:
    """From home, and from the 404 page: one file at any depth, so its links name the sub-path."""
    built: BuiltSite = request.getfixturevalue(variant)
    fork = variant == "fork"  # served at its SITE_URL's sub-path, not wherever its build says
    base = urlsplit(FORK["SITE_URL"] + "/").path if fork else built.base_path
    with serve(built.root, base) as url:
        statuses = crawl(url, origin := url.removesuffix(base) + "/", {})
        status, _, body = fetch(missing := url + "no/such/page/")
        on_404 = {link: fetch(link)[0] for link in links(missing, body) if link.startswith(origin)}
    wrong = [f"{link}: {answer}" for link, answer in (statuses | on_404).items() if answer != 200]
    assert status == 404 and not wrong, f"{missing}: {status}; broken:\n" + "\n".join(wrong)
    unreached = {url + page.url for page in built.pages} - (statuses.keys() & on_404.keys())
    assert not unreached, f"unreached from home, or not on the 404 page: {unreached}"
    sheets = BeautifulSoup(body, "lxml").select("link[rel=stylesheet]")
    assert sheets and all(urljoin(missing, str(s["href"])).startswith(url) for s in sheets), sheets
    repo = FORK["REPO_URL"] if fork else built.config.repo_url
    edits = [str(a["href"]) for f in built.page_files for a in built.soup(f).select("a[rel=edit]")]
    assert [e.startswith(f"{repo}/edit/") for e in edits] == [True] * len(built.pages), edits
