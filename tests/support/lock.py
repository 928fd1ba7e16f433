"""published-links.txt: every page URL and heading anchor the site has published. Other docs link
to these, so it is a lock: a line is added, or redirected (`/old/#id -> /new/#id`), never dropped
or rewritten. What was published before is read from the file's own git history (no link checker
knows a site's past; this asks git for it)."""

import subprocess
from pathlib import Path
from typing import NamedTuple


class Line(NamedTuple):
    link: str  # "/partnerships/#partnerships"
    moved_to: str | None  # where a moved link now lands, or None for a live link
    number: int  # line number in the file


def parse(text: str) -> list[Line]:
    """Every line but blanks and comments: '/page/#anchor', or '/old/#id -> /new/#id' once moved (a
    line of another form lists no link the site builds, so the guard reports those as unlisted)."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if (content := raw.strip()) and not content.startswith("#"):
            link, _, target = (part.strip() for part in content.partition("->"))
            lines.append(Line(link, target or None, number))
    return lines


def read(path: Path) -> list[Line]:
    return parse(path.read_text(encoding="utf-8"))


def history(path: Path) -> tuple[dict[str, str], str | None]:
    """Every link any commit's version of the lock held -> the first commit that added it; or why
    the history cannot be read."""

    def git(*args: str) -> str | None:
        ran = subprocess.run(["git", *args], cwd=path.parent, capture_output=True, text=True)
        return ran.stdout if ran.returncode == 0 else None

    if git("rev-parse") is None:
        return {}, "is not in a git checkout, so what was published before is unknown"
    if git("rev-parse", "--is-shallow-repository") == "true\n":
        shallow = "the git history is shallow, so what was published before is unknown; fetch it whole (git fetch --unshallow, or actions/checkout with fetch-depth: 0)"
        return {}, shallow
    links: dict[str, str] = {}
    commit, log = "", git("log", "--reverse", "-p", "--format=commit %h", "--", path.name) or ""
    for line in log.splitlines():
        if line.startswith("commit "):
            commit = line.removeprefix("commit ")
        elif line.startswith("+") and not line.startswith("+++"):  # an added line
            for found in parse(line[1:]):
                links.setdefault(found.link, commit)
    return links, None
