"""The guards over a built site: each yields its problems, one line each, starting with the file to
fix. tests/test_guards.py and tests/test_faults.py both call GUARDS, so a guard is wired once. The
sources are checked by the build itself (sitebuild.sources); these judge what it made."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from difflib import SequenceMatcher
from os.path import commonprefix
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import tinycss2
from bs4 import BeautifulSoup, NavigableString, Tag
from lxml import etree

from harness import links_lock
from harness.seed import SEED_SHA256, Section, read_seed, sha256
from harness.site import BuiltSite, links_in, visible_text
from sitebuild.table import Page

# Marks what the templates add to an essay page by design (cards, buttons, links to the whole
# essay); everything else in its article is the author's words.
STRUCTURE = "data-structure"
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = (*HEADING_TAGS, "p", "li", "blockquote", "pre", "table", "dl", "figure")
HEADINGS = f":is({', '.join(HEADING_TAGS)})[id]"  # a heading with an id
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")  # a word, for the spell checker and quotes


# -- The essay's words --------------------------------------------------------------------------


def words(site: BuiltSite) -> Iterator[str]:
    """Every block of every essay page is the seed's heading or paragraph, character for character,
    or declared structure; each seed section is on one part page and the whole essay, in order."""
    project = site.project
    if sha256(project.seed) != SEED_SHA256:
        yield f"{project.relative(project.seed)}: is not the essay's source of record (its sha256 is not harness/seed.py's SEED_SHA256); the seed is kept byte for byte"
    seed = read_seed(project.seed)
    carried: dict[str, list[Page]] = {s.heading: [] for s in seed}
    for page in site.table.parts:
        section = section_of(page, seed)
        if section is None:
            title = page.title.text if page.title else None
            yield f"docs/{page.source}: its heading {title!r} is not the heading of a seed section for 'role: {page.role}'; the page carries one section of the seed"
            continue
        carried[section.heading].append(page)
        yield from same_blocks(site, page, expected_blocks([section], top=1))
    for heading, pages in carried.items():
        if len(pages) != 1:
            where = ", ".join(f"docs/{p.source}" for p in pages) or "no page"
            yield f"seed section {heading!r} is carried by {where}; it needs one page"
    order = [s.heading for s in (section_of(p, seed) for p in site.table.parts) if s]
    if order != [s.heading for s in seed if carried[s.heading]]:
        yield f"mkdocs.yml: nav orders the essay's parts {[p.source for p in site.table.parts]}, not in the seed's order"
    if whole := site.table.one("whole"):
        yield from same_blocks(site, whole, expected_blocks(seed, top=1, below=2))
    described = [("mkdocs.yml: site_description", site.settings.site_description)]
    described += [(f"docs/{p.source}: description", p.description) for p in site.table.pages]
    for where, description in described:
        for quote in misquotes(description, seed):
            yield f"{where} quotes «{quote}», which is not the essay's words exactly"


def misquotes(text: str, seed: list[Section]) -> Iterator[str]:
    """Quotes in `text` that follow the essay (three words or more, most of them in the order of a
    heading or sentence) without being its words exactly; a phrase of one's own is free to quote."""
    lines = [s.heading for s in seed] + [sentence for s in seed for sentence in s.sentences]
    words = [WORD.findall(line.lower()) for line in lines]
    for quote in ("".join(q) for q in re.findall(r'"([^"]+)"|“([^”]+)”', text)):
        ours = WORD.findall(quote.lower())
        if len(ours) < 3 or any(quote in line for line in lines):
            continue
        shared = [SequenceMatcher(None, ours, theirs).get_matching_blocks() for theirs in words]
        if any(sum(block.size for block in blocks) >= 0.75 * len(ours) for blocks in shared):
            yield quote


def section_of(page: Page, seed: list[Section]) -> Section | None:
    heading = page.title.text if page.title else None
    return next((s for s in seed if s.heading == heading and s.role == page.role), None)


def expected_blocks(sections: list[Section], top: int, below: int = 0) -> list[tuple[str, str]]:
    """(tag, exact text) of the author's blocks: the first heading at level `top`, later ones at
    `below` (the whole essay puts every part under its title)."""
    blocks = []
    for index, section in enumerate(sections):
        blocks.append((f"h{top if index == 0 or not below else below}", section.heading))
        blocks += [("p", paragraph) for paragraph in section.paragraphs]
    return blocks


