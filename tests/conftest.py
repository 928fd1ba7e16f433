"""One strict build of the site per test session, read through one parser, shared by every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sitekit import ROOT
from sitekit.build import Build, build
from sitekit.pages_server import PagesServer
from sitekit.site import BuiltSite


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site(built: Build) -> BuiltSite:
    return built.site


@pytest.fixture(scope="session")
def pages(site: BuiltSite) -> Iterator[PagesServer]:
    """The build, served on 127.0.0.1 under its sub-path as GitHub Pages would serve it."""
    with PagesServer(site.root, site.base_path) as server:
        yield server
