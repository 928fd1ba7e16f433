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


def history(path: Path) -> tuple[dict[str, str], str | None]:
    """Every link any commit's version of the lock held -> the first commit that added it; or why
    the history cannot be read."""

    def git(*args: str) -> str | None:
        ran = subprocess.run(["git", *args], cwd=path.parent, capture_output=True, text=True)
        return ran.stdout if ran.returncode == 0 else None

    if git("rev-parse") is None:
        return {}, "is not in a git checkout, so what was published before is unknown"
    if git("rev-parse", "--is-shallow-repository") == "true\n":
        return {}, (
            "the git history is shallow, so what was published before is unknown; fetch it whole"
            " (git fetch --unshallow, or actions/checkout with fetch-depth: 0)"
        )
    links: dict[str, str] = {}
    commit, log = "", git("log", "--reverse", "-p", "--format=commit %h", "--", path.name) or ""
    for line in log.splitlines():
        if line.startswith("commit "):
            commit = line.removeprefix("commit ")
        elif line.startswith("+"):  # an added line ("+++ b/..." is no link: parse drops it)
            for found in parse(line[1:])[0]:
                links.setdefault(found.link, commit)
    return links, None
