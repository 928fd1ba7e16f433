"""Serve a built site on 127.0.0.1 as GitHub Pages serves a project site: under a sub-path; `/dir`
answers 301 to `/dir/`; paths are case-sensitive; a missing path, at any depth, gets the root
404.html with status 404; files go out gzipped when accepted, with Cache-Control: max-age=600.
(http.server's SimpleHTTPRequestHandler knows none of these rules: `respond` holds them.)"""

from __future__ import annotations

import gzip
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (
    "text/", "application/javascript", "application/json", "application/xml", "image/svg"
)  # fmt: skip
Response = tuple[int, dict[str, str], bytes]  # status, headers, body


class PagesServer:
    """A context manager serving until the block ends; `url` is the site's root, e.g.
    http://127.0.0.1:PORT/strategic-alliances/; `requests` records each (path, body bytes sent)."""

    def __init__(self, root: Path, base_path: str) -> None:
        self.root = root.resolve()
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.requests: list[tuple[str, int]] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def url(self) -> str:
        return self.origin + self.base_path

    def __enter__(self) -> PagesServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                accept = self.headers.get("Accept-Encoding", "")
                status, headers, body = server.respond(self.path, accept)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                sent = body if self.command != "HEAD" else b""
                self.wfile.write(sent)
                server.requests.append((self.path, len(sent)))

            do_HEAD = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass  # tests read `requests`, not a log

        return Handler

    def respond(self, raw_path: str, accept_encoding: str) -> Response:
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        if path + "/" == self.base_path:
            return self._redirect(path + "/", parts.query)
        if path.startswith(self.base_path):
            target = (self.root / path[len(self.base_path) :]).resolve()
            inside = target == self.root or self.root in target.parents
            if inside and target.is_dir():
                if not path.endswith("/"):
                    return self._redirect(path + "/", parts.query)
                target = target / "index.html"
            if inside and target.is_file():
                return self._file(200, target, accept_encoding)
        return self._file(404, self.root / "404.html", accept_encoding)

    def _redirect(self, location: str, query: str) -> Response:
        location += f"?{query}" if query else ""
        return 301, {"Location": location, "Content-Length": "0"}, b""

    def _file(self, status: int, file: Path, accept_encoding: str) -> Response:
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        body = file.read_bytes()
        headers = {"Content-Type": kind, "Cache-Control": "max-age=600"}
        if "gzip" in accept_encoding and kind.startswith(COMPRESSIBLE):
            body = gzip.compress(body, mtime=0)
            headers |= {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        headers["Content-Length"] = str(len(body))
        return status, headers, body
