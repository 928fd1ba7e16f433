"""A Python-Markdown extension (both engines run them) that assembles the whole essay on one page.

The marker line `<!-- whole-essay ... -->` (docs/essay.md) becomes the essay's parts in nav order,
each part's headings one level down but the introduction's, anchors as on their own pages, and
after the title a list of the sections: no second copy of the text is kept. It finds mkdocs.yml
at its `config_file` option (MkDocs' hook sets it), else in the working folder (Zensical's)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from sitebuild.table import Table, heading_lines, read_table

MARKER = re.compile(r"^<!--\s*whole-essay\b.*-->\s*$")


def contents(table: Table) -> list[str]:
    """The sections, linked (on screen and in the PDF): the design's structure, not the author's."""
    items = [
        f'<li><a href="#{page.title.id}">{html.escape(page.title.text)}</a></li>'
        for page in table.parts
        if page.role != "introduction" and page.title and page.title.id
    ]
    nav = '<nav class="essay-contents" aria-label="Contents" data-structure>'
    return ["", nav, "<ol>", *items, "</ol>", "</nav>", ""]


def assembled(table: Table) -> list[str]:
    lines: list[str] = []
    for page in table.parts:
        shift = "" if page.role == "introduction" else "#"
        for line, heading in heading_lines(page.body):
            lines.append(shift + line if heading else line)
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
        whole = assembled(read_table(self.config_file.resolve()))
        return [out for line in lines for out in (whole if MARKER.match(line) else [line])]


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
