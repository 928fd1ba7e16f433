"""The build behaves on a GitHub-Pages-like server: sub-path, 301 for /dir, 404.html for misses."""

from collections import deque
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from sitekit.pages_server import PagesServer, fetch
from sitekit.site import BuiltSite, links_in


def internal_links(html: str, page_url: str, origin: str) -> set[str]:
    """Every link on a served page that stays on this server, without its fragment."""
    urls = {
        urljoin(page_url, value).split("#")[0]
        for _, _, value in links_in(BeautifulSoup(html, "lxml"))
    }
    return {url for url in urls if url.startswith(origin)}


def test_crawl_from_home_every_internal_link_answers_200(
    pages: PagesServer, site: BuiltSite
) -> None:
    seen, queue, failures = {pages.url}, deque([pages.url]), []
    while queue:
        url = queue.popleft()
        answer = fetch(url)
        if answer.status != 200:
            failures.append(f"{url}: {answer.status}")
            continue
        if answer.headers.get("content-type", "").startswith("text/html"):
            for link in internal_links(answer.text, url, pages.origin) - seen:
                seen.add(link)
                queue.append(link)
    unreached = {pages.origin + site.url_path(p) for p in site.pages} - seen
    assert not unreached, f"the crawl from the home page never reached {sorted(unreached)}"
    assert not failures, "\n".join(failures)


def test_site_lives_under_its_sub_path(pages: PagesServer) -> None:
    assert fetch(pages.url).status == 200
    assert fetch(pages.origin + "/index.html").status == 404
    bare = fetch(pages.url.rstrip("/"))
    assert (bare.status, bare.headers.get("location")) == (301, urlsplit(pages.url).path)


def test_directory_without_slash_answers_301(pages: PagesServer) -> None:
    answer = fetch(pages.url + "partnerships")
    assert answer.status == 301
    assert answer.headers["location"] == urlsplit(pages.url).path + "partnerships/"


def test_paths_are_case_sensitive(pages: PagesServer) -> None:
    assert fetch(pages.url + "Partnerships/").status == 404


def test_missing_path_three_deep_serves_the_404_page_and_all_it_needs(pages: PagesServer) -> None:
    url = pages.url + "no/such/page/"
    answer = fetch(url)
    assert answer.status == 404
    heading = BeautifulSoup(answer.text, "lxml").find("h1")
    assert heading and heading.get_text(strip=True) == "Page not found", "not the site's 404 page"
    links = internal_links(answer.text, url, pages.origin)
    assert len(links) > 8, f"the 404 page links only {len(links)} things"
    statuses = {link: fetch(link).status for link in sorted(links)}
    failures = [f"{link}: {status}" for link, status in statuses.items() if status != 200]
    assert not failures, "on the 404 page:\n" + "\n".join(failures)


def test_files_go_out_compressed_with_a_ten_minute_cache(pages: PagesServer) -> None:
    answer = fetch(pages.url, gzip_ok=True)
    assert answer.headers.get("content-encoding") == "gzip"
    assert answer.headers.get("cache-control") == "max-age=600"
