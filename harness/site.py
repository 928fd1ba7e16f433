"""Read a built site: its files, its pages parsed once each, and where each link lands. Every guard
and test reads the build through this one object, with what it was made from (project, table)."""

from __future__ import annotations

import json
from copy import copy
from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from sitebuild.build import Built
from sitebuild.config import Settings, load_yaml
from sitebuild.table import Page

# Attributes that name another resource, on any element.
LINK_ATTRIBUTES = ("href", "src", "poster", "data", "action")


@dataclass(frozen=True)
class Target:
    """Where a link points. `file` is relative to the site root; None for external links."""

    url: str
    file: str | None
    fragment: str
    external: bool
    problem: str | None = None


class BuiltSite:
    def __init__(self, built: Built) -> None:
        self.built, self.project, self.table = built, built.project, built.table
        self.settings: Settings = built.settings
        self.root, self.site_url = built.site_dir, built.settings.site_url
        self.base_path = urlsplit(self.site_url).path  # e.g. /strategic-alliances/
        self.files = sorted(
            p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()
        )
        self.html_files = [f for f in self.files if f.endswith(".html")]
        self.page_files = [self.file_of(p) for p in self.table.pages]  # in nav order

    def file_of(self, page: Page) -> str:
        return page.url + "index.html"

    def page_of(self, file: str) -> Page | None:
        return self.table.by_url(self.page_path(file))

    def text(self, file: str) -> str:
        return (self.root / file).read_text(encoding="utf-8")

    @cache  # noqa: B019 - a BuiltSite lives as long as its build, and parsing is its main cost
    def soup(self, file: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(file), "lxml")

    def page_path(self, file: str) -> str:
        """A file's URL relative to the site root: a/index.html -> a/, index.html -> ''."""
        return file.removesuffix("index.html")

    def url_path(self, file: str) -> str:
        """The URL path a file is served at: a/index.html -> /base/a/."""
        return self.base_path + self.page_path(file)

    def url(self, file: str) -> str:
        """The absolute URL a file is published at, under site_url."""
        return self.site_url + self.page_path(file)

    def file_for(self, url_path: str) -> str | None:
        """The file GitHub Pages serves for a URL path under the base, or None."""
        if not url_path.startswith(self.base_path):
            return None
        rel = unquote(url_path[len(self.base_path) :])
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        return rel if (self.root / rel).is_file() else None

    def redirect_target(self, file: str) -> str | None:
        """Where a redirect stub (mkdocs-redirects' output) sends the reader, or None."""
        refresh = self.soup(file).find("meta", attrs={"http-equiv": "refresh"})
        if not isinstance(refresh, Tag):
            return None
        return str(refresh.get("content", "")).split("url=", 1)[-1].strip()

    def source_of(self, file: str) -> str:
        """What a maintainer edits to change `file`: its page's Markdown, or else the templates."""
        page = self.page_of(file)
        if page is None:
            return f"{self.project.relative(self.project.overrides)}/ (templates) -> {file}"
        return f"{self.project.relative(self.project.docs / page.source)} -> {file}"

    def article(self, file: str) -> Tag | None:
        found = self.soup(file).select_one("article.md-content__inner")
        return found if isinstance(found, Tag) else None

    def in_article(self, file: str, selector: str) -> list[Tag]:
        """What `selector` matches in a page's article (none, if it has no article)."""
        article = self.article(file)
        return article.select(selector) if article else []

    def main_text(self, file: str) -> str:
        article = self.article(file)
        return visible_text(article) if article else ""

    @cache  # noqa: B019
    def ids(self, file: str) -> list[str]:
        soup = self.soup(file)
        named = soup.find_all("a", attrs={"name": True})
        return [str(t["id"]) for t in soup.find_all(id=True)] + [str(t["name"]) for t in named]

    def nav(self, file: str = "index.html") -> list[tuple[str, str]]:
        """(title, href) of each page link in the primary navigation, in order; a subtitle (front
        matter, which the theme shows in <small> below the title) is no part of the title."""
        links = [
            copy(a) for a in self.soup(file).select("nav.md-nav--primary a.md-nav__link[href]")
        ]
        for subtitle in (small for a in links for small in a.select("small")):
            subtitle.decompose()
        entries = [(visible_text(a), str(a["href"])) for a in links]
        return [(t, h) for t, h in entries if not h.startswith("#")]

    def meta(self, file: str, key: str) -> str | None:
        soup = self.soup(file)
        tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
        return str(tag["content"]) if isinstance(tag, Tag) and tag.has_attr("content") else None

    def search_documents(self) -> dict[str, str]:
        """Page URL (from the site root) -> the text either engine's search index holds for it."""
        for name, key in (("search/search_index.json", "docs"), ("search.json", "items")):
            if (self.root / name).is_file():
                documents: dict[str, str] = {}
                for doc in json.loads(self.text(name))[key]:
                    page = str(doc["location"]).split("#", 1)[0]
                    text = BeautifulSoup(f"{doc.get('title', '')} {doc.get('text', '')}", "lxml")
                    documents[page] = documents.get(page, "") + " " + text.get_text(" ")
                return documents
        return {}

    @cached_property
    def original_url(self) -> str:
        """The project's own site URL (mkdocs.yml's), which a fork's links must never name."""
        url = str(load_yaml(self.project.config_file, {}).get("site_url") or "")
        return url if url.endswith("/") else url + "/"

    def outside_problem(self, absolute: str, ref: str) -> str | None:
        """Why a link out is wrong: not https, on the site's host outside its base, or naming the
        project's own address in a fork's build (written by hand where `| url` follows the base)."""
        own, parts = urlsplit(self.original_url), urlsplit(absolute)
        host = urlsplit(self.site_url).netloc
        if parts.path.startswith(own.path) and parts.netloc in (own.netloc, host):
            return f"names the project's own {self.original_url} in a build for {self.site_url}{self.written_in(own.path)}; write it relative, or through `| url`"
        if parts.netloc == host:
            return f"leaves the site's base {self.site_url} for {absolute}{self.written_in(parts.path)}"
        return None if parts.scheme == "https" else f"external link is not https: {ref}"

    def written_in(self, text: str) -> str:
        """' (written in overrides/x.html, ...)' for the sources that hold `text` as it is."""
        sources = [*self.project.overrides.rglob("*.html"), *self.project.docs.rglob("*.md")]
        found = sorted(
            self.project.relative(p) for p in sources if text in p.read_text(encoding="utf-8")
        )
        return f" (written in {', '.join(found)})" if found else ""

    def resolve(self, file: str, ref: str) -> Target:
        """Resolve a link found in `file` the way a browser on GitHub Pages would."""
        absolute = urljoin(self.site_url + file, ref.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("mailto", "tel", "data"):
            return Target(absolute, None, "", external=False)
        if not (absolute + "/").startswith(self.site_url):
            return Target(absolute, None, parts.fragment, True, self.outside_problem(absolute, ref))
        target = self.file_for(parts.path)
        if target is None:
            if (self.root / parts.path.removeprefix(self.base_path)).is_dir():
                return Target(absolute, None, "", False, f"directory without a trailing /: {ref}")
            return Target(absolute, None, "", False, f"no file at {parts.path}")
        fragment = unquote(parts.fragment)
        if fragment and target.endswith(".html") and fragment not in self.ids(target):
            return Target(absolute, target, fragment, False, f"no id '{fragment}' on {target}")
        return Target(absolute, target, fragment, external=False)


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
        srcset = tag.get("srcset")
        if isinstance(srcset, str):
            found += [(tag, "srcset", part.split()[0]) for part in srcset.split(",") if part]
    return found
