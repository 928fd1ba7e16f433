"""A clean house: Python linted, formatted and type-checked (mypy, strict), Markdown linted, and
uv.lock in step with pyproject.toml. Each reports the file and line of what it finds. (The built
text's spelling is a guard.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild.project import Project

BIN = Path(sys.executable).parent
ROOT = Project().root
LINTERS = {
    "ruff": ["ruff", "check", "--output-format", "concise", "."],
    "ruff format": ["ruff", "format", "--check", "."],
    "mypy": ["mypy", "--no-error-summary"],
    "pymarkdown README.md": ["pymarkdown", "scan", "README.md"],
    # Each paragraph of the essay stays on one line, as in the seed.
    "pymarkdown docs": ["pymarkdown", "--disable-rules", "md013", "scan", "docs"],
}
FIXES = {"ruff format": "\n(run: .venv/bin/ruff format .)"}


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("linter", LINTERS)
def test_lint_finds_nothing(linter: str) -> None:
    tool, *options = LINTERS[linter]
    result = run(BIN / tool, *options)
    assert result.returncode == 0, result.stdout + result.stderr + FIXES.get(linter, "")


def test_the_lock_is_in_step_with_pyproject() -> None:
    """`uv lock --check`: the lock the Makefile installs is the one pyproject.toml asks for (the
    Makefile's uv, pinned in the lock itself; a pull request that edits one without the other fails)."""
    uv = ROOT / ".uv" / "bin" / "uv"
    assert uv.is_file(), f"{uv}: missing; `make test` installs it"
    result = run(uv, "lock", "--check")
    assert result.returncode == 0, result.stdout + result.stderr + "\n(run: make lock)"
