"""Checks on the sources, run by the build before either engine starts, so they hold under MkDocs
and Zensical alike. Each problem is one line that starts with the file (and line) to fix.

MkDocs itself renders bad front matter as text, follows symbolic links out of the repository, and
(under Zensical) does not notice a page left out of the navigation: these checks do.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import yaml

from sitebuild.config import Settings
from sitebuild.engines import Engine, icon_sets
from sitebuild.problems import Problem
from sitebuild.project import Project
from sitebuild.table import FRONT_MATTER, PARTS, ROLES, Page, Table

DESCRIPTION_HELP = "one sentence ending in '.', used for search results, sharing and the cards"
# Where a moved anchor is written ("page/#id", "#id" on the home page) and a moved page ("a/b.md").
ANCHOR_FORM = re.compile(r"(?:[\w.-]+/)*#[A-Za-z][\w-]*")
PAGE_FORM = re.compile(r"[\w.-]+(?:/[\w.-]+)*\.md")


def problems(project: Project, table: Table, settings: Settings, engine: Engine) -> list[Problem]:
    found = symlinks(project)
    if found:  # nothing is read through a link that may leave the repository
        return found
    found += encodings(project)
    for page in table.pages:
        found += page_problems(project, page, icon_sets(engine, project))
    found += navigation(project, table) + roles(table) + uniqueness(table) + moves(table, settings)
    return found + (unescaped_values(table, settings) if engine == "zensical" else [])


def unescaped_values(table: Table, settings: Settings) -> list[Problem]:
    """Zensical prints the site name, nav titles and palette toggle names as they are, and runs no
    hooks (sitebuild/mkdocs_hooks.py escapes them for MkDocs): under it, what would become markup
    in them is refused."""
    palette = settings.values.get("theme", {}).get("palette") or []
    toggles = [
        o["toggle"].get("name")
        for o in palette
        if isinstance(o, dict) and isinstance(o.get("toggle"), dict)
    ]
    values = [("site_name", settings.site_name), *(("nav title", p.nav_title) for p in table.pages)]
    values += [("palette toggle name", name) for name in toggles]
    note = " (ENGINE=zensical escapes none of these)"
    return [p for label, value in values for p in raw_markup(f"mkdocs.yml: {label}", value, note)]


def symlinks(project: Project) -> list[Problem]:
    """A symbolic link under docs/ or overrides/ could publish a file from outside the repository
    (GitHub's Pages upload archives with tar --dereference): none is allowed."""
    found = []
    for folder in (project.docs, project.overrides):
        for directory, subfolders, files in os.walk(folder):
            for path in sorted(Path(directory) / name for name in subfolders + files):
                if path.is_symlink():
                    found.append(
                        Problem(
                            "symlink",
                            f"{project.relative(path)}: is a symbolic link to {os.readlink(path)}; the site publishes only files kept in the repository - copy the file in",
                        )
                    )
    return found


def encodings(project: Project) -> list[Problem]:
    found = []
    for path in sorted(project.docs.rglob("*")):
        if path.suffix in (".md", ".css", ".js", ".html", ".svg", ".txt") and path.is_file():
            data = path.read_bytes()
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line = data[: error.start].count(b"\n") + 1
                found.append(
                    Problem(
                        "encoding",
                        f"{project.relative(path)}:{line}: is not UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8",
                    )
                )
    return found


def page_problems(project: Project, page: Page, icon_sets: list[Path]) -> list[Problem]:
    path = project.docs / page.source
    if not path.is_file():
        return []  # navigation() names the nav entry that points nowhere
    name = project.relative(path)
    found = front_matter(name, path.read_bytes().decode("utf-8", errors="replace"), icon_sets)
    found += heading_ids(name, page)
    if page.role != "whole" and page.title is None:  # the whole-essay page takes its parts' title
        found.append(
            Problem(
                "page-heading",
                f"{name}: has no '# Heading {{ #id }}'; every page opens with its own",
            )
        )
    return found


def front_matter(name: str, text: str, icon_sets: list[Path]) -> list[Problem]:
    if not text.startswith("---\n"):
        return [
            Problem(
                "front-matter",
                f"{name}: no front matter; start the page with '---', 'description: ...' and '---' ({DESCRIPTION_HELP})",
            )
        ]
    match = FRONT_MATTER.match(text)
    if match is None:
        return [
            Problem("front-matter-closed", f"{name}: front matter is never closed by a '---' line")
        ]
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 2}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error)
        return [
            Problem("front-matter-yaml", f"{name}{where}: front matter is not valid YAML: {reason}")
        ]
    if not isinstance(meta, dict):
        return [
            Problem(
                "front-matter-mapping",
                f"{name}: front matter must be a YAML mapping of 'key: value' lines",
            )
        ]
    found = []
    description = meta.get("description")
    if description is None:
        found.append(
            Problem(
                "description-missing",
                f"{name}: front matter has no 'description' ({DESCRIPTION_HELP})",
            )
        )
    elif not isinstance(description, str):
        found.append(
            Problem(
                "description-text",
                f"{name}: 'description' must be text, not {type(description).__name__} ({description!r}); quote it",
            )
        )
    elif not description.strip().endswith(".") or re.search(r"[.!?]\s+[A-Z]", description):
        found.append(
            Problem(
                "description-sentence",
                f"{name}: 'description' must be exactly one sentence ending in '.': {' '.join(description.split())!r}",
            )
        )
    role = meta.get("role")
    if role is not None and role not in ROLES:
        found.append(
            Problem(
                "role-unknown",
                f"{name}: 'role: {role}' is not one of {', '.join(ROLES)} (or leave it out)",
            )
        )
    icon = meta.get("icon")
    if icon is not None and (
        not isinstance(icon, str) or not re.fullmatch(r"[a-z0-9-]+/[a-z0-9/-]+", icon)
    ):
        found.append(
            Problem(
                "icon-name", f"{name}: 'icon: {icon}' must name an icon such as material/handshake"
            )
        )
    elif icon is not None and not any((icons / f"{icon}.svg").is_file() for icons in icon_sets):
        found.append(
            Problem(
                "icon-missing",
                f"{name}: 'icon: {icon}' does not exist in the theme's icon set (see https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/)",
            )
        )
    for key in ("title", "subtitle"):  # the theme prints these as they are, under either engine
        found += raw_markup(f"{name}: '{key}'", meta.get(key))
    return found


