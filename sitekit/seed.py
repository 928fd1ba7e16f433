"""Read the essay's source of record into sections and sentences, and normalise text for comparison."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitekit import ROOT

SEED = ROOT / "seeds" / "strategic-alliances.md"
# The seed has no heading for its conclusion: it is the paragraph that opens with these words.
CONCLUSION_OPENS = "In a nutshell"
CONCLUSION_HEADING = "Conclusion"

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise(text: str) -> str:
    """White space and typographic quotes, nothing else: the words must be the author's."""
    return " ".join(text.translate(_QUOTES).split())


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", normalise(paragraph)) if s]


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in sentences(p)]


def read_seed(path: Path = SEED) -> list[Section]:
    """The title with its introduction, each '##' section, then the conclusion, in the seed's order."""
    sections: list[tuple[str, list[str]]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        block = block.strip()
        heading = re.match(r"^#{1,6}\s+(.*)$", block)
        if heading:
            sections.append((heading.group(1), []))
        elif block.startswith(CONCLUSION_OPENS):
            sections.append((CONCLUSION_HEADING, [block]))
        elif block:
            sections[-1][1].append(block)
    return [Section(normalise(h), tuple(ps)) for h, ps in sections]
