"""The whole essay on one page: the page with `role: whole` gets its parts' Markdown as MkDocs read
it, in nav order, each part's headings one level down but the introduction's, and is rendered once
every page is read. (mkdocs-print-site-plugin prefixes every id, breaking /essay/#partnerships;
pymdownx.snippets and mkdocs-include-markdown-plugin would read the pages a second time.)"""

import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

PARTS = ("introduction", "pillar", "conclusion")  # the roles of the essay's own text, in order
TITLE = re.compile(r"^# .*$", re.M)
HEADING = re.compile(r"^#{1,5}[ \t]")
FENCE = re.compile(r"^\s*(```|~~~)")
PAGES: list[Page] = []  # this build's pages, in nav order


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    PAGES[:] = nav.pages


def shifted(markdown: str) -> str:
    """Each heading one level down, but none in fenced code."""
    lines, fenced = [], False
    for line in markdown.splitlines():
        fenced = fenced != bool(FENCE.match(line))
        lines.append("#" + line if not fenced and HEADING.match(line) else line)
    return "\n".join(lines)


def assembled(parts: list[Page]) -> str:
    """After the title, a list of the sections, linked: the design's structure, not the author's."""
    intro, *rest = parts
    titles = [p.toc.items[0] for p in rest if p.toc.items]
    items = "\n".join(f'<li><a href="{t.url}">{t.title}</a></li>' for t in titles)
    nav = '<nav class="essay-contents" aria-label="Contents" data-structure>'
    contents = f"\n\n{nav}\n<ol>\n{items}\n</ol>\n</nav>\n\n" if rest else ""
    opening = TITLE.sub(lambda title: title[0] + contents, str(intro.markdown), count=1)
    return "\n\n".join([opening, *(shifted(str(p.markdown)) for p in rest)])


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    parts = [p for p in PAGES if p.meta.get("role") in PARTS]
    for page in (p for p in PAGES if p.meta.get("role") == "whole" and parts):
        page.markdown = assembled(sorted(parts, key=lambda p: PARTS.index(p.meta["role"])))
        page.render(config, files)
    return env
