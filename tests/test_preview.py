"""`make serve`, the README's first command, as a fresh clone runs it, previews every page and names
a mistake as it is saved; Ctrl-C stops it, or it would hold its port for the rest of the run."""

import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import PILLAR
from tests.support.project import ROOT
from tests.support.server import environment, fetch, run
from tests.support.site import BuiltSite


def until(done: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.1)
    return done()


def terminal() -> None:  # as from a terminal: a group of its own, SIGINT not ignored
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_make_serve_previews_and_names_a_mistake(site: BuiltSite, tmp_path: Path) -> None:
    """In a copy, VENV holding only what `make serve` installs: each page titled as built, a 404,
    where it serves; a heading saved without an id, named with its file (hooks/checks.py warns)."""
    copy, page = site.project.copy_to(tmp_path / "project").root, f"docs/{PILLAR.file.src_uri}"
    run(ROOT, "make", ".uv/bin/uv")  # the Makefile's uv, made if missing: the copy shares it
    for name in ("Makefile", "pyproject.toml", "uv.lock", ".uv"):  # the rest a fresh clone holds
        (copy / name).symlink_to(ROOT / name)
    with socket.create_server(("127.0.0.1", 0)) as probe:  # a free port
        url = "http://" + (addr := f"127.0.0.1:{probe.getsockname()[1]}") + site.base_path
    # Its own environment, kept between runs (.cache/ is git's to ignore, make clean's to remove):
    # `make serve` syncs it to exactly the preview's layer, or leaves it, the lock unchanged.
    make = ["make", "serve", f"DEV_ADDR={addr}", f"VENV={ROOT / '.cache' / 'preview-venv'}"]
    with (log := tmp_path / "serve.log").open("w") as out:  # a pipe nobody reads could fill
        running = subprocess.Popen(
            make, cwd=copy, env=environment(), stdout=out, stderr=out, preexec_fn=terminal
        )
        try:
            up = until(lambda: running.poll() is not None or "Serving on" in log.read_text(), 120)
            assert up and f"Serving on {url}" in log.read_text(), log.read_text()  # it listens
            shown = [fetch(url + path) for path in [*(p.url for p in site.pages), "no/such/page/"]]
            with (copy / page).open("a", encoding="utf-8") as source:
                source.write("\n## Sandbox heading\n")
            named = rf"{re.escape(page)}\b.*has no explicit id"
            assert until(lambda: re.search(named, log.read_text()) is not None, 30), log.read_text()
        finally:
            if running.poll() is None:  # unreaped, its group is there: a terminal's Ctrl-C
                os.killpg(running.pid, signal.SIGINT)
            if not until(lambda: running.poll() is not None, 20):  # make waits for MkDocs
                os.killpg(running.pid, signal.SIGKILL)
                raise AssertionError(f"make serve ignored Ctrl-C:\n{log.read_text()}")
    titles = [(status, str(BeautifulSoup(body, "lxml").title)) for status, body in shown]
    built = [(200, str(site.soup(file).title)) for file in site.page_files]
    assert titles == [*built, (404, str(site.soup("404.html").title))], titles