def same_blocks(site: BuiltSite, page: Page, expected: list[tuple[str, str]]) -> Iterator[str]:
    where, article = f"docs/{page.source}", site.article(site.file_of(page))
    if article is None:
        yield f"{where}: {site.file_of(page)} has no article"
        return
    found = [
        block
        for block in article.find_all(BLOCKS)
        if not block.find_parent(attrs={STRUCTURE: True})
        and not block.has_attr(STRUCTURE)
        and not block.find_parent(BLOCKS)
    ]
    actual = [(block.name, visible_text(block)) for block in found]
    wanted = [(tag, " ".join(text.split())) for tag, text in expected]
    for op, a1, a2, e1, e2 in SequenceMatcher(None, actual, wanted, autojunk=False).get_opcodes():
        if op in ("equal", "replace") and a2 - a1 == e2 - e1:
            for block, (tag, text) in zip(found[a1:a2], expected[e1:e2], strict=True):
                if problem := block_problem(block, tag, text):
                    yield f"{where}: {problem}"
            continue
        for tag, text in actual[a1:a2]:
            yield f"{where}: adds {tag} «{text}», which the seed lacks"
        for tag, text in expected[e1:e2]:
            yield f"{where}: is missing the seed's {tag} «{text}»"


def block_problem(block: Tag, tag: str, text: str) -> str | None:
    """Why a block is not exactly the author's `text` as a `tag`, or None; a heading that links to
    its own anchor (toc's anchorlink) is still only the text."""
    inner = block
    if tag.startswith("h"):
        link = block.find("a", href=f"#{block.get('id')}", recursive=False)
        own = [c for c in block.children if not (isinstance(c, NavigableString) and not c.strip())]
        inner = link if isinstance(link, Tag) and own == [link] else block
    shown = visible_text(block)
    if block.name != tag:
        return f"has {block.name} «{shown}» where the seed has {tag} «{text}»"
    if markup := [c for c in inner.children if isinstance(c, Tag)]:
        return f"adds <{markup[0].name}> inside the author's words: «{shown}»"
    actual = "".join(str(c) for c in inner.children).strip()
    if actual != text:
        at = len(commonprefix([actual, text]))  # noqa: RUF071 - characters, not paths, are meant
        start = max(0, at - 30)
        return f"changes the author's words: at character {at + 1}, the page has «…{actual[start : at + 30]}…» where the seed has «…{text[start : at + 30]}…»"
    return None


# -- Pages, navigation, the design's structure --------------------------------------------------


def structure(site: BuiltSite) -> Iterator[str]:
    """Every page built at its URL and in the nav under its title, in order; a home card per pillar
    and a button on to the conclusion; links to the whole essay and the PDF; a 404 linking all."""
    table = site.table
    expected_nav = [(p.nav_title, p.url) for p in table.pages]
    for page in table.pages:
        file = site.file_of(page)
        if site.file_for(site.base_path + page.url) is None:
            yield f"docs/{page.source}: no page is built at /{page.url}"
            continue
        nav = [(t, site.page_path(site.resolve(file, h).file or "")) for t, h in site.nav(file)]
        if nav != expected_nav:
            yield f"{site.source_of(file)}: navigation is {nav}, the table says {expected_nav}"
    cards = [
        (visible_text(a), site.resolve("index.html", str(a["href"])).file, visible_text(card))
        for card in site.soup("index.html").select(f".grid.cards[{STRUCTURE}] li")
        for a in card.select("a[href]")[:1]
    ]
    pillars = table.with_role("pillar")
    wanted = [(p.nav_title, site.file_of(p)) for p in pillars]
    if [(t, f) for t, f, _ in cards] != wanted:
        yield f"overrides/home.html: the cards are {[(t, f) for t, f, _ in cards]}, the pillars are {wanted}"
    for (_, _, card), page in zip(cards, pillars, strict=False):
        if page.description not in card:
            yield f"overrides/home.html: the card for {page.nav_title} lacks its description"
    conclusion, whole = table.one("conclusion"), table.one("whole")
    for page in table.parts:
        file = site.file_of(page)
        targets = structure_targets(site, file)
        if page.role == "introduction" and conclusion and conclusion.url not in targets:
            yield f"{site.source_of(file)}: no button on to the conclusion"
        if whole and whole.url not in targets:
            yield f"{site.source_of(file)}: no link to the whole essay (/{whole.url})"
    if whole and site.settings.pdf not in structure_targets(site, site.file_of(whole)):
        yield f"{site.source_of(site.file_of(whole))}: no link to the PDF edition"
    reached = {
        site.resolve("404.html", str(a["href"])).file
        for a in site.in_article("404.html", "a[href]")
    }
    if missing := [p for p in site.page_files if p not in reached]:
        yield f"overrides/404.html: does not link {missing}"