def raw_markup(label: str, value: object, note: str = "") -> list[Problem]:
    """A value a theme prints without escaping: refused only where it would become markup - a
    double quote (it would end an attribute), a tag, or a character reference."""
    text = str(value or "")
    if '"' in text or re.search(r"<[A-Za-z/!?]|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);?", text):
        return [
            Problem(
                "raw-markup",
                f"{label} {text!r} would become markup where the theme prints it unescaped: write quotes as “ ”, and no '<tag' or '&name;'{note}",
            )
        ]
    return []


def heading_ids(name: str, page: Page) -> list[Problem]:
    """Every heading carries an explicit, unique id: published anchors must not drift when a
    heading is reworded or the slug generator changes."""
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for heading in page.headings:
        if heading.id is None:
            found.append(
                Problem(
                    "heading-id",
                    f"{name}:{heading.line}: heading {heading.text!r} has no explicit id; append one such as '{{ #some-id }}' (generated slugs break inbound links)",
                )
            )
        elif heading.id in seen:
            found.append(
                Problem(
                    "heading-id-twice",
                    f"{name}:{heading.line}: heading id '#{heading.id}' is already used on line {seen[heading.id]}",
                )
            )
        else:
            seen[heading.id] = heading.line
    return found


def navigation(project: Project, table: Table) -> list[Problem]:
    """Every page is in the nav, and every nav entry is a page: a page left out is unreachable."""
    config = project.relative(project.config_file)
    found = [
        Problem(
            "nav-file",
            f"{config}: nav entry '{p.nav_title}: {p.source}' points to no file docs/{p.source}",
        )
        for p in table.pages
        if not (table.docs / p.source).is_file()
    ]
    listed = {p.source for p in table.pages}
    for path in sorted(table.docs.rglob("*.md")):
        source = path.relative_to(table.docs).as_posix()
        if source not in listed:
            found.append(
                Problem(
                    "nav-omits",
                    f"{project.relative(path)}: is not in the navigation; add '- Title: {source}' to nav in {config}",
                )
            )
    twice = [s for s, n in Counter(p.source for p in table.pages).items() if n > 1]
    return found + [Problem("nav-twice", f"{config}: nav lists {s} more than once") for s in twice]


