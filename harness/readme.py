"""The README's code blocks, found by the title in their info string (```yaml title="mkdocs.yml"),
so the tests run the recipes exactly as a reader copies them."""

from __future__ import annotations

import re
from pathlib import Path

BLOCK = re.compile(r'^```(\w+) title="([^"]+)"\n(.*?)^```', re.M | re.S)


def recipes(readme: Path) -> dict[str, str]:
    """Title -> code, for every titled code block; a title used twice is an error."""
    found: dict[str, str] = {}
    for _, title, code in BLOCK.findall(readme.read_text(encoding="utf-8")):
        if title in found:
            raise ValueError(f"{readme.name}: two code blocks are titled {title!r}")
        found[title] = code
    return found
