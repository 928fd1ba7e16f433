"""Checks on the sources, run before either engine starts, so they hold under both: MkDocs renders
bad front matter as text and follows symbolic links out of the repository, and Zensical does not
notice a page left out of the navigation. Each problem starts with the file (and line) to fix."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from html.entities import html5
from pathlib import Path

import yaml

from sitebuild.config import UNSAFE, Settings
from sitebuild.engines import Engine, template_folders
from sitebuild.project import Project
from sitebuild.table import FRONT_MATTER, PARTS, ROLES, Page, Table, read_page

DESCRIPTION = "one sentence ending in '.', used for search results, sharing and the cards"
# How a moved anchor is written ("page/#id", "#id" on the home page) and a moved page ("a/b.md").
ANCHOR_FORM = re.compile(r"(?:[\w.-]+/)*#[A-Za-z][\w-]*")
PAGE_FORM = re.compile(r"[\w.-]+(?:/[\w.-]+)*\.md")
# Where a sentence ends inside a description: not after a lone letter, as in "U.S. Navy" or "e.g.".
SENTENCE_END = re.compile(r"(?<!\b[A-Za-z])[.!?]\s+[A-Z]")
# What a theme printing a value unescaped would make markup, or invalid: any '<' (a tag, or, as
# in "3 < 4", a parse error), a numeric reference; named ones are looked up in raw_markup.
MARKUP = re.compile(r"<|&#(\d|[xX][0-9a-fA-F])")
# Front-matter keys the theme reads, with the shape it needs.
SHAPES = {
    "title": (str, "text"), "subtitle": (str, "text"), "template": (str, "a file name, like home.html"),
    "hide": (list, "a list, like [navigation, toc]"), "search": (dict, "a mapping, like {exclude: true}"),
}  # fmt: skip
TOGGLE = ("icon", "name")  # what each scheme toggle needs
# What would publish files from outside the repository: refused by a lenient build too.
OUTSIDE = ("[symlink]", "[layout]")


def problems(project: Project, table: Table, settings: Settings, engine: Engine) -> list[str]:
    first = [*layout(project, settings), *symlinks(project), *theme_setting(settings)]
    if first:  # nothing is read from outside the repository, nor from a theme setting of no shape
        return first
    folders = template_folders(engine, project)
    checks = [encodings(project), *(page_problems(project, page, folders) for page in table.pages)]
    checks += [navigation(project, table), roles(table), uniqueness(table), moves(table, settings)]
    checks += [language(settings, folders), assets(project, settings, folders)]
    if engine == "zensical":
        checks.append(unescaped_values(table, settings))
    return [problem for check in checks for problem in check]


def layout(project: Project, settings: Settings) -> Iterator[str]:
    """The engines read the folders mkdocs.yml names, the checks read the project's docs/ and
    overrides/: the two must be the same folders, or files from elsewhere would be published."""
    theme = settings.values.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    docs_dir = settings.values.get("docs_dir") or "docs"
    given = {
        "docs_dir": (docs_dir, project.docs),
        "theme.custom_dir": (custom_dir, project.overrides),
    }
    for key, (value, folder) in given.items():
        if value is None or (project.root / str(value)).resolve() != folder.resolve():
            yield f"mkdocs.yml: {key} is {value!r}; it must be '{project.relative(folder)}', the repository's own folder that the build checks and publishes [layout]"


def theme_setting(settings: Settings) -> Iterator[str]:
    """Material (the templates in overrides/ extend it), its scheme toggles each with an icon and a
    name: any other shape ends in a traceback deep in the theme's templates."""
    theme = settings.values.get("theme")
    if not isinstance(theme, dict) or theme.get("name") != "material":
        yield "mkdocs.yml: theme must be a mapping with 'name: material' (overrides/ extends it; Zensical reads it too) [theme]"
        return
    palette = theme.get("palette") or []
    for index, option in enumerate(palette if isinstance(palette, list) else [palette]):
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if toggle is None and isinstance(palette, dict):
            continue  # one palette and no toggle: the theme shows none
        if not isinstance(toggle, dict) or not all(isinstance(toggle.get(k), str) for k in TOGGLE):
            yield f"mkdocs.yml: theme.palette option {index + 1} needs a toggle with an icon and a name, as in 'toggle: {{icon: material/brightness-auto, name: Switch to light mode}}' [palette]"


