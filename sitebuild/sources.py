"""Checks on the sources, run by the build before either engine starts, so they hold under MkDocs
and Zensical alike. Each problem is one line that starts with the file (and line) to fix.

MkDocs itself renders bad front matter as text, follows symbolic links out of the repository, and
(under Zensical) does not notice a page left out of the navigation: these checks do.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

from sitebuild.pages import FRONT_MATTER, PARTS, ROLES, Page, Role, Table
from sitebuild.project import Project

# What a page's front matter may say, and what each key is for.
DESCRIPTION_HELP = "one sentence ending in '.', used for search results, sharing and the cards"


def problems(project: Project, table: Table, icon_sets: list[Path]) -> list[str]:
    found = symlinks(project)
    if found:  # nothing is read through a link that may leave the repository
        return found
    found += encodings(project)
    for page in table.pages:
        found += page_problems(project, page, icon_sets)
    found += navigation(project, table)
    found += roles(project, table)
    found += uniqueness(project, table)
    return found


def symlinks(project: Project) -> list[str]:
    """A symbolic link under docs/ or overrides/ could publish a file from outside the repository
    (GitHub's Pages upload archives with tar --dereference): none is allowed."""
    found = []
    for folder in (project.docs, project.overrides):
        for path in walk(folder):
            if path.is_symlink():
                found.append(
                    f"{project.relative(path)}: is a symbolic link to {os.readlink(path)}; "
                    "the site publishes only files kept in the repository - copy the file in"
                )
    return found


def walk(folder: Path) -> Iterator[Path]:
    """Every entry under a folder, without following links."""
    for directory, subfolders, files in os.walk(folder, followlinks=False):
        for name in sorted(subfolders + files):
            yield Path(directory) / name


def encodings(project: Project) -> list[str]:
    found = []
    for path in sorted(project.docs.rglob("*")):
        if path.suffix in (".md", ".css", ".js", ".html", ".svg", ".txt") and path.is_file():
            try:
                path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as error:
                line = path.read_bytes()[: error.start].count(b"\n") + 1
                found.append(
                    f"{project.relative(path)}:{line}: is not UTF-8 (byte 0x{path.read_bytes()[error.start]:02x}); "
                    "save it as UTF-8"
                )
    return found


def page_problems(project: Project, page: Page, icon_sets: list[Path]) -> list[str]:
    path = project.docs / page.source
    name = project.relative(path)
    if not path.is_file():
        return []  # navigation() names the nav entry that points nowhere
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = front_matter(text, page, icon_sets) + heading_ids(page)
    if page.role != "whole" and page.title is None:  # the whole-essay page takes its parts' title
        found.append(
            ": has no '# Heading { #id }'; every page opens with its own (the theme would "
            "otherwise make one from the nav title, unescaped, in its search index)"
        )
    return [name + p for p in found]


def front_matter(text: str, page: Page, icon_sets: list[Path]) -> list[str]:
    if not text.startswith("---\n"):
        return [
            f": no front matter; start the page with '---', 'description: ...' and '---' ({DESCRIPTION_HELP})"
        ]
    match = FRONT_MATTER.match(text)
    if match is None:
        return [": front matter is never closed by a '---' line"]
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 2}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error)
        return [f"{where}: front matter is not valid YAML: {reason}"]
    if not isinstance(meta, dict):
        return [": front matter must be a YAML mapping of 'key: value' lines"]
    found = []
    description = meta.get("description")
    if description is None:
        found.append(f": front matter has no 'description' ({DESCRIPTION_HELP})")
    elif not isinstance(description, str):
        found.append(
            f": 'description' must be text, not {type(description).__name__} ({description!r}); "
            "quote it"
        )
    else:
        body = " ".join(description.split())
        if not body.endswith(".") or re.search(r"[.!?]\s+[A-Z]", body):
            found.append(f": 'description' must be exactly one sentence ending in '.': {body!r}")
    role = meta.get("role")
    if role is not None and role not in ROLES:
        found.append(f": 'role: {role}' is not one of {', '.join(ROLES)} (or leave it out)")
    icon = meta.get("icon")
    if icon is not None:
        if not isinstance(icon, str) or not re.fullmatch(r"[a-z0-9-]+/[a-z0-9-/]+", icon):
            found.append(f": 'icon: {icon}' must name an icon such as material/handshake")
        elif not any((icons / f"{icon}.svg").is_file() for icons in icon_sets):
            found.append(
                f": 'icon: {icon}' does not exist in the theme's icon set "
                "(see https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/)"
            )
    return found


