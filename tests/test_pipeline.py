"""The pipeline's promises, read from the workflows, .ci/run and the Makefile (harness/pipeline.py),
each proven by breaking it in a copy; and the workflow files pass zizmor and GitHub's schemas."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harness import pipeline
from harness.sandbox import replace_in, yaml_file
from sitebuild.project import Project

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((Project().root / ".github" / "workflows").glob("*.yml"))
DEPENDABOT = Project().root / ".github" / "dependabot.yml"
SCHEMAS = {"vendor.github-workflows": WORKFLOWS, "vendor.dependabot": [DEPENDABOT]}


@pytest.mark.parametrize("name", pipeline.CHECKS)
def test_pipeline_keeps_its_promise(project: Project, name: str) -> None:
    problems = pipeline.CHECKS[name](project.root)
    assert not problems, "\n".join(problems)


def edited(relative: str, change: Callable[[Any], object]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with yaml_file(root / relative) as data:
            change(data)

    return apply


def text(relative: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: replace_in(root / relative, old, new)


def repin(action: str, pin: str) -> Callable[[Path], None]:  # whatever Dependabot last made it
    def apply(root: Path) -> None:
        workflow = root / pipeline.TEST
        workflow.write_text(re.sub(rf"{action}@\S+ # .*", pin, workflow.read_text()))

    return apply


# configure-pages v5.0.0's action.yml declares node20 (read from the stored mirror at that commit).
PAGES_V5 = "actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b # node20 v5.0.0"


BREAKS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "the tests no longer run on pull requests": (edited(pipeline.TEST, lambda d: d["on"].pop("pull_request")), "every_push_and_pull_request_runs_the_suite", "does not run on `pull_request`"),
    "a pull request that changes only docs/ skips the tests": (edited(pipeline.TEST, lambda d: d["on"].__setitem__("pull_request", {"paths": ["docs/**"]})), "every_push_and_pull_request_runs_the_suite", "`pull_request` is filtered"),
    "the test job may write to the repository": (edited(pipeline.TEST, lambda d: d["jobs"]["test"]["permissions"].__setitem__("contents", "write")), "jobs_have_least_permissions", "job 'test' holds permissions {'contents': 'write'"),
    "the test job gains a permission": (edited(pipeline.TEST, lambda d: d["jobs"]["test"]["permissions"].__setitem__("issues", "write")), "jobs_have_least_permissions", "not its least"),
    "a '-' in front of the Makefile's pytest line": (text("Makefile", "\t$(BIN)/python -m pytest", "\t-$(BIN)/python -m pytest"), "ci_verdict_is_the_suites", "`make test` succeeds although pytest failed"),
    "`|| true` after the Makefile's pytest line": (text("Makefile", "-m pytest $(PYTEST_ARGS)", "-m pytest $(PYTEST_ARGS) || true"), "ci_verdict_is_the_suites", "`make test` succeeds although pytest failed"),
    ".ci/run ignores the tests' status": (text(pipeline.RECIPE, "SITE_DIR=site make test", "SITE_DIR=site make test || true"), "ci_verdict_is_the_suites", "exits 0 when `make test` exits 3"),
    ".ci/run skips the tests": (text(pipeline.RECIPE, "SITE_DIR=site make test\n", ""), "ci_verdict_is_the_suites", "must run `make build`, then `SITE_DIR=site make test`"),
    "the workflow continues on error": (edited(pipeline.TEST, lambda d: d["jobs"]["test"].__setitem__("continue-on-error", True)), "ci_verdict_is_the_suites", "`continue-on-error` turns a failing suite green"),
    "the deploy publishes the Markdown sources": (edited(pipeline.TEST, lambda d: d["jobs"]["test"]["steps"][-1]["with"].__setitem__("path", "docs")), "deploy_publishes_the_tested_build", "uploads 'docs'"),
    "make build writes another folder": (text("Makefile", "SITE_DIR ?= site", "SITE_DIR ?= public"), "deploy_publishes_the_tested_build", "`make build` writes 'public'"),
    "the deploy triggers on a branch that does not exist": (edited(pipeline.DEPLOY, lambda d: d["on"]["push"].__setitem__("branches", ["mian"])), "deploy_runs_on_the_default_branch", "['mian'], not to the default branch"),
    "a deployment can be cancelled half-way": (text(pipeline.DEPLOY, "  cancel-in-progress: false", "  cancel-in-progress: true"), "deployments_are_never_cancelled", "cancel-in-progress: false"),
    "the deploy job does not wait for the tested build": (text(pipeline.DEPLOY, "    needs: build\n", ""), "deploy_publishes_the_tested_build", "deploys without needing the tested build"),
    "an action pinned to a tag": (repin("actions/checkout", "actions/checkout@v7"), "actions_are_pinned_on_live_runtimes", "is not pinned as"),
    "configure-pages moved back to v5.0.0, a node20 action": (repin("actions/configure-pages", PAGES_V5), "actions_are_pinned_on_live_runtimes", "actions/configure-pages runs on node20"),
    "Dependabot no longer watches uv.lock": (edited(pipeline.DEPENDABOT, lambda d: d.__setitem__("updates", [u for u in d["updates"] if u["package-ecosystem"] != "uv"])), "dependabot_keeps_every_lock_current", "no `uv` updates"),
}  # fmt: skip


@pytest.mark.parametrize("name", BREAKS)
def test_a_broken_promise_is_caught(project: Project, tmp_path: Path, name: str) -> None:
    breaks, check, words = BREAKS[name]
    branch = pipeline.default_branch(project.root)
    for part in pipeline.PARTS:
        source = project.root / part
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    subprocess.run(["git", "init", "-q", "-b", str(branch)], cwd=tmp_path, check=True)
    assert not pipeline.CHECKS[check](tmp_path), "the unbroken copy should keep the promise"
    breaks(tmp_path)
    problems = "\n".join(pipeline.CHECKS[check](tmp_path))
    assert words in problems, f"{name}: {check} did not report {words!r}:\n{problems}"


def passes(tool: str, *args: str | Path) -> None:
    """`tool`, from the suite's own environment, finds nothing."""
    result = subprocess.run([BIN / tool, *args], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows_or_dependabot() -> None:
    passes("zizmor", "--offline", "--persona", "pedantic", "--no-progress", *WORKFLOWS, DEPENDABOT)


@pytest.mark.parametrize("schema", SCHEMAS)
def test_files_match_githubs_schemas(schema: str) -> None:
    passes("check-jsonschema", "--builtin-schema", schema, *SCHEMAS[schema])
