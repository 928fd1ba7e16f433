"""The table of pages: which pages exist, in which order, at which URL, under which navigation
title, and what each one is in the essay. It is read from the two places a maintainer edits and
both engines read: the `nav` of mkdocs.yml (order, titles, files, hence URLs) and each page's front
matter (`role`, `description`, `icon`). Everything else - the home page's cards, llms.txt, the
inventory, the whole-essay page, every test's expectations - is derived from this table.

Roles: `introduction` (the essay's title and its opening), `pillar` (one section each),
`conclusion`, and `whole` (the whole essay on one page, assembled from the others). A page without
a role is not part of the essay (an About page, say) and is never treated as one.
"""

from __future__ import annotations

import re
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

FRONT_MATTER = re.compile(r"\A---\n(.*?)^(?:---|\.\.\.)[ \t]*\n?", re.S | re.M)
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
EXPLICIT_ID = re.compile(r"\{\s*#([A-Za-z][\w-]*)\s*\}$")
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
        stem = self.source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    @property
    def doc(self) -> str:
        """The page's name in the inventory (Sphinx std:doc): its source path without '.md'."""
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
    def title(self) -> Heading | None:
        """The page's own heading: its first level-1 heading."""
        return next((h for h in self.headings if h.level == 1), None)


@dataclass(frozen=True)
class Table:
    pages: tuple[Page, ...]
    docs: Path

    def with_role(self, *roles: Role) -> list[Page]:
        return [p for p in self.pages if p.role in roles]

    @property
    def parts(self) -> list[Page]:
        """The essay's parts in reading order: introduction, pillars, conclusion."""
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
        # Undecodable bytes are replaced here; the source checks name the file that has them.
        text = path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else ""
        meta, body, body_line = split_front_matter(text)
        pages.append(Page(source, title, meta if isinstance(meta, dict) else {}, body, body_line))
    return Table(tuple(pages), docs)


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
        if isinstance(value, list):
            entries += nav_entries(value, name)
        elif isinstance(value, str) and "://" not in value:
            entries.append((str(title), value))
    return entries


def split_front_matter(text: str) -> tuple[object, str, int]:
    """(front matter, body, the line the body starts on). Front matter that is not valid YAML
    comes back as None; the source checks say what is wrong with it."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}, text, 1
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        meta = None
    return meta, text[match.end() :], text[: match.end()].count("\n") + 1


def headings(body: str, first_line: int = 1) -> list[Heading]:
    """ATX headings outside code fences, with their explicit { #id } if they carry one."""
    found, in_fence = [], False
    for offset, line in enumerate(body.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if match:
            text = match.group(2)
            explicit = EXPLICIT_ID.search(text)
            bare = text[: explicit.start()].rstrip() if explicit else text
            anchor = explicit.group(1) if explicit else None
            found.append(Heading(len(match.group(1)), bare, anchor, first_line + offset))
    return found
