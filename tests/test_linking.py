"""Other docs link into this site, as the README tells their authors to. Each recipe is read from
the README itself and run with the real tool against the built site served on
127.0.0.1: Sphinx with intersphinx (`:ref:` to every label, `:doc:` to every page, -W -n) and
MkDocs with mkdocstrings and autorefs (every label, in a strict build). Moving a page and an anchor
exactly as the README says keeps every guard passing, and every old link and name working."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import sphobjinv
from bs4 import BeautifulSoup

from harness.site import BuiltSite
from sitebuild.project import Project
from sitebuild.server import PagesServer
from tests.conftest import MOVE


def recipes(readme: Path) -> dict[str, str]:
    """The README's code blocks by the title in their info string (```yaml title="mkdocs.yml"),
    so the tests run the recipes exactly as a reader copies them; a title used twice is an error."""
    found: dict[str, str] = {}
    for title, code in re.findall(
        r'^```\w+ title="([^"]+)"\n(.*?)^```', readme.read_text(encoding="utf-8"), re.M | re.S
    ):
        assert title not in found, f"{readme.name}: two code blocks are titled {title!r}"
        found[title] = code
    return found


RECIPES = recipes(Project().root / "README.md")


def published_url() -> str:
    """The site URL the README's recipes name."""
    match = re.search(r'"(https://[^"]+/)"', RECIPES["conf.py"])
    assert match, "README.md: the conf.py recipe names no site URL"
    return match.group(1)


def entries(site: BuiltSite) -> list[tuple[str, str, str]]:
    """(name, role, URI) of every objects.inv entry."""
    inventory = sphobjinv.Inventory(fname_zlib=site.root / "objects.inv")
    return [(o.name, o.role, o.uri) for o in inventory.objects]


def run(command: list[str], cwd: Path, home: Path) -> None:
    env = os.environ | {"HOME": str(home)}  # a fresh HOME: no inventory cached from earlier runs
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}\n{result.stderr}"


def links(html: Path, selector: str) -> dict[str, str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
    return {a.get_text(" ", strip=True): str(a["href"]) for a in soup.select(selector)}


def test_the_sphinx_recipe_resolves_every_label_and_page(
    site: BuiltSite, served: PagesServer, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(RECIPES["conf.py"].replace(published_url(), served.url))
    labels = [(n, u) for n, r, u in entries(site) if r == "label"]
    docs = [(n, u) for n, r, u in entries(site) if r == "doc"]
    lines = [RECIPES["index.rst"], ""]
    lines += [f"* :ref:`label {name} <alliances:{name}>`" for name, _ in labels]
    lines += [f"* :doc:`page {name} <alliances:{name}>`" for name, _ in docs]
    (source / "index.rst").write_text("Links\n=====\n\n" + "\n".join(lines) + "\n")
    run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "-n",
            "-E",
            "-q",
            str(source),
            str(tmp_path / "out"),
        ],
        tmp_path,
        tmp_path,
    )
    found = links(tmp_path / "out" / "index.html", "a.reference.external")
    expected = {f"label {n}": served.url + u.replace("$", n) for n, u in labels}
    expected |= {f"page {n}": served.url + u for n, u in docs}
    wrong = {k: (found.get(k), v) for k, v in expected.items() if found.get(k) != v}
    assert not wrong, f"resolved differently (found, expected): {wrong}"


def test_the_mkdocs_recipe_resolves_every_label_in_a_strict_build(
    site: BuiltSite, served: PagesServer, tmp_path: Path
) -> None:
    consumer = tmp_path / "consumer"
    (consumer / "docs").mkdir(parents=True)
    config = "site_name: Consumer\n" + RECIPES["mkdocs.yml"].replace(published_url(), served.url)
    (consumer / "mkdocs.yml").write_text(config)
    labels = [(n, u) for n, r, u in entries(site) if r == "label"]
    lines = [RECIPES["docs/index.md"], ""] + [f"- [label {name}][{name}]" for name, _ in labels]
    (consumer / "docs" / "index.md").write_text("# Links\n\n" + "\n".join(lines) + "\n")
    home = tmp_path / "home"
    home.mkdir()
    run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        consumer,
        home,
    )
    found = links(tmp_path / "out" / "index.html", "a.autorefs-external")
    expected = {f"label {n}": served.url + u.replace("$", n) for n, u in labels}
    wrong = {k: (found.get(k), v) for k, v in expected.items() if found.get(k) != v}
    assert not wrong, f"resolved differently (found, expected): {wrong}"


def test_old_names_still_resolve_after_the_move(moved: BuiltSite) -> None:
    names = {(n, r): u for n, r, u in entries(moved)}
    (old, new), (old_id, new_id) = MOVE["page"], MOVE["id"]
    assert names[(old, "doc")] == f"{new}/", "the old page name no longer resolves"
    assert names[(old_id, "label")] == f"{new}/#{new_id}", "the old label no longer resolves"
    assert names[(new_id, "label")] == f"{new}/#{new_id}"
