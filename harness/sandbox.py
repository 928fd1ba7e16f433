"""A throwaway copy of the project to break or rename things in, for the tests that prove guards."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitekit import ROOT

# What a build and its guards read; the copy leaves out the virtualenv, caches and git.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "seeds", "published-links.txt")


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must be there, once: a set-up that silently did nothing proves nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"set-up: {old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rename_with_redirects(project: Path, listing: str = "published-links.txt") -> None:
    """Move partnerships/ to alliances/ and its anchor #partnerships to #ties, adding the redirects
    and listing lines that the guards' failure messages ask for."""
    docs, config = project / "docs", project / "mkdocs.yml"
    (docs / "partnerships.md").rename(docs / "alliances.md")
    replace_in(docs / "alliances.md", "{ #partnerships }", "{ #ties }")
    replace_in(config, "partnerships.md\n", "alliances.md\n")
    replace_in(config, "redirect_maps: {}", "redirect_maps: {partnerships.md: alliances.md}")
    replace_in(
        config, "moved_anchors: {}", 'moved_anchors: {"alliances/#partnerships": "alliances/#ties"}'
    )
    with (project / listing).open("a") as published:
        published.write("/alliances/\n/alliances/#ties\n")
