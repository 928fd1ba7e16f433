"""Served like GitHub Pages (sub-path, 301 for /dir, the root 404.html at any depth, gzip,
max-age=600): the site under test and a fork's build (another SITE_URL, another sub-path) are both
crawled from their home pages, and every link answers 200."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from harness.site import BuiltSite, links_in
from sitebuild.server import PagesServer
from tests.conftest import PILLAR, fetch


def internal_links(html: bytes, page_url: str, origin: str) -> set[str]:
    """Every link on a served page that stays on this server, without its fragment."""
    links = links_in(BeautifulSoup(html, "lxml"))
    urls = {urljoin(page_url, value).split("#")[0] for _, _, value in links}
    return {url for url in urls if url.startswith(origin)}


def assert_crawl_answers_200(site: BuiltSite) -> None:
    """Follow every internal link from the home page: each answers 200, and every page is reached."""
    with PagesServer(site.root, site.base_path) as server:
        seen, queue, problems = {server.url}, [server.url], []
        while queue:
            url = queue.pop()
            answer = fetch(url)
            if answer.status != 200:
                problems.append(f"{url}: {answer.status}")
            elif answer.headers.get_content_type() == "text/html":
                found = internal_links(answer.body, url, server.origin) - seen
                seen |= found
                queue += found
        unreached = {server.origin + site.url_path(p) for p in site.page_files} - seen
    problems += [f"the crawl from the home page never reached {u}" for u in sorted(unreached)]
    assert not problems, "\n".join(problems)


def test_crawl_from_home_every_internal_link_answers_200(site: BuiltSite) -> None:
    assert_crawl_answers_200(site)


def test_a_forks_build_is_its_own_under_its_sub_path(fork: BuiltSite) -> None:
    assert fork.base_path == "/a-fork/" and fork.site_url == "https://someone.github.io/a-fork/"
    assert_crawl_answers_200(fork)  # and the guards that concern a fork: tests/test_guards.py
    stylesheets = [str(a["href"]) for a in fork.soup("404.html").select("link[rel=stylesheet]")]
    assert stylesheets and all(s.startswith("/a-fork/") for s in stylesheets), stylesheets
    edit = fork.soup("index.html").select_one("a.md-content__button")
    edit_url = "https://github.com/someone/a-fork/edit/main/docs/"
    assert edit and str(edit["href"]).startswith(edit_url)


def test_site_lives_under_its_sub_path(served: PagesServer) -> None:
    assert fetch(served.url).status == 200
    assert fetch(served.origin + "/index.html").status == 404
    bare = fetch(served.url.rstrip("/"))
    assert (bare.status, bare.headers["location"]) == (301, urlsplit(served.url).path)


def test_directory_without_slash_answers_301(served: PagesServer) -> None:
    answer = fetch(served.url + PILLAR.url.rstrip("/"))
    assert (answer.status, answer.headers["location"]) == (301, served.base_path + PILLAR.url)


def test_paths_are_case_sensitive(served: PagesServer) -> None:
    assert fetch(served.url + PILLAR.url.capitalize()).status == 404


def test_missing_path_three_deep_serves_the_404_page_and_all_it_needs(served: PagesServer) -> None:
    url = served.url + "no/such/page/"
    answer = fetch(url)
    assert answer.status == 404
    heading = BeautifulSoup(answer.body, "lxml").find("h1")
    assert heading and heading.get_text(strip=True) == "Page not found", "not the site's 404 page"
    links = internal_links(answer.body, url, served.origin)
    assert len(links) > 8, f"the 404 page links only {len(links)} things"
    failures = [f"{u}: {status}" for u in sorted(links) if (status := fetch(u).status) != 200]
    assert not failures, "on the 404 page:\n" + "\n".join(failures)


def test_files_go_out_compressed_with_a_ten_minute_cache(served: PagesServer) -> None:
    headers = fetch(served.url, gzip_ok=True).headers
    assert (headers["content-encoding"], headers["cache-control"]) == ("gzip", "max-age=600")
