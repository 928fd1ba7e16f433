"""ruff, mypy --strict, pymarkdown, `uv lock --check`, zizmor (pedantic) and GitHub's schemas, from
the suite's own environment over the project's files: a failure shows the tool's own report. And a
partial in overrides/partials/ replaces Material's file whole, so an upgrade's fix to it would never
reach the site: each records its source's sha256, and a changed source fails here, by name."""

import hashlib
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from tests.support.project import ROOT

BIN = Path(sys.executable).parent
FLOWS = [str(path) for path in sorted((ROOT / ".github" / "workflows").glob("*.yml"))]
PARTIALS = ROOT / "overrides" / "partials"
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


@pytest.mark.parametrize("name", sorted(path.name for path in PARTIALS.glob("*.html")))
def test_the_theme_file_is_the_one_recorded(name: str) -> None:
    recorded = re.findall(r"^  material (\w+)$", (PARTIALS / name).read_text("utf-8"), re.M)
    theirs = files("material") / "templates" / "partials" / name  # gone: it fails
    found = hashlib.sha256(theirs.read_bytes()).hexdigest()
    assert recorded == [found], (
        f"overrides/partials/{name}: Material's is now sha256 {found}, not the recorded {recorded}; diff the two, carry the change over, record the new sha256"
    )
