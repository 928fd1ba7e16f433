"""MkDocs hooks (mkdocs.yml `hooks:`) for every MkDocs build and preview. Zensical runs none: under
it, sitebuild.sources refuses what on_config makes safe here."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitebuild.build import read_sources
from sitebuild.engines import TEMPLATES
from sitebuild.project import Project

log = logging.getLogger("mkdocs.plugins.sitebuild")  # MkDocs counts its warnings in strict mode


def escaped_nav(nav: Any) -> Any:
    if isinstance(nav, list):
        return [escaped_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {escape(title): escaped_nav(value) for title, value in nav.items()}
    return nav


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """MkDocs renders without autoescaping and Material prints the site name, nav titles and toggle
    names as they are, where a '"' would end an attribute and a '<' start markup: each becomes
    markupsafe.Markup of its escaped text, shown as written printed raw and left alone where a
    template escapes it (no partial is copied to add "| e"). The whole-essay extension is told
    where mkdocs.yml is, so a build needs no particular working folder."""
    config.site_name = escape(config.site_name)
    config.nav = escaped_nav(config.nav)
    palette = config.theme.get("palette") or []
    for option in palette if isinstance(palette, list) else [palette]:
        if isinstance(option.get("toggle"), dict) and "name" in option["toggle"]:
            option["toggle"]["name"] = escape(option["toggle"]["name"])
    whole_essay = config.mdx_configs.setdefault("sitebuild.whole_essay", {})
    whole_essay["config_file"] = config.config_file_path
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """In the preview (`extra.preview`, set by `python -m sitebuild serve`), every save runs the
    source checks again, as the preview's start did: each problem is a warning, which in strict
    mode stops that rebuild with the problem named, as a broken link does."""
    if config.extra.get("preview"):
        project = Project(Path(config.config_file_path).parent)
        for problem in read_sources(project, "mkdocs").problems:
            log.warning(problem)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # One bytecode cache per process, kept by sitebuild.engines: MkDocs loads this file per build.
    env.bytecode_cache = TEMPLATES
    return env


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    # The build's date (from SOURCE_DATE_EPOCH), not the clock's, leaving the environment alone.
    page.update_date = config.extra.get("build_date") or page.update_date
    return page
