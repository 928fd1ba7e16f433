"""The mistakes MkDocs lets through silently, each a warning naming the file and the fix (strict
mode fails on it, `mkdocs serve` shows it): a heading with no explicit id, or an id used twice on a
page (other docs link to ids); front matter MkDocs drops (not closed, not YAML, not a mapping) or
without a description; a symlink in docs/ or overrides/ (the upload follows it out of the repo).
(markdownlint has no rule for explicit ids; MkDocs' `validation:` covers links and the nav.)"""

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from xml.etree.ElementTree import Element

import yaml
from markdown import Extension, Markdown
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

log = logging.getLogger("mkdocs.hooks.checks")  # strict mode counts the warnings of "mkdocs.*"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
DESCRIPTION = "'description: ...', one sentence for search results, sharing and the cards"
CURRENT: list[str] = []  # the page to check as it renders, as a maintainer names it: docs/name.md


class HeadingIds(Treeprocessor, Extension):
    """Each heading's id as written: an extension that registers itself as its tree processor."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(self, "heading_ids", 6)  # after attr_list (8), before toc (5)

    def run(self, root: Element) -> None:
        seen: set[str] = set()
        for heading in (e for e in root.iter() if e.tag in HEADINGS and CURRENT):
            text, id = " ".join("".join(heading.itertext()).split()), heading.get("id")
            if id is None:
                log.warning(
                    f"{CURRENT[0]}: heading '{text}' has no explicit id; append one, such as '{{ #{slugify(text, '-')} }}': other docs link to it, and a generated one changes with the text"
                )
            elif id in seen:
                log.warning(
                    f"{CURRENT[0]}: heading id '#{id}' is used twice on the page; toc would rename the second '{id}_1'"
                )
            seen.add(id or "")
        CURRENT.clear()  # each page once: the whole essay renders them again later


def relative(path: str | Path, config: MkDocsConfig) -> str:
    return Path(os.path.relpath(path, Path(config.config_file_path).parent)).as_posix()


def on_config(config: MkDocsConfig) -> None:
    config.markdown_extensions.append(HeadingIds())  # type: ignore[arg-type]


def on_pre_build(config: MkDocsConfig) -> None:
    for folder in filter(None, (config.docs_dir, config.theme.custom_dir)):
        for path in filter(Path.is_symlink, Path(folder).rglob("*")):
            log.warning(
                f"{relative(path, config)}: is a symbolic link to {os.readlink(path)}; the site publishes only files kept in the repository: copy the file in"
            )


def front_matter_problem(markdown: str, meta: Mapping[str, object]) -> str | None:
    """Why MkDocs read no description: it drops front matter it cannot read, and keeps the text."""
    if markdown.startswith("---") and not meta:
        if (match := YAML_RE.match(markdown)) is None:
            return "its front matter is never closed by a '---' line"
        try:
            data = yaml.safe_load(match.group(1))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            at = f" (line {mark.line + 2})" if mark else ""
            return f"its front matter is not valid YAML{at}: {getattr(error, 'problem', error)}"
        if not isinstance(data, dict):
            kind = type(data).__name__
            return f"its front matter is not a mapping of 'key: value' lines ({kind})"
    return None if "description" in meta else f"has no {DESCRIPTION} in its front matter"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    CURRENT[:] = [relative(page.file.abs_src_path or "", config)]
    if problem := front_matter_problem(markdown, page.meta):
        log.warning(
            f"{CURRENT[0]}: {problem}; MkDocs ignores it. Open the page with '---', {DESCRIPTION}, and '---'"
        )
    return markdown
