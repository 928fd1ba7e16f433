"""Where things are in a project, for the build, the tests and the benchmark. A copy of the project
(the tests break copies) is a Project rooted elsewhere."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Project:
    root: Path = ROOT

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def seed(self) -> Path:  # the essay's source of record, kept byte for byte
        return self.root / "seeds" / "strategic-alliances.md"

    @property
    def links_lock(self) -> Path:  # every link ever published: added to, never edited away
        return self.root / "published-links.txt"

    @property
    def words(self) -> Path:  # words the spell checker does not know that are right here
        return self.root / "tests" / "project-words.txt"

    def relative(self, path: Path) -> str:
        """A path as a maintainer would type it from the project's root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # What a copy needs to build and be checked; the build code is imported from this checkout,
    # but mkdocs.yml names the hooks by path.
    COPY = (
        "mkdocs.yml", "sitebuild/mkdocs_hooks.py", "docs", "overrides", "seeds",
        "published-links.txt", "tests/project-words.txt",
    )  # fmt: skip

    def copy_to(self, destination: Path) -> Project:
        """A throwaway copy to break or move things in; symbolic links are copied as links."""
        destination.mkdir(parents=True)
        for part in self.COPY:
            source, target = self.root / part, destination / part
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, symlinks=True)
            else:
                shutil.copy2(source, target, follow_symlinks=False)
        return Project(destination)
