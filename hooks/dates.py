"""Dates a build by its last commit. MkDocs reads SOURCE_DATE_EPOCH (sitemap, page dates) but
leaves setting it to its caller; set here from git, a plain `mkdocs build` gives the same bytes
as `make build` on any day, in any time zone; the PDF edition takes its date from `epoch` too.
(mkdocs-git-revision-date-localized-plugin dates pages, not builds, from git's whole history.)"""

import os
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

SET_HERE: list[str] = []  # out again when the build ends or fails: tests run builds in one process


def epoch(folder: Path) -> str:
    """SOURCE_DATE_EPOCH if set, else the last commit's time (0 outside a git checkout)."""
    if given := os.environ.get("SOURCE_DATE_EPOCH"):
        return given
    git = ["git", "log", "-1", "--format=%ct"]
    log = subprocess.run(git, cwd=folder, capture_output=True, text=True, check=False)
    return (log.stdout.strip() if log.returncode == 0 else "") or "0"


def on_config(config: MkDocsConfig) -> None:
    if "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = epoch(Path(config.config_file_path).parent)
        SET_HERE.append("SOURCE_DATE_EPOCH")


def on_post_build(**_: object) -> None:  # MkDocs passes config=, on_build_error error=
    while SET_HERE:
        os.environ.pop(SET_HERE.pop(), None)


on_build_error = on_post_build
