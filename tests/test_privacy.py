"""Private by construction: nothing in a page or stylesheet is loaded from another host."""

from sitekit import checks
from sitekit.site import BuiltSite


def test_nothing_loads_from_another_host(site: BuiltSite) -> None:
    assert any(f.endswith(".css") for f in site.files), "no stylesheet in the build"
    problems = checks.privacy(site)
    assert not problems, "\n".join(problems)


def test_fonts_are_the_systems(site: BuiltSite) -> None:
    for page in site.pages:
        assert not site.soup(page).select("link[href*='fonts.']"), f"{page}: loads a web font"
