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

from playwright.sync_api import sync_playwright

from harness.browser import FLAGS, Watch
from sitebuild.build import build, environment
from sitebuild.engines import Engine
from sitebuild.pages import read_table
from sitebuild.pdf import INSTALL, Printer, find_chromium
from sitebuild.project import Project
from sitebuild.server import PagesServer
from sitebuild.settings import build_environment

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo", "agentic-browsing"]
SITES = ["this site (MkDocs)", "this site (Zensical)", "default Material"]


def default_project(project: Project, destination: Path) -> Path:
    """The essay's six pages under Material's defaults: a minimal mkdocs.yml, no overrides."""
    (destination / "docs").mkdir(parents=True)
    site_url = "https://islamic-nation-docs.github.io/strategic-alliances/"
    for page in read_table(project.config_file).parts:
        text = (project.docs / page.source).read_text(encoding="utf-8")
        (destination / "docs" / page.source).write_text(
            re.sub(r"^template: .*\n", "", text, flags=re.M), encoding="utf-8"
        )
    (destination / "mkdocs.yml").write_text(
        f"site_name: Strategic Alliances\nsite_url: {site_url}\ntheme:\n  name: material\n"
        "markdown_extensions:\n  - attr_list  # the pages' { #id } headings\n"
    )
    return destination


def build_default(project: Path, site_dir: Path) -> float:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started = time.perf_counter()
    with environment(build_environment(project), project):
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir)))
    return time.perf_counter() - started


def build_times(
    project: Project, default: Path, out: Path, runs: int, printer: Printer
) -> dict[str, dict[str, list[float]]]:
    times: dict[str, dict[str, list[float]]] = {name: {"html": [], "pdf": []} for name in SITES}
    engines: dict[str, Engine] = {SITES[0]: "mkdocs", SITES[1]: "zensical"}
    for run in range(runs):
        for name in SITES:
            if name in engines:
                built = build(
                    project, out / f"{run}-{engines[name]}", engine=engines[name], pdf=printer
                )
                times[name]["html"].append(built.seconds["total"] - built.seconds["pdf"])
                times[name]["pdf"].append(built.seconds["pdf"])
            else:
                times[name]["html"].append(build_default(default, out / f"{run}-default"))
    return times


def first_loads(root: Path, base_path: str, executable: str) -> list[dict[str, object]]:
    """Each page on a cold cache: requests, compressed bytes, and requests to other hosts."""
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("index.html"))
    results = []
    with PagesServer(root, base_path) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        for page_file in pages:
            watch = Watch(server.origin)
            context = browser.new_context(extra_http_headers={"Accept-Encoding": "gzip"})
            try:
                watch.attach(context)
                before = len(server.requests)
                url = server.url + page_file.removesuffix("index.html")
                context.new_page().goto(url, wait_until="networkidle")
            finally:
                context.close()
            sent = server.requests[before:]
            results.append({
                "page": "/" + page_file.removesuffix("index.html"),
                "requests": len(sent) + len(watch.foreign),
                "bytes": sum(size for _, size in sent),
                "third_party": len(watch.foreign),
            })  # fmt: skip
        browser.close()
    return results


def lighthouse(root: Path, base_path: str, executable: str) -> dict[str, dict[str, float]]:
    """Lowest score over the pages, per form factor and category (0-100)."""
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("index.html"))
    scores: dict[str, dict[str, float]] = {}
    with PagesServer(root, base_path) as server, tempfile.TemporaryDirectory() as tmp:
        for form in ("mobile", "desktop"):
            lowest = dict.fromkeys(CATEGORIES, 100.0)
            for page_file in pages:
                report = Path(tmp) / "report.json"
                command = [
                    str(LIGHTHOUSE), server.url + page_file.removesuffix("index.html"), "--quiet",
                    f"--chrome-path={executable}", f"--chrome-flags={' '.join(FLAGS)}",
                    "--output=json", f"--output-path={report}",
                ]  # fmt: skip
                if form == "desktop":
                    command.append("--preset=desktop")
                subprocess.run(command, check=True, capture_output=True)
                categories = json.loads(report.read_text())["categories"]
                for name in CATEGORIES:
                    score = categories.get(name, {}).get("score")
                    lowest[name] = min(lowest[name], 100 * score if score is not None else 0)
            scores[form] = lowest
    return scores


