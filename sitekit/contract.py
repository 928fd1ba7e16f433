"""The site's public promises that tests hold it to: six pages, their URLs, headings, nav titles."""

from sitekit.seed import read_seed

# URL (never changes), the page's heading (the seed's own), navigation title. Issue 2's table.
PAGES: list[tuple[str, str, str]] = list(
    zip(
        ["/", "/partnerships/", "/military-cooperation/", "/intelligence-sharing/",
         "/economic-returns/", "/conclusion/"],
        [section.heading for section in read_seed()],
        ["Home", "Partnerships", "Military cooperation", "Intelligence sharing",
         "Economic returns", "Conclusion"],
        strict=True,
    )
)  # fmt: skip
