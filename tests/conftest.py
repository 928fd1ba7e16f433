"""Shared by every test: one build a run (or the folder SITE_DIR names: the deploy checks the bytes
it uploads), one browser, and copies of the project (a fork, hostile values, a page added, moves),
each built once a run, by whichever pytest-xdist worker asks first, as `make build` builds."""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.theme import Theme
from playwright.sync_api import Browser, sync_playwright

import pdf_edition
from hooks.dates import epoch
from tests.support import edits
from tests.support.project import Env, Project, configuration, nav_pages, with_role
from tests.support.server import serve
from tests.support.site import BuiltSite

os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2.0
CI = os.environ.get("CI") == "true"
PAGES = nav_pages(configuration(Project()), headings=True)
PILLAR = with_role(PAGES, "pillar")[0]  # the page the tests move, visit and link to
WHOLE = with_role(PAGES, "whole")[0]
STEM = PILLAR.file.src_uri.removesuffix(".md")
MOVE = {"page": (STEM, f"{STEM}-moved"), "id": (PILLAR.toc.items[0].id, "sandbox-moved-id")}
# A fork's own Pages URL (without the trailing slash, as actions/configure-pages gives it) and repo.
FORK = {"SITE_URL": "https://someone.github.io/fork", "REPO_URL": "https://github.com/someone/fork"}
INJECTED = "</script><script>window.__injected=1</script>"
HOSTILE = {  # legitimate, if hostile, values: a double quote, '&', '<' and '</script>'
    "site_name": f'Alliances "Strategic" & <Co> {INJECTED}',
    "site_description": f'The essay "in one" & <b>bold</b> {INJECTED}',
    "nav title": f'Costs < gains & "more" {INJECTED}',
    "toggle": 'Switch to "dark" <mode> & back',
    "title": f'Ties < bonds & "trust" {INJECTED}',
    "subtitle": f'Partners "&" <em>co</em> {INJECTED}',
    "description": f'Ties "of trust" & <i>more</i> {INJECTED} end.',
}


def needs(reason: str | None) -> None:
    """Skip a test whose tool is missing, saying how to get it; under CI=true, fail instead."""
    if reason:
        pytest.fail(f"{reason} (CI=true: nothing may skip)") if CI else pytest.skip(reason)


def build(project: Project, site_dir: Path, env: Env = None, **options: Any) -> BuiltSite:
    """`make build` in this process: MkDocs' own build, strict as mkdocs.yml says (`strict=False`
    in `options` for a lenient one), then the PDF edition, given a `browser`."""
    browser = options.pop("browser", None)
    mkdocs_build(configuration(project, env, site_dir=str(site_dir), **options))
    if browser is not None:
        pdf_edition.write(site_dir, browser, int(epoch(project.root)))
    return BuiltSite(project, site_dir, env)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium through Playwright. Missing, it skips locally and fails under CI=true."""
    chromium = pdf_edition.find_chromium()
    needs(None if chromium else f"no Chromium to drive: {pdf_edition.INSTALL}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=pdf_edition.FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session", autouse=True)
def shared(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A folder all of this run's xdist workers share (their base temporary folders' parent), where
    builds share Material's compiled templates (Jinja's own FileSystemBytecodeCache; a template
    whose source changes is compiled again): half of each copy's build time."""
    base = tmp_path_factory.getbasetemp()
    folder = base if worker_id == "master" else base.parent
    (folder / "templates").mkdir(exist_ok=True)
    cache, get_env = FileSystemBytecodeCache(str(folder / "templates")), Theme.get_env

    def with_cache(theme: Theme) -> Environment:
        env = get_env(theme)
        env.bytecode_cache = cache
        return env

    Theme.get_env = with_cache  # type: ignore[method-assign, assignment]
    return folder


def built_once(folder: Path, make: Callable[[], object]) -> None:
    """`make()` in the first worker to ask; the others wait for it."""
    with FileLock(f"{folder}.lock"):
        if not (folder / "built").is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed build left
            make()
            (folder / "built").touch()


BuildCopy = Callable[..., BuiltSite]


@pytest.fixture(scope="session")
def build_copy(shared: Path, browser: Browser) -> BuildCopy:
    """Copy the project, commit the copy (its lock's history: what the project publishes now),
    change it, build it with its PDF edition; once a name and run."""

    def make(name: str, *changes: edits.Change, env: Env = None) -> BuiltSite:
        copy, site_dir = Project(shared / name / "project"), shared / name / "site"

        def made() -> None:
            Project().copy_to(copy.root).commit()
            edits.both(*changes)(copy)
            build(copy, site_dir, env, browser=browser)

        built_once(shared / name, made)
        return BuiltSite(copy, site_dir, env)

    return make


@pytest.fixture(scope="session")
def site(shared: Path, request: pytest.FixtureRequest) -> BuiltSite:
    """The site under test: SITE_DIR if set (a folder `make build` wrote), else a fresh build."""
    if given := os.environ.get("SITE_DIR"):
        built = Project().root / given
        assert (built / "index.html").is_file(), f"SITE_DIR={given}: no site; run `make build`"
        return BuiltSite(Project(), built)
    browser = request.getfixturevalue("browser")
    built_once(shared / "site", lambda: build(Project(), shared / "site" / "site", browser=browser))
    return BuiltSite(Project(), shared / "site" / "site")


@pytest.fixture(scope="session")
def moved(build_copy: BuildCopy) -> BuiltSite:
    """The first pillar's page renamed and its heading's id changed, as the README says (MOVE)."""
    page = edits.move_page(*MOVE["page"])
    return build_copy("moved", page, edits.move_anchor(MOVE["page"][1], *MOVE["id"], WHOLE.url))


@pytest.fixture(scope="session")
def added(build_copy: BuildCopy) -> BuiltSite:
    """A page outside the essay, added as the README says, under a name no real page will use."""
    text = "This page is kept for the tests."
    return build_copy("added", edits.add_page("sandbox-page.md", "Sandbox page", text))


@pytest.fixture(scope="session")
def fork(build_copy: BuildCopy) -> BuiltSite:
    return build_copy("fork", env=FORK)


@pytest.fixture(scope="session")
def hostile(build_copy: BuildCopy) -> BuiltSite:
    """HOSTILE's values where a maintainer writes text: mkdocs.yml and a pillar's front matter."""

    def values(data: Any) -> None:
        data.update(site_name=HOSTILE["site_name"], site_description=HOSTILE["site_description"])
        entry = edits.nav_entry(data, PILLAR.file.src_uri)
        entry[HOSTILE["nav title"]] = entry.pop(next(iter(entry)))
        data["theme"]["palette"][1]["toggle"]["name"] = HOSTILE["toggle"]

    page = f"docs/{PILLAR.file.src_uri}"
    front = [edits.meta(page, key, HOSTILE[key]) for key in ("title", "subtitle", "description")]
    return build_copy("hostile", edits.config(values), *front)


@pytest.fixture(scope="session")
def served(site: BuiltSite) -> Iterator[str]:
    """The build, served on 127.0.0.1 under its sub-path as GitHub Pages serves it: its URL."""
    with serve(site.root, site.base_path) as url:
        yield url
