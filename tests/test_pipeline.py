"""The pipeline's four promises, each a check over the workflows, the Makefile and .ci/run (read as
data, or run with stand-ins for the tools they call), each proven by faults: made in a copy, its
check names the file; unbroken, it finds nothing. zizmor and GitHub's schemas do the rest."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.support.edits import AS_WRITTEN, replace_in, yaml_file
from tests.support.project import ROOT

TEST, DEPLOY = ".github/workflows/test.yml", ".github/workflows/deploy.yml"
READ = {"contents": "read", "pages": "read"}  # checkout; configure-pages reads the site's URL
PERMISSIONS = {  # the least each job needs (zizmor does not flag a job that widens its own)
    DEPLOY: {"workflow": {}, "build": READ, "deploy": {"pages": "write", "id-token": "write"}},
    TEST: {"workflow": {}, "test": READ},
}  # the deploy job publishes to Pages, proving with an id-token that it is this repository's
MAKE, UNSET = shutil.which("make") or "make", ("CI", "SITE_DIR", "MAKE", "MFLAGS", "PYTEST_")
STAND_IN = '#!/bin/sh\necho "${0##*/} $* SITE_DIR=$SITE_DIR" >> "${0%/*}/log"\ncase " $* " in *" $FAIL "*) exit 3;; esac\n'
STEPS = ["make build SITE_DIR=\n", "make test SITE_DIR=site\n"]  # .ci/run's, as STAND_IN logs them
REWRITE = "\nimport pytest\n\ndef pytest_sessionfinish(session: pytest.Session) -> None:\n    session.exitstatus = 0\n"


def run(root: Path, *command: str, fail: str = "") -> tuple[int, str]:
    """`command` with a STAND_IN for each tool, first on PATH and as make's BIN (the target's
    prerequisites, the .venv layers, taken as made), which logs its words and SITE_DIR and exits 3
    if given the word `fail`: the command's status, and what the tools were told."""
    with tempfile.TemporaryDirectory() as tmp:
        sh = partial(subprocess.run, cwd=root, capture_output=True, text=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(UNSET)}
        for tool in ("make", "python", "mkdocs", "java", "faketime", "chromium", "log"):
            Path(tmp, tool).write_text(STAND_IN if tool != "log" else "")
            Path(tmp, tool).chmod(0o755)
        if command[0] == MAKE:
            needs = re.findall(rf"^{command[1]}:(.*)", sh([*command, "-pn"], env=env).stdout, re.M)
            command += (f"BIN={tmp}", *[f"-o{need}" for need in " ".join(needs).split()])
        env |= {"FAIL": fail, "PATH": f"{tmp}:{env['PATH']}"}
        return sh(command, env=env).returncode, Path(tmp, "log").read_text()


def copy(root: Path, to: Path) -> Path:  # all that a check reads: not the environments or builds
    skip = shutil.ignore_patterns(".git", ".venv", ".uv", "site", ".*cache", "__pycache__")
    return Path(shutil.copytree(root, to, ignore=skip, dirs_exist_ok=True))


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
    """pytest's status through `make test` and .ci/run to the workflow; pytest runs from outside,
    in a copy: a conftest.py that rewrites a session's status hides it from the session."""
    if run(root, MAKE, "test", fail="pytest")[0] == 0:
        yield "Makefile: `make test` exits 0 when pytest fails"
    for steps, fail in enumerate(("build", "test"), start=1):
        if (ran := run(root, "bash", ".ci/run", fail=fail)) != (3, "".join(STEPS[:steps])):
            yield f".ci/run: `make {fail}` failed (3), and it ran {ran[1]!r} and exited {ran[0]}"
    for name, data in workflows(root).items():
        for job, body in data["jobs"].items():
            if any("continue-on-error" in where for where in [body, *body.get("steps", [])]):
                yield f"{name}: job {job!r} has `continue-on-error`: a failing suite turns green"
    with tempfile.TemporaryDirectory() as tmp:
        fails = copy(root, Path(tmp)) / "tests" / "test_fails.py"
        fails.write_text("def test_fails() -> None:\n    raise AssertionError\n")
        status = run(Path(tmp), sys.executable, "-m", "pytest", "-n", "0", str(fails))[0]
    if status != 1:
        yield f"tests/conftest.py: pytest exits {status}, not 1, when a test beside it fails"


def deploys_what_was_tested(root: Path) -> Iterator[str]:
    """What `make build` writes by default is what .ci/run tests (STEPS) and test.yml's job
    uploads; the deploy job needs the job that runs test.yml."""
    built = re.findall(r"^mkdocs build .*--site-dir (\S+)", run(root, MAKE, "build")[1], re.M)
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


FAULTS = [  # (check, file, keys to a YAML value and the new one, None to remove it | old, new text)
    (every_change_runs_the_suite, TEST, ("on", "pull_request"), None),
    (every_change_runs_the_suite, TEST, ("on", "push"), {"paths": ["docs/**"]}),
    (status_reaches_ci, "Makefile", "\t$(BIN)/python -m pytest", "\t-$(BIN)/python -m pytest"),
    (status_reaches_ci, "Makefile", "$(PYTEST_ARGS)", "$(PYTEST_ARGS) || true"),
    (status_reaches_ci, ".ci/run", "make build\n", "make build || true\n"),
    (status_reaches_ci, ".ci/run", "make test\n", "make test || true\n"),
    (status_reaches_ci, DEPLOY, ("jobs", "deploy", "steps", 0, "continue-on-error"), True),
    (status_reaches_ci, "tests/conftest.py", "\nimport pytest\n", REWRITE),
    (deploys_what_was_tested, TEST, ("jobs", "test", "steps", -1, "with", "path"), "docs"),
    (deploys_what_was_tested, "Makefile", "SITE_DIR ?= site", "SITE_DIR ?= public"),
    (deploys_what_was_tested, DEPLOY, ("jobs", "deploy", "needs"), None),
    (least_permissions, TEST, ("jobs", "test", "permissions", "contents"), "write"),
    (least_permissions, DEPLOY, ("permissions",), {"contents": "read"}),
]


@pytest.mark.parametrize("check", dict.fromkeys(f[0] for f in FAULTS), ids=lambda c: c.__name__)
def test_the_pipeline_keeps_its_promise(check: Any, tmp_path: Path) -> None:
    """The project keeps it, and so does an unbroken copy: the baseline of its faults."""
    for root in (ROOT, copy(ROOT, tmp_path)):
        assert not (problems := list(check(root))), "\n".join(problems)


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: f"{fault[1]}: {fault[2]}")
def test_a_broken_promise_is_reported(fault: tuple[Any, ...], tmp_path: Path) -> None:
    """It is reported, naming the file. The first report is enough: the slow part, pytest in a
    copy, comes last, and runs only for the fault it is there for."""
    check, file, where, new = fault
    if isinstance(where, tuple):
        with yaml_file(copy(ROOT, tmp_path) / file) as data:
            for key in where[:-1]:
                data = data[key]
            data.pop(where[-1]) if new is None else data.__setitem__(where[-1], new)
    else:
        replace_in(copy(ROOT, tmp_path) / file, where, new)
    reported = next((p for p in check(tmp_path) if p.startswith(f"{file}:")), None)
    assert reported, f"{file}: {where} -> {new!r} is not reported: {list(check(tmp_path))}"
