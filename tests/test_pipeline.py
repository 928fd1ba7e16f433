"""The pipeline's promises, read from the workflows, .ci/run and the Makefile (harness/pipeline.py),
each proven by breaking it in a copy; and the workflow files pass zizmor and GitHub's schemas."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness import pipeline
from harness.sandbox import replace_in
from sitebuild.project import Project

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((Project().root / ".github" / "workflows").glob("*.yml"))
DEPENDABOT = Project().root / ".github" / "dependabot.yml"


@pytest.mark.parametrize("name", pipeline.CHECKS)
def test_pipeline_keeps_its_promise(project: Project, name: str) -> None:
    problems = pipeline.CHECKS[name](project.root)
    assert not problems, "\n".join(problems)


BREAKS = {
    "the deploy publishes the Markdown sources": (
        pipeline.TEST, "          path: site\n", "          path: docs\n", "deploy_publishes_the_tested_build", "uploads 'docs'"),
    "the deploy skips the tests": (
        ".ci/run", "SITE_DIR=site make test\n", "", "deploy_publishes_the_tested_build", "must run `make build`, then the tests"),
    "the deploy triggers on a branch that does not exist": (
        pipeline.DEPLOY, "branches: [main]", "branches: [mian]", "deploy_runs_on_the_default_branch", "['mian'], not to the default branch"),
    "a deployment can be cancelled half-way": (
        pipeline.DEPLOY, "  cancel-in-progress: false", "  cancel-in-progress: true", "deployments_are_never_cancelled", "cancel-in-progress: false"),
    "make build writes another folder": (
        "Makefile", "SITE_DIR ?= site", "SITE_DIR ?= public", "deploy_publishes_the_tested_build", "`make build` writes 'public'"),
    "the deploy job does not wait for the tested build": (
        pipeline.DEPLOY, "    needs: build\n", "", "deploy_publishes_the_tested_build", "deploys without needing the tested build"),
    "an action pinned to a tag": (
        pipeline.TEST, "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "actions/checkout@v7", "actions_are_pinned", "is not pinned to a full commit SHA"),
}  # fmt: skip


@pytest.mark.parametrize("name", BREAKS)
def test_a_broken_promise_is_caught(project: Project, tmp_path: Path, name: str) -> None:
    relative, old, new, check, words = BREAKS[name]
    branch = pipeline.default_branch(project.root)
    for part in pipeline.PARTS:
        source = project.root / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    subprocess.run(["git", "init", "-q", "-b", str(branch)], cwd=tmp_path, check=True)
    assert not pipeline.CHECKS[check](tmp_path), "the unbroken copy should keep the promise"
    replace_in(tmp_path / relative, old, new)
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
