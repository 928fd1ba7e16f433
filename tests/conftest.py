"""One strict build of the site per test session, read through one parser, shared by every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from sitekit import ROOT
from sitekit.browser import FLAGS, INSTALL, chromium
from sitekit.build import Build, build
from sitekit.pages_server import PagesServer
from sitekit.sandbox import copy_project, rename_with_redirects
from sitekit.site import BuiltSite


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site(built: Build) -> BuiltSite:
    return built.site


@pytest.fixture(scope="session")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build]:
    """A copy with partnerships/ moved to alliances/ and #partnerships to #ties, redirects added."""
    project = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    rename_with_redirects(project)
    return project, build(project, tmp_path_factory.mktemp("renamed-site"))


@pytest.fixture(scope="session")
def pages(site: BuiltSite) -> Iterator[PagesServer]:
    """The build, served on 127.0.0.1 under its sub-path as GitHub Pages would serve it."""
    with PagesServer(site.root, site.base_path) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium through Playwright. Missing, it skips locally and fails under CI=true."""
    executable = chromium()
    if executable is None:
        message = f"no Chromium to run browser tests; install it with `{INSTALL}`"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: browser tests must run)")
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()
