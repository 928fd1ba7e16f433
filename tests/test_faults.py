"""The fault matrix: each case copies the project, injects one fault, runs the guards that should
catch it, and requires each guard's message to name the file and the fault. A guard that has never
caught anything is a hope; these are the proofs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitekit import ROOT, checks
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
    "spelling": lambda site, project: checks.spelling(site, sorted((project / "docs").glob("*.md")), WORDS),
    "inventory": lambda site, project: checks.inventory(site, checks.read_published(project / LISTING)),
}  # fmt: skip


LISTING = "published-links.txt"
WORDS = ROOT / "tests" / "project-words.txt"


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


SENTENCE = "Joint military exercises with strategic partner nations serve to develop military strategies, best practices, and procedures."
FONT = '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
ORPHAN = "---\ndescription: A page nobody can reach.\n---\n\n# Orphan { #orphan }\n"


def add(relative: str, text: str) -> Callable[[Path], None]:
    """An injector that appends to (or creates) one file of the copy."""

    def inject(project: Path) -> None:
        with (project / relative).open("a", encoding="utf-8") as file:
            file.write(text)

    return inject


def delete(relative: str) -> Callable[[Path], None]:
    return lambda project: (project / relative).unlink()


FAULTS = [
    Fault(
        "a seed sentence deleted from its page",
        edit("docs/military-cooperation.md", SENTENCE + " ", ""),
        {
            "sections": (
                "docs/military-cooperation.md",
                "missing or changed",
                "«Joint military exercises",
            )
        },
    ),
    Fault(
        "a seed sentence reworded",
        edit(
            "docs/military-cooperation.md",
            "best practices, and procedures",
            "best practice and procedure",
        ),
        {
            "sections": (
                "docs/military-cooperation.md",
                "missing or changed",
                "«Joint military exercises",
            )
        },
    ),
    Fault(
        "a paragraph of someone else's prose added to a page",
        add("docs/economic-returns.md", "\nAlliances also bring tourism.\n"),
        {
            "sections": (
                "docs/economic-returns.md",
                "paragraph not in the seed",
                "«Alliances also bring tourism.»",
            )
        },
    ),
    Fault(
        "a pillar's page deleted",
        delete("docs/intelligence-sharing.md"),
        {
            "build": ("intelligence-sharing.md", "not found"),
            "pages_and_nav": (
                "docs/intelligence-sharing.md",
                "no page is built at /intelligence-sharing/",
            ),
        },
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
        "an orphan page added under docs/",
        add("docs/orphan.md", ORPHAN),
        {
            "build": ("orphan.md", 'not included in the "nav"'),
            "pages_and_nav": ("docs/orphan.md", "not in the navigation"),
        },
    ),
    Fault(
        "a relative link to a page that does not exist",
        add("docs/partnerships.md", "\nSee [the annex](annex.md).\n"),
        {
            "build": ("partnerships.md", "annex.md", "not found"),
            "links": ("docs/partnerships.md", "annex.md", "no file at"),
        },
    ),
    Fault(
        "a link to an anchor that does not exist",
        add("docs/partnerships.md", "\nSee [the annex](conclusion.md#annex).\n"),
        {
            "build": ("partnerships.md", "does not contain an anchor '#annex'"),
            "links": ("docs/partnerships.md", "no id 'annex' on conclusion/index.html"),
        },
    ),
    Fault(
        "an image that does not exist",
        add("docs/partnerships.md", "\n![A map](map.png)\n"),
        {
            "build": ("partnerships.md", "map.png", "not found"),
            "links": ("docs/partnerships.md", "map.png", "no file at"),
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
        "two headings with the same id on one page",
        add("docs/partnerships.md", "\n## Again { #partnerships }\n"),
        {
            "build": ("docs/partnerships.md:", "heading id '#partnerships' is already used"),
            "duplicate_ids": ("docs/partnerships.md", "id 'partnerships' is used 2 times"),
        },
    ),
    Fault(
        "a heading without an explicit id",
        add("docs/partnerships.md", "\n## Further reading\n"),
        {"build": ("docs/partnerships.md:", "'Further reading' has no explicit id")},
    ),
    Fault(
        "malformed YAML front matter",
        edit("docs/partnerships.md", "description: >-", "description: [unclosed"),
        {"build": ("docs/partnerships.md", "front matter is not valid YAML")},
    ),
    Fault(
        "front matter without a description",
        edit("docs/conclusion.md", "description: >-", "summary: >-"),
        {"build": ("docs/conclusion.md", "no 'description'")},
    ),
    Fault(
        "an image from another host in a page",
        add("docs/partnerships.md", '\n<img src="https://example.com/map.png" alt="A map">\n'),
        {"privacy": ("partnerships/index.html", "<img src> loads https://example.com/map.png")},
    ),
    Fault(
        "a web font from another host in a template override",
        edit("overrides/main.html", "{% block extrahead %}", "{% block extrahead %}" + FONT),
        {"privacy": ("index.html", "<link href> loads https://fonts.googleapis.com")},
    ),
    Fault(
        "a script from another host in a template override",
        edit(
            "overrides/main.html",
            "{% block extrahead %}",
            '{% block extrahead %}<script src="https://cdn.example.com/a.js"></script>',
        ),
        {"privacy": ("partnerships/index.html", "<script src> loads https://cdn.example.com/a.js")},
    ),
    Fault(
        "a stylesheet importing from another host",
        edit(
            "docs/stylesheets/site.css",
            "[data-md-color-primary",
            '@import url("https://cdn.example.com/x.css");\n[data-md-color-primary',
        ),
        {"privacy": ("stylesheets/site.css", "loads https://cdn.example.com/x.css")},
    ),
    Fault(
        "a background image from another host in a stylesheet",
        add(
            "docs/stylesheets/site.css",
            "\nbody { background: url(https://cdn.example.com/bg.png); }\n",
        ),
        {"privacy": ("stylesheets/site.css", "loads https://cdn.example.com/bg.png")},
    ),
    Fault(
        "a misspelled word in a page's description",
        edit(
            "docs/conclusion.md",
            "Why strategic alliances are indispensable",
            "Why strategic alliances are indispensible",
        ),
        {"spelling": ("docs/conclusion.md:3", "unknown word 'indispensible'")},
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
