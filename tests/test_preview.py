"""The README's first command, run as written: `make serve` (and `ENGINE=zensical make serve`)
previews every page under the site's sub-path, a missing page answers 404, a page open in Chromium
reloads when its source is saved, and Ctrl-C (or `kill`) stops it without leaving a file behind."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harness.pipeline import clean_env
from harness.sandbox import meta
from harness.site import BuiltSite
from sitebuild.engines import ENGINES
from sitebuild.project import Project
from tests.conftest import PILLAR, NewContext, fetch

STOPS = {"Ctrl-C": signal.SIGINT, "kill": signal.SIGTERM}  # a terminal's; `kill`'s, an editor's


@contextmanager
def preview(
    project: Project, site: BuiltSite, engine: str, stop: str, log: Path, make: bool = True
) -> Iterator[str]:
    """`make serve` on a free port (a preview the developer runs is left alone), with an
    environment holding only what `make serve` installs, as in a fresh clone (or, not `make`,
    the entry point it runs, on a copy holding sitebuild/); once it answers,
    the site's root URL. Stopped by `stop` however the block ends; it must leave nothing behind
    (this module's tests run in turn: loadscope keeps a module on one worker)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = set(os.listdir(project.root))
    env = clean_env(ENGINE=engine, PYTHONPATH=str(project.root))
    # Not .venv, which holds every layer; one for this run's previews, beside their tmp_path folders.
    venv = f"VENV={log.parent.parent / 'preview-venv'}"
    command = ["make", "--no-print-directory", "serve", f"DEV_ADDR=127.0.0.1:{port}", venv]
    if not make:
        command = [sys.executable, "-m", "sitebuild", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    output = log.open("w")  # a file: a pipe nobody reads could fill and stall it
    running = subprocess.Popen(
        command, cwd=project.root, env=env, start_new_session=True, stdout=output, stderr=output
    )
    root = f"http://127.0.0.1:{port}{site.base_path}"
    try:
        # Polled until the preview answers (it builds first), or it exits, within a minute.
        deadline, answered = time.monotonic() + 60, False
        while not answered and running.poll() is None and time.monotonic() < deadline:
            try:
                answered = fetch(root).status == 200
            except OSError:  # not listening yet
                time.sleep(0.2)
        assert answered, (
            f"`make serve` (ENGINE={engine}) never answered at {root}:\n{log.read_text()}"
        )
        yield root
    finally:
        os.killpg(running.pid, STOPS[stop])  # to the process group, as a terminal sends Ctrl-C
        try:
            running.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(running.pid, signal.SIGKILL)  # never left running for the rest of the suite
            raise AssertionError(
                f"`make serve` did not stop on {stop}:\n{log.read_text()}"
            ) from None
        finally:
            output.close()
    # Caches (.cache, .ruff_cache, .mypy_cache: git ignores them) are kept between runs by design,
    # and the linters of a test running meanwhile write theirs.
    left = {name for name in os.listdir(project.root) if not name.endswith("cache")} - before
    assert not left, (
        f"`make serve` left {sorted(left)} in the project on {stop}:\n{log.read_text()}"
    )


@pytest.mark.browser
@pytest.mark.parametrize("engine", ENGINES)
def test_make_serve_previews_every_page_and_reloads_a_saved_one(
    project: Project, site: BuiltSite, new_context: NewContext, engine: str, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    with preview(project, site, engine, "Ctrl-C", log) as root:
        problems = []
        for file in site.page_files:  # each page as the build titled it (the sharing guard's)
            status, _, body = fetch(url := root + site.page_path(file))
            shown, built = BeautifulSoup(body, "lxml").title, site.soup(file).title
            if status != 200 or not shown or not built or shown.text != built.text:
                problems.append(f"{url}: answers {status}, titled {shown}")
        if (missing := fetch(root + "no/such/page/").status) != 404:
            problems.append(f"{root}no/such/page/: answers {missing}, not 404")
        origin = root.removesuffix(site.base_path)  # MkDocs names the root, Zensical the origin
        if origin not in log.read_text():  # where it serves, then what each rebuild warns
            problems.append(f"the preview's console never says where it serves:\n{log.read_text()}")
        assert not problems, "\n".join(problems)
        # The page's source saved with a comment added to its front matter (nothing a reader,
        # the linter or a copy of docs/ made meanwhile sees) reloads the page in Chromium.
        page, source = new_context().new_page(), project.docs / PILLAR.source
        page.goto(root + PILLAR.url, wait_until="load")
        title = site.soup(site.file_of(PILLAR)).title
        page.wait_for_function("t => document.title === t", arg=title and title.text)  # connected
        mark = b"---\n# saved again by tests/test_preview.py\n"  # taken out exactly as put in
        try:
            with page.expect_event("load", timeout=30_000):
                source.write_bytes(source.read_bytes().replace(b"---\n", mark, 1))
        except PlaywrightTimeout:
            raise AssertionError(
                f"{root + PILLAR.url}: no reload on saving {source.name}"
            ) from None
        finally:
            source.write_bytes(source.read_bytes().replace(mark, b"---\n", 1))


def test_a_problem_saved_during_the_preview_is_named(
    project: Project, site: BuiltSite, tmp_path: Path
) -> None:
    """A page saved with a two-sentence description stops that rebuild, and the console names the
    page and the rule: the source checks run on each save (on a copy, whose own sitebuild/ runs)."""
    copy, log = project.copy_to(tmp_path / "project"), tmp_path / "serve.log"
    shutil.copytree(project.root / "sitebuild", copy.root / "sitebuild", dirs_exist_ok=True)
    named = f"docs/{PILLAR.source}: 'description' must be exactly one sentence"
    with preview(copy, site, "mkdocs", "Ctrl-C", log, make=False):
        meta(f"docs/{PILLAR.source}", "description", "Two sentences. Here they are.")(copy)
        deadline = time.monotonic() + 30  # a rebuild follows the save within a second or two
        while named not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
    assert named in log.read_text(), f"the preview never named the problem:\n{log.read_text()}"


@pytest.mark.parametrize("engine", ENGINES)
def test_kill_stops_the_preview_as_ctrl_c_does(
    project: Project, site: BuiltSite, engine: str, tmp_path: Path
) -> None:
    with preview(project, site, engine, "kill", tmp_path / "serve.log"):
        pass


@pytest.mark.parametrize("rule", ["dev-addr", "dev-addr-free"])
def test_a_bad_or_busy_dev_addr_is_named(project: Project, rule: str) -> None:
    """Refused before either engine starts, with the setting named: not IP:PORT, or in use."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = f"127.0.0.1:{taken.getsockname()[1]}"
        addr = {"dev-addr": "localhost", "dev-addr-free": busy}[rule]
        command = ["make", "--no-print-directory", "serve", f"DEV_ADDR={addr}"]
        ran = subprocess.run(
            command, cwd=project.root, env=clean_env(), capture_output=True, text=True
        )
    named = f"DEV_ADDR='{addr}'" in ran.stderr and f"[{rule}]" in ran.stderr
    assert ran.returncode != 0 and named, ran.stdout + ran.stderr