def roles(table: Table) -> list[Problem]:
    """The essay has one introduction, at least one pillar and one conclusion, in that reading
    order, and one page with the whole of it (printed as the PDF edition)."""
    found = []
    counts = Counter(p.role for p in table.pages)
    for role in ("introduction", "conclusion", "whole"):
        if counts[role] != 1:
            where = ", ".join(f"docs/{p.source}" for p in table.with_role(role)) or "none"
            found.append(
                Problem(
                    "role-one",
                    f"mkdocs.yml: the essay needs exactly one page with 'role: {role}' (found: {where})",
                )
            )
    if counts["pillar"] == 0:
        found.append(
            Problem(
                "role-pillar",
                "mkdocs.yml: no page has 'role: pillar'; the essay's sections are its pillars",
            )
        )
    order = [p.role for p in table.parts]
    if order != sorted(order, key=PARTS.index):
        found.append(
            Problem(
                "role-order",
                f"mkdocs.yml: nav puts the essay's parts as {order}; the introduction comes first, then the pillars, then the conclusion",
            )
        )
    return found


def uniqueness(table: Table) -> list[Problem]:
    """Descriptions tell pages apart in search results and shares; heading ids are labels other
    docs link to by name (objects.inv), so each belongs to one page. The whole-essay page repeats
    its parts' ids on purpose; its labels are prefixed with its own name."""
    found = []
    described: dict[str, Page] = {}
    labelled: dict[str, Page] = {}
    for page in table.pages:
        first = described.setdefault(page.description, page)
        if page.description and first is not page:
            found.append(
                Problem(
                    "description-twice",
                    f"docs/{page.source}: 'description' is the same as docs/{first.source}'s; each page says what it holds",
                )
            )
        for heading in page.headings if page.role != "whole" else []:
            owner = labelled.setdefault(heading.id or "", page)
            if heading.id and owner is not page:
                found.append(
                    Problem(
                        "heading-id-shared",
                        f"docs/{page.source}:{heading.line}: heading id '#{heading.id}' is also used in docs/{owner.source}; ids are labels other docs link to, one page each",
                    )
                )
    return found


def ids(table: Table, url: str) -> set[str] | None:
    """The heading ids a page publishes (the whole-essay page: its parts'), or None if no page is
    at that URL."""
    page = table.by_url(url)
    if page is None:
        return None
    pages = table.parts if page.role == "whole" else [page]
    return {h.id for p in pages for h in p.headings if h.id}


def moves(table: Table, settings: Settings) -> list[Problem]:
    """Each entry of the two maps of moves in mkdocs.yml has the form the README gives and leads
    somewhere: a moved anchor from a page that exists to an id it has; a moved page to a page."""
    found = []
    for old, new in settings.moved_anchors.items():
        entry = f"mkdocs.yml: extra.moved_anchors entry '{old}': '{new}'"
        if not (ANCHOR_FORM.fullmatch(old) and ANCHOR_FORM.fullmatch(new)):
            found.append(
                Problem(
                    "moved-anchor-form",
                    f"{entry} must be written 'page/#old-id': 'page/#new-id' (a page's URL as under site_url, no leading '/')",
                )
            )
            continue
        if ids(table, old.partition("#")[0]) is None:
            found.append(
                Problem(
                    "moved-anchor-page",
                    f"{entry}: no page at /{old.partition('#')[0]}, where a reader with the old link arrives",
                )
            )
        page, _, anchor = new.partition("#")
        if anchor not in (ids(table, page) or set()):
            found.append(Problem("moved-anchor-target", f"{entry}: /{new} is no page's heading id"))
    sources = {p.source for p in table.pages}
    for old, new in settings.redirect_maps.items():
        entry = f"mkdocs.yml: redirect_maps entry '{old}': '{new}'"
        if not PAGE_FORM.fullmatch(old) or not (
            PAGE_FORM.fullmatch(new.partition("#")[0]) or new.startswith("https://")
        ):
            found.append(
                Problem(
                    "redirect-form",
                    f"{entry} must be written 'old.md': 'new.md' (files under docs/, no leading '/')",
                )
            )
        elif old in sources or not (new.startswith("https://") or new.partition("#")[0] in sources):
            found.append(
                Problem(
                    "redirect-target",
                    f"{entry}: '{new}' must be a page in the nav, and '{old}' no longer one",
                )
            )
    return found
