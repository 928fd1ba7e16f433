"""What the deploy promises, read from the files that make it: the workflows, .ci/run and the
Makefile. Each check takes the project's root and returns its problems, naming the file to fix.

The promises: the deploy runs on the default branch; it runs the tests before it publishes; it
uploads the folder the one build entry point wrote and the tests checked; it never cancels a
deployment half-way; every action is pinned to a full commit SHA with its version beside it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

DEPLOY = ".github/workflows/deploy.yml"
TEST = ".github/workflows/test.yml"
RECIPE = ".ci/run"
SELF = "$/.github/workflows/test.yml"  # GitHub's same-repository form, resolved at the run's commit


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
    if origin:
        return origin.split("/", 1)[-1]
    return git("symbolic-ref", "--short", "HEAD") or None  # None when HEAD is detached


def recipe_commands(root: Path) -> list[list[str]]:
    """The make commands .ci/run runs, in order, as words (its other lines set the machine up)."""
    commands = []
    for line in (root / RECIPE).read_text(encoding="utf-8").splitlines():
        words = shlex.split(line, comments=True)
        if "make" in words:
            commands.append(words)
    return commands


def built_folder(root: Path) -> str | None:
    """The folder `make build` writes, as make itself reports it."""
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "--no-print-directory", "build"],
        cwd=root, capture_output=True, text=True, check=False,
        env={k: v for k, v in os.environ.items() if k not in ("SITE_DIR", "MAKEFLAGS")},
    )  # fmt: skip
    match = re.search(r"-m sitebuild build --site-dir (\S+)", result.stdout)
    return match.group(1) if match else None


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
    edit_uri = str(
        yaml.safe_load(re.sub(r"!\S+", "", (root / "mkdocs.yml").read_text())).get("edit_uri", "")
    )
    if f"/{branch}/" not in f"/{edit_uri}":
        problems.append(
            f"mkdocs.yml: edit_uri {edit_uri!r} does not edit the default branch {branch!r}"
        )
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
    test_jobs: dict[str, Any] = workflow(root, TEST).get("jobs") or {}
    first_job: dict[str, Any] = next(iter(test_jobs.values()), {})
    steps: list[dict[str, Any]] = first_job.get("steps") or []
    runs = [i for i, s in enumerate(steps) if s.get("run", "").strip() == f"bash {RECIPE}"]
    uploads = [
        i for i, s in enumerate(steps) if "actions/upload-pages-artifact@" in str(s.get("uses", ""))
    ]
    if len(runs) != 1:
        problems.append(f"{TEST}: expected one step running `bash {RECIPE}`, found {len(runs)}")
    if len(uploads) != 1:
        problems.append(
            f"{TEST}: expected one actions/upload-pages-artifact step, found {len(uploads)}"
        )
    if runs and uploads and uploads[0] < runs[0]:
        problems.append(f"{TEST}: uploads the site before {RECIPE} has built and tested it")
    uploaded = (
        str((steps[uploads[0]].get("with") or {}).get("path", "")).strip("./") if uploads else None
    )
    commands = recipe_commands(root)
    builds = [i for i, c in enumerate(commands) if c == ["make", "build"]]
    tests = [i for i, c in enumerate(commands) if c[-2:] == ["make", "test"]]
    if not builds or not tests or tests[-1] < builds[-1]:
        problems.append(f"{RECIPE}: must run `make build`, then the tests on what it built")
    else:
        tested = [w.split("=", 1)[1] for w in commands[tests[-1]] if w.startswith("SITE_DIR=")]
        if tested != [uploaded]:
            problems.append(
                f"{RECIPE}: tests {tested or 'a fresh build of its own'}, but {TEST} uploads {uploaded!r}"
            )
    written = built_folder(root)
    if written != uploaded:
        problems.append(
            f"Makefile: `make build` writes {written!r}, but {TEST} uploads {uploaded!r}"
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


PIN = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)@([0-9a-f]{40})\s+#\s*v\d+\.\d+\.\d+\s*$")


def actions_are_pinned(root: Path) -> list[str]:
    problems = []
    for path in sorted((root / ".github" / "workflows").glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(r"^\s*(?:-\s*)?uses:", line) and SELF not in line and not PIN.match(line):
                problems.append(
                    f".github/workflows/{path.name}:{number}: `{line.strip()}` is not pinned to a "
                    "full commit SHA with its version in a comment (# vX.Y.Z)"
                )
    return problems


CHECKS: dict[str, Callable[[Path], list[str]]] = {
    "deploy_runs_on_the_default_branch": deploy_runs_on_the_default_branch,
    "deploy_publishes_the_tested_build": deploy_publishes_the_tested_build,
    "deployments_are_never_cancelled": deployments_are_never_cancelled,
    "actions_are_pinned": actions_are_pinned,
}

# What a copy needs for these checks to read the pipeline.
PARTS = (".github", ".ci", "Makefile", "mkdocs.yml", "requirements")
