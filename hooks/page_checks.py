"""Checks on each page's Markdown source, reported as MkDocs warnings so the strict build fails.

Checks only: nothing here changes the output, so moving to an engine without hooks (Zensical)
loses a warning, never a URL or an anchor. Each message starts with the file (and line) at fault.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.page_checks")

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#([A-Za-z][\w-]*)\s*\}$")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    for file in files.documentation_pages():
        name = f"{docs.name}/{file.src_uri}"
        text = Path(file.abs_src_path or docs / file.src_uri).read_text(encoding="utf-8")
        for problem in front_matter_problems(text) + heading_problems(text):
            log.warning(f"{name}{problem}")
    return files


def front_matter_problems(text: str) -> list[str]:
    """Problems with the YAML front matter. MkDocs itself silently renders bad YAML as text."""
    if not text.startswith("---\n"):
        return [": no front matter; every page needs one with a one-sentence 'description'"]
    end = re.search(r"^(---|\.\.\.)\s*$", text[4:], flags=re.M)
    if end is None:
        return [": front matter is never closed by a '---' line"]
    try:
        meta = yaml.safe_load(text[4 : 4 + end.start()])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 2}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error)
        return [f"{where}: front matter is not valid YAML: {reason}"]
    if not isinstance(meta, dict):
        return [": front matter must be a YAML mapping (key: value lines)"]
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        return [": front matter has no 'description' (one sentence, used for search and cards)"]
    body = description.strip()
    if not body.endswith(".") or re.search(r"[.!?]\s+[A-Z]", body):
        return [f": 'description' must be exactly one sentence ending in '.': {body!r}"]
    return []


def heading_problems(text: str) -> list[str]:
    """Headings without an explicit id, and ids used twice: published anchors must not drift."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if match is None:
            continue
        explicit = EXPLICIT_ID.search(match.group(2))
        if explicit is None:
            problems.append(
                f":{number}: heading {match.group(2)!r} has no explicit id; "
                "append one such as '{ #some-id }' (generated slugs break inbound links)"
            )
            continue
        anchor = explicit.group(1)
        if anchor in seen:
            problems.append(
                f":{number}: heading id '#{anchor}' is already used on line {seen[anchor]}"
            )
        seen[anchor] = number
    return problems