def structure_targets(site: BuiltSite, file: str) -> set[str]:
    """Where the design's links on a page point, as URLs relative to the site's root."""
    links = site.in_article(file, f"[{STRUCTURE}] a[href], a[{STRUCTURE}][href]")
    paths = [urlsplit(site.resolve(file, str(a["href"])).url).path for a in links]
    return {path.removeprefix(site.base_path) for path in paths}


# -- Links, ids, privacy ------------------------------------------------------------------------


def links(site: BuiltSite) -> Iterator[str]:
    """Every href/src in every built HTML file lands on a file, and every #fragment on an id there;
    links out are https and never name the project's own address from a fork's build."""
    found = [(file, link) for file in site.html_files for link in links_in(site.soup(file))]
    for file, (tag, attribute, value) in found:
        if problem := site.resolve(file, value).problem:
            yield f"{site.source_of(file)}: <{tag.name} {attribute}={value!r}>: {problem}"
    if len(found) < 50:
        yield f"{site.root}: only {len(found)} links found; the crawl is not reading the site"


def duplicate_ids(site: BuiltSite) -> Iterator[str]:
    """An id used twice on a page makes its anchor ambiguous."""
    for file in site.html_files:
        ids = site.ids(file)
        for repeated in sorted(i for i in set(ids) if ids.count(i) > 1):
            yield f"{site.source_of(file)}: id '{repeated}' is used {ids.count(repeated)} times"


# What the browser fetches on load; <a href> and <link rel=canonical> are references, not loads.
LOADING_LINK_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload",
    "modulepreload", "prefetch", "preconnect", "dns-prefetch", "mask-icon",
}  # fmt: skip
LOADING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data",), "source": ("src", "srcset"), "track": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "input": ("src",), "image": ("href",),
}  # fmt: skip


def privacy(site: BuiltSite) -> Iterator[str]:
    """No page or stylesheet loads a font, script, style, image or frame from another host."""
    stylesheets = [f for f in site.files if f.endswith(".css")]
    if not stylesheets:
        yield f"{site.root}: no stylesheet in the build"
    for file in site.html_files:
        for tag in site.soup(file).find_all(True):
            style = str(tag.get("style") or "") + (tag.get_text() if tag.name == "style" else "")
            for what, value in [*loaded_urls(tag), *(("style", url) for url in css_urls(style))]:
                if site.resolve(file, value).external:
                    yield f"{site.source_of(file)}: <{tag.name} {what}> loads {value} from another host"
    for file in stylesheets:
        for value in css_urls(site.text(file)):
            if site.resolve(file, value).external:
                yield f"docs/{file}: stylesheet loads {value} from another host"


def loaded_urls(tag: Tag) -> list[tuple[str, str]]:
    if tag.name == "link":
        rels = {r.lower() for r in (tag.get("rel") or [])}
        return [("href", str(tag["href"]))] if rels & LOADING_LINK_RELS and tag.get("href") else []
    found = []
    for attribute in LOADING_ATTRIBUTES.get(tag.name, ()):
        value = tag.get(attribute)
        if isinstance(value, str):
            parts = value.split(",") if attribute == "srcset" else [value]
            found += [(attribute, p.split()[0]) for p in parts if p.strip()]
    return found


