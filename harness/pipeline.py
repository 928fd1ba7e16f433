"""What the README's "Deploying" section promises, read from the files that make the pipeline - the
workflows, .ci/run, the Makefile, Dependabot's config - and, where reading is not enough, run with
stand-ins for the tools they call. Each check takes the project's root and yields its problems,
naming the file to fix; CHECKS gives each as a function that returns them as a list."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from sitebuild.config import load_yaml

DEPLOY = ".github/workflows/deploy.yml"
TEST = ".github/workflows/test.yml"
DEPENDABOT = ".github/dependabot.yml"
RECIPE = ".ci/run"
SELF = "$/.github/workflows/test.yml"  # GitHub's same-repository form, resolved at the run's commit

PERMISSIONS = {  # the least each job needs, and why; anything more (or else) is a problem
    (DEPLOY, "build"): {"contents": "read", "pages": "read"},  # the ceiling for test.yml's job
    (DEPLOY, "deploy"): {"pages": "write", "id-token": "write"},  # publish; prove it is this repo
    (TEST, "test"): {"contents": "read", "pages": "read"},  # checkout; configure-pages: site URL
}
LIVE_RUNTIMES = ("node24", "composite", "docker")  # node20 and older are gone from GitHub's runners
ECOSYSTEMS = {"uv": "/", "github-actions": "/", "npm": "/benchmark"}
FILTERS = ("branches", "branches-ignore", "paths", "paths-ignore")  # each lets changes skip tests
# `# node24 v6.0.0`: Dependabot rewrites a version comment only where it ends with the version.
PIN = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)@([0-9a-f]{40})\s+#\s*(\w+) v\d+\.\d+\.\d+\s*$")
REWRITES_STATUS = re.compile(r"exitstatus\s*=|def pytest_sessionfinish")  # in a conftest.py
UNSET = ("MAKEFLAGS", "MAKELEVEL", "SITE_DIR", "CI")  # the caller's make and CI, kept out of runs
PARTS = (  # what a copy needs for these checks to read and run the pipeline
    ".github", ".ci", "Makefile", "mkdocs.yml", "pyproject.toml", "uv.lock", "tests/conftest.py"
)  # fmt: skip
CHECKS: dict[str, Callable[[Path], list[str]]] = {}


def check(problems: Callable[[Path], Iterator[str]]) -> Callable[[Path], Iterator[str]]:
    """Enter a check in CHECKS, as a function that lists the problems it yields."""
    CHECKS[problems.__name__] = lambda root: list(problems(root))
    return problems


def loaded(root: Path, name: str) -> dict[str, Any]:
    """A YAML file of the project as data: {} if it holds no mapping."""
    data = yaml.safe_load((root / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return {}
    if True in data:  # YAML 1.1 reads a workflow's key `on` as true
        data["on"] = data.pop(True)
    return data


def suite_job(root: Path) -> dict[str, Any]:  # test.yml's one job, which runs the suite
    return (loaded(root, TEST).get("jobs") or {}).get("test") or {}


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without the caller's make and CI settings (UNSET), with `extra`."""
    return {k: v for k, v in os.environ.items() if k not in UNSET} | extra


def run(root: Path, *command: str, **env: str) -> tuple[int, str]:
    """Run `command` in `root`, without the caller's make and CI settings: its status and output."""
    ran = subprocess.run(
        command, cwd=root, env=clean_env(**env), capture_output=True, text=True, check=False
    )
    return ran.returncode, ran.stdout


def prerequisites(root: Path, target: str, *settings: str) -> list[str]:
    """What make must have made before `target`'s recipe runs (the environment's layers)."""
    _, database = run(root, "make", "-pn", target, *settings)
    needs = re.search(rf"^{target}:(.*)$", database, re.MULTILINE)
    return needs.group(1).split() if needs else []


def script(path: Path, body: str) -> None:  # a stand-in for a tool
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def given(body: dict[str, Any], key: str) -> Any:  # what a job's or step's `with:` gives `key`
    return (body.get("with") or {}).get(key)


def using(steps: list[dict[str, Any]], action: str) -> list[int]:  # the steps that use `action`
    return [i for i, step in enumerate(steps) if action in str(step.get("uses", ""))]


def default_branch(root: Path) -> str | None:
    """The default branch: from GitHub Actions' event, else the clone's origin, else HEAD's."""
    event = os.environ.get("GITHUB_EVENT_PATH")
    if event and Path(event).is_file():
        branch = json.loads(Path(event).read_text()).get("repository", {}).get("default_branch")
        if branch:
            return str(branch)
    for ref in ("refs/remotes/origin/HEAD", "HEAD"):
        status, out = run(root, "git", "symbolic-ref", "--short", ref)
        if status == 0 and out.strip():
            return out.strip().removeprefix("origin/")
    return None