def assets(project: Project, settings: Settings, folders: list[Path]) -> Iterator[str]:
    """The stylesheets, scripts, favicon and logo mkdocs.yml names are files the build copies
    (MkDocs builds without them, and every page links one that is not there)."""
    theme = settings.values["theme"]  # a mapping: theme_setting() ran first
    named = [("favicon", theme.get("favicon")), ("logo", theme.get("logo"))]
    for key in ("extra_css", "extra_javascript"):
        entries = settings.values.get(key) or []
        named += [(key, e.get("path") if isinstance(e, dict) else e) for e in entries]
    for key, value in [(k, str(v)) for k, v in named if v and "://" not in str(v)]:
        if not any((folder / value).is_file() for folder in [project.docs, *folders]):
            yield f"mkdocs.yml: {key} {value!r} is no file in docs/ or the theme [asset-missing]"


def language(settings: Settings, folders: list[Path]) -> Iterator[str]:
    """theme.language is one of the theme's translations: an unknown one fails deep in Jinja."""
    code = str(settings.values["theme"].get("language") or "en")  # a mapping: theme_setting() ran
    known = [folder / "partials" / "languages" / f"{code}.html" for folder in folders]
    if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z]+)*", code) or not any(p.is_file() for p in known):
        yield f"mkdocs.yml: theme.language {code!r} is not one of the theme's languages, as its partials/languages/ lists them, such as 'en' or 'pt-BR' [language]"


def symlinks(project: Project) -> Iterator[str]:
    """A symbolic link under docs/ or overrides/ could publish a file from outside the repository
    (GitHub's Pages upload archives with tar --dereference): none is allowed."""
    for folder in (project.docs, project.overrides):
        for directory, subfolders, files in os.walk(folder):
            for path in sorted(Path(directory) / name for name in subfolders + files):
                if path.is_symlink():
                    yield f"{project.relative(path)}: is a symbolic link to {os.readlink(path)}; the site publishes only files kept in the repository - copy the file in [symlink]"


def encodings(project: Project) -> Iterator[str]:
    """UTF-8 text (a byte-order mark and Windows line ends are fine: both engines read them), but
    no bare carriage return (old Mac line ends), which Zensical does not read as one."""
    for path in sorted(project.docs.rglob("*")):
        data = path.read_bytes() if path.suffix in (".md", ".css", ".js", ".html", ".svg") else b""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            yield f"{project.relative(path)}:{line}: is not UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8 [encoding]"
        if (bare := data.replace(b"\r\n", b"\n").find(b"\r")) >= 0:
            line = data.replace(b"\r\n", b"\n")[:bare].count(b"\n") + 1
            yield f"{project.relative(path)}:{line}: ends a line with a bare carriage return (old Mac line ends); save it with LF or CRLF line ends [line-ends]"


def page_problems(project: Project, page: Page, folders: list[Path]) -> Iterator[str]:
    path = project.docs / page.source
    name = project.relative(path)
    if odd := "".join(sorted(c for c in set(page.source) if c in UNSAFE or c.isspace())):
        yield f"{name}: its file name holds {odd!r}, which the theme prints into the page's edit link as it is; rename it, with '-' for a space [file-name]"
    if not path.is_file():
        return  # navigation() names the nav entry that points nowhere
    yield from front_matter(name, read_page(path), folders)
    seen: dict[str, int] = {}
    for heading in page.headings:  # explicit, unique ids: published anchors must not drift
        if heading.id is None:
            yield f"{name}:{heading.line}: heading {heading.text!r} has no explicit id; append one such as '{{ #some-id }}' (generated slugs break inbound links) [heading-id]"
        elif heading.id in seen:
            yield f"{name}:{heading.line}: heading id '#{heading.id}' is already used on line {seen[heading.id]} [heading-id-twice]"
        seen.setdefault(heading.id or "", heading.line)
    if page.role != "whole" and page.title is None:  # the whole-essay page takes its parts' title
        yield f"{name}: has no '# Heading {{ #id }}'; every page opens with its own [page-heading]"


