"""Benchmark this site beside a default Material site of the same essay, built in the same run.

    python -m sitekit.benchmark [--runs 5] [--no-lighthouse] [--no-tests]

Prints a table and writes benchmark-results.json. Figures to read, never test assertions.
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

from playwright.sync_api import sync_playwright

from sitekit import ROOT
from sitekit.browser import FLAGS, INSTALL, Watch, chromium
from sitekit.build import build, mkdocs_build, site_config
from sitekit.pages_server import PagesServer
from sitekit.site import BuiltSite

LIGHTHOUSE = ROOT / "benchmark" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo", "agentic-browsing"]


def default_project(destination: Path) -> Path:
    """The same essay's pages under Material's defaults: a minimal mkdocs.yml, no overrides."""
    (destination / "docs").mkdir(parents=True)
    for page in (ROOT / "docs").glob("*.md"):
        text = re.sub(r"^template: .*\n", "", page.read_text(encoding="utf-8"), flags=re.M)
        (destination / "docs" / page.name).write_text(text, encoding="utf-8")
    site_url = site_config(ROOT).site_url
    (destination / "mkdocs.yml").write_text(
        f"site_name: Strategic Alliances\nsite_url: {site_url}\ntheme:\n  name: material\n"
        "markdown_extensions:\n  - attr_list  # the pages' { #id } headings\n"
    )
    return destination


def build_times(projects: dict[str, Path], out: Path, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in projects}
    for run in range(runs):  # alternate, so drift on a noisy machine hits both alike
        for name, project in projects.items():
            started = time.perf_counter()
            mkdocs_build(project, out / f"{name}-{run}")
            times[name].append(time.perf_counter() - started)
    return times


def first_loads(site: BuiltSite, executable: str) -> list[dict[str, object]]:
    """Each page on a cold cache: requests, compressed bytes, and requests to other hosts."""
    results = []
    with PagesServer(site.root, site.base_path) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        for page_file in sorted(site.pages):
            watch = Watch(server.origin)
            context = browser.new_context(extra_http_headers={"Accept-Encoding": "gzip"})
            watch.attach(context)
            before = len(server.requests)
            context.new_page().goto(
                server.origin + site.url_path(page_file), wait_until="networkidle"
            )
            context.close()
            sent = server.requests[before:]
            results.append({
                "page": "/" + site.page_path(page_file),
                "requests": len(sent) + len(watch.foreign),
                "bytes": sum(size for _, size in sent),
                "third_party": len(watch.foreign),
            })  # fmt: skip
        browser.close()
    return results


def lighthouse(site: BuiltSite, executable: str) -> dict[str, dict[str, float]]:
    """Lowest score over the pages, per form factor and category (0-100)."""
    scores: dict[str, dict[str, float]] = {}
    with PagesServer(site.root, site.base_path) as server, tempfile.TemporaryDirectory() as tmp:
        for form in ("mobile", "desktop"):
            lowest = dict.fromkeys(CATEGORIES, 100.0)
            for page_file in sorted(site.pages):
                report = Path(tmp) / "report.json"
                command = [
                    str(LIGHTHOUSE), server.origin + site.url_path(page_file), "--quiet",
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


def suite_time() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        check=False,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="builds per site for the median")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-tests", action="store_true", help="skip timing the test suite")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmark-results.json")
    args = parser.parse_args()
    executable = chromium()
    if executable is None:
        print(f"The benchmark needs Chromium: {INSTALL}")
        return 2
    results: dict[str, dict[str, object]] = {"this site": {}, "default Material": {}}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {"this site": ROOT, "default Material": default_project(Path(tmp) / "default")}
        times = build_times(projects, Path(tmp), args.runs)
        for name, project in projects.items():
            site = build(project, Path(tmp) / f"{name}-final").site
            loads = first_loads(site, executable)
            results[name] |= {
                "build_seconds_median": statistics.median(times[name]),
                "build_seconds_runs": times[name],
                "pages": loads,
                "bytes_per_page_mean": statistics.mean(int(p["bytes"]) for p in loads),  # type: ignore[call-overload]
                "requests_per_page_max": max(int(p["requests"]) for p in loads),  # type: ignore[call-overload]
                "third_party_requests": sum(int(p["third_party"]) for p in loads),  # type: ignore[call-overload]
            }
            if not args.no_lighthouse:
                results[name]["lighthouse_lowest"] = lighthouse(site, executable)
    if not args.no_tests:
        results["this site"]["test_suite_seconds"] = suite_time()
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nFigures written to {args.output}")
    return 0


def table(results: dict[str, dict[str, object]]) -> str:
    ours, default = results["this site"], results["default Material"]
    rows = [
        ("build time, median (s)", f"{ours['build_seconds_median']:.2f}", f"{default['build_seconds_median']:.2f}"),
        ("bytes per page, first load, gzip (mean)", f"{ours['bytes_per_page_mean']:,.0f}", f"{default['bytes_per_page_mean']:,.0f}"),
        ("requests per page, first load (max)", str(ours["requests_per_page_max"]), str(default["requests_per_page_max"])),
        ("third-party requests, all pages", str(ours["third_party_requests"]), str(default["third_party_requests"])),
    ]  # fmt: skip
    for form in ("mobile", "desktop"):
        for name in CATEGORIES:
            if "lighthouse_lowest" in ours:
                lowest = (
                    ours["lighthouse_lowest"][form][name],
                    default["lighthouse_lowest"][form][name],
                )  # type: ignore[index]
                rows.append(
                    (
                        f"Lighthouse {form} {name} (lowest page)",
                        f"{lowest[0]:.0f}",
                        f"{lowest[1]:.0f}",
                    )
                )
    if "test_suite_seconds" in ours:
        rows.append(("test suite (s)", f"{ours['test_suite_seconds']:.1f}", "-"))
    width = max(len(r[0]) for r in rows)
    lines = [
        f"| {'figure':<{width}} | this site | default Material |",
        f"|{'-' * (width + 2)}|-----------|------------------|",
    ]
    lines += [f"| {a:<{width}} | {b:>9} | {c:>16} |" for a, b, c in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
