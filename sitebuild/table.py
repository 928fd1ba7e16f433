"""The table of pages, read from what a maintainer edits and both engines read: mkdocs.yml's `nav`
(order, titles, files, hence URLs) and each page's front matter (`role`, `description`, `icon`).
The home page's cards, llms.txt, the inventory, the whole-essay page and the tests' expectations
are derived from it. Roles: `introduction` (the title and opening), `pillar` (a section each),
`conclusion`, `whole` (the essay on one page); a page without one (an About page) is no part."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from sitebuild.config import load_yaml
from sitebuild.problems import BuildError

Role = Literal["introduction", "pillar", "conclusion", "whole"]
ROLES: tuple[Role, ...] = ("introduction", "pillar", "conclusion", "whole")
PARTS: tuple[Role, ...] = ("introduction", "pillar", "conclusion")  # the essay's own text

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*\n?", re.S | re.M)
# An ATX heading: its level, its text, and its explicit id where its attribute list carries one
# (attr_list: `{ #id }`, `{: #id }`, `{ .class #id key=value }`).
ATTRIBUTES = r"\{:?[ \t]*(?:[^}\s]+[ \t]+)*#([A-Za-z][\w-]*)(?:[ \t]+[^}\s]+)*[ \t]*\}"
HEADING = re.compile(rf"^(#{{1,6}})[ \t]+(.*?)(?:[ \t]*{ATTRIBUTES})?[ \t]*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # as written, without the { #id }
    id: str | None
    line: int  # 1-based, in the source file


@dataclass(frozen=True)
class Page:
    source: str  # relative to docs/, e.g. "partnerships.md"
    nav_title: str
    meta: dict[str, Any] = field(hash=False)
    body: str = field(repr=False)  # the Markdown after the front matter
    body_line: int = 1  # the source line the body starts on

    @property
    def url(self) -> str:
        """The page's URL relative to site_url (use_directory_urls): '', 'partnerships/'."""
        index = self.doc == "index" or self.doc.endswith("/index")
        return self.doc.removesuffix("index") if index else self.doc + "/"

    @property
    def doc(self) -> str:  # the page's name in the inventory (Sphinx std:doc)
        return self.source.removesuffix(".md")

    @property
    def role(self) -> Role | None:
        role = self.meta.get("role")
        return cast(Role, role) if role in ROLES else None

    @property
    def description(self) -> str:
        value = self.meta.get("description")
        return " ".join(value.split()) if isinstance(value, str) else ""

    @cached_property
    def headings(self) -> list[Heading]:
        return headings(self.body, self.body_line)

    @property
    def title(self) -> Heading | None:  # the page's own heading: its first level-1 heading
        return next((h for h in self.headings if h.level == 1), None)


@dataclass(frozen=True)
class Table:
    pages: tuple[Page, ...]
    docs: Path

    def with_role(self, *roles: Role) -> list[Page]:
        return [p for p in self.pages if p.role in roles]

    @property
    def parts(self) -> list[Page]:  # the essay's parts in reading order
        return self.with_role(*PARTS)

    def one(self, role: Role) -> Page | None:
        found = self.with_role(role)
        return found[0] if len(found) == 1 else None

    def by_source(self, source: str) -> Page | None:
        return next((p for p in self.pages if p.source == source), None)

    def by_url(self, url: str) -> Page | None:
        return next((p for p in self.pages if p.url == url), None)


def read_table(config_file: Path, values: dict[str, Any] | None = None) -> Table:
    """The table for a project's mkdocs.yml (or its already read `values`)."""
    config = load_yaml(config_file) if values is None else values
    docs = config_file.parent / str(config.get("docs_dir") or "docs")
    pages = []
    for title, source in nav_entries(config.get("nav"), config_file.name):
        path = docs / source
        text = read_page(path) if path.is_file() else ""
        match = FRONT_MATTER.match(text)
        end = match.end() if match else 0
        try:  # invalid front matter reads as none; the source checks say what is wrong with it
            meta = yaml.safe_load(match.group(1)) if match else {}
        except yaml.YAMLError:
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        pages.append(Page(source, title, meta, text[end:], text[:end].count("\n") + 1))
    return Table(tuple(pages), docs)


def read_page(path: Path) -> str:
    """A page's text as both engines read it: a byte-order mark dropped, Windows line ends made
    '\n'; undecodable bytes replaced (the source checks name the file that has them)."""
    return path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")


def nav_entries(nav: object, name: str) -> list[tuple[str, str]]:
    """(title, file) for each page in the nav, in order; sections are walked, links skipped."""
    if not isinstance(nav, list):
        what = "is missing" if nav is None else "must be a list of 'Title: file.md' entries"
        raise BuildError([f"{name}: 'nav' {what}; list every page there, in order [nav-list]"])
    entries: list[tuple[str, str]] = []
    for item in nav:
        if not isinstance(item, dict) or len(item) != 1:
            raise BuildError(
                [f"{name}: nav entry {item!r} is not one 'Title: file.md' pair [nav-entry]"]
            )
        ((title, value),) = item.items()
        if not str(title or "").strip():
            raise BuildError([f"{name}: nav entry {item!r} has no title [nav-title]"])
        if isinstance(value, list):
            entries += nav_entries(value, name)
        elif isinstance(value, str) and "://" not in value:
            entries.append((str(title), value))
    return entries


def heading_lines(body: str) -> Iterator[tuple[str, re.Match[str] | None]]:
    """Each line of `body`, with its match if it is an ATX heading outside a code fence."""
    in_fence = False
    for line in body.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        yield line, None if in_fence else HEADING.match(line)


def headings(body: str, first_line: int = 1) -> list[Heading]:
    """ATX headings outside code fences, with their explicit { #id } if they carry one."""
    found = []
    for offset, (_, match) in enumerate(heading_lines(body)):
        if match:
            level, text, anchor = match.groups()
            found.append(Heading(len(level), text, anchor, first_line + offset))
    return found
