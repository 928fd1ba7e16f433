"""The PDF edition: the whole-essay page, printed by Chromium through Playwright's page.pdf with the
site's print stylesheet (A4, tagged, with an outline), then given its metadata with pypdf (title,
language, the last commit's date) so that one commit always gives the same bytes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, sync_playwright

from sitebuild.chromium import launch
from sitebuild.config import Settings
from sitebuild.published import read_article
from sitebuild.server import PagesServer
from sitebuild.table import Table


def write(
    site_dir: Path,
    table: Table,
    settings: Settings,
    env: dict[str, str],
    browser: Browser | None = None,
) -> Path:
    """Print the whole-essay page to settings.pdf, with `browser` or a Chromium of its own."""
    whole = table.one("whole")
    assert whole is not None, "sitebuild.sources requires one page with 'role: whole'"
    article = read_article((site_dir / whole.url / "index.html").read_text(encoding="utf-8"))
    with PagesServer(site_dir, urlsplit(settings.site_url).path) as server:
        if browser is None:
            with sync_playwright() as playwright:
                raw = printed(launch(playwright, env), server.url + whole.url)
        else:
            raw = printed(browser, server.url + whole.url)
    headings = [text for _, text in article.headings]
    epoch, origins = int(env["SOURCE_DATE_EPOCH"]), {server.url: settings.site_url}
    output = site_dir / settings.pdf
    output.write_bytes(with_metadata(raw, article.title, epoch, origins, headings))
    return output


def printed(browser: Browser, url: str) -> bytes:
    """One page, once it has loaded and its fonts are ready, as an A4 tagged PDF."""
    with browser.new_context() as context:  # closed however the printing ends
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page.pdf(
            format="A4", prefer_css_page_size=True, print_background=True, tagged=True, outline=True
        )


def with_metadata(
    raw: bytes, title: str, epoch: int, origins: dict[str, str], headings: list[str]
) -> bytes:
    """Title (shown by viewers) and dates set, links to the local server pointed at the published
    site, outline entries given their headings' exact text (Chromium drops the space where a
    heading wraps), an /ID made from the content (the bytes depend only on the page and the
    commit), all else kept."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        ByteStringObject,
        NameObject,
        TextStringObject,
    )

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
    meta = {"/Title": title, "/Creator": "sitebuild (the whole-essay page, printed by Chromium)"}
    writer.add_metadata(meta | {"/CreationDate": stamp, "/ModDate": stamp})
    preferences = writer.create_viewer_preferences()  # a viewer shows the title (WCAG PDF18)
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    content = BytesIO()
    writer.write(content)
    identifier = ByteStringObject(hashlib.sha256(content.getvalue()).digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])  # pypdf has no public setter for /ID
    final = BytesIO()
    writer.write(final)
    return final.getvalue()
