"""Served as GitHub Pages serves them (under a sub-path, the root 404.html at any depth), the site and
a fork's build lead from home to every page with no broken link, nor one on the 404 page."""

from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FORK
from tests.support.server import serve
from tests.support.site import BuiltSite, links_in


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, media type and body of a GET: an error status is an answer; no answer is status 0."""
    try:
        with urlopen(url, timeout=10) as answer:
            return int(answer.status), answer.headers.get_content_type(), answer.read()
    except HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()
    except OSError:
        return 0, "", b""


def links(url: str, page: str | bytes) -> set[str]:
    return {urljoin(url, v).split("#")[0] for *_, v in links_in(BeautifulSoup(page, "lxml"))}


def crawl(origin: str, start: str) -> dict[str, int]:
    """Each URL under `origin` reached from `start`, following the links of each page that answers."""
    statuses: dict[str, int] = {}
    queue = [start]
    while queue:
        if (url := queue.pop()) not in statuses and url.startswith(origin):
            statuses[url], kind, body = fetch(url)
            queue += links(url, body) if kind == "text/html" and statuses[url] == 200 else []
    return statuses


@pytest.mark.parametrize("variant", ["site", "fork"])
def test_served_every_link_answers_200(request: pytest.FixtureRequest, variant: str) -> None:
    """From home, and from the 404 page: one file at any depth, so its links must name the sub-path."""
    built: BuiltSite = request.getfixturevalue(variant)
    fork = variant == "fork"  # served at its SITE_URL's sub-path, not wherever its build says
    base = urlsplit(FORK["SITE_URL"] + "/").path if fork else built.base_path
    with serve(built.root, base) as url:
        statuses = crawl(origin := url.removesuffix(base) + "/", url)
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
