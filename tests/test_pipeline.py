"""What the pipeline promises and no tool checks (test_lint.py runs zizmor and GitHub's schemas):
each a check over a copy of the project that reports each fault made in a copy, naming its file."""

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.edits import AS_WRITTEN, replace_in
from tests.support.project import ROOT

TEST = ".github/workflows/test.yml"
DEPLOY = ".github/workflows/deploy.yml"
READ = {"contents": "read", "pages": "read"}  # checkout; configure-pages reads the site's URL
PUBLISH = {"pages": "write", "id-token": "write"}  # the id-token proves to Pages whose run it is
# Every job, by name (so the checks name them too): zizmor does not flag a job that widens its own.
PERMISSIONS = {DEPLOY: {"build": READ, "deploy": PUBLISH}, TEST: {"test": READ}}
MAKE = shutil.which("make") or "make"  # the real one: in the copy, PATH finds the stand-in first
# Each tool .ci/run and `make test` call says how it was called; told to (FAIL), it exits 3.
STAND_IN = (
    '#!/bin/sh\necho "${0##*/} $* SITE_DIR=$SITE_DIR"\ncase " $* " in *" $FAIL "*) exit 3;; esac\n'
)
REWRITE = "import pytest\ndef pytest_sessionfinish(session):\n    session.exitstatus = 0\n"
Check = Callable[[Path], Iterator[str]]


def run(root: Path, *command: str, fail: str = "") -> subprocess.CompletedProcess[str]:
    """In the copy, stand-ins first on PATH, free of the outer make's and pytest's options."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS", "PYTEST_"))}
    env |= {"FAIL": fail, "PATH": f"{root}/stand-ins/bin:{env['PATH']}"}
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def every_change_runs_the_suite(root: Path) -> Iterator[str]:
    on = AS_WRITTEN.load(root / TEST)["on"]
    if any(on.get(event, "missing") for event in ("push", "pull_request")):
        yield f"{TEST}: `on:` must hold `push` and `pull_request`, unfiltered"


def status_reaches_ci(root: Path) -> Iterator[str]:
    made = run(root, MAKE, "test", "VENV=stand-ins", "UV=stand-ins/bin/uv", fail="pytest")
    if made.returncode == 0:
        yield "Makefile: `make test` exits 0 when pytest fails"
    for fail in ("build", "test"):
        if run(root, "bash", ".ci/run", fail=fail).returncode != 3:
            yield f".ci/run: does not exit with make's status (3) when `make {fail}` fails"
    job = AS_WRITTEN.load(root / TEST)["jobs"]["test"]
    runs = [step.get("run") for step in job["steps"]]
    if "bash .ci/run" not in runs or "continue-on-error" in str(job):
        yield f"{TEST}: the test job must run `bash .ci/run` as is, and never continue on error"
    # Last, as slow (a fault's test stops at its first report); from outside, as a conftest can lie.
    (root / "tests" / "test_fails.py").write_text("def test_fails() -> None:\n    assert False\n")
    if run(root, sys.executable, "-m", "pytest", "-n", "0", "tests/test_fails.py").returncode != 1:
        yield "tests/conftest.py: pytest does not exit 1 when a test beside it fails"


def deploys_what_was_tested(root: Path) -> Iterator[str]:
    steps = AS_WRITTEN.load(root / TEST)["jobs"]["test"]["steps"]
    tested = re.search(r"^make test\b.*?SITE_DIR=(\S*)", run(root, "bash", ".ci/run").stdout, re.M)
    for path in [s["with"]["path"] for s in steps if "upload-pages-artifact@" in s.get("uses", "")]:
        if not tested or tested[1] != path:
            yield f"{TEST}: the test job uploads {path}, not the folder .ci/run tests"
    jobs = AS_WRITTEN.load(root / DEPLOY)["jobs"]
    if jobs["deploy"].get("needs") != "build" or not jobs["build"]["uses"].endswith(TEST):
        yield f"{DEPLOY}: the deploy job must need the build job, which calls {TEST}"


def least_permissions(root: Path) -> Iterator[str]:
    for name, least in PERMISSIONS.items():
        held = {j: b.get("permissions") for j, b in AS_WRITTEN.load(root / name)["jobs"].items()}
        if held != least:
            yield f"{name}: permissions {held}, not the least {least}"


FAULTS = [  # (promise, file, text, its replacement)
    (every_change_runs_the_suite, TEST, "  push:\n", "  push:\n    paths: [docs/**]\n"),
    (status_reaches_ci, "Makefile", "$(PYTEST_ARGS)", "$(PYTEST_ARGS) || true"),
    (status_reaches_ci, ".ci/run", "make test\n", "make test || true\n"),
    (status_reaches_ci, TEST, "bash .ci/run", "bash .ci/run || true"),
    (status_reaches_ci, TEST, "timeout-minutes: 30", "continue-on-error: true"),
    (status_reaches_ci, "tests/conftest.py", "import pytest\n", REWRITE),
    (deploys_what_was_tested, TEST, "path: site", "path: docs"),
    (deploys_what_was_tested, DEPLOY, "    needs: build\n", ""),
    (least_permissions, TEST, "contents: read", "contents: write"),
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    skip = shutil.ignore_patterns(".git", ".venv", ".uv", "site", ".*cache", "__pycache__")
    root = Path(shutil.copytree(ROOT, tmp_path / "project", ignore=skip))
    (root / "stand-ins" / "bin").mkdir(parents=True)
    for tool in ("make", "uv", "python", "chromium", "java", "faketime"):
        (root / "stand-ins" / "bin" / tool).write_text(STAND_IN)
        (root / "stand-ins" / "bin" / tool).chmod(0o755)
    return root


def test_the_project_keeps_its_promises(root: Path) -> None:
    assert not [problem for promise in {fault[0] for fault in FAULTS} for problem in promise(root)]


@pytest.mark.parametrize(("promise", "file", "old", "new"), FAULTS)
def test_a_fault_is_reported(promise: Check, file: str, old: str, new: str, root: Path) -> None:
    replace_in(root / file, old, new)
    assert any(problem.startswith(f"{file}:") for problem in promise(root)), list(promise(root))
