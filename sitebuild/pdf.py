"""The PDF edition: the whole-essay page, printed by Chromium with the site's print stylesheet, then
given its metadata (title, language, the last commit's date) so that one commit always gives the
same bytes.

Chromium is driven over its DevTools pipe (--remote-debugging-pipe: JSON messages ending in NUL
on file descriptors 3 and 4) with the standard library alone, so building needs no browser
automation package. A Printer can print many pages with one browser; the tests share one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from sitebuild.pages import Table
from sitebuild.published import BuildError, Settings, read_article
from sitebuild.server import PagesServer

# Without the networking flags Chromium floods a closed network with background requests.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL = (
    "install Chromium (Debian: apt-get install chromium; Ubuntu: GitHub's runners have "
    "/usr/bin/chromium, elsewhere install Google Chrome; macOS: brew install --cask chromium) "
    "or point CHROMIUM= at a Chromium or Chrome executable"
)


def find_chromium() -> str | None:
    """$CHROMIUM if set, else the first Chromium or Chrome on the PATH."""
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


A4 = {"paperWidth": 8.27, "paperHeight": 11.69}  # inches; the stylesheet's @page says A4 too
TIMEOUT = 60.0


class Printer:
    """A headless Chromium that prints pages to PDF. Use as a context manager."""

    def __init__(self, executable: str | None = None) -> None:
        found = executable or find_chromium()
        if found is None:
            raise BuildError(f"the PDF edition needs Chromium: {INSTALL}")
        self.executable = found
        self._process: subprocess.Popen[bytes] | None = None
        self._profile = tempfile.TemporaryDirectory(prefix="sitebuild-chromium-")
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Printer:
        to_child, from_parent = os.pipe()  # Chromium reads commands on its fd 3
        to_parent, from_child = os.pipe()  # and writes replies on its fd 4
        command = [
            self.executable, *FLAGS, "--remote-debugging-pipe",
            f"--user-data-dir={self._profile.name}", "about:blank",
        ]  # fmt: skip
        # A tiny Python trampoline puts the two pipe ends on descriptors 3 and 4, then becomes
        # Chromium (subprocess has no way to choose a child's descriptor numbers itself).
        trampoline = (
            "import fcntl, os, sys; r, w = (fcntl.fcntl(int(f), fcntl.F_DUPFD, 10) for f in "
            "sys.argv[1:3]); os.dup2(r, 3); os.dup2(w, 4); os.execv(sys.argv[3], sys.argv[3:])"
        )
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", trampoline, str(to_child), str(from_child), *command],
                pass_fds=(to_child, from_child),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise BuildError(f"cannot start {self.executable}: {error}; {INSTALL}") from None
        finally:
            os.close(to_child)
            os.close(from_child)
        self._write, self._read = from_parent, to_parent
        self._send("Browser.getVersion")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            try:
                self._send("Browser.close", timeout=5)
            except BuildError:
                self._process.kill()
            self._process.wait(10)
            os.close(self._write)
            os.close(self._read)
        self._profile.cleanup()

    def pdf(self, url: str) -> bytes:
        """Print one page, once it has loaded and its fonts are ready, to an A4 tagged PDF."""
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        try:
            self._send("Page.enable", session=session)
            navigation = self._send("Page.navigate", {"url": url}, session=session)
            if navigation.get("errorText"):
                raise BuildError(f"Chromium could not open {url}: {navigation['errorText']}")
            self._wait_for("Page.loadEventFired", session)
            self._send(
                "Runtime.evaluate",
                {"expression": "document.fonts.ready.then(() => true)", "awaitPromise": True},
                session=session,
            )
            printed = self._send(
                "Page.printToPDF",
                {
                    **A4,
                    "preferCSSPageSize": True,
                    "printBackground": True,
                    "displayHeaderFooter": False,
                    "generateTaggedPDF": True,
                    "generateDocumentOutline": True,
                    "marginTop": 0,
                    "marginBottom": 0,
                    "marginLeft": 0,
                    "marginRight": 0,
                },
                session=session,
            )
            return base64.b64decode(printed["data"])
        finally:
            self._send("Target.closeTarget", {"targetId": target})

    # DevTools protocol over the pipe -------------------------------------------------------------

    def _send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline, method)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BuildError(f"Chromium: {method} failed: {reply['error'].get('message')}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self._events.append(reply)

    def _wait_for(self, event: str, session: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for index, seen in enumerate(self._events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self._events[index]
                    return
            reply = self._receive(deadline, event)
            if "method" in reply:
                self._events.append(reply)

    def _receive(self, deadline: float, waiting_for: str) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._read], [], [], max(left, 0))
            if not ready:
                raise BuildError(f"Chromium did not answer {waiting_for} within {TIMEOUT:.0f} s")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise BuildError(f"Chromium ({self.executable}) exited while printing")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        reply: dict[str, Any] = json.loads(message)
        return reply


# -- The edition ----------------------------------------------------------------------------------


def write(
    site_dir: Path,
    table: Table,
    settings: Settings,
    environment: dict[str, str],
    printer: Printer | None = None,
) -> Path:
    """Print the whole-essay page of a built site to settings.pdf at the site's root."""
    whole = table.one("whole")
    if whole is None:
        raise BuildError("mkdocs.yml: the PDF edition is printed from the page with 'role: whole'")
    article = read_article((site_dir / whole.url / "index.html").read_text(encoding="utf-8"))
    with PagesServer(site_dir, urlsplit(settings.site_url).path) as server:
        url = server.url + whole.url
        if printer is None:
            with Printer() as own:
                raw = own.pdf(url)
        else:
            raw = printer.pdf(url)
    epoch = int(environment["SOURCE_DATE_EPOCH"])
    output = site_dir / settings.pdf
    headings = [text for _, text in article.headings]
    finished = with_metadata(raw, article.title, epoch, {server.url: settings.site_url}, headings)
    output.write_bytes(finished)
    return output


def with_metadata(
    raw: bytes, title: str, epoch: int, origins: dict[str, str], headings: list[str]
) -> bytes:
    """Title and dates set, links that point at the local server pointed at the published site,
    outline entries given their headings' exact text (Chromium drops the space where a heading
    wraps), and an /ID made from the content: the bytes depend only on the page and the commit,
    never on the clock or the port. The structure tree and internal links are kept."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(BytesIO(raw)), keep_initial_header=True)
    exact = {"".join(h.split()): h for h in headings}
    outline = writer.root_object.get("/Outlines")
    items = [outline.get_object().get("/First")] if outline else []
    while items:
        item = items.pop()
        if item is None:
            continue
        entry = item.get_object()
        heading = exact.get("".join(str(entry.get("/Title", "")).split()))
        if heading:
            entry[NameObject("/Title")] = TextStringObject(heading)
        items += [entry.get("/First"), entry.get("/Next")]
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            uri = str(action.get("/URI", "")) if action else ""
            for local, published in origins.items():
                if uri.startswith(local):
                    action[NameObject("/URI")] = TextStringObject(published + uri[len(local) :])
    stamp = datetime.fromtimestamp(epoch, UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata(
        {
            "/Title": title,
            "/Creator": "sitebuild (the whole-essay page, printed by Chromium)",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    content = BytesIO()
    writer.write(content)
    identifier = ByteStringObject(hashlib.sha256(content.getvalue()).digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])  # pypdf has no public setter for /ID
    final = BytesIO()
    writer.write(final)
    return final.getvalue()
