"""A stand-in for GitHub Pages on 127.0.0.1: the site under its sub-path, `/dir` answered with a
301 to `/dir/` (http.server's own rule, as GitHub's), and the site's root 404.html, with status 404,
for a missing path at any depth. `fetch` asks it; `run` runs a command in an `environment()` where
nothing steers make or a build from outside."""

import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen


class Pages(SimpleHTTPRequestHandler):
    base = "/"

    def translate_path(self, path: str) -> str:  # `base` is the root; without its '/', a folder
        path = urlsplit(path).path
        if not (path + "/").startswith(self.base):
            return ""  # no file: a 404
        return super().translate_path(path.removeprefix(self.base[:-1]))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        page = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)
        return None

    def handle(self) -> None:
        with suppress(ConnectionError):  # a browser that moves on before the answer is sent
            super().handle()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path, base: str) -> Iterator[str]:
    """Serve `root` under the path `base` until the block ends; yields the site's URL."""
    handler = type("Handler", (Pages,), {"base": base})
    with ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root))) as httpd:
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}{base}"
        finally:
            httpd.shutdown()


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of a GET: an error status is an answer too."""
    try:
        with urlopen(url, timeout=10) as answer:
            return int(answer.status), answer.read()
    except HTTPError as error:
        return error.code, error.read()


def environment(**values: str) -> dict[str, str]:  # this process's, less what `make test` sets
    outside = ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "SITE_DIR", "CI", "SOURCE_DATE_EPOCH")
    return {k: v for k, v in os.environ.items() if k not in outside} | values


def run(cwd: Path, *args: str, fails: str = "", **values: str) -> str:
    """`args` in `cwd`, `environment(**values)`: its output; it passes, or fails saying `fails`."""
    ran = subprocess.run(args, cwd=cwd, env=environment(**values), capture_output=True, text=True)
    said = ran.stdout + ran.stderr
    assert bool(ran.returncode) == bool(fails) and fails in said, f"{args}:\n{said}"
    return said
