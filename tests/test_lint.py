"""A clean house: Python linted and formatted, Markdown linted, the built text spelled right.
Each reports the file and line of what it finds."""

import subprocess
import sys
from pathlib import Path

from sitekit import ROOT, checks
from sitekit.site import BuiltSite

BIN = Path(sys.executable).parent
WORDS = ROOT / "tests" / "project-words.txt"


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing() -> None:
    result = run(BIN / "ruff", "check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_is_formatted() -> None:
    result = run(BIN / "ruff", "format", "--check", ".")
    assert result.returncode == 0, (
        result.stdout + result.stderr + "\n(run: .venv/bin/ruff format .)"
    )


def test_markdown_lint_readme() -> None:
    result = run(BIN / "pymarkdown", "scan", "README.md")
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdown_lint_docs() -> None:
    # Line length aside: each paragraph of the essay stays on one line, as in the seed.
    result = run(BIN / "pymarkdown", "--disable-rules", "md013", "scan", "docs")
    assert result.returncode == 0, result.stdout + result.stderr


def markdown_sources() -> list[Path]:
    return sorted((ROOT / "docs").glob("*.md")) + sorted((ROOT / "overrides").rglob("*.html"))


def test_built_text_is_spelled_right(site: BuiltSite) -> None:
    problems = checks.spelling(site, markdown_sources(), WORDS)
    assert not problems, "\n".join(problems)
