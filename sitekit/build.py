"""Build the site with MkDocs, strictly, into a folder of the caller's choosing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sitekit.site import BuiltSite


class BuildFailed(Exception):
    """The strict build failed; the message carries MkDocs' own warnings and errors."""


@dataclass(frozen=True)
class SiteConfig:
    site_url: str
    moved_anchors: dict[str, str]  # "page/#old": "page/#new"
    redirect_maps: dict[str, str]  # "old.md": "new.md"


@dataclass(frozen=True)
class Build:
    site: BuiltSite
    config: SiteConfig
    log: str


def source_date_epoch(project: Path) -> str | None:
    """The last commit's time, so two builds of one commit are byte-identical."""
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True
    )
    return result.stdout.strip() or None if result.returncode == 0 else None


def build_env(project: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2; the pin handles it
    epoch = env.get("SOURCE_DATE_EPOCH") or source_date_epoch(project)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    env.update(extra or {})
    return env


def mkdocs_build(
    project: Path, site_dir: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None
) -> str:
    """Run `mkdocs build` as a user would; return its log. Never verbose: -v hides missing anchors
    from strict mode (mkdocs#3991)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", config, "-d", str(site_dir)],
        cwd=project,
        env=build_env(project, env),
        capture_output=True,
        text=True,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        problems = [line for line in log.splitlines() if not line.startswith("INFO")]
        raise BuildFailed(f"mkdocs build failed in {project}:\n" + "\n".join(problems))
    return log


def build(
    project: Path, site_dir: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None
) -> Build:
    """Build strictly and return the site with the settings the guards need."""
    log = mkdocs_build(project, site_dir, config, env)
    settings = site_config(project, config, env)
    return Build(BuiltSite(site_dir, settings.site_url), settings, log)


def site_config(
    project: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None
) -> SiteConfig:
    """What the guards need from mkdocs.yml, as MkDocs resolves it (SITE_URL wins over the file)."""
    code = (
        "import json, sys; from mkdocs.config import load_config; c = load_config(sys.argv[1]); "
        "p = c.plugins.get('redirects'); r = dict(p.config.items())['redirect_maps'] if p else {}; "
        "print(json.dumps([c.site_url, c.extra.get('moved_anchors') or {}, r]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, config],
        cwd=project,
        env=build_env(project, env),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BuildFailed(f"{project / config}: cannot be loaded:\n{result.stderr}")
    url, moved, redirects = json.loads(result.stdout.strip().splitlines()[-1])
    return SiteConfig(url, moved, redirects)
