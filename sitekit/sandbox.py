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
