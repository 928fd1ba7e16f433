"""Values are text. Material prints the site name and description, nav titles, toggle names and a
page's front-matter title, subtitle and description raw (MkDocs does not autoescape), where a '"'
ends an attribute and a '<' starts markup. Each becomes markupsafe's Markup of its escaped text
before the theme sees it: printed raw or through "| e", it shows as written, so no partial is
copied to add "| e". (Jinja's autoescape would do it, but Material's templates assume it is off.)"""

from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def escaped_nav(nav: Any) -> Any:
    if isinstance(nav, dict):
        return {escape(title): escaped_nav(value) for title, value in nav.items()}
    return [escaped_nav(item) for item in nav] if isinstance(nav, list) else nav


def on_config(config: MkDocsConfig) -> None:
    config.site_name = escape(config.site_name)
    if config.site_description:
        config.site_description = escape(config.site_description)
    config.nav = escaped_nav(config.nav)
    palette = config.theme.get("palette") or []
    for option in palette if isinstance(palette, list) else [palette]:
        if isinstance(option.get("toggle"), dict) and "name" in option["toggle"]:
            option["toggle"]["name"] = escape(option["toggle"]["name"])


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for key in ("title", "subtitle", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return markdown
