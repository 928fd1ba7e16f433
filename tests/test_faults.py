"""The fault matrix: each case copies the project, injects one fault, runs the guards that should
catch it, and requires each guard's message to name the file and the fault. A guard that has never
caught anything is a hope; these are the proofs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitekit import checks
from sitekit.build import BuildFailed, build, site_config
from sitekit.contract import PAGES
from sitekit.sandbox import copy_project, replace_in
from sitekit.seed import read_seed
from sitekit.site import BuiltSite

# Guards that read a (lenient) build. "build" is the strict build itself.
GUARDS: dict[str, Callable[[BuiltSite, Path], list[str]]] = {
    "sections": lambda site, project: checks.sections(site, read_seed(project / "seeds" / "strategic-alliances.md")),
    "pages_and_nav": lambda site, project: checks.pages_and_nav(site, project / "docs", PAGES),
    "links": lambda site, project: checks.links(site),
    "duplicate_ids": lambda site, project: checks.duplicate_ids(site),
    "privacy": lambda site, project: checks.privacy(site),
    "published_links": lambda site, project: published(site, project),
    "inventory": lambda site, project: checks.inventory(site, checks.read_published(project / LISTING)),
}  # fmt: skip


LISTING = "published-links.txt"


def published(site: BuiltSite, project: Path) -> list[str]:
    moved = site_config(project).moved_anchors
    return checks.published_links(site, checks.read_published(project / LISTING), moved, LISTING)


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Callable[[Path], None]
    # guard -> words its message must contain (the file, then the fault)
    caught_by: dict[str, tuple[str, ...]] = field(default_factory=dict)


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """An injector that replaces `old` (which must be there) in one file of the copy."""
    return lambda project: replace_in(project / relative, old, new)


FAULTS = [
    Fault(
        "malformed YAML front matter",
        edit("docs/partnerships.md", "description: >-", "description: [unclosed"),
        {"build": ("docs/partnerships.md", "front matter is not valid YAML")},
    ),
    Fault(
        "a page dropped from the navigation",
        edit("mkdocs.yml", "  - Economic returns: economic-returns.md\n", ""),
        {
            "build": ("economic-returns.md", 'not included in the "nav"'),
            "pages_and_nav": ("docs/economic-returns.md", "not in the navigation"),
        },
    ),
    Fault(
        "a published anchor renamed with no redirect",
        edit("docs/partnerships.md", "{ #partnerships }", "{ #ties }"),
        {
            "published_links": (
                "published-links.txt: published link /partnerships/#partnerships no longer resolves",
                "moved_anchors",
                "docs/partnerships.md: /partnerships/#ties is built but not published",
            ),
        },
    ),
    Fault(
        "an objects.inv entry pointing at a missing id",
        edit("hooks/inventory.py", "{page.url}#{anchor.id}", "{page.url}#{anchor.id}-old"),
        {"inventory": ("objects.inv", "no id 'partnerships-old'")},
    ),
]


def lenient(project: Path) -> None:
    """Turn strict off in the copy, so the guards after the build get a site to read."""
    edit("mkdocs.yml", "strict: true", "strict: false")(project)


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_caught(fault: Fault, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    fault.inject(project)
    for guard, words in fault.caught_by.items():
        if guard == "build":
            with pytest.raises(BuildFailed) as failure:
                build(project, tmp_path / "strict-site")
            message = str(failure.value)
        else:
            if not (tmp_path / "site").exists():
                lenient(project)
            site = build(project, tmp_path / "site").site
            message = "\n".join(GUARDS[guard](site, project))
        missing = [w for w in words if not re.search(re.escape(w), message)]
        assert not missing, f"{fault.name}: guard '{guard}' did not report {missing}:\n{message}"