def front_matter(name: str, text: str, folders: list[Path]) -> Iterator[str]:
    match = FRONT_MATTER.match(text)
    if not re.match(r"---[ \t]*\n", text):
        yield f"{name}: no front matter; start the page with '---', 'description: ...' and '---' ({DESCRIPTION}) [front-matter]"
        return
    if match is None:
        yield f"{name}: front matter is never closed by a '---' line [front-matter-closed]"
        return
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 2}" if mark is not None else ""
        yield f"{name}{where}: front matter is not valid YAML: {getattr(error, 'problem', error)} [front-matter-yaml]"
        return
    if not isinstance(meta, dict):
        yield f"{name}: front matter must be a YAML mapping of 'key: value' lines [front-matter-mapping]"
        return
    description, role, icon = meta.get("description"), meta.get("role"), meta.get("icon")
    if description is None:
        yield f"{name}: front matter has no 'description' ({DESCRIPTION}) [description-missing]"
    elif not isinstance(description, str):
        yield f"{name}: 'description' must be text, not {type(description).__name__} ({description!r}); quote it [description-text]"
    elif not description.strip().endswith(".") or SENTENCE_END.search(description):
        yield f"{name}: 'description' must be exactly one sentence ending in '.': {' '.join(description.split())!r} [description-sentence]"
    if role is not None and role not in ROLES:
        yield f"{name}: 'role: {role}' is not one of {', '.join(ROLES)} (or leave it out) [role-unknown]"
    if icon is not None and not re.fullmatch(r"[a-z0-9-]+/[a-z0-9/-]+", str(icon)):
        yield f"{name}: 'icon: {icon}' must name an icon such as material/handshake [icon-name]"
    elif icon is not None and not any((f / ".icons" / f"{icon}.svg").is_file() for f in folders):
        yield f"{name}: 'icon: {icon}' is not in the theme's icon set (https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/) [icon-missing]"
    for key, (kind, example) in SHAPES.items():  # keys the theme reads: any other shape crashes it
        if key in meta and not isinstance(meta[key], kind):
            yield f"{name}: '{key}' must be {example}, not {meta[key]!r} [front-matter-type]"
    template = meta.get("template")
    if isinstance(template, str) and not (
        re.fullmatch(r"[\w-][\w.-]*(/[\w-][\w.-]*)*\.html", template)
        and any((f / template).is_file() for f in folders)
    ):
        yield f"{name}: 'template: {template}' is no template in overrides/ or the theme's [template-missing]"
    for key in ("title", "subtitle"):  # either theme prints these as they are, as text
        yield from raw_markup(f"{name}: '{key}'", meta.get(key), quotes=False)


def raw_markup(label: str, value: object, quotes: bool, note: str = "") -> Iterator[str]:
    """Refused only where printed unescaped it would become markup: a '<', a character reference
    HTML decodes ("R&D" is text) and, for a value printed into an attribute (`quotes`), a '"'."""
    text = str(value or "")
    named = (text.startswith(name, m.end()) for m in re.finditer("&", text) for name in html5)
    if (quotes and '"' in text) or MARKUP.search(text) or any(named):
        write = "write quotes as “ ”, and " if quotes else "write "
        yield f"{label} {text!r} would become markup where the theme prints it unescaped: {write}no '<' or '&name;'{note} [raw-markup]"


def unescaped_values(table: Table, settings: Settings) -> Iterator[str]:
    """Zensical prints the site name and toggle names into attributes, and nav titles as text, as
    they are, and runs no hooks (sitebuild/mkdocs_hooks.py escapes them for MkDocs): under it,
    what would become markup is refused."""
    palette = settings.values.get("theme", {}).get("palette") or []
    toggles = [o["toggle"].get("name") for o in palette if isinstance(o.get("toggle"), dict)]
    attributes = [("site_name", settings.site_name), *(("palette toggle name", n) for n in toggles)]
    text = [("nav title", page.nav_title) for page in table.pages]
    for quotes, values in ((True, attributes), (False, text)):
        for label, value in values:
            note = " (ENGINE=zensical escapes none of these)"
            yield from raw_markup(f"mkdocs.yml: {label}", value, quotes, note)