@check
def every_push_and_pull_request_runs_the_suite(root: Path) -> Iterator[str]:
    """test.yml runs on every push and pull request, unfiltered, and on the deploy's call."""
    on = loaded(root, TEST).get("on") or {}
    for event in ("push", "pull_request", "workflow_call"):
        if not isinstance(on, dict) or event not in on:
            yield f"{TEST}: does not run on `{event}`"
        elif any(key in (on[event] or {}) for key in FILTERS):
            yield f"{TEST}: `{event}` is filtered, so some changes run no tests"


@check
def deploy_runs_on_the_default_branch(root: Path) -> Iterator[str]:
    branch = default_branch(root)
    if branch is None:
        yield f"{DEPLOY}: cannot tell the repository's default branch (no origin, detached HEAD)"
        return
    on = loaded(root, DEPLOY).get("on") or {}
    branches = (on.get("push") or {}).get("branches") if isinstance(on, dict) else None
    if branches != [branch]:
        yield f"{DEPLOY}: deploys on pushes to {branches}, not to the default branch [{branch!r}]"
    edit_uri = str(load_yaml(root / "mkdocs.yml").get("edit_uri", ""))
    if f"/{branch}/" not in f"/{edit_uri}":
        yield f"mkdocs.yml: edit_uri {edit_uri!r} does not edit the default branch {branch!r}"


@check
def jobs_have_least_permissions(root: Path) -> Iterator[str]:
    """Nothing at the workflow level; each job exactly the permissions PERMISSIONS gives it."""
    for name in (DEPLOY, TEST):
        data = loaded(root, name)
        if data.get("permissions") != {}:
            yield f"{name}: `permissions: {{}}` must be set at the top, so no job inherits any"
        for job, body in (data.get("jobs") or {}).items():
            want, held = PERMISSIONS.get((name, job)), body.get("permissions")
            if held != want:
                yield f"{name}: job {job!r} holds permissions {held}, not its least {want} (harness/pipeline.py)"


@check
def ci_verdict_is_the_suites(root: Path) -> Iterator[str]:
    """The suite's status reaches CI unchanged: `make test` fails when pytest does; .ci/run builds,
    tests that folder and exits with their status; nothing continues on error or rewrites it."""
    with tempfile.TemporaryDirectory() as tmp:
        venv, stand_ins, log = Path(tmp) / "venv", Path(tmp) / "stand-ins", Path(tmp) / "log"
        # `make test` with a pytest that fails, what the target needs taken as already made
        script(venv / "bin" / "python", "exit 5")
        made = [f"--assume-old={need}" for need in prerequisites(root, "test", f"VENV={venv}")]
        if run(root, "make", "--no-print-directory", "test", f"VENV={venv}", *made)[0] == 0:
            yield "Makefile: `make test` succeeds although pytest failed (exit 5): its recipe ignores the status"
        # .ci/run with stand-ins that log their words: `make test` exits 3, everything else 0
        test_fails = '$([ "$1" = test ] && echo 3 || echo 0)'
        for name, exits in {"make": test_fails, "java": "0", "faketime": "0"}.items():
            script(stand_ins / name, f'echo "{name} SITE_DIR=$SITE_DIR $*" >> {log}\nexit {exits}')
        path = f"{stand_ins}:{os.environ.get('PATH', '/usr/bin:/bin')}"
        status, _ = run(root, "bash", RECIPE, CHROMIUM="/bin/sh", PATH=path)
        ran = log.read_text().splitlines() if log.exists() else []
    if ran != ["make SITE_DIR= build", "make SITE_DIR=site test"]:
        yield f"{RECIPE}: must run `make build`, then `SITE_DIR=site make test` (it ran: {ran})"
    if status != 3:
        yield f"{RECIPE}: exits {status} when `make test` exits 3; the tests' status must be its own"
    job = suite_job(root)
    for where in [job, *(job.get("steps") or [])]:
        if where.get("continue-on-error"):
            yield f"{TEST}: `continue-on-error` turns a failing suite green"
    for conftest in sorted((root / "tests").rglob("conftest.py")):
        if REWRITES_STATUS.search(conftest.read_text(encoding="utf-8")):
            yield f"{conftest.relative_to(root)}: rewrites pytest's exit status"


