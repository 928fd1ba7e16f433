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


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = run(BIN / "ruff", "check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_is_formatted() -> None:
    result = run(BIN / "ruff", "format", "--check", ".")
    assert result.returncode == 0, (
        result.stdout + result.stderr + "\n(run: .venv/bin/ruff format .)"
    )


def test_types_check_strictly() -> None:
    result = run(sys.executable, "-m", "mypy", "--no-error-summary")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("target", "options"),
    [
        ("README.md", []),
        # Each paragraph of the essay stays on one line, as in the seed.
        ("docs", ["--disable-rules", "md013"]),
    ],
)
def test_markdown_lint(target: str, options: list[str]) -> None:
    result = run(BIN / "pymarkdown", *options, "scan", target)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lock_is_in_step_with_pyproject() -> None:
    """`uv lock --check`: the lock the Makefile installs is the one pyproject.toml asks for (the
    Makefile's uv, pinned in the lock itself; a pull request that edits one without the other fails)."""
    uv = ROOT / ".uv" / "bin" / "uv"
    assert uv.is_file(), f"{uv}: missing; `make test` installs it"
    result = run(uv, "lock", "--check")
    assert result.returncode == 0, result.stdout + result.stderr + "\n(run: make lock)"
