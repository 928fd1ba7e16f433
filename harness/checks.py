"""The guards, as functions over one build: each returns its problems, one line each, naming the
file and what is wrong. Tests assert there are none; the fault matrix asserts each one fires."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2
from bs4 import Tag

from sitekit.seed import Section, normalise
from sitekit.site import BuiltSite, visible_text

# Elements (and attributes) whose URL the browser fetches on load. <a href> and
# <link rel=canonical> are references, not loads.
LOADING_LINK_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload",
    "modulepreload", "prefetch", "preconnect", "dns-prefetch", "mask-icon",
}  # fmt: skip
LOADING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data",), "source": ("src", "srcset"), "track": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "input": ("src",), "image": ("href",),
}  # fmt: skip


def sections(site: BuiltSite, seed: list[Section]) -> list[str]:
    """Every seed section on the page that owns it: heading, then each sentence, in order."""
    problems: list[str] = []
    owner = {site.h1(f): f for f in site.pages}
    order = [owner.get(s.heading) for s in seed]
    for section, page in zip(seed, order, strict=True):
        if page is None:
            problems.append(f"section '{section.heading}': no page has it as its heading")
            continue
        text, cursor = site.main_text(page), 0
        for sentence in section.sentences:
            found = text.find(sentence, cursor)
            if found < 0:
                where = "out of order" if sentence in text else "missing or changed"
                problems.append(
                    f"{site.source_of(page)}: section '{section.heading}': {where}: «{sentence}»"
                )
            else:
                cursor = found + len(sentence)
    problems += added_prose(site, seed, [p for p in order if p])
    nav_files = [
        site.file_for(urlsplit(site.resolve("index.html", h).url).path) for _, h in site.nav()
    ]
    found_order = [f for f in nav_files if f in order]
    expected = [f for f in order if f is not None]
    if found_order != expected:
        problems.append(f"navigation order {found_order} does not follow the seed's {expected}")
    return problems


def added_prose(site: BuiltSite, seed: list[Section], pages: list[str]) -> list[str]:
    """No paragraph on the essay's pages that the seed lacks: additions are structure (headings,
    the home page's template-made cards and button), never prose in the author's voice."""
    known = {normalise(p) for section in seed for p in section.paragraphs}
    problems = []
    for page in pages:
        article = site.article(page)
        for paragraph in article.select("p") if article else []:
            if paragraph.find_parent(class_="grid") or paragraph.select_one(".md-button"):
                continue
            text = visible_text(paragraph)
            if text and text not in known:
                problems.append(f"{site.source_of(page)}: paragraph not in the seed: «{text}»")
    return problems


def pages_and_nav(
    site: BuiltSite, docs: Path, expected: Iterable[tuple[str, str, str]]
) -> list[str]:
    """Pages at their URLs with heading and nav title; every docs/*.md in the nav; no dead entry."""
    problems: list[str] = []
    nav = [(title, site.resolve("index.html", href)) for title, href in site.nav()]
    nav_paths = {urlsplit(t.url).path: title for title, t in nav}
    for url, heading, title in expected:
        path = site.base_path + url.lstrip("/")
        file = site.file_for(path)
        if file is None:
            source = site.source_of(url.lstrip("/") + "index.html")
            problems.append(f"{source}: no page is built at {url} (from this file)")
            continue
        if site.h1(file) != normalise(heading):
            problems.append(f"{url} ({file}): heading is {site.h1(file)!r}, expected {heading!r}")
        if nav_paths.get(path) != title:
            problems.append(
                f"{url}: navigation title is {nav_paths.get(path)!r}, expected {title!r}"
            )
    for title, target in nav:
        if target.problem or target.file is None:
            problems.append(f"navigation entry '{title}' points nowhere: {target.problem}")
    for source in sorted(docs.rglob("*.md")):
        rel = source.relative_to(docs).as_posix()
        url = rel.removesuffix(".md") + "/"
        url = url.removesuffix("index/")
        if site.base_path + url not in nav_paths:
            problems.append(
                f"{docs.name}/{rel}: not in the navigation (add it to nav in mkdocs.yml)"
            )
    return problems


def links(site: BuiltSite) -> list[str]:
    """Every internal href/src resolves to a file and every #fragment to an id on that page."""
    problems = []
    for file in site.html_files:
        for tag, attribute, value in site.links(file):
            target = site.resolve(file, value)
            if target.problem:
                where = f"{site.source_of(file)} -> {file}" if file in site.pages else file
                problems.append(f"{where}: <{tag.name} {attribute}={value!r}>: {target.problem}")
    return problems


def duplicate_ids(site: BuiltSite) -> list[str]:
    """An id used twice on a page makes its anchor ambiguous."""
    problems = []
    for file in site.html_files:
        ids = site.ids(file)
        where = f"{site.source_of(file)} -> {file}" if file in site.pages else file
        problems += [
            f"{where}: id '{i}' is used {ids.count(i)} times"
            for i in sorted(set(ids))
            if ids.count(i) > 1
        ]
    return problems


def privacy(site: BuiltSite) -> list[str]:
    """No page or stylesheet loads a font, script, style, image or frame from another host."""
    problems = []
    for file in site.html_files:
        for tag in site.soup(file).find_all(True):
            for attribute, value in loaded_urls(tag):
                if site.resolve(file, value).external:
                    problems.append(
                        f"{file}: <{tag.name} {attribute}> loads {value} from another host"
                    )
            for value in css_urls(
                tag.get("style", "") if isinstance(tag.get("style"), str) else ""
            ):
                if site.resolve(file, value).external:
                    problems.append(f"{file}: inline style on <{tag.name}> loads {value}")
            if tag.name == "style":
                for value in css_urls(tag.get_text()):
                    if site.resolve(file, value).external:
                        problems.append(f"{file}: <style> loads {value} from another host")
    for file in (f for f in site.files if f.endswith(".css")):
        for value in css_urls(site.text(file)):
            if site.resolve(file, value).external:
                problems.append(f"{file}: stylesheet loads {value} from another host")
    return problems


def loaded_urls(tag: Tag) -> list[tuple[str, str]]:
    if tag.name == "link":
        rels = {r.lower() for r in (tag.get("rel") or [])}
        href = tag.get("href")
        return [("href", str(href))] if rels & LOADING_LINK_RELS and href else []
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

    def walk(tokens: Iterable[object]) -> None:
        for token in tokens:
            kind = getattr(token, "type", None)
            if kind == "url":
                found.append(token.value)  # type: ignore[attr-defined]
            elif kind == "function" and token.lower_name == "url":  # type: ignore[attr-defined]
                found.extend(a.value for a in token.arguments if a.type == "string")  # type: ignore[attr-defined]
            elif kind == "at-rule" and token.lower_at_keyword == "import":  # type: ignore[attr-defined]
                found.extend(t.value for t in token.prelude if t.type in ("string", "url"))  # type: ignore[attr-defined]
            for child in ("prelude", "content", "arguments", "value"):
                nested = getattr(token, child, None)
                if isinstance(nested, list):
                    walk(nested)

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def read_published(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def published_links(
    site: BuiltSite, published: list[str], moved_anchors: dict[str, str], listing: str
) -> list[str]:
    """Every listed link resolves (directly, through a page redirect or a moved anchor), and every
    page and heading id the build publishes is listed."""
    problems = []
    for link in published:
        reason = resolve_published(site, link, moved_anchors)
        if reason:
            problems.append(f"{listing}: published link {link} no longer resolves: {reason}")
    for page in site.pages:
        url = "/" + site.page_path(page)
        article = site.article(page)
        headings = (
            article.select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]") if article else []
        )
        for link in [url, *(f"{url}#{h['id']}" for h in headings)]:
            if link not in published:
                problems.append(
                    f"{site.source_of(page)}: {link} is built but not published; "
                    f"to publish it, add the line '{link}' to {listing}"
                )
    return problems


def resolve_published(site: BuiltSite, link: str, moved_anchors: dict[str, str]) -> str | None:
    path, _, fragment = link.partition("#")
    file = site.file_for(site.base_path + path.lstrip("/"))
    if file is None:
        return (
            f"no page at {path}; redirect it in mkdocs.yml under plugins > redirects > "
            f"redirect_maps ('{path.strip('/') or 'index'}.md': 'its-new-file.md')"
        )
    stub = site.redirect_target(file)
    if stub is not None:
        target = site.resolve(file, stub)
        if target.problem or target.file is None:
            return f"{path} redirects to {stub}, which does not resolve ({target.problem})"
        file = target.file
    if not fragment or fragment in site.ids(file):
        return None
    page = site.page_path(file)
    moved = moved_anchors.get(f"{page}#{fragment}")
    if moved is None:
        return (
            f"no id '{fragment}' on {file} ({site.source_of(file)}); map the old anchor in "
            f"mkdocs.yml under extra > moved_anchors ('{page}#{fragment}': '{page}#its-new-id')"
        )
    new_path, _, new_fragment = moved.partition("#")
    new_file = site.file_for(site.base_path + new_path)
    if new_file is None or new_fragment not in site.ids(new_file):
        return f"moved_anchors sends it to {moved}, which does not exist"
    return None


def inventory(site: BuiltSite, published: list[str]) -> list[str]:
    """objects.inv parses with a real reader; each entry lands on a page and an id; each published
    link has an entry."""
    import sphobjinv  # the reader other projects' tooling uses; only this guard needs it

    path = site.root / "objects.inv"
    if not path.is_file():
        return ["objects.inv: missing from the site root (hooks/inventory.py writes it)"]
    try:
        entries = sphobjinv.Inventory(fname_zlib=path).objects
    except Exception as error:
        return [f"objects.inv: does not parse as a Sphinx inventory: {error}"]
    problems, covered = [], set()
    for entry in entries:
        uri = entry.uri.replace("$", entry.name) if entry.uri.endswith("$") else entry.uri
        target = site.resolve("index.html", uri)
        if target.problem or target.file is None:
            problems.append(f"objects.inv: {entry.name} ({entry.role}) -> {uri}: {target.problem}")
        elif entry.role == "label" and not target.fragment:
            problems.append(f"objects.inv: label {entry.name} -> {uri} has no anchor")
        else:
            covered.add("/" + uri.removeprefix("./"))
    problems += [
        f"objects.inv: no entry for published link {link}"
        for link in published
        if link not in covered
    ]
    return problems


def spelling(site: BuiltSite, sources: list[Path], known: Path) -> list[str]:
    """Words a reader sees that the English dictionary and the project's word list do not know,
    each traced back to the source file and line that produced it."""
    from spellchecker import SpellChecker  # only this guard needs the dictionary

    words = {w for f in [*site.pages, "404.html"] for w in WORD.findall(site.main_text(f))}
    listed = known.read_text(encoding="utf-8").splitlines()
    checker = SpellChecker()
    checker.word_frequency.load_words([w for w in listed if w and not w.startswith("#")])
    problems = []
    for word in sorted(checker.unknown(words)):
        places = [
            f"{path.relative_to(path.parents[1]).as_posix()}:{number}"
            for path in sources
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(rf"\b{re.escape(word)}\b", line, flags=re.I)
        ] or ["(not found in the sources)"]
        problems.append(
            f"{', '.join(places)}: unknown word '{word}' (fix it, or add it to {known.name})"
        )
    return problems


WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")
