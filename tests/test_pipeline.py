"""The pipeline's four promises, each a check over a copy of the project, proven by faults: made in
the copy, each is reported, naming the file; unbroken, the check finds nothing."""

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.edits import AS_WRITTEN, replace_in
from tests.support.project import ROOT

TEST = ".github/workflows/test.yml"
DEPLOY = ".github/workflows/deploy.yml"
READ = {"contents": "read", "pages": "read"}  # checkout; configure-pages reads the site's URL
PERMISSIONS = {  # the least each job needs (zizmor does not flag a job that widens its own)
    DEPLOY: {"workflow": {}, "build": READ, "deploy": {"pages": "write", "id-token": "write"}},
    TEST: {"workflow": {}, "test": READ},
}  # the deploy job publishes to Pages, proving with an id-token that it is this repository's
MAKE = shutil.which("make") or "make"  # the real make, not the stand-in
OUTSIDE = ("CI", "SITE_DIR", "MAKE", "MFLAGS", "PYTEST_")  # what steers make or pytest from outside
# For each tool .ci/run and `make test` call: it says how it was called; told FAIL, it fails (3).
STAND_IN = """#!/bin/sh
echo "${0##*/} $* SITE_DIR=$SITE_DIR"
case " $* " in *" $FAIL "*) exit 3 ;; esac
"""
STEPS = ["make build SITE_DIR=\n", "make test SITE_DIR=site\n"]  # .ci/run's, as the stand-in says
REWRITE = """import pytest
def pytest_sessionfinish(session: pytest.Session) -> None:
    session.exitstatus = 0
"""


def run(root: Path, *command: str, fail: str = "") -> subprocess.CompletedProcess[str]:
    """`command` in the copy, stand-ins first on PATH and CHROMIUM set: .ci/run installs nothing."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(OUTSIDE)}
    env |= {"FAIL": fail, "PATH": f"{root / 'stand-ins'}:{env['PATH']}", "CHROMIUM": "stand-in"}
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def workflows(root: Path) -> dict[str, Any]:
    files = sorted((root / ".github" / "workflows").glob("*.yml"))
    return {f".github/workflows/{path.name}": AS_WRITTEN.load(path) for path in files}


def every_change_runs_the_suite(root: Path) -> Iterator[str]:
    """Every push and pull request, unfiltered (no change skips it), and the deploy's call."""
    on = workflows(root)[TEST]["on"]
    filters = [on.get(event, "missing") for event in ("push", "pull_request")]
    if any(filters) or "workflow_call" not in on:
        yield f"{TEST}: `on:` must hold `push` and `pull_request`, unfiltered, and `workflow_call`"


def status_reaches_ci(root: Path) -> Iterator[str]:
    """pytest's status through `make test` (its layers taken as made) and .ci/run to the workflow;
    last, pytest from outside: a conftest.py that rewrites the status hides it from the session."""
    layers = re.findall(r"^test:(.*)", run(root, MAKE, "-pn", "test").stdout, re.M)
    made = [f"--assume-old={layer}" for layer in " ".join(layers).split()]
    if run(root, MAKE, "test", "BIN=stand-ins", *made, fail="pytest").returncode == 0:
        yield "Makefile: `make test` exits 0 when pytest fails"
    for steps, fail in enumerate(("build", "test"), start=1):
        ran = run(root, "bash", ".ci/run", fail=fail)
        if (ran.returncode, ran.stdout) != (3, "".join(STEPS[:steps])):
            yield f".ci/run: `make {fail}` failed (3), and it ran {ran.stdout!r} and exited {ran.returncode}"
    for name, data in workflows(root).items():
        for job, body in data["jobs"].items():
            if any("continue-on-error" in where for where in [body, *body.get("steps", [])]):
                yield f"{name}: job {job!r} has `continue-on-error`: a failing suite turns green"
    (root / "tests" / "test_fails.py").write_text("def test_fails() -> None:\n    assert False\n")
    status = run(root, sys.executable, "-m", "pytest", "-n", "0", "tests/test_fails.py").returncode
    if status != 1:
        yield f"tests/conftest.py: pytest exits {status}, not 1, when a test beside it fails"


