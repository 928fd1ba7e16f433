"""objects.inv lets other docs link to sections by name: Sphinx through intersphinx, MkDocs
through mkdocstrings. Read with sphobjinv, and resolved by a real Sphinx build."""

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from sitekit import ROOT, checks
from sitekit.site import BuiltSite


def test_every_inventory_entry_resolves_and_covers_every_published_link(site: BuiltSite) -> None:
    problems = checks.inventory(site, checks.read_published(ROOT / "published-links.txt"))
    assert not problems, "\n".join(problems)


def test_a_sphinx_project_resolves_a_ref_to_a_section(site: BuiltSite, tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(
        "extensions = ['sphinx.ext.intersphinx']\n"
        f"intersphinx_mapping = {{'alliances': ({site.site_url!r}, {str(site.root / 'objects.inv')!r})}}\n"
    )
    (source / "index.rst").write_text(
        "Links\n=====\n\nSee :ref:`alliances:military-cooperation` and :doc:`alliances:conclusion`.\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "-q",
            "-E",
            str(source),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((tmp_path / "out" / "index.html").read_text(), "lxml")
    links = {a.get_text(): a["href"] for a in soup.select("a.reference.external")}
    assert (
        links.get("Fortifying Security via Cooperation")
        == site.site_url + "military-cooperation/#military-cooperation"
    ), links
    assert links.get("Conclusion") == site.site_url + "conclusion/", links
