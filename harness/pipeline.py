"""What the README's "Deploying" section promises, read from the files that make the pipeline - the
workflows, .ci/run, the Makefile, Dependabot's config - and, where reading is not enough, run with
stand-ins for the tools they call. Each check takes the project's root and returns its problems,
naming the file to fix.

The promises: every push and every pull request runs the suite, and the deploy runs on the default
branch; it publishes the folder the one build entry point wrote and the suite checked; the suite's
verdict reaches CI unchanged through make, .ci/run and the workflow; each job holds the least
permissions; a deployment is never cancelled half-way; every action is pinned to a full commit
SHA, with its version and the runtime its action.yml declares, on a runtime GitHub still runs;
Dependabot keeps every lock current.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from sitebuild.config import load_yaml

DEPLOY = ".github/workflows/deploy.yml"
TEST = ".github/workflows/test.yml"
DEPENDABOT = ".github/dependabot.yml"
RECIPE = ".ci/run"
SELF = "$/.github/workflows/test.yml"  # GitHub's same-repository form, resolved at the run's commit

# The least each job needs, and why; a job holding anything more (or anything else) is a problem.
PERMISSIONS = {
    (DEPLOY, "build"): {"contents": "read", "pages": "read"},  # the ceiling for test.yml's job
    (DEPLOY, "deploy"): {"pages": "write", "id-token": "write"},  # publish; prove it is this repo
    (TEST, "test"): {
        "contents": "read",
        "pages": "read",
    },  # checkout; configure-pages reads the URL
}
LIVE_RUNTIMES = ("node24", "composite", "docker")  # node20 and older are gone from GitHub's runners
ECOSYSTEMS = {"uv": "/", "github-actions": "/", "npm": "/benchmark"}


def workflow(root: Path, name: str) -> dict[str, Any]:
    loaded = yaml.safe_load((root / name).read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        return {}
    if True in loaded:  # YAML 1.1 reads the key `on` as true
        loaded["on"] = loaded.pop(True)
    return loaded


def default_branch(root: Path) -> str | None:
    """The repository's default branch: from the event GitHub Actions describes, else from the
    clone's origin, else the branch checked out."""
    event = os.environ.get("GITHUB_EVENT_PATH")
    if event and Path(event).is_file():
        branch = json.loads(Path(event).read_text()).get("repository", {}).get("default_branch")
        if branch:
            return str(branch)

    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    origin = git("symbolic-ref", "--short", "refs/remotes/origin/HEAD")
    return origin.split("/", 1)[-1] if origin else git("symbolic-ref", "--short", "HEAD") or None


def every_push_and_pull_request_runs_the_suite(root: Path) -> list[str]:
    """test.yml runs on every push and every pull request (no branch or path filter: a pull request
    that only changes uv.lock runs it too), and the deploy calls it."""
    on = workflow(root, TEST).get("on") or {}
    problems = []
    for event in ("push", "pull_request", "workflow_call"):
        if not isinstance(on, dict) or event not in on:
            problems.append(f"{TEST}: does not run on `{event}`")
        elif any(
            key in (on[event] or {})
            for key in ("branches", "branches-ignore", "paths", "paths-ignore")
        ):
            problems.append(f"{TEST}: `{event}` is filtered, so some changes run no tests")
    return problems


def deploy_runs_on_the_default_branch(root: Path) -> list[str]:
    branch = default_branch(root)
    if branch is None:
        return [f"{DEPLOY}: cannot tell the repository's default branch (no origin, detached HEAD)"]
    on = workflow(root, DEPLOY).get("on") or {}
    branches = (on.get("push") or {}).get("branches") if isinstance(on, dict) else None
    problems = []
    if branches != [branch]:
        problems.append(
            f"{DEPLOY}: deploys on pushes to {branches}, not to the default branch [{branch!r}]"
        )
    edit_uri = str(load_yaml(root / "mkdocs.yml").get("edit_uri", ""))
    if f"/{branch}/" not in f"/{edit_uri}":
        problems.append(
            f"mkdocs.yml: edit_uri {edit_uri!r} does not edit the default branch {branch!r}"
        )
    return problems


def jobs_have_least_permissions(root: Path) -> list[str]:
    """Nothing at the workflow level; each job exactly the permissions PERMISSIONS gives it."""
    problems = []
    for name in (DEPLOY, TEST):
        loaded = workflow(root, name)
        if loaded.get("permissions") != {}:
            problems.append(
                f"{name}: `permissions: {{}}` must be set at the top, so no job inherits any"
            )
        for job, body in (loaded.get("jobs") or {}).items():
            want, held = PERMISSIONS.get((name, job)), body.get("permissions")
            if held != want:
                problems.append(
                    f"{name}: job {job!r} holds permissions {held}, not its least {want} (harness/pipeline.py)"
                )
    return problems


