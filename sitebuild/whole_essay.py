"""A Python-Markdown extension that assembles the whole essay on one page at build time.

The page that asks for it (docs/essay.md) holds a marker line, `<!-- whole-essay ... -->`; the
marker becomes the Markdown of the essay's parts (the pages whose role is introduction, pillar or
conclusion), in the order of the nav, each part's headings one level down except the
introduction's, so the title is the page's heading and each part a section under it with the same
anchor as on its own page; after the title, a list of the sections linking to each. There is no
second copy of the text in the repository, and both engines run Python-Markdown extensions, so the
page is the same under MkDocs and Zensical.

It finds mkdocs.yml at its `config_file` option (MkDocs' hook sets it), else in the working folder
(where Zensical builds).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from sitebuild.table import FENCE, HEADING, Table, read_table

MARKER = re.compile(r"^<!--\s*whole-essay\b.*-->\s*$")


def contents(table: Table) -> list[str]:
    """A list of the essay's sections, linking to each: the whole page's way around, on screen
    and in the PDF edition (where the links are internal links). Marked as the design's structure,
    not the author's text."""
    items = [
        f'<li><a href="#{page.title.id}">{html.escape(page.title.text)}</a></li>'
        for page in table.parts
        if page.role != "introduction" and page.title and page.title.id
    ]
    return [
        "",
        '<nav class="essay-contents" aria-label="Contents" data-structure>',
        "<ol>",
        *items,
        "</ol>",
        "</nav>",
        "",
    ]


def assembled(table: Table) -> list[str]:
    lines: list[str] = []
    for page in table.parts:
        shift = "" if page.role == "introduction" else "#"
        in_fence = False
        for line in page.body.splitlines():
            if FENCE.match(line):
                in_fence = not in_fence
            lines.append(shift + line if not in_fence and HEADING.match(line) else line)
            if page.role == "introduction" and page.title and line.startswith("# "):
                lines += contents(table)
        lines.append("")
    return lines


class WholeEssay(Preprocessor):
    def __init__(self, md: Markdown, config_file: str) -> None:
        super().__init__(md)
        self.config_file = Path(config_file)

    def run(self, lines: list[str]) -> list[str]:
        if not any(MARKER.match(line) for line in lines):
            return lines
        table = read_table(self.config_file.resolve())
        out: list[str] = []
        for line in lines:
            out += assembled(table) if MARKER.match(line) else [line]
        return out


class WholeEssayExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"config_file": ["mkdocs.yml", "the project's mkdocs.yml"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Before raw HTML is stashed (20) and white space normalised (30): the marker is a comment.
        md.preprocessors.register(
            WholeEssay(md, str(self.getConfig("config_file"))), "whole_essay", 40
        )


def makeExtension(**kwargs: object) -> WholeEssayExtension:
    return WholeEssayExtension(**kwargs)
