"""Two engines, one site: Zensical (Material's successor, which reads mkdocs.yml) keeps every promise
the MkDocs build keeps, and the two agree on what readers, crawlers and other docs see: pages, URLs,
heading ids, article text, sharing metadata. ENGINE=zensical make build is the one switch."""

from __future__ import annotations

import hashlib
import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from harness.sandbox import append
from harness.site import BuiltSite, visible_text
from sitebuild.build import build
from sitebuild.problems import BuildError
from sitebuild.project import ROOT, Project
from tests.conftest import PILLAR

SHARED_TAGS = ("description", "og:type", "og:title", "og:description", "og:url", "og:site_name",
               "twitter:card", "twitter:title", "twitter:description")  # fmt: skip


def test_zensical_built_it(zensical: BuiltSite) -> None:
    generator = zensical.meta("index.html", "generator") or ""
    assert zensical.built.engine == "zensical" and generator.startswith("zensical-"), generator


def test_the_same_pages_at_the_same_urls(site: BuiltSite, zensical: BuiltSite) -> None:
    assert zensical.html_files == site.html_files


def read(built: BuiltSite, file: str) -> dict[str, object]:
    article = built.article(file)
    assert article is not None, f"{file}: no article"
    soup = built.soup(file)
    canonical = soup.select_one("link[rel=canonical]")
    return {
        "heading ids": [h["id"] for h in article.select(":is(h1, h2, h3, h4, h5, h6)[id]")],
        "article text": visible_text(article),
        "title": soup.title.get_text() if soup.title else None,
        "canonical": canonical.get("href") if canonical else None,
        **{tag: built.meta(file, tag) for tag in SHARED_TAGS},
    }


def test_the_same_ids_text_and_sharing_metadata(site: BuiltSite, zensical: BuiltSite) -> None:
    differ = []
    for file in [*site.page_files, "404.html"]:
        ours, theirs = read(site, file), read(zensical, file)
        differ += [
            f"{file}: {key}: MkDocs {ours[key]!r}, Zensical {theirs[key]!r}"
            for key in ours
            if ours[key] != theirs[key]
        ]
    assert not differ, "\n".join(differ)


def test_a_bad_page_fails_the_build_under_zensical_too(project: Project, tmp_path: Path) -> None:
    copy, pillar = project.copy_to(tmp_path / "project"), f"docs/{PILLAR.source}"
    append(pillar, "\n## Further reading\n")(copy)
    message = rf"{pillar}:\d+: heading 'Further reading' has no explicit id"
    with pytest.raises(BuildError, match=message):
        build(copy, tmp_path / "site", engine="zensical", pdf=False)


OVERRIDES = ROOT / "overrides"
PARTIALS = sorted((OVERRIDES / "partials").rglob("*.html"))


def theme_templates() -> dict[str, Path]:
    """Each theme's templates folder: the files an override replaces or extends."""
    import material
    import zensical

    return {t.__name__: Path(str(t.__file__)).parent / "templates" for t in (material, zensical)}


@pytest.mark.parametrize("override", PARTIALS, ids=lambda p: p.name)
def test_a_partial_we_override_is_the_theme_file_it_was_made_from(override: Path) -> None:
    """No partial is copied whole; the few small ones overridden record the sha256 of each
    theme's file they were made from, so an upgrade that changes one fails here, by name."""
    recorded = dict(
        re.findall(r"^  (material|zensical) ([0-9a-f]{64})$", override.read_text(), re.M)
    )
    name = override.relative_to(OVERRIDES).as_posix()
    for theme, templates in theme_templates().items():
        installed = templates / name
        digest = hashlib.sha256(installed.read_bytes()).hexdigest() if installed.is_file() else None
        assert recorded.get(theme) == digest, (
            f"overrides/{name}: {theme}'s {name} is now sha256 {digest}, not the recorded "
            f"{recorded.get(theme)}; diff the two, carry the change over, record it"
        )


def test_no_override_copies_more_than_twenty_lines_of_a_theme_file() -> None:
    """An override is blocks, or a partial too small to hold a copy of the theme's markup: a copy
    would keep an upgrade's fixes out without a word."""

    def lines(path: Path) -> list[str]:
        return [
            line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        ]

    copies, compared = [], 0
    for override in sorted(OVERRIDES.rglob("*.html")):
        ours = lines(override)
        for theme, templates in theme_templates().items():
            for template in sorted(templates.rglob("*.html")):
                compared += 1
                same = SequenceMatcher(
                    None, ours, lines(template), autojunk=False
                ).find_longest_match()
                if same.size > 20:
                    where = template.relative_to(templates)
                    copies.append(
                        f"{override.relative_to(ROOT)}: {same.size} lines are {theme}'s {where}"
                    )
    assert compared > 500, f"only {compared} pairs compared: are the themes' templates read?"
    assert not copies, "\n".join(copies)