def css_urls(css: str) -> list[str]:
    """URLs in url(...) and @import, read with a real CSS tokenizer."""
    found: list[str] = []

    def walk(tokens: Iterable[Any]) -> None:
        for token in tokens:
            kind = getattr(token, "type", None)
            if kind == "url":
                found.append(str(token.value))
            elif kind == "function" and token.lower_name == "url":
                found.extend(str(a.value) for a in token.arguments if a.type == "string")
            elif kind == "at-rule" and token.lower_at_keyword == "import":
                found.extend(str(t.value) for t in token.prelude if t.type in ("string", "url"))
            for child in ("prelude", "content", "arguments", "value"):
                if isinstance(getattr(token, child, None), list):
                    walk(getattr(token, child))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


# -- Published links and the inventory ----------------------------------------------------------


def published_links(site: BuiltSite) -> Iterator[str]:
    """The lock holds: every line ever published is still there (live, or redirected with '->') and
    resolves as the lock says, and every page and heading id the build publishes is listed."""
    name = site.project.relative(site.project.links_lock)
    lines, problems = links_lock.read(site.project.links_lock)
    yield from (name + p for p in problems)
    listed = {line.link for line in lines}
    if not any("#" in link for link in listed) or "/" not in listed:
        yield f"{name}: lists no page and anchor; it must list every published link"
    past = links_lock.history(site.project.links_lock)
    if past.problem:
        yield f"{name}: {past.problem}"
    for link, commit in past.links.items():
        if link not in listed:
            yield f"{name}: {link} was published (commit {commit}) and is gone from the lock; a published link is never dropped or rewritten - restore the line, and if the page or anchor moved, write '{link} -> <new link>' and add the redirect {redirect_advice(link)}"
    for line in lines:
        landing, reason = follow(site, line.link)
        if reason:
            yield f"{name}:{line.number}: {line.link} no longer resolves: {reason}"
        elif line.moved_to is None and landing != line.link:
            yield f"{name}:{line.number}: {line.link} lands on {landing} through a redirect; write '{line.link} -> {landing}'"
        elif line.moved_to is not None and landing != follow(site, line.moved_to)[0]:
            yield f"{name}:{line.number}: {line.link} lands on {landing}, not where {line.moved_to} lands"
    for page in site.table.pages:
        anchors = [str(h["id"]) for h in site.in_article(site.file_of(page), HEADINGS)]
        for link in [f"/{page.url}", *(f"/{page.url}#{a}" for a in anchors)]:
            if link not in listed:
                yield f"docs/{page.source}: {link} is built but not published; to publish it, add the line '{link}' to {name}"


def redirect_advice(link: str) -> str:
    path, _, fragment = link.partition("#")
    page = path.strip("/")
    if fragment:
        return (
            f"in mkdocs.yml under extra > moved_anchors: '{page}/#{fragment}': '{page}/#its-new-id'"
        )
    return f"in mkdocs.yml under plugins > redirects > redirect_maps: '{page or 'index'}.md': 'its-new-file.md'"


def follow(site: BuiltSite, link: str) -> tuple[str, str | None]:
    """Where a lock-style link lands, through redirects and moved anchors, or why nowhere."""
    path, _, fragment = link.partition("#")
    file = site.file_for(site.base_path + path.lstrip("/"))
    if file is None:
        return link, f"no page at {path}; redirect it ({redirect_advice(path)})"
    stub = site.redirect_target(file)
    if stub is not None:
        target = site.resolve(file, stub)
        if target.problem or target.file is None:
            return link, f"{path} redirects to {stub}, which does not resolve ({target.problem})"
        file = target.file
    page = site.page_path(file)
    if not fragment or fragment in site.ids(file):
        return f"/{page}" + (f"#{fragment}" if fragment else ""), None
    moved = site.settings.moved_anchors.get(f"{page}#{fragment}")
    if moved is None:
        return (
            link,
            f"no id '{fragment}' on {file} ({site.source_of(file)}); map the old anchor {redirect_advice(f'/{page}#{fragment}')}",
        )
    new_path, _, new_fragment = moved.partition("#")
    new_file = site.file_for(site.base_path + new_path)
    if new_file is None or new_fragment not in site.ids(new_file):
        return link, f"extra.moved_anchors sends it to {moved}, which does not exist"
    return f"/{moved}", None


