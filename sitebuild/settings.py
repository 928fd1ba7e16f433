"""The build's settings from the environment, checked before anything is built.

SITE_URL and REPO_URL let a fork deploy unchanged (mkdocs.yml reads them with !ENV). A bad value
would otherwise build "successfully" with None in robots.txt or wrong canonical URLs, so each is
checked here and a failure names the variable and the value.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit


class SettingError(ValueError):
    """A setting that cannot be built with; the message names it and its value."""


def checked_url(name: str, value: str, *, trailing_slash: bool) -> str:
    """An absolute http(s) URL with a host and no query, fragment or empty path segment."""
    problem = url_problem(value)
    if problem:
        raise SettingError(f"{name}={value!r}: {problem}")
    if trailing_slash and not value.endswith("/"):
        value += "/"
    return value


def url_problem(value: str) -> str | None:
    if not value.strip():
        return "is empty; unset it to use mkdocs.yml's value, or give an https:// URL"
    if value != value.strip() or any(c.isspace() for c in value):
        return "contains white space"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        return "must be an absolute http:// or https:// URL, e.g. https://owner.github.io/repo/"
    if not parts.hostname:
        return "has no host"
    if parts.query or value.endswith("?"):
        return "must not carry a query string ('?...')"
    if parts.fragment or "#" in value:
        return "must not carry a fragment ('#...')"
    if "//" in parts.path:
        return "has an empty path segment ('//')"
    if parts.username or parts.password:
        return "must not carry a user name or password"
    return None


# The variables mkdocs.yml reads with !ENV, and whether the URL names a folder (site_url does:
# every page URL is joined to it).
URL_VARIABLES = {"SITE_URL": True, "REPO_URL": False}


def build_environment(
    root: Path, overrides: Mapping[str, str] | None = None, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment every build runs in, whoever starts it: the checked URL variables, and
    SOURCE_DATE_EPOCH from the last commit so two builds of one commit are byte-identical."""
    env = dict(os.environ if base is None else base)
    env.update(overrides or {})
    for name, folder in URL_VARIABLES.items():
        if name in env:
            env[name] = checked_url(name, env[name], trailing_slash=folder)
    if not env.get("SOURCE_DATE_EPOCH"):
        env["SOURCE_DATE_EPOCH"] = last_commit_time(root)
    elif not env["SOURCE_DATE_EPOCH"].isdigit():
        raise SettingError(
            f"SOURCE_DATE_EPOCH={env['SOURCE_DATE_EPOCH']!r}: must be whole seconds since 1970"
        )
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2; the pin <2 handles it
    return env


def last_commit_time(root: Path) -> str:
    """The last commit's time; outside a git checkout, 0, so the output still never depends on
    the clock (a build of a tarball says 1970 rather than today)."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        return "0"
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "0"
