"""robots.txt, llms.txt and objects.inv, written from the table and the built HTML, the same under
either engine: Zensical runs no hooks and renders no extra static templates."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from sitebuild.config import Settings
from sitebuild.problems import BuildError
from sitebuild.table import Page, Table

INVENTORY = (
    "# Sphinx inventory version 2\n# Project: {}\n# Version: \n"
    "# The remainder of this file is compressed using zlib.\n"
)


def write_all(site_dir: Path, table: Table, settings: Settings) -> None:
    # Crawlers are welcome everywhere; the sitemap carries the deploy's own URL.
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {settings.site_url}sitemap.xml\n"
    (site_dir / "robots.txt").write_text(robots, encoding="utf-8")
    (site_dir / "llms.txt").write_text(llms(table, settings), encoding="utf-8")
    (site_dir / "objects.inv").write_bytes(inventory(site_dir, table, settings))


def llms(table: Table, settings: Settings) -> str:
    """/llms.txt (llmstxt.org): what the site holds, for language-model agents."""
    parts, whole = table.parts, table.one("whole")
    lines = [f"# {markdown_text(settings.site_name)}", ""]
    lines += [f"> {markdown_text(settings.site_description)}", ""]
    lines += [
        "The essay is published verbatim: a page for each of its parts, in the author's order, "
        "and the whole of it on one page and as a PDF.",
        "",
        "## Essay",
        "",
    ]
    lines += [entry(page, settings) for page in parts]
    if whole is not None:
        pdf = (
            f"- [{markdown_text(settings.pdf)}]({settings.site_url}{settings.pdf}): the PDF edition"
        )
        lines += ["", "## The whole essay", "", entry(whole, settings), pdf]
    others = [entry(p, settings) for p in table.pages if p not in parts and p is not whole]
    lines += ["", "## Optional", "", *others] if others else []
    return "\n".join(lines) + "\n"


def entry(page: Page, settings: Settings) -> str:
    link = f"[{markdown_text(page.nav_title)}]({settings.site_url}{page.url})"
    return f"- {link}: {markdown_text(page.description)}"


def markdown_text(value: str) -> str:
    """A value as literal Markdown text, in Python-Markdown and CommonMark alike: '&', '<', '>' as
    entities (no raw HTML), the punctuation of emphasis, code and links backslash-escaped."""
    text = " ".join(value.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def inventory(site_dir: Path, table: Table, settings: Settings) -> bytes:
    """objects.inv, a Sphinx inventory (version 2): each page a std:doc named by its file, each
    heading a std:label named by its id (the whole essay's prefixed 'essay-'), displayed as a reader
    sees it; a moved page or anchor keeps its old name, pointing at the new place."""
    entries: dict[tuple[str, str], tuple[str, str]] = {}  # (name, role) -> (uri, display)
    owners: dict[tuple[str, str], str] = {}

    def add(name: str, role: str, uri: str, display: str, source: str) -> None:
        key = (name, role)
        if key in entries and entries[key][0] != uri:
            message = f"inventory name '{name}' ({role}) is also given by {owners[key]}; rename a heading id so each label is one place"
            raise BuildError([f"docs/{source}: {message} [inventory-name]"])
        entries[key], owners[key] = (uri, display), f"docs/{source}"

    for page in table.pages:
        built = site_dir / (page.url + "index.html")
        if not built.is_file():
            raise BuildError(
                [f"docs/{page.source}: was not built to {page.url}index.html [engine]"]
            )
        article = read_article(built.read_text(encoding="utf-8"))
        add(page.doc, "std:doc", page.url or "./", page.nav_title, page.source)
        prefix = f"{page.doc}-" if page.role == "whole" else ""
        for anchor, text in article.headings:
            add(prefix + anchor, "std:label", f"{page.url}#{anchor}", text, page.source)
    for old, new in settings.redirect_maps.items():
        target = entries.get((new.removesuffix(".md"), "std:doc"))
        if target:
            add(old.removesuffix(".md"), "std:doc", target[0], target[1], f"{old} (redirect)")
    for old, new in settings.moved_anchors.items():
        old_page, _, old_id = old.partition("#")
        label = next((v for (_, r), v in entries.items() if r == "std:label" and v[0] == new), None)
        moved_from = table.by_url(old_page)
        prefix = f"{moved_from.doc}-" if moved_from and moved_from.role == "whole" else ""
        if label:
            add(prefix + old_id, "std:label", label[0], label[1], f"{old} (moved)")
    body = "".join(
        f"{name} {role} -1 {uri} {display}\n"
        for (name, role), (uri, display) in sorted(entries.items())
    )
    header = INVENTORY.format(" ".join(settings.site_name.split()))
    return header.encode("utf-8") + zlib.compress(body.encode("utf-8"), 9)


@dataclass(frozen=True)
class Article:
    headings: list[tuple[str, str]]  # (id, text) in document order
    title: str  # the first level-1 heading's text


def read_article(html: str) -> Article:
    """The headings (with ids) inside a built page's <article>, as the text a reader sees."""
    import lxml.html  # in the build's group: the preview does not need it

    # lxml's own parser and XPath: 0.8 ms a page, where BeautifulSoup's html.parser took 23 ms.
    headings = "(//article)[1]//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][@id]"
    found = lxml.html.fromstring(html).xpath(headings)
    pairs = [(str(h.get("id")), " ".join(h.text_content().split())) for h in found]
    title = next((text for (_, text), h in zip(pairs, found, strict=True) if h.tag == "h1"), "")
    return Article(pairs, title)