def suite_time(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q"], cwd=root, check=False, capture_output=True
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="builds per site for the median")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-tests", action="store_true", help="skip timing the test suite")
    parser.add_argument("--output", type=Path, default=Path("benchmark-results.json"))
    args = parser.parse_args()
    executable = find_chromium()
    if executable is None:
        print(f"The benchmark needs Chromium: {INSTALL}")
        return 2
    project = Project()
    results: dict[str, dict[str, Any]] = {name: {} for name in SITES}
    with tempfile.TemporaryDirectory() as tmp, Printer(executable) as printer:
        default = default_project(project, Path(tmp) / "default")
        times = build_times(project, default, Path(tmp), args.runs, printer)
        folders = {
            SITES[0]: Path(tmp) / "0-mkdocs",
            SITES[1]: Path(tmp) / "0-zensical",
            SITES[2]: Path(tmp) / "0-default",
        }
        for name in SITES:
            loads = first_loads(folders[name], "/strategic-alliances/", executable)
            results[name] |= {
                "build_seconds_median": statistics.median(times[name]["html"]),
                "build_seconds_runs": times[name]["html"],
                "pdf_seconds_median": statistics.median(times[name]["pdf"])
                if times[name]["pdf"]
                else None,
                "pages": loads,
                "bytes_per_page_mean": statistics.mean(int(str(p["bytes"])) for p in loads),
                "requests_per_page_max": max(int(str(p["requests"])) for p in loads),
                "third_party_requests": sum(int(str(p["third_party"])) for p in loads),
            }
            pdf = folders[name] / "strategic-alliances.pdf"
            results[name]["pdf_bytes"] = pdf.stat().st_size if pdf.is_file() else None
            if not args.no_lighthouse and name != SITES[1]:
                results[name]["lighthouse_lowest"] = lighthouse(
                    folders[name], "/strategic-alliances/", executable
                )
    if not args.no_tests:
        results[SITES[0]]["test_suite_seconds"] = suite_time(project.root)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nFigures written to {args.output}")
    return 0


def cell(value: object, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(results: dict[str, dict[str, Any]]) -> str:
    get = [results[name] for name in SITES]
    rows = [
        ("HTML build, median (s)", [cell(r["build_seconds_median"], ".2f") for r in get]),
        ("PDF edition, median (s)", [cell(r.get("pdf_seconds_median"), ".2f") for r in get]),
        ("PDF edition (bytes)", [cell(r.get("pdf_bytes"), ",") for r in get]),
        (
            "bytes per page, first load, gzip (mean)",
            [cell(r["bytes_per_page_mean"], ",.0f") for r in get],
        ),
        ("requests per page, first load (max)", [str(r["requests_per_page_max"]) for r in get]),
        ("third-party requests, all pages", [str(r["third_party_requests"]) for r in get]),
    ]
    for form in ("mobile", "desktop"):
        for category in CATEGORIES:
            rows.append(
                (
                    f"Lighthouse {form} {category} (lowest page)",
                    [
                        cell(r.get("lighthouse_lowest", {}).get(form, {}).get(category), ".0f")
                        for r in get
                    ],
                )
            )
    if "test_suite_seconds" in get[0]:
        rows.append(("test suite (s)", [f"{get[0]['test_suite_seconds']:.1f}", "-", "-"]))
    width = max(len(r[0]) for r in rows)
    widths = [max(len(name), 8) for name in SITES]
    lines = [
        "| "
        + " | ".join(
            [f"{'figure':<{width}}", *(f"{n:>{w}}" for n, w in zip(SITES, widths, strict=True))]
        )
        + " |",
        "|" + "|".join(["-" * (width + 2), *("-" * (w + 2) for w in widths)]) + "|",
    ]
    lines += [
        "| "
        + " | ".join(
            [f"{label:<{width}}", *(f"{v:>{w}}" for v, w in zip(values, widths, strict=True))]
        )
        + " |"
        for label, values in rows
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
