"""What the build refuses, and why. Each refusal is a Problem of a named rule, one line that starts
with the file or setting to fix; the fault matrix proves every rule name it finds in this package
(tests/test_faults.py looks for `Problem("rule", ...)` calls)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    rule: str  # e.g. "description-sentence"
    text: str  # "docs/page.md:3: what is wrong, and what to do"

    def __str__(self) -> str:
        return self.text


class BuildError(Exception):
    """The build cannot finish; each line of the message names the file or setting at fault."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(map(str, self.problems)))

    @property
    def rules(self) -> set[str]:
        return {p.rule for p in self.problems}


def refuse(problems: list[Problem]) -> None:
    if problems:
        raise BuildError(problems)
