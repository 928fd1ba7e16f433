"""What the site publishes beside its pages, written once every page is built: objects.inv (a
Sphinx inventory: each page a std:doc named by its file, each built heading, the home page's cards'
included, a std:label named by its id, the whole essay's prefixed 'essay-'; a moved page or anchor
keeps its old name), llms.txt and robots.txt. Warned here, as only the built pages can tell: one
name given to two places, and a map of moves entry of the wrong form or leading nowhere.
(sphobjinv writes inventories too, but would bring jsonschema into the preview for ten lines.)"""

import html
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.published")
HEADING = re.compile(r'<h([1-6])\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
ANCHOR = re.compile(r"(?:[\w.-]+/)*#[A-Za-z][\w-]*")  # how a moved anchor is written: page/#id
INVENTORY = "# Sphinx inventory version 2\n# Project: {}\n# Version: \n# The remainder of this file is compressed using zlib.\n"
ABOUT = "The essay is published verbatim: a page for each of its parts, in the author's order, and the whole of it on one page and as a PDF."
PAGES: list[Page] = []  # this build's pages in nav order
HEADINGS: dict[str, list[tuple[str, str]]] = {}  # page URL -> (id, text) of its built headings


def text(value: object) -> str:  # as written: hooks/text.py escaped each value for the theme
    return " ".join(html.unescape(str(value or "")).split())


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    PAGES[:] = nav.pages
    HEADINGS.clear()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    article = output.partition("<article")[2].partition("</article>")[0]
    HEADINGS[page.url] = [(id, Markup(h).striptags()) for _, id, h in HEADING.findall(article)]
    return output


def on_post_build(config: MkDocsConfig) -> None:
    site, url = Path(config.site_dir), config.site_url or "/"
    anchors = dict(config.extra.get("moved_anchors") or {})
    redirects = config.plugins["redirects"].config["redirect_maps"]
    for problem in moves(anchors, redirects):
        log.warning(problem)
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {url}sitemap.xml\n")
    (site / "llms.txt").write_text(llms(config, url), encoding="utf-8")
    (site / "objects.inv").write_bytes(inventory(config, anchors, redirects))


def moves(anchors: dict[str, str], redirects: dict[str, str]) -> Iterator[str]:
    for old, new in anchors.items():
        entry = f"mkdocs.yml: extra.moved_anchors entry '{old}': '{new}'"
        old_page, (page, _, id) = old.partition("#")[0], new.partition("#")
        if not (ANCHOR.fullmatch(old) and ANCHOR.fullmatch(new)):
            yield f"{entry} must be written 'page/#old-id': 'page/#new-id', the page's URL under site_url with no leading '/'"
        elif old_page not in HEADINGS:
            yield f"{entry}: no page is built at /{old_page}, where a reader with the old link arrives; key the entry by the page's new URL"
        elif id not in dict(HEADINGS.get(page, [])):
            yield f"{entry}: /{new} is no heading on a built page"
    for old, new in redirects.items():
        entry = f"mkdocs.yml: redirect_maps entry '{old}': '{new}'"
        if old.startswith("/") or not old.endswith(".md"):
            yield f"{entry} must be written 'old.md': 'new.md', files under docs/ with no leading '/'"
        elif old in {p.file.src_uri for p in PAGES}:
            yield f"{entry}: '{old}' is still a page, which the redirect would replace"


def llms(config: MkDocsConfig, url: str) -> str:
    """/llms.txt (llmstxt.org): what the site holds, for language-model agents."""
    whole = [p for p in PAGES if p.meta.get("role") == "whole"]
    parts = [p for p in PAGES if p.meta.get("role") and p not in whole]  # roles: hooks/essay.py
    others = [p for p in PAGES if p not in parts + whole]
    pdf = config.extra.get("pdf")
    lines = [f"# {markdown(config.site_name)}", "", f"> {markdown(config.site_description)}", ""]
    lines += [ABOUT, "", "## Essay", "", *(entry(p, url) for p in parts)]
    if whole:
        lines += ["", "## The whole essay", "", *(entry(p, url) for p in whole)]
        lines += [f"- [{markdown(pdf)}]({url}{pdf}): the PDF edition"] if pdf else []
    lines += ["", "## Optional", "", *(entry(p, url) for p in others)] if others else []
    return "\n".join(lines) + "\n"


def entry(page: Page, url: str) -> str:
    return f"- [{markdown(page.title)}]({url}{page.url}): {markdown(page.meta.get('description'))}"


def markdown(value: object) -> str:
    """A value as literal Markdown text, in Python-Markdown and CommonMark alike: '&', '<' and '>'
    as entities (no raw HTML), the punctuation of emphasis, code and links backslash-escaped."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", html.escape(text(value), quote=False))


def inventory(config: MkDocsConfig, anchors: dict[str, str], redirects: dict[str, str]) -> bytes:
    entries: dict[tuple[str, str], tuple[str, str, str]] = {}  # (name, role) -> (uri, shown, where)
    essays = {p.url: p.file.src_uri[:-3] + "-" for p in PAGES if p.meta.get("role") == "whole"}

    def add(name: str, role: str, uri: str, shown: str, where: str) -> None:
        if (found := entries.setdefault((name, role), (uri, shown, where)))[0] != uri:
            log.warning(
                f"{where}: objects.inv would name two places '{name}' ({role}), {uri} and {found[0]} ({found[2]}); other docs link by that name, so give one of them another id"
            )

    for page in PAGES:
        doc, where = page.file.src_uri.removesuffix(".md"), f"docs/{page.file.src_uri}"
        add(doc, "std:doc", page.url or "./", text(page.title), where)
        for id, shown in HEADINGS.get(page.url, []):
            add(essays.get(page.url, "") + id, "std:label", f"{page.url}#{id}", shown, where)
    for old, new in redirects.items():
        if found := entries.get((new.removesuffix(".md"), "std:doc")):
            where = f"mkdocs.yml: redirect_maps '{old}'"
            add(old.removesuffix(".md"), "std:doc", found[0], found[1], where)
    labels = {uri: shown for (_, role), (uri, shown, _) in entries.items() if role == "std:label"}
    for old, new in anchors.items():
        old_page, _, id = old.partition("#")
        if new in labels:
            name, where = essays.get(old_page, "") + id, f"mkdocs.yml: moved_anchors '{old}'"
            add(name, "std:label", new, labels[new], where)
    body = "".join(f"{n} {r} -1 {u} {s}\n" for (n, r), (u, s, _) in sorted(entries.items()))
    return INVENTORY.format(text(config.site_name)).encode() + zlib.compress(body.encode(), 9)
