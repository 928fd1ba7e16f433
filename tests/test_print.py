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
    context = browser.new_context()
    try:
        page = context.new_page()
        sheets = {}
        for file in site.page_files:
            page.goto(served.origin + site.url_path(file), wait_until="load")
            page.evaluate("document.fonts.ready")
            reader = PdfReader(BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
            sheets[file] = [" ".join((s.extract_text() or "").split()) for s in reader.pages]
    finally:
        context.close()
    return sheets


def running_head(site: BuiltSite, file: str) -> list[str]:
    intro = site.table.one("introduction")
    return [intro.title.text if intro and intro.title else site.settings.site_name, site.url(file)]


@pytest.mark.browser
def test_each_page_fits_its_sheets_with_none_blank(
    site: BuiltSite, printed: dict[str, list[str]]
) -> None:
    problems = []
    for essay_page in site.table.pages:
        file = site.file_of(essay_page)
        sheets = printed[file]
        most = MOST_SHEETS.get(essay_page.role or "", 2)
        if len(sheets) > most:
            problems.append(
                f"docs/{essay_page.source}: prints on {len(sheets)} A4 sheets, more than {most}"
            )
        heading = essay_page.title.text if essay_page.title else None
        for number, text in enumerate(sheets, start=1):
            for repeated in running_head(site, file):
                text = text.replace(repeated, "")
            if len(re.sub(r"\d+ / \d+", "", text).strip()) < 20:  # the page number aside
                problems.append(f"docs/{essay_page.source}: sheet {number} is blank")
        if heading and heading not in " ".join(sheets):
            problems.append(f"docs/{essay_page.source}: its heading is not printed")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_every_sheet_names_the_essay_and_the_page(
    site: BuiltSite, printed: dict[str, list[str]]
) -> None:
    problems = []
    for file, sheets in printed.items():
        title, url = running_head(site, file)
        for number, text in enumerate(sheets, start=1):
            if title not in text:
                problems.append(f"{file}: sheet {number} does not name the essay")
            if url not in text:
                problems.append(f"{file}: sheet {number} does not show its URL {url}")
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
        target = site.url(site.file_of(pillar))
        assert target in unbroken, (
            f"index.html: the card for {pillar.nav_title} does not print {target}"
        )
    assert "127.0.0.1" not in " ".join(" ".join(s) for s in printed.values()), (
        "prints the test server"
    )
