"""The deploy's build depends on the commit alone, and plain MkDocs builds the same; `make clean`
takes only the build; the PDF step says how to get Chromium."""

import re
import shutil
import sys
from pathlib import Path

from tests.conftest import needs
from tests.support.project import ROOT
from tests.support.server import run
from tests.support.site import BuiltSite


def differences(*trees: Path) -> list[Path]:
    a, b = ({p.relative_to(t): p.read_bytes() for p in t.rglob("*") if p.is_file()} for t in trees)
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def test_make_build_is_the_same_400_days_later(site: BuiltSite, tmp_path: Path) -> None:
    """Against SITE_DIR (what CI's `make build` wrote) or conftest.build's, which must agree."""
    needs(None if shutil.which("faketime") else "no faketime: apt-get install faketime")
    # The layers on the true clock: stamped 400 days ahead, they'd hide the lock's next change.
    layers = re.search(r"^build: (.+)$", run(ROOT, "make", "-pn", "build"), re.M)
    assert layers, "make -pn build names no prerequisite: `make` alone would run `serve`"
    run(ROOT, "make", *layers.group(1).split())
    zone = dict(TZ="Pacific/Kiritimati", LANG="C", LC_ALL="C", HOME=str(tmp_path))
    run(ROOT, "faketime", "-f", "+400d", "make", "build", SITE_DIR=f"{tmp_path}/site", **zone)
    assert not (differ := differences(site.root, tmp_path / "site")), f"builds differ: {differ}"


def test_plain_mkdocs_gives_the_same_site(site: BuiltSite, tmp_path: Path) -> None:
    """mkdocs.yml and its hooks hold every setting: what any MkDocs user types builds the site."""
    run(ROOT, str(Path(sys.executable).with_name("mkdocs")), "build", "-d", str(tmp_path))
    assert differences(site.root, tmp_path) == [Path(site.config.extra["pdf"])]


def test_make_clean_never_takes_the_project(tmp_path: Path) -> None:
    (built := tmp_path / "project" / "site").mkdir(parents=True)
    (built / "index.html").touch()
    shutil.copy(ROOT / "Makefile", built.parent)
    for where in (".", ".."):
        run(built.parent, "make", "clean", f"SITE_DIR={where}")
        assert (built.parent / "Makefile").is_file() and (built / "index.html").is_file(), where
    run(built.parent, "make", "clean")
    assert not built.exists(), "make clean left site/"


def test_without_a_chromium_the_pdf_step_says_how_to_get_one(site: BuiltSite) -> None:
    args = (sys.executable, "pdf_edition.py", str(site.root))
    said = run(ROOT, *args, CHROMIUM="/nonexistent", fails="needs Chromium")
    assert "apt-get install chromium" in said, said
