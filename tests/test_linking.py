"""Other docs link into this site, as the README tells their authors to. Each recipe is read from
the README itself and run with the real tool against the built site served on 127.0.0.1: Sphinx
with intersphinx (`:ref:` to every label, `:doc:` to every page, -W -n) and MkDocs with mkdocstrings
and autorefs (every label, in a strict build). Moving a page and an anchor exactly as the README
says keeps every guard passing, and every old link and name working."""

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


def recipes(served: PagesServer) -> dict[str, str]:
    """The README's code blocks by their info string's title (```yaml title="mkdocs.yml"), as a
    reader copies them but for conf.py's site URL, made the served build's; no title twice."""
    readme, found = Project().root / "README.md", dict[str, str]()
    for title, code in re.findall(
        r'^```\w+ title="([^"]+)"\n(.*?)^```', readme.read_text(encoding="utf-8"), re.M | re.S
    ):
        assert title not in found, f"{readme.name}: two code blocks are titled {title!r}"
        found[title] = code
    match = re.search(r'"(https://[^"]+/)"', found["conf.py"])
    assert match, "README.md: the conf.py recipe names no site URL"
    return {title: code.replace(match.group(1), served.url) for title, code in found.items()}


def inventory(site: BuiltSite) -> tuple[dict[str, str], dict[str, str]]:
    """objects.inv's labels and its pages (role "doc"), each name -> URI."""
    objects = sphobjinv.Inventory(fname_zlib=site.root / "objects.inv").objects
    labels, docs = ({o.name: o.uri for o in objects if o.role == r} for r in ("label", "doc"))
    return labels, docs


def targets(text: str, entries: dict[str, str], served: PagesServer) -> dict[str, str]:
    """Where the link to each entry, written "<text> <name>", must point on the served build."""
    return {f"{text} {name}": served.url + uri.replace("$", name) for name, uri in entries.items()}


def assert_resolved(command: str, cwd: Path, selector: str, expected: dict[str, str]) -> None:
    """Run `python -m <command>` in `cwd` with a fresh HOME (no inventory cached from earlier
    runs); on the out/index.html it writes, each link text in `expected` points where it says."""
    (cwd / "home").mkdir()
    args, env = [sys.executable, "-m", *command.split()], os.environ | {"HOME": str(cwd / "home")}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    soup = BeautifulSoup((cwd / "out" / "index.html").read_text(encoding="utf-8"), "lxml")
    found = {a.get_text(" ", strip=True): str(a["href"]) for a in soup.select(selector)}
    wrong = {k: (found.get(k), v) for k, v in expected.items() if found.get(k) != v}
    assert not wrong, f"resolved differently (found, expected): {wrong}"


def test_the_sphinx_recipe_resolves_every_label_and_page(
    site: BuiltSite, served: PagesServer, tmp_path: Path
) -> None:
    (labels, docs), recipe = inventory(site), recipes(served)
    lines = ["Links\n=====\n", recipe["index.rst"]]
    lines += [f"* :ref:`label {name} <alliances:{name}>`" for name in labels]
    lines += [f"* :doc:`page {name} <alliances:{name}>`" for name in docs]
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "conf.py").write_text(recipe["conf.py"])
    (tmp_path / "source" / "index.rst").write_text("\n".join(lines) + "\n")
    expected = targets("label", labels, served) | targets("page", docs, served)
    sphinx = "sphinx -b html -W -n -E -q source out"
    assert_resolved(sphinx, tmp_path, "a.reference.external", expected)


def test_the_mkdocs_recipe_resolves_every_label_in_a_strict_build(
    site: BuiltSite, served: PagesServer, tmp_path: Path
) -> None:
    (labels, _), recipe = inventory(site), recipes(served)
    lines = ["# Links\n", recipe["docs/index.md"]]
    lines += [f"- [label {name}][{name}]" for name in labels]
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Consumer\n" + recipe["mkdocs.yml"])
    (tmp_path / "docs" / "index.md").write_text("\n".join(lines) + "\n")
    expected = targets("label", labels, served)
    assert_resolved("mkdocs build --strict -d out", tmp_path, "a.autorefs-external", expected)


def test_old_names_still_resolve_after_the_move(moved: BuiltSite) -> None:
    labels, docs = inventory(moved)
    (old, new), (old_id, new_id) = MOVE["page"], MOVE["id"]
    assert docs[old] == f"{new}/", "the old page name no longer resolves"
    assert labels[old_id] == f"{new}/#{new_id}", "the old label no longer resolves"
    assert labels[new_id] == f"{new}/#{new_id}"
