"""Build time and first-load weight of this site beside a default Material site of the same essay.

    python -m benchmark [--runs 5]        (make bench)

The default site is a throwaway project: an mkdocs.yml with only `site_name` and `theme: material`,
and the essay's seed (seeds/strategic-alliances.md) as docs/index.md: the same text on one page,
without this site's overrides, hooks, extensions, CSS or JavaScript, so the table shows their cost.
Build time: the median of `--runs` `mkdocs build`s in subprocesses, the sites taking turns so that
a busy machine slows both alike. Weight, per page: the HTML and each file it loads (stylesheets,
icon, scripts, images, url()s in the stylesheets) read from the built folder, gzip'd (level 6, as a
server sends text), each once a page, as on a first visit; not what scripts fetch later (the search
index, on both sites), nor other hosts' files, which count as requests. Figures to read, no test's.
"""

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html

ROOT = Path(__file__).resolve().parent.parent
LOADS = "//link[@rel='stylesheet' or @rel='icon']/@href | //script/@src | //img/@src"
SEED = ROOT / "seeds" / "strategic-alliances.md"
HOST = "site.invalid"  # a page's URL is http://site.invalid/<page>/, to resolve what it loads


def build(project: Path, site_dir: Path) -> float:
    """Seconds for one `mkdocs build`, Python's start included, as `make build` runs it."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    started = time.perf_counter()
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def loads(site: Path, url: str, seen: set[str]) -> tuple[int, int]:
    """Gzip'd bytes and requests to other hosts of the file at `url` and all it loads, once each."""
    path = urlsplit(url).path.removeprefix("/")
    file = site / (path + "index.html" if path.endswith("/") or not path else path)
    data, links = file.read_bytes(), []
    if file.suffix == ".html":
        links = [str(link) for link in html.fromstring(data).xpath(LOADS)]
    elif file.suffix == ".css":
        links = re.findall(r"""url\(\s*['"]?([^'")]+)""", data.decode("utf-8"))
    size, foreign = len(gzip.compress(data, compresslevel=6)), 0
    for link in {urljoin(url, link) for link in links if not link.startswith("data:")} - seen:
        seen.add(link)
        more = loads(site, link, seen) if urlsplit(link).netloc == HOST else (0, 1)
        size, foreign = size + more[0], foreign + more[1]
    return size, foreign


def weigh(site: Path) -> dict[str, str]:
    pages = [p.relative_to(site).as_posix() for p in sorted(site.rglob("index.html"))]
    weights = [
        loads(site, f"http://{HOST}/" + page.removesuffix("index.html"), set()) for page in pages
    ]
    sizes, foreign = [size / 1024 for size, _ in weights], [count for _, count in weights]
    return {
        "pages": str(len(pages)),
        "first load per page, gzip, mean (KiB)": f"{statistics.mean(sizes):.1f}",
        "first load per page, gzip, max (KiB)": f"{max(sizes):.1f}",
        "requests to other hosts per page (max)": str(max(foreign)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per site, for the median")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        default = Path(tmp, "default")
        (default / "docs").mkdir(parents=True)
        (default / "mkdocs.yml").write_text("site_name: Strategic Alliances\ntheme: material\n")
        (default / "docs" / "index.md").write_bytes(SEED.read_bytes())
        sites = {"this site": ROOT, "default Material": default}
        seconds: dict[str, list[float]] = {name: [] for name in sites}
        for _ in range(runs):
            for name, project in sites.items():
                seconds[name].append(build(project, Path(tmp, name)))
        timed = {name: f"{statistics.median(times):.2f}" for name, times in seconds.items()}
        rows = {name: {f"mkdocs build, median of {runs} (s)": timed[name]} for name in sites}
        for name in sites:
            rows[name] |= weigh(Path(tmp, name))
    width = max(map(len, next(iter(rows.values()))))
    print(f"{'':{width}}  " + "  ".join(f"{name:>16}" for name in rows))
    for figure in next(iter(rows.values())):
        print(f"{figure:{width}}  " + "  ".join(f"{row[figure]:>16}" for row in rows.values()))


if __name__ == "__main__":
    main()
