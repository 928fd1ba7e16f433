"""A stand-in for GitHub Pages on 127.0.0.1: the site under its sub-path, `/dir` answered with a
301 to `/dir/`, and the site's root 404.html, with status 404, for a missing path at any depth.
(http.server's handler serves files and directories; these three rules are GitHub's.)"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit


class Pages(SimpleHTTPRequestHandler):
    base = "/"

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + urlsplit(path).path.removeprefix(self.base))

    def send_head(self) -> BinaryIO | None:
        path = urlsplit(self.path).path
        if path + "/" == self.base:  # the site's root without its '/', as any folder: a 301
            self.send_response(301)
            self.send_header("Location", self.base)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.startswith(self.base) or not Path(self.translate_path(path)).exists():
            return self.not_found()
        return super().send_head()

    def not_found(self) -> BinaryIO:
        page = Path(self.directory) / "404.html"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(page.stat().st_size))
        self.end_headers()
        return page.open("rb")

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
