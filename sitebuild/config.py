"""The build's settings: its environment (SITE_URL and REPO_URL let a fork deploy unchanged;
SOURCE_DATE_EPOCH dates it) and mkdocs.yml, !ENV resolved as MkDocs does, all checked before
anything is built: a bad value would otherwise build "successfully", with wrong canonical URLs."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from sitebuild.problems import BuildError, refuse

# The variables mkdocs.yml reads with !ENV, and whether the URL names a folder (page URLs join it).
URL_VARIABLES = {"SITE_URL": True, "REPO_URL": False}
UNSAFE = set('"<>\\^`{|}')  # what no URL holds as it is; the theme prints URLs into its markup


def unsafe_characters(label: str, value: str) -> Iterator[str]:
    """Characters no URL holds as they are, which the theme would print into its markup."""
    if unsafe := "".join(sorted(set(value) & UNSAFE)):
        yield f"{label}: holds {unsafe!r}, which no URL holds as they are (the theme would print them into its markup); percent-encode them [url-character]"


def url_problems(label: str, value: str) -> Iterator[str]:
    """An absolute http(s) URL with a host and no query, fragment, empty segment, password or
    character a URL must percent-encode."""
    parts = urlsplit(value)
    if not value.strip():
        yield f"{label}: is empty; unset it, or give an https:// URL [url-empty]"
    elif any(c.isspace() for c in value):
        yield f"{label}: contains white space [url-space]"
    elif unsafe := list(unsafe_characters(label, value)):
        yield from unsafe
    elif parts.scheme not in ("http", "https"):
        yield f"{label}: must be an absolute http(s) URL, like https://owner.github.io/repo/ [url-scheme]"
    elif not parts.hostname:
        yield f"{label}: has no host [url-host]"
    elif "?" in value:
        yield f"{label}: must not carry a query string ('?...') [url-query]"
    elif "#" in value:
        yield f"{label}: must not carry a fragment ('#...') [url-fragment]"
    elif "//" in parts.path:
        yield f"{label}: has an empty path segment ('//') [url-segment]"
    elif parts.username or parts.password:
        yield f"{label}: must not carry a user name or password [url-password]"


def environment(root: Path, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a build runs in: os.environ with `overrides`, the URL variables checked,
    SOURCE_DATE_EPOCH from the last commit unless given (so one commit builds to the same bytes)."""
    env = dict(os.environ) | dict(overrides or {})
    given = [name for name in URL_VARIABLES if name in env]
    refuse(p for name in given for p in url_problems(f"{name}={env[name]!r}", env[name]))
    for name in given:  # a folder ends with one '/', a repository with none (Zensical doubles it)
        env[name] = env[name].rstrip("/") + ("/" if URL_VARIABLES[name] else "")
    epoch = env.get("SOURCE_DATE_EPOCH")
    if not epoch:  # the last commit's time; outside a git checkout 0, never the clock's
        git = ["git", "log", "-1", "--format=%ct"]
        log = subprocess.run(git, cwd=root, capture_output=True, text=True, check=False)
        epoch = (log.stdout.strip() if log.returncode == 0 else "") or "0"
    if not epoch.isdigit():
        refuse([f"SOURCE_DATE_EPOCH={epoch!r}: must be whole seconds since 1970 [epoch]"])
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2; the pin <2 handles it
    return env | {"SOURCE_DATE_EPOCH": epoch}


def load_yaml(path: Path, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """mkdocs.yml as data: !ENV resolved from `env` (os.environ if None) as MkDocs resolves it
    (`!ENV [NAME, ..., default]`); tags only MkDocs knows (!relative, !!python/...) read as None."""
    environ = os.environ if env is None else env

    class Loader(yaml.SafeLoader):
        pass

    def from_env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        scalar = isinstance(node, yaml.ScalarNode)
        names = [loader.construct_scalar(node)] if scalar else loader.construct_sequence(node)  # type: ignore[arg-type]
        default = names.pop() if len(names) > 1 else None
        return next((environ[str(name)] for name in names if name in environ), default)

    Loader.add_constructor("!ENV", from_env)
    Loader.add_multi_constructor("!", lambda *_: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as error:
        raise BuildError([f"{path.name}: is not valid YAML: {error} [config-yaml]"]) from None
    if not isinstance(loaded, dict):
        raise BuildError([f"{path.name}: must be a mapping of settings [config-mapping]"])
    return loaded


@dataclass(frozen=True)
class Settings:
    """What the build, the published files and the guards need from mkdocs.yml."""

    values: dict[str, Any]  # the whole file, !ENV resolved
    site_name: str
    site_description: str
    site_url: str  # ends with '/'
    repo_url: str | None
    pdf: str  # the PDF edition's file name, at the site's root
    moved_anchors: dict[str, str]  # "page/#old": "page/#new"
    redirect_maps: dict[str, str]  # "old.md": "new.md"


def read_settings(config_file: Path, env: Mapping[str, str]) -> Settings:
    values = load_yaml(config_file, env)
    name = config_file.name
    site_url = str(values.get("site_url") or "")
    extra = values.get("extra") or {}
    pdf = extra.get("pdf")
    if "INHERIT" in values:  # MkDocs and Zensical would merge settings this reading never sees
        refuse([f"{name}: INHERIT: write the settings in {name} itself, not inherited [inherit]"])
    if not str(values.get("site_name") or "").strip():
        refuse([f"{name}: site_name is empty; it names the site in every page's title [site-name]"])
    refuse(url_problems(f"{name}: site_url {site_url!r} (or set SITE_URL)", site_url))
    if repo_url := str(values.get("repo_url") or ""):
        refuse(url_problems(f"{name}: repo_url {repo_url!r} (or set REPO_URL)", repo_url))
    refuse(unsafe_characters(f"{name}: edit_uri", str(values.get("edit_uri") or "")))
    if not isinstance(pdf, str) or not re.fullmatch(r"[\w.-]+\.pdf", pdf):  # printed into links
        refuse([f"{name}: extra.pdf must be a plain file name, like essay.pdf [pdf-name]"])
    plugins = [p for p in values.get("plugins") or [] if isinstance(p, dict)]
    redirects = next((p["redirects"] for p in plugins if "redirects" in p), None) or {}
    return Settings(
        values=values,
        site_name=str(values.get("site_name") or ""),
        site_description=" ".join(str(values.get("site_description") or "").split()),
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        repo_url=str(values["repo_url"]) if values.get("repo_url") else None,
        pdf=str(pdf),
        moved_anchors=mapping(extra.get("moved_anchors"), f"{name}: extra.moved_anchors"),
        redirect_maps=mapping(redirects.get("redirect_maps"), f"{name}: redirect_maps"),
    )


def mapping(value: object, label: str) -> dict[str, str]:
    """A map of moves, as text; its entries are checked with the pages (sitebuild.sources)."""
    if value is not None and not isinstance(value, dict):
        refuse([f"{label}: must be a mapping of 'old': 'new' entries [map-mapping]"])
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
