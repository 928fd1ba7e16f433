"""Read a built site: its files, its pages parsed once each, and where each link lands. Every guard
and test reads a build through this one object, with what MkDocs read it from: the configuration
and the pages with their front matter (tests/support/project.py). Hand-written over a crawler:
linkinator and lychee miss or mis-check fragments, and none knows a fork's build from its own."""

import os
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple
from unittest import mock
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from mkdocs.structure.pages import Page

from hooks.dates import epoch
from tests.support.project import Env, Project, configuration, nav_pages

NAV_LINKS = "nav.md-nav--primary a.md-nav__link[href]:not([href^='#'])"  # to pages, in the nav
LINK_ATTRIBUTES = ("href", "src", "poster", "data", "action")  # attributes naming a resource


class Target(NamedTuple):
    """Where a link points: its URL, the file it lands on (from the site's root), or the problem."""

    url: str
    file: str | None = None
    problem: str | None = None


class BuiltSite:
    def __init__(self, project: Project, root: Path, env: Env = None) -> None:
        self.project, self.root = project, root.resolve()
        self.config = configuration(project, env)
        self.pages = nav_pages(self.config)
        self.site_url = self.config.site_url or "/"
        self.base_path = urlsplit(self.site_url).path  # e.g. /strategic-alliances/
        self.epoch = int(epoch(project.root))
        html = self.root.rglob("*.html")
        self.html_files = sorted(p.relative_to(self.root).as_posix() for p in html)
        self.page_files = [self.file_of(p) for p in self.pages]  # in nav order

    def file_of(self, page: Page) -> str:
        return page.url + "index.html"

    def page_url(self, file: str | None) -> str:  # a/index.html -> a/
        return (file or "").removesuffix("index.html")

    def source(self, page: Page) -> str:
        return f"docs/{page.file.src_uri}"

    def source_of(self, file: str) -> str:
        """What a maintainer edits to change `file`: its page's Markdown, or else the templates."""
        page = next((p for p in self.pages if p.url == self.page_url(file)), None)
        return f"{self.source(page) if page else 'overrides/ (templates)'} -> {file}"

    def text(self, file: str) -> str:
        return (self.root / file).read_text(encoding="utf-8")

    @cache  # noqa: B019 - a BuiltSite lives as long as its build, and parsing is its main cost
    def soup(self, file: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(file), "lxml")

    def url(self, file: str) -> str:  # where a file is published
        return self.site_url + self.page_url(file)

    def article(self, file: str) -> Tag:  # the page's own content (none: an empty one)
        return self.soup(file).select_one("article.md-content__inner") or Tag(name="article")

    def in_article(self, file: str, selector: str) -> list[Tag]:
        return self.article(file).select(selector)

    def main_text(self, file: str) -> str:
        return visible_text(self.article(file))

    @cache  # noqa: B019
    def ids(self, file: str) -> list[str]:
        soup = self.soup(file)
        named = soup.find_all("a", attrs={"name": True})
        return [str(t["id"]) for t in soup.find_all(id=True)] + [str(t["name"]) for t in named]

    def nav(self, file: str) -> list[tuple[str, str]]:
        """(title, href) of each page link in the primary navigation, in order; a subtitle (front
        matter, which the theme shows in <small> below the title) is no part of the title."""
        found = []
        for a in self.soup(file).select(NAV_LINKS):
            words = [s for s in a.find_all(string=True) if not s.find_parent("small")]
            found.append((" ".join(" ".join(words).split()), str(a["href"])))
        return found

    def meta(self, file: str, key: str) -> str | None:
        soup = self.soup(file)
        tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
        return str(tag["content"]) if isinstance(tag, Tag) and tag.has_attr("content") else None

    def file_for(self, url_path: str) -> str | None:
        """The file GitHub Pages serves for a URL path under the base, or None."""
        if not url_path.startswith(self.base_path):
            return None
        relative = unquote(url_path[len(self.base_path) :])
        relative += "index.html" if relative == "" or relative.endswith("/") else ""
        return relative if (self.root / relative).is_file() else None

    def redirect_target(self, file: str) -> str | None:
        """Where a redirect stub (mkdocs-redirects' output) sends the reader, or None."""
        refresh = self.soup(file).find("meta", attrs={"http-equiv": "refresh"})
        content = str(refresh.get("content", "")) if isinstance(refresh, Tag) else None
        return content and content.split("url=", 1)[-1].strip()

    @cached_property
    def own_url(self) -> str:
        """The project's own site URL (mkdocs.yml's default), which a fork's links never name."""
        environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
        with mock.patch.dict(os.environ, environ, clear=True):
            return configuration(self.project).site_url or "/"

    def written_in(self, text: str) -> str:
        """' (written in overrides/x.html)' for the sources that hold `text`, to say what to fix."""
        found = [name for name, source in self.project.sources().items() if text in source]
        return f" (written in {', '.join(found)})" if found else ""

    def resolve(self, file: str, ref: str) -> Target:
        """Resolve a link found in `file` as a browser on GitHub Pages would."""
        absolute = urljoin(self.site_url + file, ref.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("mailto", "tel", "data"):
            return Target(absolute)
        if not (absolute + "/").startswith(self.site_url):
            own, host = urlsplit(self.own_url), urlsplit(self.site_url).netloc
            problem = None if parts.scheme == "https" else f"external link is not https: {ref}"
            if parts.netloc in (own.netloc, host) and parts.path.startswith(own.path):
                problem = f"names the project's own {self.own_url} in a build for {self.site_url}{self.written_in(own.path)}; write it relative, or through `| url`"
            elif parts.netloc == host:
                problem = f"leaves the site's base {self.site_url} for {absolute}"
            return Target(absolute, None, problem)
        target = self.file_for(parts.path)
        if target is None:
            if (self.root / parts.path.removeprefix(self.base_path)).is_dir():
                return Target(absolute, problem=f"directory without a trailing /: {ref}")
            return Target(absolute, problem=f"no file at {parts.path}")
        fragment = unquote(parts.fragment)
        if fragment and target.endswith(".html") and fragment not in self.ids(target):
            return Target(absolute, target, f"no id '{fragment}' on {target}")
        return Target(absolute, target)


def visible_text(tag: Tag) -> str:
    """Text a reader sees, white space collapsed."""
    return " ".join(tag.get_text(" ").split())


def links_in(soup: BeautifulSoup) -> list[tuple[Tag, str, str]]:
    """(element, attribute, value) for every link-like attribute in a parsed page."""
    found = []
    for tag in soup.find_all(True):
        for attribute in LINK_ATTRIBUTES:
            value = tag.get(attribute)
            if isinstance(value, str) and not (tag.name == "object" and attribute != "data"):
                found.append((tag, attribute, value))
        if isinstance(srcset := tag.get("srcset"), str):
            found += [(tag, "srcset", part.split()[0]) for part in srcset.split(",") if part]
    return found
