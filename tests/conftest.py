"""Shared by every test: one build of the site per session (or the folder SITE_DIR names, as the
deploy checks the very bytes it uploads), read through one parser, served once, and one browser.

Copies of the project (a fork's URL, hostile values, an About page, moved pages) are built through
the same entry point by `build_copy`, with the session's one Chromium printing their PDFs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from harness.browser import FLAGS, find_chromium, missing_browser
from harness.site import BuiltSite
from sitebuild.build import build, describe
from sitebuild.engines import Engine
from sitebuild.pdf import Printer
from sitebuild.project import Project
from sitebuild.server import PagesServer

CI = os.environ.get("CI") == "true"


def needs(reason: str | None) -> None:
    """Skip a test whose tool is missing, saying how to get it; under CI=true, fail instead."""
    if reason:
        if CI:
            pytest.fail(f"{reason} (CI=true: nothing may skip)")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def project() -> Project:
    return Project()


@pytest.fixture(scope="session")
def printer() -> Iterator[Printer]:
    """One Chromium prints the PDF edition of every build the session makes."""
    needs(missing_browser())
    with Printer() as running:
        yield running


BuildCopy = Callable[..., BuiltSite]


@pytest.fixture(scope="session")
def build_copy(
    tmp_path_factory: pytest.TempPathFactory, project: Project, printer: Printer
) -> BuildCopy:
    """Copy the project, commit the copy (its lock's history: what the project publishes now),
    change it, and build it as `make build` would; returns the site."""
    from harness.sandbox import commit

    def make(
        name: str,
        change: Callable[[Project], Any] = lambda _: None,
        *,
        engine: Engine = "mkdocs",
        env: Mapping[str, str] | None = None,
        strict: bool = True,
    ) -> BuiltSite:
        copy = project.copy_to(tmp_path_factory.mktemp(name) / "project")
        commit(copy)
        change(copy)
        output = copy.root / "site"
        return BuiltSite(build(copy, output, engine=engine, env=env, strict=strict, pdf=printer))

    return make


@pytest.fixture(scope="session")
def site(
    tmp_path_factory: pytest.TempPathFactory, project: Project, request: pytest.FixtureRequest
) -> BuiltSite:
    """The site under test: SITE_DIR if set (a folder `make build` wrote), else a fresh build."""
    given = os.environ.get("SITE_DIR")
    if given:
        return BuiltSite(describe(project, project.root / given))
    printer: Printer = request.getfixturevalue("printer")
    return BuiltSite(build(project, tmp_path_factory.mktemp("site") / "site", pdf=printer))


@pytest.fixture(scope="session")
def pages(site: BuiltSite) -> Iterator[PagesServer]:
    """The build, served on 127.0.0.1 under its sub-path as GitHub Pages would serve it."""
    with PagesServer(site.root, site.base_path) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium through Playwright. Missing, it skips locally and fails under CI=true."""
    needs(missing_browser())
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=find_chromium(), args=FLAGS)
        yield launched
        launched.close()


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def new_context(browser: Browser) -> Iterator[NewContext]:
    """Browser contexts for one test, closed however the test ends."""
    opened: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**options)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture(scope="session")
def moved(build_copy: BuildCopy) -> BuiltSite:
    """A copy where a page and an anchor moved exactly as the README says: partnerships/ became
    alliances/, and on it #partnerships became #ties."""
    from harness.sandbox import both, move_anchor, move_page

    change = both(
        move_page("partnerships", "alliances"), move_anchor("alliances", "partnerships", "ties")
    )
    return build_copy("moved", change)
