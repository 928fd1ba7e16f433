"""Benchmark this site, built by each engine, beside a default Material site of the same essay.

    python -m benchmark [--runs 5] [--no-lighthouse] [--no-tests]     (make bench)

Builds alternate in this process, so drift on a noisy machine hits all alike: this site through
the one build entry point (sitebuild.build) with MkDocs and with Zensical, the default site (a
minimal mkdocs.yml) with plain `mkdocs build`. HTML is timed apart from the PDF edition, which the
default site lacks. Prints a table, writes benchmark-results.json: figures to read, not assertions.
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from argparse import ArgumentParser, RawDescriptionHelpFormatter
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from playwright.sync_api import Browser, sync_playwright

from harness.browser import Watch
from sitebuild import pdf
from sitebuild.build import build
from sitebuild.chromium import FLAGS, executable, launch
from sitebuild.engines import Engine
from sitebuild.project import Project
from sitebuild.server import PagesServer
from sitebuild.table import read_table

LIGHTHOUSE = str(Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse")
ENGINES: dict[str, Engine | None] = {
    "this site (MkDocs)": "mkdocs",
    "this site (Zensical)": "zensical",
    "default Material": None,
}
BASE = "/strategic-alliances/"


def default_project(project: Project, destination: Path) -> Path:
    """The essay's six pages under Material's defaults: a minimal mkdocs.yml, no overrides."""
    (destination / "docs").mkdir(parents=True)
    for page in read_table(project.config_file).parts:
        text = (project.docs / page.source).read_text(encoding="utf-8")
        text = re.sub(r"^template: .*\n", "", text, flags=re.M)
        (destination / "docs" / page.source).write_text(text, encoding="utf-8")
    (destination / "mkdocs.yml").write_text(
        f"site_name: Strategic Alliances\nsite_url: https://islamic-nation-docs.github.io{BASE}\n"
        "theme:\n  name: material\nmarkdown_extensions:\n  - attr_list  # the pages' { #id } headings\n"
    )
    return destination / "mkdocs.yml"


def timed_build(
    project: Project, default: Path, engine: Engine | None, out: Path, browser: Browser
) -> tuple[float, float | None]:
    """(HTML build seconds, PDF edition seconds)."""
    started = time.perf_counter()
    if engine is None:
        mkdocs_build(load_config(str(default), site_dir=str(out)))
        return time.perf_counter() - started, None
    built = build(project, out, engine=engine, pdf=False)
    html = time.perf_counter()
    pdf.write(out, built.table, built.settings, built.environment, browser)
    return html - started, time.perf_counter() - html


def pages(root: Path) -> list[str]:
    """Each page's URL relative to the site root: '' for the home page, then a/, a/b/..."""
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("index.html"))
    return [file.removesuffix("index.html") for file in files]


def first_loads(server: PagesServer, browser: Browser) -> dict[str, int]:
    """Each page on a cold cache: compressed bytes, requests, and requests to other hosts."""
    loads = []  # (bytes, requests, third-party requests) of each page
    for page in pages(server.root):
        watch, before = Watch(server.origin), len(server.requests)
        with browser.new_context(extra_http_headers={"Accept-Encoding": "gzip"}) as context:
            watch.attach(context)
            context.new_page().goto(server.url + page, wait_until="networkidle")
        sent, foreign = server.requests[before:], len(watch.foreign)
        loads.append((sum(size for _, size in sent), len(sent) + foreign, foreign))
    sizes, requests, third_party = zip(*loads, strict=True)
    return {
        "bytes per page, first load, gzip (mean)": round(statistics.mean(sizes)),
        "requests per page, first load (max)": max(requests),
        "third-party requests, all pages": sum(third_party),
    }


def lighthouse(server: PagesServer) -> dict[str, float]:
    """Lowest score over the pages, per form factor and category (0-100)."""
    chrome = [f"--chrome-path={executable()}", f"--chrome-flags={' '.join(FLAGS)}"]
    lowest: dict[str, float] = {}
    for form, page in itertools.product(("mobile", "desktop"), pages(server.root)):
        preset = ["--preset=desktop"] if form == "desktop" else []
        command = [LIGHTHOUSE, server.url + page, "--quiet", "--output=json", *chrome, *preset]
        report = subprocess.run(command, check=True, capture_output=True).stdout  # JSON, no path
        for name, category in json.loads(report)["categories"].items():
            key = f"Lighthouse {form} {name} (lowest page)"
            lowest[key] = min(lowest.get(key, 100.0), 100 * (category.get("score") or 0))
    return lowest


def median(seconds: tuple[float | None, ...]) -> float | None:
    timed = [s for s in seconds if s is not None]
    return round(statistics.median(timed), 2) if timed else None


def main() -> int:
    parser = ArgumentParser(description=__doc__, formatter_class=RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="builds per site for the median")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-tests", action="store_true", help="skip timing the test suite")
    parser.add_argument("--output", type=Path, default=Path("benchmark-results.json"))
    args = parser.parse_args()
    project, rows = Project(), dict[str, dict[str, Any]]()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        default = default_project(project, Path(tmp) / "default")
        times: dict[str, list[tuple[float, float | None]]] = {name: [] for name in ENGINES}
        for run, (name, engine) in itertools.product(range(args.runs), ENGINES.items()):
            out = Path(tmp) / f"{run}-{engine}"
            times[name].append(timed_build(project, default, engine, out, browser))
        for name, engine in ENGINES.items():
            html, pdf_edition = zip(*times[name], strict=True)
            rows[name] = {"HTML build, median (s)": median(html)}
            rows[name]["PDF edition, median (s)"] = median(pdf_edition)  # None for the default
            with PagesServer(Path(tmp) / f"0-{engine}", BASE) as server:
                rows[name] |= first_loads(server, browser)
                if not args.no_lighthouse and engine != "zensical":
                    rows[name] |= lighthouse(server)
    if not args.no_tests:
        started = time.perf_counter()
        command = [sys.executable, "-m", "pytest", "-q"]
        subprocess.run(command, cwd=project.root, check=False, capture_output=True)
        rows["this site (MkDocs)"]["test suite (s)"] = round(time.perf_counter() - started, 1)
    args.output.write_text(json.dumps(rows, indent=2) + "\n")
    print("| figure | " + " | ".join(rows) + " |\n|---|" + "---|" * len(rows))
    for figure in dict.fromkeys(key for row in rows.values() for key in row):
        cells = [figure, *(row.get(figure, "-") for row in rows.values())]
        print("| " + " | ".join(map(str, cells)) + " |")
    print(f"\nFigures written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
