"""The project as the tests see it: where its files are, copies of it to break, what MkDocs reads
from it (the configuration through load_config, the pages and their front matter through MkDocs'
own nav and page reading), and the essay's source of record read into sections and paragraphs
exactly as written: every expectation is derived from these."""

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[2]
Env = Mapping[str, str] | None  # settings a build runs with, for mkdocs.yml's !ENV tags
# What a copy needs to build and be checked.
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

        def left_out(folder: str, names: list[str]) -> set[str]:  # at the top, all but COPY
            return {"__pycache__", *(set(names) - set(COPY) if Path(folder) == self.root else ())}

        shutil.copytree(self.root, destination, symlinks=True, ignore=left_out)
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


# The seed's sha256 as ../shared/seed/ has it, pinned: rewording seed and page alike fails anywhere.
SEED_SHA256 = "363545468f8ec300c59097413f1f796c05acf2cade8e6a65774aa28f89db473e"
# The seed's last paragraph, so opening, is its conclusion: the one heading the author did not write.
CONCLUSION_OPENS, CONCLUSION_HEADING = "In a nutshell", "Conclusion"


@dataclass
class Section:
    heading: str  # exactly as in the seed (or CONCLUSION_HEADING)
    role: str  # the page role that carries it: introduction, pillar or conclusion
    paragraphs: list[str] = field(default_factory=list)  # exactly as in the seed

    @property
    def sentences(self) -> list[str]:  # white space collapsed, as text comes out of a PDF
        text = " ".join(" ".join(self.paragraphs).split())
        return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_seed(path: Path) -> list[Section]:
    """The title with its introduction, each '##' section, then the conclusion, in order."""
    sections: list[Section] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        block = block.strip("\n")
        if heading := re.match(r"^(#{1,6})\s+(.*)$", block):
            role = "introduction" if len(heading.group(1)) == 1 else "pillar"
            sections.append(Section(heading.group(2), role))
        elif block.startswith(CONCLUSION_OPENS):
            sections.append(Section(CONCLUSION_HEADING, "conclusion", [block]))
        elif block:
            sections[-1].paragraphs.append(block)
    return sections