def heading_ids(page: Page) -> list[str]:
    """Every heading carries an explicit, unique id: published anchors must not drift when a
    heading is reworded or the slug generator changes."""
    found: list[str] = []
    seen: dict[str, int] = {}
    for heading in page.headings:
        if heading.id is None:
            found.append(
                f":{heading.line}: heading {heading.text!r} has no explicit id; append one such "
                "as '{ #some-id }' (generated slugs break inbound links)"
            )
        elif heading.id in seen:
            found.append(
                f":{heading.line}: heading id '#{heading.id}' is already used on line {seen[heading.id]}"
            )
        else:
            seen[heading.id] = heading.line
    return found


def navigation(project: Project, table: Table) -> list[str]:
    """Every page is in the nav, and every nav entry is a page: a page left out is unreachable."""
    config = project.relative(project.config_file)
    listed = {p.source for p in table.pages}
    found = [
        f"{config}: nav entry '{p.nav_title}: {p.source}' points to no file docs/{p.source}"
        for p in table.pages
        if not (table.docs / p.source).is_file()
    ]
    for path in sorted(table.docs.rglob("*.md")):
        source = path.relative_to(table.docs).as_posix()
        if source not in listed:
            found.append(
                f"{project.relative(path)}: is not in the navigation; add '- Title: {source}' "
                f"to nav in {config}"
            )
    duplicates = [s for s, n in Counter(p.source for p in table.pages).items() if n > 1]
    found += [f"{config}: nav lists {s} more than once" for s in duplicates]
    return found


def roles(project: Project, table: Table) -> list[str]:
    """The essay has one introduction, at least one pillar, one conclusion, at most one whole-
    essay page, in that reading order; each part opens with its own heading."""
    config = project.relative(project.config_file)
    found = []
    counts = Counter(p.role for p in table.pages)
    single: tuple[Role, ...] = ("introduction", "conclusion")
    for role in single:
        if counts[role] != 1:
            where = ", ".join(f"docs/{p.source}" for p in table.with_role(role)) or "none"
            found.append(
                f"{config}: the essay needs exactly one page with 'role: {role}' (found: {where})"
            )
    if counts["pillar"] == 0:
        found.append(f"{config}: no page has 'role: pillar'; the essay's sections are its pillars")
    if counts["whole"] > 1:
        found.append(f"{config}: more than one page has 'role: whole'")
    order = [p.role for p in table.parts]
    if order != sorted(order, key=PARTS.index):
        found.append(
            f"{config}: nav order puts the essay's parts as {order}; the introduction comes "
            "first, then the pillars, then the conclusion"
        )
    for page in table.parts:
        if page.title is None or page.title.id is None:
            found.append(
                f"docs/{page.source}: 'role: {page.role}' page has no '# Heading {{ #id }}'"
            )
    return found


def uniqueness(project: Project, table: Table) -> list[str]:
    """Descriptions tell pages apart in search results and shares; heading ids are labels other
    docs link to by name (objects.inv), so each belongs to one page. The whole-essay page repeats
    its parts' ids on purpose; its labels are prefixed with its own name."""
    found = []
    described: dict[str, Page] = {}
    labelled: dict[str, Page] = {}
    for page in table.pages:
        if page.description:
            first = described.setdefault(page.description, page)
            if first is not page:
                found.append(
                    f"docs/{page.source}: 'description' is the same as docs/{first.source}'s; "
                    "each page says what it holds"
                )
        if page.role == "whole":
            continue
        for heading in page.headings:
            if heading.id is None:
                continue
            owner = labelled.setdefault(heading.id, page)
            if owner is not page:
                found.append(
                    f"docs/{page.source}:{heading.line}: heading id '#{heading.id}' is also used "
                    f"in docs/{owner.source}; ids are labels other docs link to, one page each"
                )
    return found
