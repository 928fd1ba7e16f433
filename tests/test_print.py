"""Printing respects paper and the reader: printed in Chromium on A4, as a reader's print dialog
does, every page fits its sheets with none blank, no site chrome, each sheet carries the essay's
title and the page's own URL, and links show where they point. The whole essay fits on three
sheets; a pillar on one."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from harness.site import BuiltSite
from sitebuild.server import PagesServer

MOST_SHEETS = {"whole": 3, "pillar": 1, "introduction": 1, "conclusion": 1}


@pytest.fixture(scope="module")
def printed(site: BuiltSite, served: PagesServer, browser: Browser) -> dict[str, list[str]]:
    """Each page's printed sheets, as the text on each."""
    sheets = {}
    with browser.new_context() as context:
        page = context.new_page()
        for file in site.page_files:
            page.goto(served.origin + site.url_path(file), wait_until="load")
            page.evaluate("document.fonts.ready")
            reader = PdfReader(BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
            sheets[file] = [" ".join((s.extract_text() or "").split()) for s in reader.pages]
    return sheets


@pytest.mark.browser
def test_each_page_fits_its_sheets_none_blank_each_naming_the_essay_and_the_page(
    site: BuiltSite, printed: dict[str, list[str]]
) -> None:
    intro = site.table.one("introduction")
    title = intro.title.text if intro and intro.title else site.settings.site_name
    problems = []
    for essay_page in site.table.pages:
        file = site.file_of(essay_page)
        sheets, url = printed[file], site.url(file)
        most = MOST_SHEETS.get(essay_page.role or "", 2)
        if len(sheets) > most:
            problems.append(
                f"docs/{essay_page.source}: prints on {len(sheets)} A4 sheets, more than {most}"
            )
        for number, text in enumerate(sheets, start=1):
            if title not in text:
                problems.append(f"{file}: sheet {number} does not name the essay")
            if url not in text:
                problems.append(f"{file}: sheet {number} does not show its URL {url}")
            rest = re.sub(r"\d+ / \d+", "", text.replace(title, "").replace(url, ""))
            if len(rest.strip()) < 20:  # the running head and the page number aside
                problems.append(f"docs/{essay_page.source}: sheet {number} is blank")
        heading = essay_page.title.text if essay_page.title else None
        if heading and heading not in " ".join(sheets):
            problems.append(f"docs/{essay_page.source}: its heading is not printed")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_no_site_chrome_and_links_show_their_targets(
    site: BuiltSite, printed: dict[str, list[str]]
) -> None:
    home = " ".join(printed["index.html"])
    unbroken = "".join(home.split())  # a long URL wraps, and comes out of the PDF in pieces
    for chrome in ("Skip to content", "Search", "Back to top", "Made with", "Edit this page"):
        assert chrome not in home, f"index.html: prints the site chrome {chrome!r}"
    for pillar in site.table.with_role("pillar"):
        url = site.url(site.file_of(pillar))
        assert url in unbroken, f"index.html: the card for {pillar.nav_title} does not print {url}"
    assert "127.0.0.1" not in str(printed), "prints the test server"
