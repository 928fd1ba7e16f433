"""Changes to a throwaway copy of the project: the edits the fault matrix injects, and the
maintainer's procedures (add a page, move a page, move an anchor) done exactly as the README says.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from sitebuild.pages import read_table
from sitebuild.project import Project

Change = Callable[[Project], None]


def commit(project: Project) -> None:
    """Make the copy a git repository with one commit, so what its lock published "before" is
    what the original publishes now; later edits to the copy are the change under test."""
    git = ["git", "-c", "user.name=tests", "-c", "user.email=tests@localhost"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "as published"]):
        subprocess.run([*git, *args], cwd=project.root, check=True, capture_output=True)


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must be there, once: a set-up that silently did nothing proves nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"set-up: {old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(relative: str, old: str, new: str) -> Change:
    return lambda project: replace_in(project.root / relative, old, new)


def append(relative: str, text: str) -> Change:
    """Append to (or create) one file of the copy."""

    def change(project: Project) -> None:
        path = project.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(text)

    return change


def delete(relative: str) -> Change:
    return lambda project: (project.root / relative).unlink()


def both(*changes: Change) -> Change:
    def change(project: Project) -> None:
        for each in changes:
            each(project)

    return change


# -- The README's procedures ----------------------------------------------------------------------


def add_to_mapping(config: Path, key: str, entry: str) -> None:
    """Add `entry` ('"a": "b"') under a mapping key of mkdocs.yml (`redirect_maps:` or
    `moved_anchors:`), whether it is still the empty `{}` or already has entries."""
    text = config.read_text(encoding="utf-8")
    match = re.search(rf"^([ \t]*){key}:[ \t]*(\{{\}})?[ \t]*(#.*)?$", text, flags=re.M)
    assert match, f"set-up: no '{key}:' in {config}"
    indent, comment = match.group(1), f" {match.group(3)}" if match.group(3) else ""
    replacement = f"{indent}{key}:{comment}\n{indent}  {entry}"
    config.write_text(text[: match.start()] + replacement + text[match.end() :], encoding="utf-8")


def move_page(old: str, new: str) -> Change:
    """Move docs/<old>.md to docs/<new>.md as the README says: rename, update the nav, add the
    redirect, redirect the published lines and publish the new ones."""

    def change(project: Project) -> None:
        (project.docs / f"{old}.md").rename(project.docs / f"{new}.md")
        replace_in(project.config_file, f": {old}.md\n", f": {new}.md\n")
        add_to_mapping(project.config_file, "redirect_maps", f'"{old}.md": "{new}.md"')
        lock = project.links_lock
        text = lock.read_text(encoding="utf-8")
        moved = re.sub(rf"^/{old}/(#[\w-]+)?$", rf"/{old}/\1 -> /{new}/\1", text, flags=re.M)
        added = [
            m.group(0).replace(f"/{old}/", f"/{new}/")
            for m in re.finditer(rf"^/{old}/(#[\w-]+)?$", text, flags=re.M)
        ]
        lock.write_text(moved + "".join(f"{line}\n" for line in added), encoding="utf-8")

    return change


def move_anchor(page: str, old: str, new: str) -> Change:
    """Rename the heading id #<old> on docs/<page>.md to #<new> as the README says: the id, a
    moved_anchors entry and the lock's lines for every page the heading is on - its own and, for
    a part of the essay, the whole-essay page, which repeats its parts' headings."""

    def change(project: Project) -> None:
        replace_in(project.docs / f"{page}.md", f"{{ #{old} }}", f"{{ #{new} }}")
        table = read_table(project.config_file)
        own = table.by_source(f"{page}.md")
        whole = table.one("whole")
        pages = [page] + ([whole.url.strip("/")] if whole and own in table.parts else [])
        lock = project.links_lock
        for where in pages:
            add_to_mapping(
                project.config_file, "moved_anchors", f'"{where}/#{old}": "{where}/#{new}"'
            )
            text = lock.read_text(encoding="utf-8")
            line = re.compile(rf"^/{re.escape(where)}/#{re.escape(old)}$", flags=re.M)
            assert line.search(text), f"set-up: no line /{where}/#{old} in {lock}"
            text = line.sub(f"/{where}/#{old} -> /{where}/#{new}", text)
            lock.write_text(text + f"/{where}/#{new}\n", encoding="utf-8")

    return change


ABOUT = """---
description: Who keeps this site, and how to suggest a change.
---

# About this site { #about }

This site publishes the essay; its text is its author's.
"""


def add_about_page(project: Project) -> None:
    """A page that is not part of the essay: its file, a nav line, its published links."""
    (project.docs / "about.md").write_text(ABOUT, encoding="utf-8")
    replace_in(
        project.config_file,
        "  - The whole essay: essay.md\n",
        "  - The whole essay: essay.md\n  - About: about.md\n",
    )
    append("published-links.txt", "/about/\n/about/#about\n")(project)