def inventory(site: BuiltSite) -> Iterator[str]:
    """objects.inv parses with the reader other projects' tooling uses (sphobjinv); each entry lands
    on a page and an id; each published link has one; display names are plain text."""
    import sphobjinv  # only this guard needs it

    try:
        entries = sphobjinv.Inventory(fname_zlib=site.root / "objects.inv").objects
    except Exception as error:
        yield f"objects.inv: is missing or does not parse as a Sphinx inventory (sitebuild/published.py): {error}"
        return
    covered = set()
    for entry in entries:
        uri = entry.uri.replace("$", entry.name) if entry.uri.endswith("$") else entry.uri
        target = site.resolve("index.html", uri)
        if target.problem or target.file is None:
            yield f"objects.inv: {entry.name} ({entry.role}) -> {uri}: {target.problem}"
        elif entry.role == "label" and not target.fragment:
            yield f"objects.inv: label {entry.name} -> {uri} has no anchor"
        elif re.search(r"&\w+;|&#\d+;", entry.dispname):
            yield f"objects.inv: {entry.name} shows {entry.dispname!r}, HTML-escaped"
        else:
            covered.add("/" + uri.removeprefix("./"))
    for line in links_lock.read(site.project.links_lock)[0]:
        landing, reason = follow(site, line.link)
        if reason is None and landing not in covered:
            yield f"objects.inv: no entry for published link {line.link} (at {landing})"


# -- What a crawler, a sharer and an agent read -------------------------------------------------


def sharing(site: BuiltSite) -> Iterator[str]:
    """Each page's own canonical URL, title and description, the same in Open Graph and Twitter
    tags; robots.txt lets crawlers in; the sitemap lists every page, dated by the last commit."""
    settings, seen = site.settings, dict[str, str]()
    for page in site.table.pages:
        file, where = site.file_of(page), f"docs/{page.source}"
        url, soup = site.url(file), site.soup(file)
        title = settings.site_name if page.url == "" else f"{page.nav_title} - {settings.site_name}"
        canonical = soup.find("link", rel="canonical")
        expected = {"canonical": url, "title": title, "description": page.description, "og:url": url,
                    "og:type": "website" if page.url == "" else "article", "og:title": title,
                    "og:description": page.description, "og:site_name": settings.site_name,
                    "twitter:card": "summary", "twitter:title": title, "twitter:description": page.description}  # fmt: skip
        actual = {key: site.meta(file, key) for key in expected} | {
            "canonical": canonical.get("href") if isinstance(canonical, Tag) else None,
            "title": soup.title.get_text() if soup.title else None,
        }
        for key, value in expected.items():
            if actual[key] != value:
                yield f"{where}: {key} is {actual[key]!r}, expected {value!r}"
        if title in seen:
            yield f"{where}: its title {title!r} is also {seen[title]}'s"
        seen[title] = where
    robots, path = RobotFileParser(), site.root / "robots.txt"
    robots.parse(path.read_text(encoding="utf-8").splitlines() if path.is_file() else [])
    shut = [site.url(f) for f in site.page_files if not robots.can_fetch("*", site.url(f))]
    if shut:
        yield f"robots.txt: keeps crawlers out of {shut}"
    if robots.site_maps() != [f"{settings.site_url}sitemap.xml"]:
        yield f"robots.txt: names the sitemaps {robots.site_maps()} (sitebuild/published.py)"
    if not (site.root / "sitemap.xml").is_file():
        yield "sitemap.xml: missing (plugins: search and the engine write it)"
        return
    tree = etree.parse(str(site.root / "sitemap.xml"))
    pages = {site.url(f) for f in site.page_files}
    if locations := {e.text for e in tree.iter(f"{SITEMAP}loc")} ^ pages:
        yield f"sitemap.xml: {sorted(str(x) for x in locations)} differ from the pages"
    day = datetime.fromtimestamp(site.built.epoch, UTC).date().isoformat()
    dates = {e.text for e in tree.iter(f"{SITEMAP}lastmod")}
    if dates - {day}:  # Zensical writes no dates
        yield f"sitemap.xml: lastmod {sorted(str(d) for d in dates)} is not the last commit's day {day}"