def deploys_what_was_tested(root: Path) -> Iterator[str]:
    """What `make build` writes by default is what .ci/run tests (STEPS) and test.yml's job
    uploads; the deploy job needs the job that runs test.yml."""
    built = re.findall(r"/mkdocs build .*--site-dir (\S+)", run(root, MAKE, "-n", "build").stdout)
    if built != ["site"]:
        yield f"Makefile: `make build` writes {built} by default, not 'site', which .ci/run tests"
    for job, body in workflows(root)[TEST]["jobs"].items():
        steps = body.get("steps", [])
        uploaded = [s["with"]["path"] for s in steps if "pages-artifact@" in str(s.get("uses"))]
        if ".ci/run" in str([step.get("run") for step in steps]) and uploaded != ["site"]:
            yield f"{TEST}: job {job!r} runs .ci/run, which tests 'site', and uploads {uploaded}"
    jobs = workflows(root)[DEPLOY]["jobs"]
    builds = {job for job, body in jobs.items() if str(body.get("uses")).endswith(f"/{TEST}")}
    for job, body in jobs.items():
        needs = builds & {*re.findall(r"[\w-]+", str(body.get("needs")))}
        if "deploy-pages@" in str(body.get("steps")) and not needs:
            yield f"{DEPLOY}: job {job!r} deploys without needing {builds}, which test and upload the site"


def least_permissions(root: Path) -> Iterator[str]:
    """None at the workflow level, so no job inherits any; each job exactly what PERMISSIONS says."""
    for name, data in workflows(root).items():
        held = {j: b.get("permissions") for j, b in [("workflow", data), *data["jobs"].items()]}
        if held != PERMISSIONS.get(name):
            yield f"{name}: permissions {held}, not the least {PERMISSIONS.get(name)}"


Promise = Callable[[Path], Iterator[str]]
FAULTS = [  # (promise, (file, text, its replacement))
    (every_change_runs_the_suite, (TEST, "  pull_request:\n", "")),
    (every_change_runs_the_suite, (TEST, "  push:\n", "  push:\n    paths: [docs/**]\n")),
    (status_reaches_ci, ("Makefile", "\t$(BIN)/python -m pytest", "\t-$(BIN)/python -m pytest")),
    (status_reaches_ci, ("Makefile", "$(PYTEST_ARGS)", "$(PYTEST_ARGS) || true")),
    (status_reaches_ci, (".ci/run", "make build\n", "make build || true\n")),
    (status_reaches_ci, (".ci/run", "make test\n", "make test || true\n")),
    (status_reaches_ci, (DEPLOY, "- id:", "- continue-on-error: true\n        id:")),
    (status_reaches_ci, ("tests/conftest.py", "import pytest\n", REWRITE)),
    (deploys_what_was_tested, (TEST, "path: site", "path: docs")),
    (deploys_what_was_tested, ("Makefile", "SITE_DIR ?= site", "SITE_DIR ?= public")),
    (deploys_what_was_tested, (DEPLOY, "    needs: build\n", "")),
    (least_permissions, (TEST, "contents: read", "contents: write")),
    (least_permissions, (DEPLOY, "permissions: {}", "permissions: {contents: read}")),
]


def project_copy(tmp_path: Path) -> Path:
    """All that the checks read, with a stand-in for each tool .ci/run and `make test` call."""
    skip = shutil.ignore_patterns(".git", ".venv", ".uv", "site", ".*cache", "__pycache__")
    root = Path(shutil.copytree(ROOT, tmp_path / "project", ignore=skip))
    (root / "stand-ins").mkdir()
    for tool in ("make", "python", "java", "faketime"):
        (root / "stand-ins" / tool).write_text(STAND_IN)
        (root / "stand-ins" / tool).chmod(0o755)
    return root


def test_the_project_keeps_its_promises(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    problems = [p for promise in {promise for promise, _ in FAULTS} for p in promise(root)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("promise", "fault"), FAULTS, ids=lambda v: getattr(v, "__name__", str(v)))
def test_a_broken_promise_is_reported(promise: Promise, fault: Any, tmp_path: Path) -> None:
    """The fault made in a copy, its promise's check names the file. The first report is enough:
    the slow part, pytest in the copy, comes last."""
    root, (file, text, replacement) = project_copy(tmp_path), fault
    replace_in(root / file, text, replacement)
    reported = next((p for p in promise(root) if p.startswith(f"{file}:")), None)
    assert reported, f"{fault} is not reported: {list(promise(root))}"
