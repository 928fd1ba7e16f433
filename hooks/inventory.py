"""Write objects.inv (Sphinx inventory, version 2) so other docs link to sections by name.

A Sphinx project resolves :ref:`alias:partnerships` through intersphinx; an MkDocs project imports
the same file through mkdocstrings. Each page is a std:doc entry and each heading id a std:label
entry whose display name is the heading's text. This adds a file and moves no URL or anchor; under an
engine without hooks the tests notice the missing inventory.
"""

from __future__ import annotations

import logging
import zlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

log = logging.getLogger("mkdocs.hooks.inventory")
_entries: dict[str, list[str]] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    _entries.clear()


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    doc = page.file.src_uri.removesuffix(".md")
    lines = [f"{doc} std:doc -1 {page.url or './'} {page.title}"]
    for anchor in walk(page.toc.items):
        lines.append(f"{anchor.id} std:label -1 {page.url}#{anchor.id} {anchor.title}")
    _entries[doc] = lines
    return html


def walk(items: list[AnchorLink]) -> list[AnchorLink]:
    return [a for item in items for a in [item, *walk(item.children)]]


def on_post_build(config: MkDocsConfig) -> None:
    labels: dict[str, str] = {}
    for doc, lines in _entries.items():
        for line in lines[1:]:
            label = line.split(" ", 1)[0]
            if label in labels:
                log.warning(
                    f"docs/{doc}.md: heading id '#{label}' is also used in docs/{labels[label]}.md; ids must be unique across the site"
                )
            labels[label] = doc
    body = "".join(line + "\n" for doc in sorted(_entries) for line in _entries[doc])
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {config.site_name}\n"
        "# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    Path(config.site_dir, "objects.inv").write_bytes(
        header.encode() + zlib.compress(body.encode(), 9)
    )