def llms_txt(site: BuiltSite) -> Iterator[str]:
    """llms.txt (llmstxt.org) names and sums up the site and lists every page with its description,
    each link resolving; values read back exactly as written."""
    import markdown

    if not (site.root / "llms.txt").is_file():
        yield "sitebuild/published.py: llms.txt is missing"
        return
    soup = BeautifulSoup(markdown.markdown(site.text("llms.txt")), "lxml")
    heading, summary = soup.find("h1"), soup.find("blockquote")
    if not heading or heading.get_text() != site.settings.site_name:
        yield f"llms.txt: title is not the site name {site.settings.site_name!r}"
    if not summary or " ".join(summary.get_text().split()) != site.settings.site_description:
        yield "llms.txt: summary is not the site description"
    if soup.find("script"):
        yield "llms.txt: a value became raw HTML (a <script> element)"
    listed: dict[str | None, str] = {}
    for item in soup.select("li"):
        link = item.find("a")
        target = site.resolve("index.html", str(link["href"])) if isinstance(link, Tag) else None
        if target is None or target.problem:
            yield f"llms.txt: entry {item.get_text()!r} links nowhere: {target and target.problem}"
        else:
            listed[target.file] = item.get_text()
    for page in site.table.pages:
        entry = listed.get(site.file_of(page))
        if entry is None:
            yield f"docs/{page.source}: not listed in llms.txt"
        elif page.description not in entry or page.nav_title not in entry:
            yield f"docs/{page.source}: llms.txt lists it without its title or description"


def search(site: BuiltSite) -> Iterator[str]:
    """Every essay page is in the site search, found by a word that only its section uses."""
    documents = site.search_documents()
    if not documents:
        yield f"{site.root}: no search index (search/search_index.json or search.json)"
    seed = read_seed(site.project.seed)
    for page in site.table.parts:
        section = section_of(page, seed)
        text = documents.get(page.url)
        if section is None:
            continue  # words() names the page
        if text is None:
            yield f"docs/{page.source}: is not in the site search; remove 'search: exclude' from its front matter"
        elif (word := unique_word(section, seed)) not in text.lower():
            yield f"docs/{page.source}: the search index lacks its word '{word}'"


def unique_word(section: Section, seed: list[Section]) -> str:
    """The longest word of a section (heading or text) whose stem no other section uses, stemmed
    as the site search stems (lunr's Porter stemmer); ties go alphabetically."""
    import snowballstemmer

    stem = snowballstemmer.stemmer("porter").stemWord

    def words(s: Section) -> set[str]:
        return set(re.findall(r"[a-z]+", " ".join([s.heading, *s.paragraphs]).lower()))

    others = {stem(w) for s in seed if s is not section for w in words(s)}
    own = sorted((w for w in words(section) if stem(w) not in others), key=lambda w: (-len(w), w))
    return own[0] if own else ""


# -- Settings, spelling, the PDF edition ----------------------------------------------------------


def strictness(site: BuiltSite) -> Iterator[str]:
    """`strict: true` and every validation check at warn (`info` lets broken anchors pass)."""
    config = site.settings.values
    if config.get("strict") is not True:
        yield "mkdocs.yml: 'strict' must be true"
    wanted = {
        "nav": ("omitted_files", "not_found", "absolute_links"),
        "links": ("not_found", "anchors", "absolute_links", "unrecognized_links"),
    }
    for group, keys in wanted.items():
        for key in keys:
            level = ((config.get("validation") or {}).get(group) or {}).get(key)
            if level != "warn":
                yield f"mkdocs.yml: validation.{group}.{key} is {level!r}; it must be 'warn'"


def spelling(site: BuiltSite) -> Iterator[str]:
    """Words a reader sees that neither pyspellchecker's English nor the project's list knows,
    each traced to the source lines that hold it."""
    from spellchecker import SpellChecker  # only this guard needs the dictionary

    project = site.project
    text = " ".join(site.main_text(f) for f in [*site.page_files, "404.html"])
    checker = SpellChecker()
    listed = project.words.read_text(encoding="utf-8").splitlines()
    checker.word_frequency.load_words([w for w in listed if w and not w.startswith("#")])
    sources = sorted(project.docs.rglob("*.md")) + sorted(project.overrides.rglob("*.html"))
    for word in sorted(checker.unknown(set(WORD.findall(text.replace("\u2019", "'"))))):
        places = [
            f"{project.relative(path)}:{number}"
            for path in sources
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(rf"\b{re.escape(word)}\b", line, flags=re.I)
        ] or ["(not found in the sources)"]
        yield f"{', '.join(places)}: unknown word '{word}' (fix it, or add it to {project.relative(project.words)})"


