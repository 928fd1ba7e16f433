"""Shared by every test: one build per session (or the folder SITE_DIR names: the deploy checks the
bytes it uploads), one server and its client (fetch), one browser (which prints each build's PDF
edition), and copies of the project (a fork, hostile values, a page added, moves) built through the
same entry point."""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from filelock import FileLock
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from harness.site import BuiltSite
from sitebuild.build import Built, build, describe
from sitebuild.chromium import INSTALL, find_chromium, launch
from sitebuild.engines import Engine
from sitebuild.project import Project
from sitebuild.server import PagesServer
from sitebuild.table import read_table

CI = os.environ.get("CI") == "true"
# The page the tests move, visit and link to: the essay's first pillar, whatever it is called.
PILLAR = read_table(Project().config_file).with_role("pillar")[0]
MOVE = {
    "page": (PILLAR.source.removesuffix(".md"), PILLAR.source.removesuffix(".md") + "-moved"),
    "id": (str(PILLAR.title and PILLAR.title.id), "sandbox-moved-id"),
}
# A fork's own Pages URL (without the trailing slash, as actions/configure-pages gives it) and repo.
FORK = dict(
    SITE_URL="https://someone.github.io/a-fork", REPO_URL="https://github.com/someone/a-fork"
)
INJECTED = "</script><script>window.__injected=1</script>"
HOSTILE = {  # legitimate, if hostile, values: a double quote, '&', '<' and '</script>'
    "site_name": f'Alliances "Strategic" & <Co> {INJECTED}',
    "site_description": f'The essay "in one" & <b>bold</b> {INJECTED}',
    "description": f'Ties "of trust" & <i>more</i> {INJECTED} end.',
    "nav title": f'Partners "&" <em>co</em> {INJECTED}',
    "toggle": 'Switch to "dark" <mode> & back',
}
BuildCopy = Callable[..., BuiltSite]
NewContext = Callable[..., BrowserContext]


def needs(reason: str | None) -> None:
    """Skip a test whose tool is missing, saying how to get it; under CI=true, fail instead."""
    if reason:
        if CI:
            pytest.fail(f"{reason} (CI=true: nothing may skip)")
        pytest.skip(reason)


class Response(NamedTuple):
    status: int
    headers: http.client.HTTPMessage  # read in any case
    body: bytes  # decompressed


def fetch(url: str, gzip_ok: bool = False) -> Response:
    """One GET through http.client, which follows no redirect, so a 301 is seen as a 301."""
    host, path = url.removeprefix("http://").split("/", 1)
    accept = {"Accept-Encoding": "gzip" if gzip_ok else "identity"}
    with closing(http.client.HTTPConnection(host, timeout=10)) as connection:
        connection.request("GET", "/" + path, headers=accept)
        answer = connection.getresponse()
        body = answer.read()
    gzipped = answer.headers["content-encoding"] == "gzip"
    return Response(answer.status, answer.headers, gzip.decompress(body) if gzipped else body)


