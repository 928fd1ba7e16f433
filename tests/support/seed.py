"""The essay's source of record, read into sections and paragraphs exactly as written. Its sha256
is pinned here, so rewording seed and page alike fails even where ../shared does not exist."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

# sha256 of seeds/strategic-alliances.md, byte for byte as ../shared/seed/ has it.
SEED_SHA256 = "363545468f8ec300c59097413f1f796c05acf2cade8e6a65774aa28f89db473e"

# The seed's conclusion is its last paragraph, opening with these words; the site gives it the one
# heading the author did not write.
CONCLUSION_OPENS = "In a nutshell"
CONCLUSION_HEADING = "Conclusion"


@dataclass(frozen=True)
class Section:
    heading: str  # exactly as in the seed (or CONCLUSION_HEADING)
    paragraphs: tuple[str, ...]  # exactly as in the seed
    role: str  # the page role that carries it: introduction, pillar or conclusion

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in sentences(p)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_seed(path: Path) -> list[Section]:
    """The title with its introduction, each '##' section, then the conclusion, in order."""
    sections: list[tuple[str, list[str], str]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        block = block.strip("\n")
        if heading := re.match(r"^(#{1,6})\s+(.*)$", block):
            sections.append(
                (heading.group(2), [], "introduction" if len(heading.group(1)) == 1 else "pillar")
            )
        elif block.startswith(CONCLUSION_OPENS):
            sections.append((CONCLUSION_HEADING, [block], "conclusion"))
        elif block:
            sections[-1][1].append(block)
    return [Section(h, tuple(ps), r) for h, ps, r in sections]


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, white space collapsed (how text comes out of a PDF)."""
    text = " ".join(paragraph.split())
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s]