def pdf_edition(site: BuiltSite) -> Iterator[str]:
    """The PDF: its text the seed's (each sentence once, in order), titled and shown by its title,
    dated by the last commit, in the text's language, fonts embedded, internal links working."""
    from pypdf import PdfReader

    name = site.settings.pdf
    if not (site.root / name).is_file():
        yield f"sitebuild/pdf.py: {name} is missing from the site root"
        return
    reader = PdfReader(site.root / name)  # pypdf reads a path into memory and closes it
    # A line that ends on a hyphen (up-to-the-|minute) is one word; Chromium never adds hyphens.
    joined = "\n".join(page.extract_text() or "" for page in reader.pages)
    text, cursor = " ".join(re.sub(r"-[ \t]*\n\s*", "-", joined).split()), 0
    for sentence in [s for section in read_seed(site.project.seed) for s in section.sentences]:
        found = text.find(sentence, cursor)
        if found < 0:
            yield f"{name}: {'out of order' if sentence in text else 'missing or changed'}: «{sentence}»"
        cursor = found + len(sentence) if found >= 0 else cursor
        if text.count(sentence) > 1:
            yield f"{name}: «{sentence}» appears {text.count(sentence)} times"
    intro = site.table.one("introduction")
    info: dict[str, Any] = dict(reader.metadata or {})
    if info.get("/Title") != (intro.title.text if intro and intro.title else ""):
        yield f"{name}: /Title is {info.get('/Title')!r}, not the essay's title"
    catalog = pdf_dict(reader.trailer["/Root"])
    if not pdf_dict(catalog.get("/ViewerPreferences")).get("/DisplayDocTitle"):
        yield f"{name}: a viewer shows the file name, not /Title (no /DisplayDocTitle)"
    stamp = datetime.fromtimestamp(site.built.epoch, UTC).strftime("D:%Y%m%d%H%M%S")
    for key in ("/CreationDate", "/ModDate"):
        if not str(info.get(key, "")).startswith(stamp):
            yield f"{name}: {key} is {info.get(key)!r}, not the last commit's {stamp}"
    html = site.soup(site.file_of(site.table.one("whole") or site.table.pages[0])).html
    lang = html.get("lang") if html else None
    if catalog.get("/Lang") != lang:
        yield f"{name}: /Lang is not the page's language {lang!r}"
    destinations, internal = set(reader.named_destinations), 0
    for number, page in enumerate(reader.pages, start=1):
        for font_name, font in pdf_dict(pdf_dict(page.get("/Resources")).get("/Font")).items():
            descendants = [pdf_dict(d) for d in pdf_dict(font).get("/DescendantFonts") or []]
            descriptor = pdf_dict(
                pdf_dict(font).get("/FontDescriptor")
                or next((d.get("/FontDescriptor") for d in descendants), None)
            )
            if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor):
                yield f"{name}: page {number}: font {font_name} is not embedded"
        for annotation in [pdf_dict(a) for a in page.get("/Annots") or []]:
            action = pdf_dict(annotation.get("/A"))
            target = annotation.get("/Dest") or (
                action.get("/D") if action.get("/S") == "/GoTo" else None
            )
            internal += isinstance(target, str)
            if isinstance(target, str) and target not in destinations:
                yield f"{name}: page {number}: internal link to {target} goes nowhere"
    sections = len(site.table.parts) - 1  # the contents list links each part after the introduction
    if internal < sections:
        yield f"{name}: {internal} internal links; the contents list links each of its {sections} sections"


def pdf_dict(value: object) -> dict[str, Any]:
    """A PDF dictionary (following an indirect reference), or an empty one."""
    resolved = value.get_object() if hasattr(value, "get_object") else value
    return dict(resolved) if isinstance(resolved, dict) else {}


# -- What a reader is promised, and what controls say ---------------------------------------------


