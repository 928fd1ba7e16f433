"""The one way to build: `make build` runs the entry point every other path uses, and what it writes
depends only on the commit, not on the day, time zone, locale, home folder or machine's clock."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.pipeline import clean_env, prerequisites, run
from harness.sandbox import commit
from harness.site import BuiltSite
from sitebuild.build import build, describe
from sitebuild.engines import ENGINES, Engine, checked_engine
from sitebuild.problems import BuildError
from sitebuild.project import ROOT, Project
from tests.conftest import PILLAR, needs


def differences(tree: Path, other: Path) -> list[str]:
    """The files in only one of two trees, or in both with other bytes."""
    ours, theirs = (
        {p.relative_to(t).as_posix() for p in t.rglob("*") if p.is_file()} for t in (tree, other)
    )
    differ = [f for f in ours & theirs if not filecmp.cmp(tree / f, other / f, shallow=False)]
    return sorted(ours ^ theirs) + sorted(differ)


def test_the_deploys_build_gives_the_same_bytes_a_year_later_elsewhere(
    project: Project, site: BuiltSite, tmp_path: Path
) -> None:
    """The deploy's own build (.ci/run runs `make build`; harness/pipeline.py checks) on another
    clock, time zone, locale and home folder, against today's build: SITE_DIR or the session's."""
    if not shutil.which("faketime"):
        needs("no faketime to move the clock: apt-get install faketime")
    later, home = tmp_path / "next-year", tmp_path / "home-2"
    home.mkdir()
    env = clean_env(SITE_DIR=str(later), HOME=str(home), TZ="Pacific/Kiritimati")
    env |= {"LANG": "C", "LC_ALL": "C"}
    # The layers first, on the true clock: stamped a year ahead, they would hide the next change
    # of the lock from make, and every later `make build` would skip its install.
    layers = prerequisites(project.root, "build")
    assert layers, "make -pn build lists no prerequisites; `make` alone would run `serve`"
    subprocess.run(["make", *layers], cwd=project.root, env=env, capture_output=True, check=True)
    command = ["faketime", "-f", "+400d", "make", "build"]
    result = subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    assert (later / site.settings.pdf).is_file(), "the build wrote no PDF edition"
    assert not (differ := differences(site.root, later)), (
        f"two builds of one commit differ: {differ}"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_pages_as_other_editors_save_them_build_the_same(
    project: Project, tmp_path: Path, engine: Engine
) -> None:
    """A byte-order mark, Windows line ends, a space after the front matter's '---': both engines
    read these as nothing, and so must the source checks."""
    epoch, sites = {"SOURCE_DATE_EPOCH": "1700000000"}, []
    for name in ("as-kept", "resaved"):
        copy = project.copy_to(tmp_path / name)
        for page in copy.docs.rglob("*.md") if name == "resaved" else []:
            text = page.read_bytes().replace(b"---\n", b"--- \n").replace(b"\n", b"\r\n")
            page.write_bytes(b"\xef\xbb\xbf" + text)
        sites.append(build(copy, tmp_path / f"{name}-site", engine=engine, env=epoch, pdf=False))
    assert (sites[1].site_dir / sites[1].table.pages[1].url / "index.html").is_file()
    assert not (differ := differences(*(s.site_dir for s in sites))), f"the builds differ: {differ}"


def test_every_way_in_goes_through_the_one_entry_point(project: Project) -> None:
    dry = subprocess.run(
        ["make", "--dry-run", "--always-make", "--no-print-directory", "serve", "build", "bench"],
        cwd=project.root, capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    assert "-m sitebuild serve" in dry and "-m sitebuild build --site-dir" in dry, dry
    assert "mkdocs build" not in dry and "mkdocs serve" not in dry, "a target bypasses sitebuild"
    benchmark = (project.root / "benchmark" / "__main__.py").read_text(encoding="utf-8")
    assert "from sitebuild.build import build" in benchmark, "the benchmark builds some other way"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_unknown_engine_is_named(project: Project, engine: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild", "check"], cwd=project.root, capture_output=True, text=True,
        env=os.environ | {"ENGINE": engine + "x"}, check=False,
    )  # fmt: skip
    assert result.returncode == 1 and f"ENGINE='{engine}x'" in result.stderr, result.stderr
    with pytest.raises(BuildError) as failure:
        checked_engine(engine + "x")
    assert failure.value.rules == {"engine-name"}


def test_a_folder_with_no_build_is_named(project: Project, tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=f"{tmp_path}: holds no built site") as failure:
        describe(project, tmp_path)
    assert failure.value.rules == {"site-dir"}


@pytest.mark.parametrize("where", [".", "..", "docs", "docs/sandbox-new", ".git", "sitebuild"])
def test_a_site_dir_that_would_delete_the_project_is_refused(
    project: Project, tmp_path: Path, where: str
) -> None:
    """On a copy: a check that let this through would delete what it was given."""
    copy = project.copy_to(tmp_path / "project")
    commit(copy)  # a .git folder, as in a checkout
    with pytest.raises(BuildError, match=re.escape(f"SITE_DIR='{copy.root / where}': ")) as failure:
        build(copy, copy.root / where, engine="zensical", pdf=False)
    assert failure.value.rules == {"site-dir-unsafe"}
    assert (copy.docs / PILLAR.source).is_file(), "the build deleted the copy's pages"


def test_make_clean_removes_the_build_and_never_the_project(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "site").mkdir(parents=True)
    (root / "site" / "index.html").touch()
    shutil.copy(ROOT / "Makefile", root)
    for where in (".", ".."):
        status, _ = run(root, "make", "--no-print-directory", "clean", f"SITE_DIR={where}")
        assert status == 0 and (root / "Makefile").is_file(), f"make clean SITE_DIR={where}"
    assert run(root, "make", "clean")[0] == 0 and not (root / "site").exists(), "site/ stayed"
