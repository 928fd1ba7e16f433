"""published-links.txt: every page URL and heading anchor the site has published. Other docs link
to these, so it is a lock: a line is added, or redirected (`/old/#id -> /new/#id`), never dropped
or rewritten. What was published before is read from the file's own git history (no link checker
knows a site's past; this asks git for it)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Line:
    link: str  # "/partnerships/#partnerships"
    moved_to: str | None  # where a moved link now lands, or None for a live link
    number: int  # line number in the file


def parse(text: str) -> tuple[list[Line], list[str]]:
    """The lines, and a problem for each line that is not a link (or 'link -> link')."""
    lines, problems = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        content = raw.strip()
        if not content or content.startswith("#"):
            continue
        link, arrow, target = (part.strip() for part in content.partition("->"))
        if not link.startswith("/") or (arrow and not target.startswith("/")) or " " in link:
            problems.append(
                f":{number}: {raw!r} is neither '/page/#anchor' nor '/old/#id -> /new/#id'"
            )
            continue
        lines.append(Line(link, target or None, number))
    return lines, problems


def read(path: Path) -> tuple[list[Line], list[str]]:
    return parse(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class History:
    """Every link that any commit's version of the lock held, with the first commit that did."""

    links: dict[str, str]
    problem: str | None = None  # why the history cannot be read, if it cannot


def history(path: Path) -> History:
    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=path.parent, capture_output=True, text=True, check=False
        )

    if git("rev-parse", "--is-inside-work-tree").returncode != 0:
        return History({}, "is not in a git checkout, so what was published before is unknown")
    if git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        return History(
            {},
            "the git history is shallow, so what was published before is unknown; fetch it "
            "whole (git fetch --unshallow, or actions/checkout with fetch-depth: 0)",
        )
    commits = git("log", "--format=%h", "--reverse", "--", path.name).stdout.split()
    links: dict[str, str] = {}
    for commit in commits:
        shown = git("show", f"{commit}:./{path.name}")
        if shown.returncode != 0:  # the commit that deleted the file
            continue
        for line in parse(shown.stdout)[0]:
            links.setdefault(line.link, commit)
    return History(links)