def make_runs(
    root: Path, target: str, env: dict[str, str], fake: dict[str, str]
) -> tuple[int, str]:
    """Run `target` (a make target, or .ci/run) with stand-ins on the PATH: each name in `fake`
    is a script that logs its words and exits with the status given; returns the status and log."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "log"
        for name, status in fake.items():
            script = Path(tmp) / name
            script.write_text(
                f'#!/bin/sh\necho "{name} SITE_DIR=$SITE_DIR $*" >> {log}\nexit {status}\n'
            )
            script.chmod(0o755)
        path = f"{tmp}:{os.environ.get('PATH', '/usr/bin:/bin')}"
        clean = {
            k: v
            for k, v in os.environ.items()
            if k not in ("MAKEFLAGS", "MAKELEVEL", "SITE_DIR", "CI")
        }
        command = (
            ["bash", RECIPE]
            if target == RECIPE
            else ["make", "--no-print-directory", *target.split()]
        )
        ran = subprocess.run(
            command,
            cwd=root,
            env=clean | env | {"PATH": path},
            capture_output=True,
            text=True,
            check=False,
        )
        return ran.returncode, log.read_text() if log.exists() else ""


def ci_verdict_is_the_suites(root: Path) -> list[str]:
    """The suite's status reaches CI unchanged: `make test` fails when pytest fails (nothing in
    front of the recipe, nothing after it); .ci/run builds, tests that folder and exits with the
    tests' status; the workflow's step and job may not continue on error; no conftest rewrites
    pytest's exit status."""
    problems = []
    with tempfile.TemporaryDirectory() as venv:
        fake_python = Path(venv) / "bin" / "python"
        fake_python.parent.mkdir()
        fake_python.write_text("#!/bin/sh\nexit 5\n")
        fake_python.chmod(0o755)
        database = subprocess.run(
            ["make", "-pn", "test", f"VENV={venv}"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        needs = next(
            (
                line.split(":", 1)[1].split()
                for line in database.splitlines()
                if line.startswith("test:")
            ),
            [],
        )
        status, _ = make_runs(
            root, " ".join(["test", f"VENV={venv}", *(f"--assume-old={n}" for n in needs)]), {}, {}
        )
        if status == 0:
            problems.append(
                "Makefile: `make test` succeeds although pytest failed (exit 5): its recipe ignores the status"
            )
    test_fails = '$([ "$1" = test ] && echo 3 || echo 0)'
    status, log = make_runs(
        root, RECIPE, {"CHROMIUM": "/bin/sh"}, {"make": test_fails, "java": "0", "faketime": "0"}
    )
    if log.splitlines() != ["make SITE_DIR= build", "make SITE_DIR=site test"]:
        problems.append(
            f"{RECIPE}: must run `make build`, then `SITE_DIR=site make test` (it ran: {log.splitlines()})"
        )
    if status != 3:
        problems.append(
            f"{RECIPE}: exits {status} when `make test` exits 3; the tests' status must be its own"
        )
    steps = workflow(root, TEST).get("jobs", {}).get("test", {})
    for where in [steps, *steps.get("steps", [])]:
        if where.get("continue-on-error"):
            problems.append(f"{TEST}: `continue-on-error` turns a failing suite green")
    for conftest in sorted((root / "tests").rglob("conftest.py")):
        if re.search(
            r"exitstatus\s*=|def pytest_sessionfinish", conftest.read_text(encoding="utf-8")
        ):
            problems.append(f"{conftest.relative_to(root)}: rewrites pytest's exit status")
    return problems


def deploy_publishes_the_tested_build(root: Path) -> list[str]:
    """The deploy job needs the build job; the build job is test.yml (pages: true), which runs
    .ci/run - build, then test that folder - before it uploads that same folder."""
    problems = []
    jobs = workflow(root, DEPLOY).get("jobs") or {}
    builders = [
        n
        for n, j in jobs.items()
        if j.get("uses") == SELF and (j.get("with") or {}).get("pages") is True
    ]
    deployers = [
        n
        for n, j in jobs.items()
        if any("actions/deploy-pages@" in str(s.get("uses", "")) for s in j.get("steps") or [])
    ]
    if not builders:
        problems.append(
            f"{DEPLOY}: no job calls {SELF} with `pages: true` to build and test the site"
        )
    if len(deployers) != 1:
        problems.append(f"{DEPLOY}: expected one job with actions/deploy-pages, found {deployers}")
    for name in deployers:
        needs = jobs[name].get("needs")
        needs = [needs] if isinstance(needs, str) else needs or []
        if not builders or not set(builders) <= set(needs):
            problems.append(
                f"{DEPLOY}: job {name!r} deploys without needing the tested build {builders}"
            )
    steps: list[dict[str, Any]] = (
        workflow(root, TEST).get("jobs", {}).get("test", {}).get("steps") or []
    )
    runs = [i for i, s in enumerate(steps) if s.get("run", "").strip() == f"bash {RECIPE}"]
    uploads = [
        i for i, s in enumerate(steps) if "actions/upload-pages-artifact@" in str(s.get("uses", ""))
    ]
    if len(runs) != 1 or len(uploads) != 1:
        problems.append(
            f"{TEST}: expected one `bash {RECIPE}` step and one upload, found {len(runs)} and {len(uploads)}"
        )
    elif uploads[0] < runs[0]:
        problems.append(f"{TEST}: uploads the site before {RECIPE} has built and tested it")
    uploaded = (
        str((steps[uploads[0]].get("with") or {}).get("path", "")).strip("./") if uploads else None
    )
    dry = subprocess.run(
        ["make", "--dry-run", "--always-make", "--no-print-directory", "build"], cwd=root, capture_output=True, text=True, check=False,
        env={k: v for k, v in os.environ.items() if k not in ("SITE_DIR", "MAKEFLAGS")},
    ).stdout  # fmt: skip
    written = re.search(r"-m sitebuild build --site-dir (\S+)", dry)
    if (written.group(1) if written else None) != uploaded or uploaded != "site":
        problems.append(
            f"Makefile: `make build` writes {written and written.group(1)!r}, {TEST} uploads {uploaded!r}, {RECIPE} tests 'site'"
        )
    return problems


def deployments_are_never_cancelled(root: Path) -> list[str]:
    problems = []
    group = workflow(root, DEPLOY).get("concurrency") or {}
    if (
        not isinstance(group, dict)
        or group.get("group") != "pages"
        or group.get("cancel-in-progress") is not False
    ):
        problems.append(
            f"{DEPLOY}: concurrency must be group 'pages' with cancel-in-progress: false"
        )
    called = workflow(root, TEST).get("concurrency") or {}
    cancel = str(called.get("cancel-in-progress", "")) if isinstance(called, dict) else ""
    if cancel not in ("False", "false", "${{ !inputs.pages }}"):
        problems.append(f"{TEST}: cancel-in-progress {cancel!r} could cancel the deploy's build")
    return problems


# `# node24 v6.0.0`: Dependabot rewrites a version comment only where it ends with the version.
PIN = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)@([0-9a-f]{40})\s+#\s*(\w+) v\d+\.\d+\.\d+\s*$")


def actions_are_pinned_on_live_runtimes(root: Path) -> list[str]:
    """Every action is pinned as `owner/name@<40-hex SHA> # runtime vX.Y.Z`, the runtime being
    what the action's action.yml declares at that commit, and one GitHub's runners still run."""
    problems = []
    for path in sorted((root / ".github" / "workflows").glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            where = f".github/workflows/{path.name}:{number}"
            if not re.match(r"^\s*(?:-\s*)?uses:", line) or SELF in line:
                continue
            pin = PIN.match(line)
            if pin is None:
                problems.append(
                    f"{where}: `{line.strip()}` is not pinned as `@<full commit SHA> # <runtime> vX.Y.Z`"
                )
            elif pin.group(3) not in LIVE_RUNTIMES:
                problems.append(
                    f"{where}: {pin.group(1)} runs on {pin.group(3)}, which GitHub has removed from its runners; move to a release on {LIVE_RUNTIMES[0]}"
                )
    return problems


def dependabot_keeps_every_lock_current(root: Path) -> list[str]:
    """Dependabot watches uv.lock, the actions and the benchmark's npm lock: weekly, grouped, with
    a cooldown for version updates (security updates are never held back)."""
    updates = {
        u.get("package-ecosystem"): u
        for u in (yaml.safe_load((root / DEPENDABOT).read_text()) or {}).get("updates", [])
    }
    problems = []
    for ecosystem, directory in ECOSYSTEMS.items():
        update = updates.get(ecosystem)
        if update is None or update.get("directory") != directory:
            problems.append(f"{DEPENDABOT}: no `{ecosystem}` updates for {directory}")
        elif (
            (update.get("schedule") or {}).get("interval") != "weekly"
            or not update.get("groups")
            or not update.get("cooldown")
        ):
            problems.append(
                f"{DEPENDABOT}: `{ecosystem}` updates must be weekly, grouped and cooled down"
            )
    return problems


CHECKS: dict[str, Callable[[Path], list[str]]] = {
    "every_push_and_pull_request_runs_the_suite": every_push_and_pull_request_runs_the_suite,
    "deploy_runs_on_the_default_branch": deploy_runs_on_the_default_branch,
    "jobs_have_least_permissions": jobs_have_least_permissions,
    "ci_verdict_is_the_suites": ci_verdict_is_the_suites,
    "deploy_publishes_the_tested_build": deploy_publishes_the_tested_build,
    "deployments_are_never_cancelled": deployments_are_never_cancelled,
    "actions_are_pinned_on_live_runtimes": actions_are_pinned_on_live_runtimes,
    "dependabot_keeps_every_lock_current": dependabot_keeps_every_lock_current,
}

# What a copy needs for these checks to read and run the pipeline.
PARTS = (
    ".github",
    ".ci",
    "Makefile",
    "mkdocs.yml",
    "pyproject.toml",
    "uv.lock",
    "tests/conftest.py",
)
