"""The guards, as functions over one build: each returns its problems, one line each, naming the
file and what is wrong. Tests assert there are none; the fault matrix asserts each one fires."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2
from bs4 import Tag

from sitekit.seed import Section, normalise
from sitekit.site import BuiltSite

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
                problems.append(f"section '{section.heading}' ({page}): {where}: «{sentence}»")
            else:
                cursor = found + len(sentence)
    nav_files = [
        site.file_for(urlsplit(site.resolve("index.html", h).url).path) for _, h in site.nav()
    ]
    found_order = [f for f in nav_files if f in order]
    expected = [f for f in order if f is not None]
    if found_order != expected:
        problems.append(f"navigation order {found_order} does not follow the seed's {expected}")
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
            problems.append(f"{url}: no page is built at this URL")
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
                problems.append(f"{file}: <{tag.name} {attribute}={value!r}>: {target.problem}")
    return problems


def duplicate_ids(site: BuiltSite) -> list[str]:
    """An id used twice on a page makes its anchor ambiguous."""
    problems = []
    for file in site.html_files:
        ids = site.ids(file)
        problems += [
            f"{file}: id '{i}' is used {ids.count(i)} times"
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