def features(site: BuiltSite) -> Iterator[str]:
    """On every page: previous/next links in the nav's order, an edit link to its source, each
    heading a link to itself, the colour-scheme toggle and the search box."""
    pages = site.table.pages
    padded: list[Page | None] = [None, *pages, None]
    edit = urljoin(
        (site.settings.repo_url or "") + "/", str(site.settings.values.get("edit_uri") or "")
    )
    for index, page in enumerate(pages):
        file, where, soup = site.file_of(page), f"docs/{page.source}", site.soup(site.file_of(page))
        for kind, neighbour in (("prev", padded[index]), ("next", padded[index + 2])):
            link = soup.select_one(f"a.md-footer__link--{kind}[href]")
            landing = site.resolve(file, str(link["href"])).file if link else None
            if landing != (neighbour and site.file_of(neighbour)):
                yield f"{where}: its {kind} link leads to {landing}, the nav to {neighbour and site.file_of(neighbour)} (theme.features: navigation.footer)"
        button = soup.select_one("a[rel=edit][href]")
        if button is None or str(button["href"]) != edit + page.source:
            yield f"{where}: no edit link to {edit + page.source} (theme.features: content.action.edit)"
        for heading in site.in_article(file, HEADINGS):
            if not heading.select_one(f'a[href="#{heading["id"]}"]'):
                yield f"{where}: heading #{heading['id']} is no link to itself (markdown_extensions: toc anchorlink)"
        if len(soup.select("form[data-md-component=palette] input.md-option[aria-label]")) < 2:
            yield f"{where}: no colour-scheme toggle (theme.palette with toggles)"
        if not soup.select_one("[data-md-component=search]"):
            yield f"{where}: no search box (plugins: search)"


def labels(site: BuiltSite) -> Iterator[str]:
    """A control's name says what pressing it does: each scheme toggle names the next option (light,
    dark or the system's); a link named after a page leads to it, the logo home, a link named PDF to
    the PDF edition, the repository link to the repository it names (in a fork too)."""
    titles = sorted(((p.nav_title.lower(), p) for p in site.table.pages), key=lambda t: -len(t[0]))
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
            name = " ".join(str(link.get("aria-label") or visible_text(link)).split()).lower()
            page = next(
                (p for t, p in titles if name == t or name.endswith((f" {t}", f": {t}"))), None
            )
            page = site.table.by_url("") if "md-logo" in (link.get("class") or []) else page
            target = site.resolve(file, str(link["href"]))
            landing = target.file
            if page is not None and landing != site.file_of(page):
                yield f"{where}: the link named {name!r} leads to {landing}, not to {site.file_of(page)}"
            if "pdf" in name.split() and target.url != site.site_url + site.settings.pdf:
                yield f"{where}: the link named {name!r} leads to {target.url}, not to the PDF edition"
            repository = urlsplit(str(link["href"])).path.strip("/").lower()
            if "md-source" in (link.get("class") or []) and name != repository:
                yield f"overrides/partials/source.html: the repository link is named {name!r}, not {repository!r}, the repository it leads to (repo_url)"


def validity(site: BuiltSite) -> Iterator[str]:
    """Every built HTML file passes the Nu HTML Checker (vnu), but for harness/validator.py's
    narrow exceptions: it reads the markup a browser reads, not the one lxml repairs."""
    from harness.validator import missing_java, unexcused, validate

    if java := missing_java():
        yield java
        return
    files = [site.root / f for f in site.html_files]
    errors, stale = unexcused(files, validate(files), site.built.engine)
    for error in errors:
        yield f"{site.source_of(error.file.relative_to(site.root).as_posix())}:{error.line}: {error.text} «{error.element}»"
    yield from stale


Guard = Callable[[BuiltSite], Iterator[str]]
GUARDS: dict[str, Guard] = {
    guard.__name__: guard
    for guard in [words, structure, links, duplicate_ids, privacy, published_links, inventory,
                  sharing, llms_txt, search, strictness, features, labels, spelling, pdf_edition,
                  validity]
}  # fmt: skip


def run(site: BuiltSite, *names: str) -> list[str]:
    """The problems the named guards (all, if none is named) find in `site`."""
    return [problem for name in names or GUARDS for problem in GUARDS[name](site)]
