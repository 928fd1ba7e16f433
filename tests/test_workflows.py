"""The GitHub workflows pass zizmor (security) and GitHub's workflow schema (structure)."""

import subprocess
import sys
from pathlib import Path

from sitekit import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_is_a_test_workflow_and_a_deploy_workflow() -> None:
    assert {w.name for w in WORKFLOWS} >= {"test.yml", "deploy.yml"}


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [BIN / "zizmor", "--offline", "--persona", "pedantic", "--no-progress", *WORKFLOWS],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_githubs_schema() -> None:
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