def navigation(project: Project, table: Table) -> Iterator[str]:
    """Every page is in the nav, and every nav entry is a page: a page left out is unreachable."""
    for page in table.pages:
        if not (table.docs / page.source).is_file():
            yield f"mkdocs.yml: nav entry '{page.nav_title}: {page.source}' points to no file docs/{page.source} [nav-file]"
    listed = Counter(p.source for p in table.pages)
    for path in sorted(table.docs.rglob("*.md")):
        source = path.relative_to(table.docs).as_posix()
        if source not in listed:
            yield f"{project.relative(path)}: is not in the navigation; add '- Title: {source}' to nav in mkdocs.yml [nav-omits]"
    for source in (s for s, n in listed.items() if n > 1):
        yield f"mkdocs.yml: nav lists {source} more than once [nav-twice]"


def roles(table: Table) -> Iterator[str]:
    """One introduction, pillars, one conclusion, in that order, and one page with the whole."""
    counts = Counter(p.role for p in table.pages)
    for role in ("introduction", "conclusion", "whole"):
        if counts[role] != 1:
            where = ", ".join(f"docs/{p.source}" for p in table.pages if p.role == role) or "none"
            yield f"mkdocs.yml: the essay needs exactly one page with 'role: {role}' (found: {where}) [role-one]"
    if counts["pillar"] == 0:
        yield "mkdocs.yml: no page has 'role: pillar'; the essay's sections are its pillars [role-pillar]"
    order = [p.role for p in table.parts if p.role]
    if order != sorted(order, key=PARTS.index):
        yield f"mkdocs.yml: nav puts the essay's parts as {order}; the introduction comes first, then the pillars, then the conclusion [role-order]"


def uniqueness(table: Table) -> Iterator[str]:
    """Descriptions tell pages apart in search and shares; heading ids are labels other docs link
    to (objects.inv), one page each, but for the whole essay's (prefixed with its own name)."""
    described: dict[str, Page] = {}
    labelled: dict[str, Page] = {}
    for page in table.pages:
        first = described.setdefault(page.description, page)
        if page.description and first is not page:
            yield f"docs/{page.source}: 'description' is the same as docs/{first.source}'s; each page says what it holds [description-twice]"
        for heading in page.headings if page.role != "whole" else []:
            owner = labelled.setdefault(heading.id or "", page)
            if heading.id and owner is not page:
                yield f"docs/{page.source}:{heading.line}: heading id '#{heading.id}' is also used in docs/{owner.source}; ids are labels other docs link to, one page each [heading-id-shared]"


def ids(table: Table, url: str) -> set[str] | None:
    """The heading ids the page at `url` publishes (the whole essay: its parts'), or None."""
    page = table.by_url(url)
    pages = table.parts if page and page.role == "whole" else [page] if page else None
    return None if pages is None else {h.id for p in pages for h in p.headings if h.id}


def moves(table: Table, settings: Settings) -> Iterator[str]:
    """Each entry of the two maps of moves has the README's form and leads somewhere: a moved
    anchor from a page that exists to an id it has; a moved page to a page."""
    for old, new in settings.moved_anchors.items():
        entry = f"mkdocs.yml: extra.moved_anchors entry '{old}': '{new}'"
        page, _, anchor = new.partition("#")
        if not (ANCHOR_FORM.fullmatch(old) and ANCHOR_FORM.fullmatch(new)):
            yield f"{entry} must be written 'page/#old-id': 'page/#new-id' (a page's URL under site_url, no leading '/') [moved-anchor-form]"
        elif ids(table, old.partition("#")[0]) is None:
            yield f"{entry}: no page at /{old.partition('#')[0]}, where a reader with the old link arrives [moved-anchor-page]"
        elif anchor not in (ids(table, page) or set()):
            yield f"{entry}: /{new} is no page's heading id [moved-anchor-target]"
    sources = {p.source for p in table.pages}
    for old, new in settings.redirect_maps.items():
        entry = f"mkdocs.yml: redirect_maps entry '{old}': '{new}'"
        target, external = new.partition("#")[0], new.startswith("https://")
        if not (PAGE_FORM.fullmatch(old) and (external or PAGE_FORM.fullmatch(target))):
            yield f"{entry} must be written 'old.md': 'new.md' (files under docs/, no leading '/') [redirect-form]"
        elif old in sources or not (external or target in sources):
            yield f"{entry}: '{new}' must be a page in the nav, and '{old}' no longer one [redirect-target]"
