"""The README's first command, run as written: `make serve` (and `ENGINE=zensical make serve`)
previews every page under the site's sub-path, a missing page answers 404, and Ctrl-C stops it
without leaving a file behind in the project."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness.pipeline import UNSET
from harness.site import BuiltSite
from sitebuild.engines import ENGINES
from sitebuild.project import Project
from tests.conftest import fetch


@pytest.mark.parametrize("engine", ENGINES)
def test_make_serve_previews_every_page_under_the_sub_path(
    project: Project, site: BuiltSite, engine: str, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a free port, so a preview the developer runs is left alone
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = set(os.listdir(project.root))
    env = {k: v for k, v in os.environ.items() if k not in UNSET} | {"ENGINE": engine}
    command = ["make", "--no-print-directory", "serve", f"DEV_ADDR=127.0.0.1:{port}"]
    log = (tmp_path / "serve.log").open("w")  # a file: a pipe nobody reads could fill and stall it
    preview = subprocess.Popen(
        command, cwd=project.root, env=env, start_new_session=True, stdout=log, stderr=log
    )
    root, said = f"http://127.0.0.1:{port}{site.base_path}", (tmp_path / "serve.log").read_text
    try:
        # Polled until the preview answers (it builds first), or it exits, within a minute.
        deadline, answered = time.monotonic() + 60, False
        while not answered and preview.poll() is None and time.monotonic() < deadline:
            try:
                answered = fetch(root).status == 200
            except OSError:  # not listening yet
                time.sleep(0.2)
        assert answered, f"`make serve` (ENGINE={engine}) never answered at {root}:\n{said()}"
        problems = []
        for file in site.page_files:  # each page as the build titled it (the sharing guard's)
            status, _, body = fetch(url := root + site.page_path(file))
            shown, built = BeautifulSoup(body, "lxml").title, site.soup(file).title
            if status != 200 or not shown or not built or shown.text != built.text:
                problems.append(f"{url}: answers {status}, titled {shown}")
        if (missing := fetch(root + "no/such/page/").status) != 404:
            problems.append(f"{root}no/such/page/: answers {missing}, not 404")
        assert not problems, "\n".join(problems)
    finally:
        os.killpg(preview.pid, signal.SIGINT)  # Ctrl-C, as a developer stops it
        try:
            preview.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(preview.pid, signal.SIGKILL)  # never left running for the rest of the suite
            raise AssertionError(f"`make serve` did not stop on Ctrl-C:\n{said()}") from None
        finally:
            log.close()
    # .cache/ (ignored by git) is the engines' and tools' cache, kept between runs by design.
    left = set(os.listdir(project.root)) - before - {".cache"}
    assert not left, f"`make serve` left {sorted(left)} in the project:\n{said()}"
