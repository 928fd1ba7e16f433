"""The one way the site is built: `make build`, the preview's checks, the deploy, the tests and the
benchmark all take the same steps. 1. The environment and mkdocs.yml, checked (sitebuild.config);
2. the sources: front matter, ids, navigation, roles, maps of moves, links out (sitebuild.sources);
3. MkDocs (default) or Zensical turns docs/ into HTML (sitebuild.engines); 4. robots.txt, llms.txt
and objects.inv (sitebuild.published); 5. the PDF edition (sitebuild.pdf). A build changes neither
the process's environment nor its working folder."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sitebuild import chromium, engines, sources
from sitebuild.config import Settings, environment, read_settings
from sitebuild.engines import Engine
from sitebuild.problems import BuildError, refuse
from sitebuild.project import Project
from sitebuild.published import write_all
from sitebuild.table import Table, read_table

if TYPE_CHECKING:  # Playwright is in the build's layer: the preview runs without it
    from playwright.sync_api import Browser


@dataclass(frozen=True)
class Sources:
    """What a build is made from, read and checked, before any engine runs."""

    environment: dict[str, str]
    settings: Settings
    table: Table
    problems: list[str]

    @property
    def epoch(self) -> int:
        return int(self.environment["SOURCE_DATE_EPOCH"])

    def extra(self) -> dict[str, str]:
        """Facts the templates need, given to either engine as `extra` rather than written twice:
        the essay's title (on every printed sheet) and the build's date (the last commit's)."""
        intro = self.table.one("introduction")
        title = {"essay_title": intro.title.text} if intro and intro.title else {}
        return title | {"build_date": datetime.fromtimestamp(self.epoch, UTC).date().isoformat()}


@dataclass(frozen=True)
class Built(Sources):
    """What a build made from its sources, and where."""

    project: Project
    site_dir: Path
    engine: Engine


def read_sources(project: Project, engine: Engine, env: Mapping[str, str] | None = None) -> Sources:
    environ = environment(project.root, env)
    settings = read_settings(project.config_file, environ)
    table = read_table(project.config_file, settings.values)
    return Sources(environ, settings, table, sources.problems(project, table, settings, engine))


def build(
    project: Project,
    site_dir: Path,
    *,
    engine: Engine = "mkdocs",
    env: Mapping[str, str] | None = None,
    strict: bool = True,
    pdf: bool | Browser = True,
) -> Built:
    """Build `project` into `site_dir`. `pdf` is True (print with a Chromium of its own), a
    running Playwright browser to print with, or False to leave the PDF edition out (the site then
    links to a file that is not there). A lenient build (strict=False) still refuses links out."""
    refuse(unsafe_site_dir(project, site_dir))
    read = read_sources(project, engine, env)
    if pdf is True:
        chromium.executable(read.environment)  # fail before building when it cannot finish
    refuse(p for p in read.problems if strict or p.endswith(sources.OUTSIDE))
    site_dir = site_dir.resolve()
    if engine == "mkdocs":
        engines.build_mkdocs(project, read.settings, site_dir, strict, read.extra())
    else:
        engines.build_zensical(project, read.environment, site_dir, strict, read.extra())
    write_all(site_dir, read.table, read.settings)
    if pdf is not False:
        from sitebuild import pdf as edition  # Playwright: the build's layer, not the preview's

        edition.write(
            site_dir, read.table, read.settings, read.environment, None if pdf is True else pdf
        )
    return Built(**vars(read), project=project, site_dir=site_dir, engine=engine)


def unsafe_site_dir(project: Project, site_dir: Path) -> Iterator[str]:
    """A build replaces its folder's contents: never the project or a folder holding it, nothing in
    the folders the engines read, and, in the project, no folder of files that is not a build
    (`ENGINE=zensical make build SITE_DIR=.` once removed the whole checkout)."""
    folder, root, named = site_dir.resolve(), project.root.resolve(), f"SITE_DIR={str(site_dir)!r}"
    read = (project.docs.resolve(), project.overrides.resolve())
    fix = "build into a folder of its own, like site [site-dir-unsafe]"
    if folder == root or folder in root.parents:
        yield f"{named}: holds the project, which the build would delete; {fix}"
    elif any(folder == r or r in folder.parents for r in read):
        yield f"{named}: lies in the sources the engines read; {fix}"
    elif root in folder.parents and any(folder.glob("*")) and not (folder / "index.html").is_file():
        yield f"{named}: holds files and no build, which the build would delete; {fix}"


def describe(project: Project, site_dir: Path, env: Mapping[str, str] | None = None) -> Built:
    """What `build` returned for a folder built earlier (the tests check a deploy's folder so)."""
    home = site_dir / "index.html"
    if not home.is_file():
        raise BuildError([f"{site_dir}: holds no built site; run `make build` first [site-dir]"])
    zensical = 'name="generator" content="zensical' in home.read_text(encoding="utf-8")
    engine: Engine = "zensical" if zensical else "mkdocs"
    read = read_sources(project, engine, env)
    return Built(**vars(read), project=project, site_dir=site_dir.resolve(), engine=engine)
