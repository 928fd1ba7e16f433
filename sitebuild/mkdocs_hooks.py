"""MkDocs hooks (mkdocs.yml `hooks:`), for every MkDocs build and preview. Zensical runs none:
under it, sitebuild.sources refuses what on_config makes safe here.

- on_config: MkDocs renders templates without autoescaping, and Material prints the site name,
  nav titles and palette toggle names as they are, so a '"' would end an attribute and a '<'
  start markup. Each becomes markupsafe.Markup of its escaped text before the theme sees it:
  printed raw it shows exactly as written, and where a template escapes it ("| e") it is left
  alone. (No partial is copied to add "| e".) It also tells the whole-essay extension where
  mkdocs.yml is, so a build needs no particular working folder.
- on_env: one Jinja bytecode cache per process, so a build compiles the theme's templates once.
- on_pre_page: each page's date is the build's (extra.build_date, from SOURCE_DATE_EPOCH) rather
  than the clock's, without touching the process's environment.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitebuild.engines import TEMPLATES


def escaped_nav(nav: Any) -> Any:
    if isinstance(nav, list):
        return [escaped_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {escape(title): escaped_nav(value) for title, value in nav.items()}
    return nav


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.site_name = escape(config.site_name)
    config.nav = escaped_nav(config.nav)
    palette = config.theme.get("palette") or []
    for option in palette if isinstance(palette, list) else [palette]:
        if isinstance(option.get("toggle"), dict) and "name" in option["toggle"]:
            option["toggle"]["name"] = escape(option["toggle"]["name"])
    config.mdx_configs.setdefault("sitebuild.whole_essay", {})["config_file"] = (
        config.config_file_path
    )
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = (
        TEMPLATES  # kept by sitebuild.engines: MkDocs loads this file anew per build
    )
    return env


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    page.update_date = config.extra.get("build_date") or page.update_date
    return page
