"""Benchmark this site, built by each engine, beside a default Material site of the same essay.

    python -m benchmark [--runs 5] [--no-lighthouse] [--no-tests]     (make bench)

Every build is made in this process, alternating, so drift on a noisy machine hits all alike:
this site through the one build entry point (sitebuild.build) with MkDocs and with Zensical, and
the default site with a minimal mkdocs.yml and plain `mkdocs build`. The HTML build is timed apart
from the PDF edition, which the default site does not have. Prints a table and writes
benchmark-results.json: figures to read, never test assertions.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from harness.browser import Watch
from sitebuild import pdf
from sitebuild.build import build
from sitebuild.chromium import FLAGS, executable, launch
from sitebuild.engines import Engine
from sitebuild.project import Project
from sitebuild.server import PagesServer
from sitebuild.table import read_table

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo", "agentic-browsing"]
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
        (destination / "docs" / page.source).write_text(
            re.sub(r"^template: .*\n", "", text, flags=re.M), encoding="utf-8"
        )
    (destination / "mkdocs.yml").write_text(
        f"site_name: Strategic Alliances\nsite_url: https://islamic-nation-docs.github.io{BASE}\n"
        "theme:\n  name: material\nmarkdown_extensions:\n  - attr_list  # the pages' { #id } headings\n"
    )
    return destination / "mkdocs.yml"


def timed_build(
    project: Project, default: Path, engine: Engine | None, out: Path, browser: Browser
) -> tuple[float, float | None]:
    """(HTML build seconds, PDF edition seconds)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started = time.perf_counter()
    if engine is None:
        mkdocs_build(load_config(str(default), site_dir=str(out)))
        return time.perf_counter() - started, None
    built = build(project, out, engine=engine, pdf=False)
    html = time.perf_counter() - started
    pdf.write(out, built.table, built.settings, built.environment, browser)
    return html, time.perf_counter() - started - html


def first_loads(root: Path, browser: Browser) -> list[dict[str, Any]]:
    """Each page on a cold cache: requests, compressed bytes, and requests to other hosts."""
    results = []
    with PagesServer(root, BASE) as server:
        for page_file in sorted(p.relative_to(root).as_posix() for p in root.rglob("index.html")):
            watch = Watch(server.origin)
            context = browser.new_context(extra_http_headers={"Accept-Encoding": "gzip"})
            try:
                watch.attach(context)
                before = len(server.requests)
                context.new_page().goto(
                    server.url + page_file.removesuffix("index.html"), wait_until="networkidle"
                )
            finally:
                context.close()
            sent = server.requests[before:]
            results.append({"page": "/" + page_file.removesuffix("index.html"), "requests": len(sent) + len(watch.foreign),
                            "bytes": sum(size for _, size in sent), "third_party": len(watch.foreign)})  # fmt: skip
    return results


def lighthouse(root: Path) -> dict[str, float]:
    """Lowest score over the pages, per form factor and category (0-100)."""
    lowest: dict[str, float] = {}
    with PagesServer(root, BASE) as server, tempfile.TemporaryDirectory() as tmp:
        for form in ("mobile", "desktop"):
            for page_file in sorted(
                p.relative_to(root).as_posix() for p in root.rglob("index.html")
            ):
                report = Path(tmp) / "report.json"
                command = [str(LIGHTHOUSE), server.url + page_file.removesuffix("index.html"), "--quiet",
                           f"--chrome-path={executable()}", f"--chrome-flags={' '.join(FLAGS)}",
                           "--output=json", f"--output-path={report}", *(["--preset=desktop"] if form == "desktop" else [])]  # fmt: skip
                subprocess.run(command, check=True, capture_output=True)
                for name, category in json.loads(report.read_text())["categories"].items():
                    key = f"Lighthouse {form} {name} (lowest page)"
                    lowest[key] = min(lowest.get(key, 100.0), 100 * (category.get("score") or 0))
    return lowest


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="builds per site for the median")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-tests", action="store_true", help="skip timing the test suite")
    parser.add_argument("--output", type=Path, default=Path("benchmark-results.json"))
    args = parser.parse_args()
    project = Project()
    rows: dict[str, dict[str, Any]] = {name: {} for name in ENGINES}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        default = default_project(project, Path(tmp) / "default")
        times: dict[str, list[tuple[float, float | None]]] = {name: [] for name in ENGINES}
        for run in range(args.runs):
            for name, engine in ENGINES.items():
                times[name].append(
                    timed_build(project, default, engine, Path(tmp) / f"{run}-{engine}", browser)
                )
        for name, engine in ENGINES.items():
            folder = Path(tmp) / f"0-{engine}"
            loads = first_loads(folder, browser)
            pdf_times = [p for _, p in times[name] if p is not None]
            rows[name] = {
                "HTML build, median (s)": round(statistics.median(h for h, _ in times[name]), 2),
                "PDF edition, median (s)": round(statistics.median(pdf_times), 2)
                if pdf_times
                else None,
                "bytes per page, first load, gzip (mean)": round(
                    statistics.mean(p["bytes"] for p in loads)
                ),
                "requests per page, first load (max)": max(p["requests"] for p in loads),
                "third-party requests, all pages": sum(p["third_party"] for p in loads),
            }
            if not args.no_lighthouse and engine != "zensical":
                rows[name] |= lighthouse(folder)
    if not args.no_tests:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q"],
            cwd=project.root,
            check=False,
            capture_output=True,
        )
        rows["this site (MkDocs)"]["test suite (s)"] = round(time.perf_counter() - started, 1)
    args.output.write_text(json.dumps(rows, indent=2) + "\n")
    figures = list(dict.fromkeys(key for row in rows.values() for key in row))
    print("| figure | " + " | ".join(rows) + " |\n|---|" + "---|" * len(rows))
    for figure in figures:
        print(
            f"| {figure} | " + " | ".join(str(row.get(figure, "-")) for row in rows.values()) + " |"
        )
    print(f"\nFigures written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
