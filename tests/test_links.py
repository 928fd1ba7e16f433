"""No broken link or anchor anywhere in the built HTML, theme templates included."""

from sitekit import checks
from sitekit.site import BuiltSite


def test_every_internal_link_and_fragment_resolves(site: BuiltSite) -> None:
    count = sum(len(site.links(f)) for f in site.html_files)
    assert count > 100, f"only {count} links found: the crawl is not reading the site"
    problems = checks.links(site)
    assert not problems, "\n".join(problems)


def test_no_id_is_used_twice_on_a_page(site: BuiltSite) -> None:
    problems = checks.duplicate_ids(site)
    assert not problems, "\n".join(problems)
