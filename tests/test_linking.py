"""Other docs link here by name, as the README tells their authors: its recipes, run with the real
tools against the build served on 127.0.0.1, resolve every name objects.inv publishes."""

import re
import sys
from pathlib import Path

import sphobjinv
from bs4 import BeautifulSoup

from tests.conftest import MOVE
from tests.support.server import run
from tests.support.site import BuiltSite

ROLES = {"doc": "doc", "label": "ref"}  # objects.inv's role -> Sphinx's role that links to it


def inventory(site: BuiltSite, url: str = "") -> dict[str, str]:  # "role name" -> where it leads
    objects = sphobjinv.Inventory(fname_zlib=site.root / "objects.inv").objects
    return {f"{o.role} {o.name}": url + o.uri_expanded for o in objects}


def links(site: BuiltSite, url: str, tmp: Path, tool: str, more: dict[str, str]) -> dict[str, str]:
    """The README's blocks titled as `more`'s keys (its site URL made `url`) plus `more`, built by
    `python -m <tool>` in a fresh HOME (no inventory cached): each link's text -> its href."""
    readme = (site.project.root / "README.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r'^```\w+ title="([^"]+)"\n(.*?)^```', readme, re.M | re.S))
    for title, lines in more.items():
        (tmp / title).parent.mkdir(exist_ok=True)
        (tmp / title).write_text(blocks[title].replace(site.own_url, url) + lines, encoding="utf-8")
    run(tmp, sys.executable, "-m", *tool.split(), HOME=str(tmp))
    soup = BeautifulSoup((tmp / "out" / "index.html").read_text(encoding="utf-8"), "lxml")
    return {a.get_text(" ", strip=True): str(a["href"]) for a in soup.select("a[href]")}


def test_sphinx_resolves_every_label_and_page(site: BuiltSite, served: str, tmp_path: Path) -> None:
    """intersphinx, -W -n: a name it cannot resolve fails the build; each leads where it says."""
    names = inventory(site, served)
    refs = "".join(f"* :{ROLES[r]}:`{r} {n} <alliances:{n}>`\n" for r, n in map(str.split, names))
    more = {"conf.py": "", "index.rst": refs}
    found = links(site, served, tmp_path, "sphinx -b html -W -n -q . out", more)
    assert names.items() <= found.items(), f"expected {names}, found {found}"


def test_mkdocs_resolves_every_label(site: BuiltSite, served: str, tmp_path: Path) -> None:
    """mkdocstrings loads the inventory, autorefs resolves [text][name]: strict, none may fail."""
    names = {t: uri for t, uri in inventory(site, served).items() if t.startswith("label ")}
    refs = "".join(f"- [{text}][{text.split()[1]}]\n" for text in names)
    more = {"mkdocs.yml": "site_name: Links\n", "docs/index.md": refs}
    found = links(site, served, tmp_path, "mkdocs build --strict -d out", more)
    assert names.items() <= found.items(), f"expected {names}, found {found}"


def test_old_names_lead_to_the_new_place(site: BuiltSite, moved: BuiltSite) -> None:
    """A page and an anchor moved as the README says: names never go away, they follow the move."""
    (old, new), (old_id, new_id) = MOVE["page"], MOVE["id"]
    before, after = inventory(site), inventory(moved)
    assert before.keys() <= after.keys(), f"names gone: {before.keys() - after.keys()}"
    assert (after[f"doc {old}"], after[f"label {old_id}"]) == (f"{new}/", f"{new}/#{new_id}"), after
