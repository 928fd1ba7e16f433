"""The one way to build: `make build` runs the entry point every other path uses, and what it
writes depends only on the commit - not on the day, the time zone, the locale, the home folder or
the machine's clock. The tests run the deploy's own build command, with the clock moved."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.site import BuiltSite
from sitebuild.build import describe
from sitebuild.engines import checked_engine
from sitebuild.problems import BuildError
from sitebuild.project import Project
from tests.conftest import needs

# Two machines a year apart: another clock, time zone, locale and home folder.
ELSEWHERE = {"TZ": "Pacific/Kiritimati", "LANG": "C", "LC_ALL": "C"}


def run_build(
    root: Path, site_dir: Path, home: Path, *, clock: str | None, extra: dict[str, str]
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL")}
    env |= {"SITE_DIR": str(site_dir), "HOME": str(home)} | extra
    command = ["make", "build"]  # the deploy's build: .ci/run runs it (harness/pipeline.py checks)
    if clock:
        command = ["faketime", "-f", clock, *command]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"


def different_files(a: Path, b: Path) -> list[str]:
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return [f"only in one tree: {sorted(set(files_a) ^ set(files_b))}"]
    return [f for f in files_a if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_the_deploys_build_gives_the_same_bytes_a_year_later_elsewhere(
    project: Project, site: BuiltSite, tmp_path: Path
) -> None:
    needs(
        None
        if shutil.which("faketime")
        else "no faketime to move the clock: apt-get install faketime"
    )
    # The site under test is today's build: what `make build` wrote (SITE_DIR, as the deploy
    # uploads it) or the session's build through the same entry point.
    later = tmp_path / "next-year"
    (tmp_path / "home-2").mkdir()
    run_build(project.root, later, tmp_path / "home-2", clock="+400d", extra=ELSEWHERE)
    assert (later / site.settings.pdf).is_file(), "the build wrote no PDF edition"
    differ = different_files(site.root, later)
    assert not differ, f"two builds of one commit differ: {differ}"


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
