"""Served like GitHub Pages (sub-path, 301 for /dir, the root 404.html at any depth, gzip,
max-age=600): the site under test and a fork's build (another SITE_URL, another sub-path) are both
crawled from their home pages, and every link answers 200."""

from __future__ import annotations

import gzip
import http.client
from collections import deque
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from harness.site import BuiltSite, links_in
from sitebuild.server import PagesServer
from tests.conftest import PILLAR


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes  # decompressed

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, gzip_ok: bool = False) -> Response:
    """One GET that does not follow redirects, so a 301 is seen as a 301."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(
            "GET", path, headers={"Accept-Encoding": "gzip" if gzip_ok else "identity"}
        )
        answer = connection.getresponse()
        body = answer.read()
        headers = {k.lower(): v for k, v in answer.getheaders()}
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return Response(answer.status, headers, body)
    finally:
        connection.close()


def internal_links(html: str, page_url: str, origin: str) -> set[str]:
    """Every link on a served page that stays on this server, without its fragment."""
    urls = {
        urljoin(page_url, value).split("#")[0]
        for _, _, value in links_in(BeautifulSoup(html, "lxml"))
    }
    return {url for url in urls if url.startswith(origin)}


def crawl(site: BuiltSite) -> list[str]:
    """Follow every internal link from the home page; return what did not answer 200, and pages
    the crawl never reached."""
    with PagesServer(site.root, site.base_path) as server:
        seen, queue, failures = {server.url}, deque([server.url]), []
        while queue:
            url = queue.popleft()
            answer = fetch(url)
            if answer.status != 200:
                failures.append(f"{url}: {answer.status}")
                continue
            if answer.headers.get("content-type", "").startswith("text/html"):
                for link in internal_links(answer.text, url, server.origin) - seen:
                    seen.add(link)
                    queue.append(link)
        unreached = {server.origin + site.url_path(p) for p in site.page_files} - seen
        return failures + [
            f"the crawl from the home page never reached {u}" for u in sorted(unreached)
        ]


def test_crawl_from_home_every_internal_link_answers_200(site: BuiltSite) -> None:
    problems = crawl(site)
    assert not problems, "\n".join(problems)


def test_a_forks_build_is_its_own_under_its_sub_path(fork: BuiltSite) -> None:
    assert fork.base_path == "/a-fork/" and fork.site_url == "https://someone.github.io/a-fork/"
    problems = crawl(fork)  # and the guards that concern a fork: tests/test_guards.py
    assert not problems, "\n".join(problems)
    stylesheets = [
        str(link["href"]) for link in fork.soup("404.html").select("link[rel=stylesheet]")
    ]
    assert stylesheets and all(s.startswith("/a-fork/") for s in stylesheets), stylesheets
    edit = fork.soup("index.html").select_one("a.md-content__button")
    assert edit and str(edit["href"]).startswith(
        "https://github.com/someone/a-fork/edit/main/docs/"
    )


def test_site_lives_under_its_sub_path(served: PagesServer) -> None:
    assert fetch(served.url).status == 200
    assert fetch(served.origin + "/index.html").status == 404
    bare = fetch(served.url.rstrip("/"))
    assert (bare.status, bare.headers.get("location")) == (301, urlsplit(served.url).path)


def test_directory_without_slash_answers_301(served: PagesServer) -> None:
    answer = fetch(served.url + PILLAR.url.rstrip("/"))
    assert answer.status == 301
    assert answer.headers["location"] == urlsplit(served.url).path + PILLAR.url


def test_paths_are_case_sensitive(served: PagesServer) -> None:
    assert fetch(served.url + PILLAR.url.capitalize()).status == 404


def test_missing_path_three_deep_serves_the_404_page_and_all_it_needs(served: PagesServer) -> None:
    url = served.url + "no/such/page/"
    answer = fetch(url)
    assert answer.status == 404
    heading = BeautifulSoup(answer.text, "lxml").find("h1")
    assert heading and heading.get_text(strip=True) == "Page not found", "not the site's 404 page"
    links = internal_links(answer.text, url, served.origin)
    assert len(links) > 8, f"the 404 page links only {len(links)} things"
    failures = [
        f"{link}: {status}" for link in sorted(links) if (status := fetch(link).status) != 200
    ]
    assert not failures, "on the 404 page:\n" + "\n".join(failures)


def test_files_go_out_compressed_with_a_ten_minute_cache(served: PagesServer) -> None:
    answer = fetch(served.url, gzip_ok=True)
    assert answer.headers.get("content-encoding") == "gzip"
    assert answer.headers.get("cache-control") == "max-age=600"
