"""Build time and first-load weight of this site beside a default Material site of the same essay
(an mkdocs.yml with only `site_name` and `theme: material`, the essay's seed as docs/index.md).

Build time: the median of RUNS builds, the sites taking turns. Weight, per page: the HTML and each
file it loads (stylesheets, icon, scripts, images, url()s in stylesheets), gzip'd, each once, as
on a first visit; not what scripts fetch later, nor other hosts' files, which count as requests."""

import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5  # builds per site, for the median
LOADS = "//link[@rel='stylesheet' or @rel='icon']/@href | //script/@src | //img/@src"
BUILD = [sys.executable, "-m", "mkdocs", "build", "--site-dir"]  # as `make build` runs it
HOST = "site.invalid"  # a page's URL is http://site.invalid/<page>/, to resolve what it loads


def first_load(site: Path, page: Path) -> tuple[int, int]:
    """Gzip'd bytes of a page and of all it loads, each once, and its requests to other hosts."""
    urls = [f"http://{HOST}/{page.relative_to(site).as_posix().removesuffix('index.html')}"]
    size = 0
    for url in urls:  # grows by what each of this site's files loads
        if urlsplit(url).netloc == HOST:
            file = site / urlsplit(url).path.lstrip("/")
            file = file / "index.html" if file.is_dir() else file
            data = file.read_bytes()
            size += len(gzip.compress(data, compresslevel=6))
            links = html.fromstring(data).xpath(LOADS) if file.suffix == ".html" else []
            if file.suffix == ".css":  # a stylesheet loads its url()s: fonts, images, stylesheets
                links = re.findall(r"""url\(\s*['"]?([^'")]+)""", data.decode("utf-8"))
            loaded = [urljoin(url, link) for link in links if not link.startswith("data:")]
            urls += [link for link in dict.fromkeys(loaded) if link not in urls]
    return size, sum(urlsplit(url).netloc != HOST for url in urls)


os.environ["NO_MKDOCS_2_WARNING"] = "1"  # as the Makefile exports it
rows: dict[str, dict[str, str]] = {}
with tempfile.TemporaryDirectory() as tmp:
    default = Path(tmp, "default")
    (default / "docs").mkdir(parents=True)
    (default / "mkdocs.yml").write_text("site_name: Strategic Alliances\ntheme: material\n")
    shutil.copy(ROOT / "seeds" / "strategic-alliances.md", default / "docs" / "index.md")
    sites = {"this site": ROOT, "default Material": default}
    seconds: dict[str, list[float]] = {name: [] for name in sites}
    for _ in range(RUNS):  # the sites take turns
        for name, src in sites.items():
            started = time.perf_counter()
            subprocess.run([*BUILD, f"{tmp}/{name}"], cwd=src, check=True, capture_output=True)
            seconds[name].append(time.perf_counter() - started)
    for name in sites:
        loads = [first_load(Path(tmp, name), page) for page in Path(tmp, name).rglob("index.html")]
        sizes = [size / 1024 for size, _ in loads]
        rows[name] = {
            f"mkdocs build, median of {RUNS} (s)": f"{statistics.median(seconds[name]):.2f}",
            "pages": str(len(loads)),
            "first load per page, gzip, mean (KiB)": f"{statistics.mean(sizes):.1f}",
            "first load per page, gzip, max (KiB)": f"{max(sizes):.1f}",
            "requests to other hosts per page (max)": str(max(foreign for _, foreign in loads)),
        }
width = max(map(len, rows["this site"]))
print(" " * width, *(f"{name:>16}" for name in rows), sep="  ")
for figure in rows["this site"]:
    print(f"{figure:{width}}", *(f"{row[figure]:>16}" for row in rows.values()), sep="  ")
