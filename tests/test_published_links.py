"""Published links are a public API: every listed URL and anchor keeps resolving, and nothing new
is published without being listed."""

from pathlib import Path

from sitekit import ROOT, checks
from sitekit.build import Build

LISTING = "published-links.txt"


def test_every_published_link_resolves_and_every_new_one_is_listed(built: Build) -> None:
    published = checks.read_published(ROOT / LISTING)
    assert "/" in published and any("#" in link for link in published), f"{LISTING} is empty"
    problems = checks.published_links(built.site, published, built.config.moved_anchors, LISTING)
    assert not problems, "\n".join(problems)


def test_renamed_page_and_anchor_still_resolve_through_redirects(
    renamed: tuple[Path, Build],
) -> None:
    project, moved = renamed
    published = checks.read_published(project / LISTING)
    assert "/partnerships/#partnerships" in published
    problems = checks.published_links(moved.site, published, moved.config.moved_anchors, LISTING)
    assert not problems, "\n".join(problems)
    assert moved.site.redirect_target("partnerships/index.html") == "../alliances/"