@check
def deploy_publishes_the_tested_build(root: Path) -> Iterator[str]:
    """The deploy needs test.yml's build (pages: true), whose .ci/run tests what it uploads."""
    jobs = loaded(root, DEPLOY).get("jobs") or {}
    builders = [n for n, j in jobs.items() if j.get("uses") == SELF and given(j, "pages") is True]
    deployers = [n for n, j in jobs.items() if using(j.get("steps") or [], "actions/deploy-pages@")]
    if not builders:
        yield f"{DEPLOY}: no job calls {SELF} with `pages: true` to build and test the site"
    if len(deployers) != 1:
        yield f"{DEPLOY}: expected one job with actions/deploy-pages, found {deployers}"
    for name in deployers:
        needs = jobs[name].get("needs")
        needs = [needs] if isinstance(needs, str) else needs or []
        if not builders or not set(builders) <= set(needs):
            yield f"{DEPLOY}: job {name!r} deploys without needing the tested build {builders}"
    steps: list[dict[str, Any]] = suite_job(root).get("steps") or []
    runs = [i for i, s in enumerate(steps) if s.get("run", "").strip() == f"bash {RECIPE}"]
    uploads = using(steps, "actions/upload-pages-artifact@")
    if len(runs) != 1 or len(uploads) != 1:
        yield f"{TEST}: expected one `bash {RECIPE}` step and one upload, found {len(runs)} and {len(uploads)}"
    elif uploads[0] < runs[0]:
        yield f"{TEST}: uploads the site before {RECIPE} has built and tested it"
    uploaded = str(given(steps[uploads[0]], "path") or "").strip("./") if uploads else None
    _, dry = run(root, "make", "--dry-run", "--always-make", "--no-print-directory", "build")
    written = re.search(r"-m sitebuild build --site-dir (\S+)", dry)
    built = written and written.group(1)
    if built != uploaded or uploaded != "site":
        yield f"Makefile: `make build` writes {built!r}, {TEST} uploads {uploaded!r}, {RECIPE} tests 'site'"


@check
def deployments_are_never_cancelled(root: Path) -> Iterator[str]:
    group = loaded(root, DEPLOY).get("concurrency") or {}
    pages = isinstance(group, dict) and group.get("group") == "pages"
    if not pages or group.get("cancel-in-progress") is not False:
        yield f"{DEPLOY}: concurrency must be group 'pages' with cancel-in-progress: false"
    called = loaded(root, TEST).get("concurrency") or {}
    cancel = str(called.get("cancel-in-progress", "")) if isinstance(called, dict) else ""
    if cancel not in ("False", "false", "${{ !inputs.pages }}"):
        yield f"{TEST}: cancel-in-progress {cancel!r} could cancel the deploy's build"


@check
def actions_are_pinned_on_live_runtimes(root: Path) -> Iterator[str]:
    """Every action is pinned as `owner/name@<40-hex SHA> # runtime vX.Y.Z`, the runtime its
    action.yml declares (read when pinning: offline, the check cannot), one GitHub still runs."""
    for path in sorted((root / ".github" / "workflows").glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            where, pin = f".github/workflows/{path.name}:{number}", PIN.match(line)
            if not re.match(r"^\s*(?:-\s*)?uses:", line) or SELF in line:
                continue
            if pin is None:
                yield f"{where}: `{line.strip()}` is not pinned as `@<full commit SHA> # <runtime> vX.Y.Z`"
            elif pin.group(3) not in LIVE_RUNTIMES:
                yield f"{where}: {pin.group(1)} runs on {pin.group(3)}, which GitHub has removed from its runners; move to a release on {LIVE_RUNTIMES[0]}"


@check
def dependabot_keeps_every_lock_current(root: Path) -> Iterator[str]:
    """Dependabot watches uv.lock, the actions and the benchmark's npm lock: weekly, grouped, and
    version updates cooled down (security updates are never held back)."""
    updates = {u.get("package-ecosystem"): u for u in loaded(root, DEPENDABOT).get("updates", [])}
    for ecosystem, directory in ECOSYSTEMS.items():
        update = updates.get(ecosystem)
        if update is None or update.get("directory") != directory:
            yield f"{DEPENDABOT}: no `{ecosystem}` updates for {directory}"
            continue
        weekly = (update.get("schedule") or {}).get("interval") == "weekly"
        if not (weekly and update.get("groups") and update.get("cooldown")):
            yield f"{DEPENDABOT}: `{ecosystem}` updates must be weekly, grouped and cooled down"
