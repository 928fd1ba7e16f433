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


@pytest.mark.parametrize("name", pipeline.CHECKS)
def test_pipeline_keeps_its_promise(project: Project, name: str) -> None:
    problems = pipeline.CHECKS[name](project.root)
    assert not problems, "\n".join(problems)


def job(change: Callable[[Any], object]) -> Callable[[Path], None]:
    """A change to test.yml's one job, made on its data."""

    def apply(root: Path) -> None:
        with yaml_file(root / pipeline.TEST) as data:
            change(data["jobs"]["test"])

    return apply


def on(name: str, change: Callable[[Any], object]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with yaml_file(root / name) as data:
            change(data["on"])

    return apply


def text(relative: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: replace_in(root / relative, old, new)


def dependabot_without(ecosystem: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with yaml_file(root / pipeline.DEPENDABOT) as data:
            data["updates"] = [u for u in data["updates"] if u["package-ecosystem"] != ecosystem]

    return apply


def pin_back(root: Path) -> None:
    """configure-pages back on v5.0.0, whose action.yml declares node20."""
    workflow = root / pipeline.TEST
    workflow.write_text(re.sub(r"actions/configure-pages@\S+ # .*", PAGES_V5, workflow.read_text()))


PAGES_V5 = "actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b # node20 v5.0.0"
BREAKS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "the tests no longer run on pull requests": (on(pipeline.TEST, lambda o: o.pop("pull_request")), "every_push_and_pull_request_runs_the_suite", "does not run on `pull_request`"),
    "a pull request that changes only docs/ skips the tests": (on(pipeline.TEST, lambda o: o.__setitem__("pull_request", {"paths": ["docs/**"]})), "every_push_and_pull_request_runs_the_suite", "`pull_request` is filtered"),
    "the test job may write to the repository": (job(lambda j: j["permissions"].__setitem__("contents", "write")), "jobs_have_least_permissions", "job 'test' holds permissions {'contents': 'write'"),
    "the test job gains a permission": (job(lambda j: j["permissions"].__setitem__("issues", "write")), "jobs_have_least_permissions", "not its least"),
    "a '-' in front of the Makefile's pytest line": (text("Makefile", "\t$(BIN)/python -m pytest", "\t-$(BIN)/python -m pytest"), "ci_verdict_is_the_suites", "`make test` succeeds although pytest failed"),
    "`|| true` after the Makefile's pytest line": (text("Makefile", "-m pytest $(PYTEST_ARGS)", "-m pytest $(PYTEST_ARGS) || true"), "ci_verdict_is_the_suites", "`make test` succeeds although pytest failed"),
    ".ci/run ignores the tests' status": (text(pipeline.RECIPE, "SITE_DIR=site make test", "SITE_DIR=site make test || true"), "ci_verdict_is_the_suites", "exits 0 when `make test` exits 3"),
    ".ci/run skips the tests": (text(pipeline.RECIPE, "SITE_DIR=site make test\n", ""), "ci_verdict_is_the_suites", "must run `make build`, then `SITE_DIR=site make test`"),
    "the workflow continues on error": (job(lambda j: j.__setitem__("continue-on-error", True)), "ci_verdict_is_the_suites", "`continue-on-error` turns a failing suite green"),
    "the deploy publishes the Markdown sources": (job(lambda j: j["steps"][-1]["with"].__setitem__("path", "docs")), "deploy_publishes_the_tested_build", "uploads 'docs'"),
    "make build writes another folder": (text("Makefile", "SITE_DIR ?= site", "SITE_DIR ?= public"), "deploy_publishes_the_tested_build", "`make build` writes 'public'"),
    "the deploy triggers on a branch that does not exist": (on(pipeline.DEPLOY, lambda o: o["push"].__setitem__("branches", ["mian"])), "deploy_runs_on_the_default_branch", "['mian'], not to the default branch"),
    "a deployment can be cancelled half-way": (text(pipeline.DEPLOY, "  cancel-in-progress: false", "  cancel-in-progress: true"), "deployments_are_never_cancelled", "cancel-in-progress: false"),
    "the deploy job does not wait for the tested build": (text(pipeline.DEPLOY, "    needs: build\n", ""), "deploy_publishes_the_tested_build", "deploys without needing the tested build"),
    "an action pinned to a tag": (text(pipeline.TEST, "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # node24 v7.0.1", "actions/checkout@v7"), "actions_are_pinned_on_live_runtimes", "is not pinned as"),
    "configure-pages moved back to v5.0.0, a node20 action": (pin_back, "actions_are_pinned_on_live_runtimes", "actions/configure-pages runs on node20"),
    "Dependabot no longer watches uv.lock": (dependabot_without("uv"), "dependabot_keeps_every_lock_current", "no `uv` updates"),
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


def test_zizmor_finds_nothing_in_the_workflows_or_dependabot() -> None:
    result = subprocess.run(
        [BIN / "zizmor", "--offline", "--persona", "pedantic", "--no-progress", *WORKFLOWS, DEPENDABOT],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "files"),
    [("vendor.github-workflows", WORKFLOWS), ("vendor.dependabot", [DEPENDABOT])],
)
def test_files_match_githubs_schemas(schema: str, files: list[Path]) -> None:
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", schema, *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
