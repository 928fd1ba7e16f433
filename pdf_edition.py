"""The PDF edition, printed after `mkdocs build` (make build runs both): `python pdf_edition.py
SITE_DIR`. Chromium prints the built page that names a PDF as its <link rel="alternate"
type="application/pdf"> (the whole essay) through Playwright's page.pdf (A4, tagged, an outline,
the site's print styles); pypdf gives it a title viewers show, the last commit's date, links to the
published site, the headings' exact text in the outline, an /ID from the content: one commit always
gives the same bytes. (WeasyPrint-based plugins, mkdocs-with-pdf among them, lay the page out again
without Material's CSS and scripts; mkdocs-print-site-plugin prefixes every id.)"""

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

# Without these Chromium floods a closed network with background requests.
QUIET = ["--disable-quic", "--disable-background-networking", "--disable-component-update"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync", *QUIET]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL = "install Chromium (Debian: apt-get install chromium; Ubuntu: GitHub's runners have /usr/bin/chromium, elsewhere install Google Chrome; macOS: brew install --cask chromium) or point CHROMIUM= at a Chromium or Chrome executable"
CREATOR = "pdf_edition.py (the whole-essay page, printed by Chromium)"


def find_chromium() -> str | None:
    """$CHROMIUM if set, else the first Chromium or Chrome on the PATH."""
    if chosen := os.environ.get("CHROMIUM"):
        return chosen if Path(chosen).is_file() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def write(site: Path, browser: Browser, when: int) -> Path:
    """Print `site`'s page that links a PDF to that file, dated `when` (Unix time); return it."""
    for file in sorted(site.rglob("index.html")):
        page = lxml.html.parse(file).getroot()
        if found := page.xpath('//link[@rel="alternate"][@type="application/pdf"]/@href'):
            output = (file.parent / str(found[0])).resolve()
            canonical = str(page.xpath('//link[@rel="canonical"]/@href')[0])
            published = canonical.removesuffix(file.parent.relative_to(site).as_posix() + "/")
            raw = printed(browser, file.resolve().as_uri())
            found = page.xpath("(//article)[1]//*[self::h1 or self::h2 or self::h3 or self::h4]")
            headings = [" ".join(h.text_content().split()) for h in found]
            local = site.resolve().as_uri() + "/"
            output.write_bytes(with_metadata(raw, headings, when, local, published))
            return output
    raise SystemExit(f"{site}: no page has a <link rel=alternate type=application/pdf>")


def printed(browser: Browser, url: str) -> bytes:
    """One page, once it has loaded and its fonts are ready, as an A4 tagged PDF."""
    with browser.new_page() as page:  # in a context of its own, closed with the page
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page.pdf(
            format="A4", prefer_css_page_size=True, print_background=True, tagged=True, outline=True
        )


def with_metadata(raw: bytes, headings: list[str], when: int, local: str, published: str) -> bytes:
    """Links to `local` go to the `published` site; the title (which viewers show: WCAG
    PDF18) is the first heading's; the page's language Chromium sets itself."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(raw)), keep_initial_header=True)
    exact, title = {"".join(h.split()): h for h in headings}, headings[0] if headings else ""
    items = [writer.root_object.get("/Outlines")]  # the outline's root: no /Title, a /First
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
            if uri.startswith(local):
                action[NameObject("/URI")] = TextStringObject(published + uri.removeprefix(local))
    at = datetime.fromtimestamp(when, UTC).strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata({"/Title": title, "/Creator": CREATOR, "/CreationDate": at, "/ModDate": at})
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    content = BytesIO()
    writer.write(content)
    identifier = ByteStringObject(hashlib.sha256(content.getvalue()).digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])  # pypdf has no public setter for /ID
    final = BytesIO()
    writer.write(final)
    return final.getvalue()


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    if (chromium := find_chromium()) is None:
        chosen = os.environ.get("CHROMIUM")
        named = f" (CHROMIUM={chosen!r} is no file)" if chosen else ""
        raise SystemExit(f"the PDF edition needs Chromium{named}: {INSTALL}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        print(f"PDF edition: {write(site, browser, int(epoch(Path(__file__).parent)))}")
