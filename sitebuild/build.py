"""The one way the site is built. `make build`, the deploy, the tests and the benchmark all come
through `build()`, with the same environment and the same steps:

1. settings: SITE_URL/REPO_URL checked, SOURCE_DATE_EPOCH from the last commit;
2. sources: the checks in sitebuild.sources (front matter, ids, navigation, roles, links out);
3. engine: MkDocs (default) or Zensical turns docs/ into HTML;
4. published files: robots.txt, llms.txt and objects.inv (sitebuild.published);
5. the PDF edition, printed from the whole-essay page by Chromium (sitebuild.pdf).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitebuild import engines, sources
from sitebuild import pdf as edition
from sitebuild.engines import Engine
from sitebuild.pages import Table, TableError, read_table
from sitebuild.pdf import Printer
from sitebuild.project import Project
from sitebuild.published import BuildError, Settings, write_all
from sitebuild.settings import SettingError, build_environment, url_problem


@dataclass(frozen=True)
class Built:
    project: Project
    site_dir: Path
    engine: Engine
    table: Table
    settings: Settings
    environment: dict[str, str] = field(repr=False)
    warnings: list[str] = field(default_factory=list)  # what a strict build would have failed on
    seconds: dict[str, float] = field(default_factory=dict)  # time per step, for the benchmark


@contextmanager
def environment(env: Mapping[str, str], cwd: Path) -> Iterator[None]:
    """Run in-process as `cd project && env ... build` would: engines read os.environ (!ENV in
    mkdocs.yml, SOURCE_DATE_EPOCH) and resolve Markdown extension paths from the working folder."""
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def build(
    project: Project,
    site_dir: Path,
    *,
    engine: Engine = "mkdocs",
    env: Mapping[str, str] | None = None,
    strict: bool = True,
    pdf: bool | Printer = True,
) -> Built:
    """Build `project` into `site_dir`. `pdf` is True (print with a Chromium of its own), a
    running sitebuild.pdf.Printer to reuse, or False to leave the PDF edition out (benchmarks of
    the HTML build only; the site then links to a file that is not there)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    try:
        environ = build_environment(project.root, env)
    except SettingError as error:
        raise BuildError(str(error)) from None
    site_dir = site_dir.resolve()
    with environment(environ, project.root):
        config = load_settings(project, site_dir, strict)
        settings = read_settings(project, config)
        try:
            table = read_table(project.config_file)
        except TableError as error:
            raise BuildError(str(error)) from None
        problems = sources.problems(project, table, engines.icon_sets(engine, project))
        derived = derived_extra(table)
        config.extra.update(derived)
        links_out = [p for p in problems if "symbolic link" in p]
        if links_out or (problems and strict):
            raise BuildError("\n".join(problems))
        seconds["checks"] = time.perf_counter() - started
        step = time.perf_counter()
        if engine == "mkdocs":
            warnings = engines.build_mkdocs_config(config)
        else:
            warnings = engines.build_zensical(project, site_dir, strict, derived)
        seconds["engine"] = time.perf_counter() - step
        step = time.perf_counter()
        write_all(site_dir, table, settings)
        seconds["published files"] = time.perf_counter() - step
    if pdf is not False:
        step = time.perf_counter()
        edition.write(site_dir, table, settings, environ, printer=None if pdf is True else pdf)
        seconds["pdf"] = time.perf_counter() - step
    seconds["total"] = time.perf_counter() - started
    return Built(project, site_dir, engine, table, settings, environ, problems + warnings, seconds)


def derived_extra(table: Table) -> dict[str, str]:
    """Values the templates need that are facts of the table, given to either engine as `extra`
    settings rather than written twice: the essay's title (the introduction's heading), which
    every printed sheet carries."""
    intro = table.one("introduction")
    return {"essay_title": intro.title.text} if intro and intro.title else {}


def describe(project: Project, site_dir: Path, env: Mapping[str, str] | None = None) -> Built:
    """What `build` would have returned for a folder built earlier with the same sources and
    environment (the tests check a deploy's folder this way: SITE_DIR=site make test)."""
    if not (site_dir / "index.html").is_file():
        raise BuildError(f"{site_dir}: holds no built site (no index.html); run `make build` first")
    try:
        environ = build_environment(project.root, env)
    except SettingError as error:
        raise BuildError(str(error)) from None
    with environment(environ, project.root):
        settings = read_settings(project, load_settings(project, site_dir.resolve(), True))
        table = read_table(project.config_file)
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    engine: Engine = "zensical" if 'name="generator" content="zensical' in home else "mkdocs"
    return Built(project, site_dir.resolve(), engine, table, settings, environ)


def load_settings(project: Project, site_dir: Path, strict: bool) -> Any:
    """mkdocs.yml as MkDocs resolves it (!ENV included): read once per build, in process."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    try:
        return load_config(str(project.config_file), site_dir=str(site_dir), strict=strict)
    except exceptions.ConfigurationError as error:
        raise BuildError(f"{project.relative(project.config_file)}: {error}") from None


def read_settings(project: Project, config: Any) -> Settings:
    name = project.relative(project.config_file)
    site_url = config.site_url or ""
    problem = url_problem(site_url)
    if problem:
        raise BuildError(f"{name}: site_url {site_url!r} {problem} (or set SITE_URL)")
    if not site_url.endswith("/"):
        site_url += "/"
    extra = config.extra
    pdf = extra.get("pdf")
    if not isinstance(pdf, str) or "/" in pdf or not pdf.endswith(".pdf"):
        raise BuildError(f"{name}: extra.pdf must name the PDF edition's file, e.g. essay.pdf")
    moved = extra.get("moved_anchors") or {}
    if not isinstance(moved, dict):
        raise BuildError(f"{name}: extra.moved_anchors must map 'page/#old' to 'page/#new'")
    plugin = config.plugins.get("redirects")
    redirects = dict(plugin.config.items()).get("redirect_maps", {}) if plugin else {}
    return Settings(
        site_name=str(config.site_name),
        site_description=str(config.site_description or ""),
        site_url=site_url,
        moved_anchors={str(k): str(v) for k, v in moved.items()},
        redirect_maps={str(k): str(v) for k, v in (redirects or {}).items()},
        pdf=pdf,
    )
