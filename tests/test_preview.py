"""`make serve`, the README's first command, as a fresh clone runs it, previews every page and names
a mistake as it is saved; Ctrl-C stops it, or it would hold its port for the rest of the run."""

import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import PILLAR
from tests.support.site import BuiltSite
from tests.test_build import environment, run
from tests.test_pages import fetch


def until(done: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not (held := done()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return held


def terminal() -> None:
    """As from a terminal: a group of its own, SIGINT not ignored (as a shell's background job)."""
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def preview(command: list[str], cwd: Path, log: Path) -> Iterator[str]:
    """`command` ({addr}: a free port) until it answers; then Ctrl-C, obeyed within 20 s or failed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = "http://" + (addr := f"127.0.0.1:{probe.getsockname()[1]}")
    args = [part.format(addr=addr) for part in command]
    with log.open("w") as out:  # a file: a pipe nobody reads could fill, and stall it
        running = subprocess.Popen(
            args, cwd=cwd, env=environment(), stdout=out, stderr=out, preexec_fn=terminal
        )
        try:  # MkDocs answers "/" with a redirect to the sub-path
            until(lambda: running.poll() is not None or fetch(url)[0] == 200, 120)
            assert running.poll() is None and fetch(url)[0] == 200, f"{args}:\n{log.read_text()}"
            yield url
        finally:
            with suppress(ProcessLookupError):  # unless it is gone already
                os.killpg(running.pid, signal.SIGINT)  # to the group, as a terminal sends Ctrl-C
            try:
                running.wait(20)  # make waits for MkDocs before it exits
            except subprocess.TimeoutExpired:
                os.killpg(running.pid, signal.SIGKILL)
                raise AssertionError(f"{args} ignored Ctrl-C:\n{log.read_text()}") from None


def test_make_serve_previews_every_page(site: BuiltSite, tmp_path: Path) -> None:
    """VENV: an environment holding only what `make serve` installs, made by the run's first."""
    make = ["make", "serve", "DEV_ADDR={addr}", f"VENV={tmp_path.parent / 'preview-venv'}"]
    with preview(make, site.project.root, log := tmp_path / "serve.log") as origin:
        shown = [fetch(origin + site.base_path + page.url) for page in site.pages]
        missing = fetch(f"{origin}{site.base_path}no/such/page/")[0]
    titles = [(status, str(BeautifulSoup(body, "lxml").title)) for status, _, body in shown]
    assert titles == [(200, str(site.soup(file).title)) for file in site.page_files], titles
    assert missing == 404, f"a missing page answers {missing}"
    assert f"Serving on {origin}{site.base_path}" in log.read_text(), log.read_text()


def test_a_heading_without_an_id_is_named_on_save(site: BuiltSite, tmp_path: Path) -> None:
    """hooks/checks.py warns on each rebuild, so `make serve`'s MkDocs names the file to fix."""
    copy, venv = site.project.copy_to(tmp_path / "project"), tmp_path.parent / "preview-venv"
    page = f"docs/{PILLAR.file.src_uri}"
    run(site.project.root, "make", f"{venv}/.layer-site", f"VENV={venv}")  # unless made already
    serve = [f"{venv}/bin/mkdocs", "serve", "--dev-addr", "{addr}"]
    with preview(serve, copy.root, log := tmp_path / "serve.log"):
        with (copy.root / page).open("a", encoding="utf-8") as source:
            source.write("\n## Sandbox heading\n")
        named = rf"{re.escape(page)}\b.*has no explicit id"
        assert until(lambda: re.search(named, log.read_text()) is not None, 30), log.read_text()
