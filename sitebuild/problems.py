"""What the build refuses: one line each, starting with the file or setting to fix and ending with
the rule it breaks in brackets, as linters cite theirs (tests/test_faults.py proves every rule)."""

from __future__ import annotations

import re
from collections.abc import Iterable

RULE = re.compile(r"\[([a-z]+(?:-[a-z]+)*)\]$")


class BuildError(Exception):
    """The build cannot finish; each line of the message names the file or setting at fault."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    @property
    def rules(self) -> set[str]:
        return {m.group(1) for p in self.problems if (m := RULE.search(p))}


def refuse(problems: Iterable[str]) -> None:
    if found := list(problems):
        raise BuildError(found)
