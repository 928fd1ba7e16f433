"""The PDF edition, printed after `mkdocs build` (make build runs both): `python pdf_edition.py
SITE_DIR`. The built page that names a PDF as its <link rel="alternate" type="application/pdf">
(the whole essay) is printed by Chromium through Playwright's page.pdf (A4, tagged, with an outline,
the site's print styles) from the built files, then given its metadata with pypdf: title (shown by
viewers), language, the last commit's date, links pointed at the published site, outline entries
with their headings' exact text, an /ID from the content: one commit always gives the same bytes.
(WeasyPrint-based plugins, mkdocs-with-pdf among them, lay the page out again without Material's
CSS and scripts; mkdocs-print-site-plugin prefixes every id.)"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import lxml.html
from playwright.sync_api import Browser, sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, ByteStringObject, NameObject, TextStringObject

from hooks.dates import epoch

# Without the networking flags Chromium floods a closed network with background requests.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL = (
    "install Chromium (Debian: apt-get install chromium; Ubuntu: GitHub's runners have "
    "/usr/bin/chromium, elsewhere install Google Chrome; macOS: brew install --cask chromium) "
    "or point CHROMIUM= at a Chromium or Chrome executable"
)


def find_chromium() -> str | None:
    """$CHROMIUM if set, else the first Chromium or Chrome on the PATH."""
    if chosen := os.environ.get("CHROMIUM"):
        return chosen if Path(chosen).is_file() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def write(site: Path, browser: Browser, when: int) -> Path:
    """Print the page of `site` that links its PDF edition to that file, dated `when` (seconds
    since 1970); return the file."""
    for file in sorted(site.rglob("index.html")):
        page = lxml.html.parse(file).getroot()
        if found := page.xpath('//link[@rel="alternate"][@type="application/pdf"]/@href'):
            output = (file.parent / str(found[0])).resolve()
            canonical = str(page.xpath('//link[@rel="canonical"]/@href')[0])
            published = canonical.removesuffix(file.parent.relative_to(site).as_posix() + "/")
            local = site.resolve().as_uri() + "/"
            raw = printed(browser, file.resolve().as_uri())
            found = page.xpath("(//article)[1]//*[self::h1 or self::h2 or self::h3 or self::h4]")
            headings = [" ".join(h.text_content().split()) for h in found]
            output.write_bytes(with_metadata(raw, headings, when, {local: published}))
            return output
    raise SystemExit(
        f"{site}: no page links a PDF edition (<link rel=alternate type=application/pdf>)"
    )


def printed(browser: Browser, url: str) -> bytes:
    """One page, once it has loaded and its fonts are ready, as an A4 tagged PDF."""
    with browser.new_context() as context:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page.pdf(
            format="A4", prefer_css_page_size=True, print_background=True, tagged=True, outline=True
        )


def with_metadata(raw: bytes, headings: list[str], when: int, origins: dict[str, str]) -> bytes:
    """The title is the first heading's; the page's language Chromium sets itself."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(raw)), keep_initial_header=True)
    exact, title = {"".join(h.split()): h for h in headings}, headings[0] if headings else ""
    outline = writer.root_object.get("/Outlines")
    items = [outline.get_object().get("/First")] if outline else []
    while items:  # Chromium drops the space where a heading wraps: the outline gets it back
        if (item := items.pop()) is not None:
            entry = item.get_object()
            if heading := exact.get("".join(str(entry.get("/Title", "")).split())):
                entry[NameObject("/Title")] = TextStringObject(heading)
            items += [entry.get("/First"), entry.get("/Next")]
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            uri = str(action.get("/URI", "")) if action else ""
            for local, published in origins.items():
                if uri.startswith(local):
                    action[NameObject("/URI")] = TextStringObject(published + uri[len(local) :])
    stamp = datetime.fromtimestamp(when, UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    creator = "pdf_edition.py (the whole-essay page, printed by Chromium)"
    writer.add_metadata(
        {"/Title": title, "/Creator": creator, "/CreationDate": stamp, "/ModDate": stamp}
    )
    preferences = writer.create_viewer_preferences()  # a viewer shows the title (WCAG PDF18)
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    content = BytesIO()
    writer.write(content)
    identifier = ByteStringObject(hashlib.sha256(content.getvalue()).digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])  # pypdf has no public setter for /ID
    final = BytesIO()
    writer.write(final)
    return final.getvalue()


def main(site: Path) -> None:
    if (chromium := find_chromium()) is None:
        chosen = (
            f" (CHROMIUM={os.environ['CHROMIUM']!r} is no file)"
            if os.environ.get("CHROMIUM")
            else ""
        )
        raise SystemExit(f"the PDF edition needs Chromium{chosen}: {INSTALL}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        print(f"PDF edition: {write(site, browser, int(epoch(Path(__file__).parent)))}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
