"""The project as the tests see it: where its files are, copies of it to break, and what MkDocs
reads from it (the configuration through load_config, the pages and their front matter through
MkDocs' own nav and page reading), from which every expectation is derived."""

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from unittest import mock

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[2]
# What a copy needs to build and be checked.
Env = Mapping[str, str] | None  # settings a build runs with, for mkdocs.yml's !ENV tags
COPY = ["mkdocs.yml", "hooks", "docs", "overrides", "seeds", "published-links.txt", "tests"]


class Project:
    def __init__(self, root: Path = ROOT) -> None:
        self.root, self.config_file = root, root / "mkdocs.yml"
        # The essay's source of record, byte for byte; every link ever published (a lock: added
        # to, never edited away); words the spell checker does not know that are right here.
        self.seed = root / "seeds" / "strategic-alliances.md"
        self.links_lock = root / "published-links.txt"
        self.words = root / "tests" / "project-words.txt"

    def copy_to(self, destination: Path) -> "Project":
        """A throwaway copy to break or move things in; symbolic links are copied as links."""
        for part in COPY:
            source, target = self.root / part, destination / part
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(
                    source, target, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy2(source, target, follow_symlinks=False)
        return Project(destination)

    def sources(self) -> dict[str, str]:
        """What a maintainer edits that a reader sees (pages and templates): name -> text."""
        paths = [*(self.root / "docs").rglob("*.md"), *(self.root / "overrides").rglob("*.html")]
        return {p.relative_to(self.root).as_posix(): p.read_text("utf-8") for p in sorted(paths)}

    def commit(self) -> None:
        """One commit, so the copy's lock has a history: what the project publishes now."""
        git = ["git", "-c", "user.name=tests", "-c", "user.email=tests@localhost"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "as published"]):
            subprocess.run([*git, *args], cwd=self.root, check=True, capture_output=True)


def configuration(project: Project, env: Env = None, **options: Any) -> MkDocsConfig:
    """mkdocs.yml as MkDocs reads it, with `env` for its !ENV tags (a fork's SITE_URL)."""
    with mock.patch.dict(os.environ, env or {}):
        return load_config(str(project.config_file), **options)


def nav_pages(config: MkDocsConfig, headings: bool = False) -> list[Page]:
    """The pages in nav order, each with its front matter (and, asked, its headings: page.toc), as
    MkDocs reads them."""
    files = get_files(config)
    pages = get_navigation(files, config).pages
    for page in pages:
        page.read_source(config)
        if headings:
            page.render(config, files)
    return pages


def role(page: Page) -> str | None:
    return str(page.meta.get("role")) if page.meta.get("role") else None


def with_role(pages: list[Page], *roles: str) -> list[Page]:
    return [page for page in pages if role(page) in roles]
