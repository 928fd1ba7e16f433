"""The two engines that turn docs/ into HTML: MkDocs with Material (the primary), in this process
with the build's settings as values, and Zensical (Material's successor), as its own command with
the build's environment. Everything else is done around them by sitebuild.build, alike for both."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import uuid
from logging.handlers import BufferingHandler
from pathlib import Path
from typing import Literal, get_args

from jinja2 import BytecodeCache, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.bccache import Bucket

from sitebuild.config import Settings
from sitebuild.problems import BuildError
from sitebuild.project import ROOT, Project

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = get_args(Engine)


def checked_engine(value: str) -> Engine:
    if value in ENGINES:
        return value
    raise BuildError([f"ENGINE={value!r}: must be one of {', '.join(ENGINES)} [engine-name]"])


class _Cache(BytecodeCache):
    """In memory, by template name (Jinja ships caches on disk and in memcached, keyed by file):
    Jinja recompiles a template whose source changed, so copies of the project share the rest."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return name

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


# What Zensical's output says went wrong: a diagnostic ("Warning: anchor does not exist", then
# "╭─[ page.md:14:18 ]"), or the line a traceback ends on ("TypeError: ..."), colours taken out.
ERROR_LINE = re.compile(r"(\w+\.)*\w*(Error|Exception|Warning): ")
AT = re.compile(r"─\[ (.+?) \]")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def zensical_problems(output: str) -> list[str]:
    """Each problem Zensical reported, at the page and line it names, else its last lines."""
    said, found = ANSI.sub("", output).strip().splitlines(), list[list[str]]()  # [where, what]
    for line in said:
        if ERROR_LINE.match(line):
            found.append(["mkdocs.yml", line])
        elif (at := AT.search(line)) and found:
            found[-1][0] = f"docs/{at.group(1)}"
    found = found or [["mkdocs.yml", line] for line in said[-5:] or ["built nothing"]]
    return [f"{where}: zensical: {what} [engine]" for where, what in found]


TEMPLATES = _Cache()  # sitebuild/mkdocs_hooks.py gives it to every MkDocs build in this process


def build_mkdocs(
    project: Project, settings: Settings, site_dir: Path, strict: bool, extra: dict[str, str]
) -> None:
    """`mkdocs build`, in process: the URLs as our reading of mkdocs.yml resolved them (load_config
    drops a None), the date and derived values as `extra` (sitebuild/mkdocs_hooks.py)."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    urls = {"site_url": settings.site_url, "repo_url": settings.repo_url, "site_dir": str(site_dir)}
    log, collect = logging.getLogger("mkdocs"), BufferingHandler(capacity=10_000)
    collect.setLevel(logging.WARNING)  # what strict mode fails on, kept for the message
    log.addHandler(collect)
    try:
        config = load_config(str(project.config_file), strict=strict, **urls)
        config.extra.update(extra)
        build(config)
    except (exceptions.MkDocsException, exceptions.Abort) as error:
        lines = [*(f"{r.levelname}: {r.getMessage()}" for r in collect.buffer), f"mkdocs: {error}"]
        raise BuildError(f"mkdocs.yml: {line} [engine]" for line in lines) from None
    except TemplateSyntaxError as error:  # a template in overrides/ that Jinja cannot read
        where = project.relative(Path(error.filename)) if error.filename else error.name
        raise BuildError([f"{where}:{error.lineno}: {error.message} [template]"]) from None
    except TemplateNotFound as error:
        missing = f"a template uses {error.name!r}, which neither overrides/ nor the theme holds"
        raise BuildError([f"overrides/: {missing} [template]"]) from None
    except TemplateError as error:
        raise BuildError([f"overrides/: {type(error).__name__}: {error} [template]"]) from None
    finally:
        log.removeHandler(collect)


def zensical_config(path: Path, extra: dict[str, str], site_dir: str) -> None:
    """A configuration inheriting mkdocs.yml (Zensical merges it), with `extra` and the folder."""
    lines = ["INHERIT: mkdocs.yml", f"site_dir: {json.dumps(site_dir)}", "extra:"]
    lines += [f"  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def zensical(
    project: Project, env: dict[str, str], *args: str, capture: bool = False
) -> subprocess.CompletedProcess[str]:
    """Zensical's own command in the project's folder (it reads !ENV and the working folder
    itself), with the build's environment and this checkout's extension importable."""
    command, env = [sys.executable, "-m", "zensical", *args], env | {"PYTHONPATH": str(ROOT)}
    return subprocess.run(
        command, cwd=project.root, env=env, capture_output=capture, text=True, check=False
    )


def serve_zensical(project: Project, env: dict[str, str], extra: dict[str, str], addr: str) -> None:
    """`zensical serve` until Ctrl-C, into a scratch folder as `mkdocs serve` builds into one
    (site/ may hold a build under test); its files are removed however it ends."""
    config, scratch = project.root / ".zensical-serve.yml", project.root / ".zensical-serve"
    zensical_config(config, extra, scratch.name)
    try:
        zensical(project, env, "serve", "-f", config.name, "-a", addr)
    except KeyboardInterrupt:
        pass  # Zensical stops on the same Ctrl-C
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)


def build_zensical(
    project: Project, env: dict[str, str], site_dir: Path, strict: bool, extra: dict[str, str]
) -> None:
    """`zensical build`: it writes only inside the project, so its folder is moved to `site_dir`."""
    scratch = f".zensical-{uuid.uuid4().hex[:8]}"
    config = project.root / f"{scratch}.yml"
    zensical_config(config, extra, scratch)
    strictly = ["--strict"] if strict else []
    try:
        ran = zensical(project, env, "build", "--clean", "-f", config.name, *strictly, capture=True)
        built = project.root / scratch
        if ran.returncode != 0 or not (built / "index.html").is_file():
            raise BuildError(zensical_problems(ran.stdout + ran.stderr))
        shutil.rmtree(site_dir, ignore_errors=True)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, site_dir)
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(project.root / scratch, ignore_errors=True)


def template_folders(engine: Engine, project: Project) -> list[Path]:
    """Where the theme looks up a template or an icon: the project's overrides/, then its own."""
    if engine == "zensical":
        import zensical as theme
    else:
        import material as theme  # type: ignore[no-redef]
    return [project.overrides, Path(theme.__file__).parent / "templates"]
