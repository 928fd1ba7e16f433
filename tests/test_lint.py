"""ruff, mypy --strict, pymarkdown, `uv lock --check`, zizmor (pedantic) and GitHub's schemas, from
the suite's own environment over the project's files: a failure shows the tool's own report."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.project import ROOT

BIN = Path(sys.executable).parent
FLOWS = [str(path) for path in sorted((ROOT / ".github" / "workflows").glob("*.yml"))]
BOT = str(ROOT / ".github" / "dependabot.yml")
TOOLS = {  # the first word is a program in BIN, or a path
    "ruff": ["ruff", "check", "--output-format", "concise", "."],
    "ruff format": ["ruff", "format", "--check", "."],  # fix: .venv/bin/ruff format .
    "mypy": ["mypy"],  # strict, over pyproject.toml's `files`
    "pymarkdown README.md": ["pymarkdown", "scan", "README.md"],
    "pymarkdown docs": ["pymarkdown", "-d", "md013", "scan", "docs"],  # a paragraph a line
    "uv lock --check": [str(ROOT / ".uv/bin/uv"), "lock", "--check", "--offline"],  # fix: make lock
    "zizmor": ["zizmor", "--offline", "--persona", "pedantic", "--no-progress", *FLOWS, BOT],
    "workflow schema": ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", *FLOWS],
    "dependabot schema": ["check-jsonschema", "--builtin-schema", "vendor.dependabot", BOT],
}


@pytest.mark.parametrize("tool", TOOLS)
def test_the_tool_finds_nothing(tool: str) -> None:
    program, *args = TOOLS[tool]
    ran = subprocess.run([BIN / program, *args], cwd=ROOT, capture_output=True, text=True)
    assert ran.returncode == 0, f"{tool}:\n{ran.stdout}{ran.stderr}"