@pytest.fixture(scope="session")
def project() -> Project:
    return Project()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium through Playwright. Missing, it skips locally and fails under CI=true."""
    needs(None if find_chromium() else f"no Chromium to drive: {INSTALL}")
    with sync_playwright() as playwright, launch(playwright) as launched:
        yield launched


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A folder all of this run's xdist workers share (pytest-xdist's recipe for a session
    fixture made once): their base temporary folders' parent."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def built_once(
    project: Project, site_dir: Path, env: Mapping[str, str] | None, make: Callable[[], Built]
) -> BuiltSite:
    """`make()`'s build in the first worker to ask; the others wait, then read that folder (or,
    if `make` failed, try again). The lock lies beside what `make` may remove, not inside it."""
    folder = site_dir.parent
    with FileLock(f"{folder}.lock"):
        if not (folder / "built").is_file():
            built = BuiltSite(make())
            (folder / "built").touch()
            return built
    return BuiltSite(describe(project, site_dir, env))


@pytest.fixture(scope="session")
def build_copy(shared: Path, project: Project, browser: Browser) -> BuildCopy:
    """Copy the project, commit the copy (its lock's history: what the project publishes now),
    change it, build it as `make build` would (with the PDF edition if `pdf`); return the site.
    One build a name and run, whichever worker asks first."""
    from harness.sandbox import commit

    def make(
        name: str,
        change: Callable[[Project], Any] = lambda _: None,
        *,
        engine: Engine = "mkdocs",
        env: Mapping[str, str] | None = None,
        pdf: bool = True,
    ) -> BuiltSite:
        copy, site_dir = Project(shared / name / "project"), shared / name / "site"

        def made() -> Built:
            shutil.rmtree(shared / name, ignore_errors=True)  # what a failed build left
            project.copy_to(copy.root)
            commit(copy)
            change(copy)
            return build(copy, site_dir, engine=engine, env=env, pdf=pdf and browser)

        return built_once(copy, site_dir, env, made)

    return make


@pytest.fixture(scope="session")
def site(shared: Path, project: Project, request: pytest.FixtureRequest) -> BuiltSite:
    """The site under test: SITE_DIR if set (a folder `make build` wrote), else a fresh build."""
    if given := os.environ.get("SITE_DIR"):
        return BuiltSite(describe(project, project.root / given))
    browser: Browser = request.getfixturevalue("browser")
    site_dir = shared / "site" / "site"
    return built_once(project, site_dir, None, lambda: build(project, site_dir, pdf=browser))


@pytest.fixture(scope="session")
def served(site: BuiltSite) -> Iterator[PagesServer]:
    """The build, served on 127.0.0.1 under its sub-path as GitHub Pages would serve it."""
    with PagesServer(site.root, site.base_path) as server:
        yield server


@pytest.fixture
def new_context(browser: Browser) -> Iterator[NewContext]:
    """Browser contexts for one test, closed however the test ends."""
    with ExitStack() as opened:
        yield lambda **options: opened.enter_context(browser.new_context(**options))


# The copies, each built once per session; tests/test_guards.py runs the guards that concern each.
@pytest.fixture(scope="session")
def moved(build_copy: BuildCopy) -> BuiltSite:
    """The first pillar's page renamed and its heading's id changed, as the README says (MOVE)."""
    from harness.sandbox import both, move_anchor, move_page

    (old, new), (old_id, new_id) = MOVE["page"], MOVE["id"]
    return build_copy("moved", both(move_page(old, new), move_anchor(new, old_id, new_id)))


@pytest.fixture(scope="session")
def zensical(build_copy: BuildCopy) -> BuiltSite:
    return build_copy("zensical", engine="zensical")


@pytest.fixture(scope="session")
def added(build_copy: BuildCopy) -> BuiltSite:
    """A page outside the essay, added as the README says, under a name no real page will use."""
    from harness.sandbox import add_page

    page = add_page("sandbox-page.md", "Sandbox page", "This page is kept for the tests.")
    return build_copy("added", page)


@pytest.fixture(scope="session")
def fork(build_copy: BuildCopy) -> BuiltSite:
    return build_copy("fork", env=FORK)


@pytest.fixture(scope="session")
def hostile(build_copy: BuildCopy) -> BuiltSite:
    """HOSTILE's values in the site's name and description, the first pillar's description and nav
    title, and a scheme toggle's name."""
    from harness.sandbox import both, config, meta, retitle

    def values(data: Any) -> None:
        data.update(site_name=HOSTILE["site_name"], site_description=HOSTILE["site_description"])
        retitle(data, PILLAR.source, HOSTILE["nav title"])
        data["theme"]["palette"][1]["toggle"]["name"] = HOSTILE["toggle"]

    description = meta(f"docs/{PILLAR.source}", "description", HOSTILE["description"])
    return build_copy("hostile", both(config(values), description))
