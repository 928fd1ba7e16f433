"""The two engines that read mkdocs.yml, run in this process: MkDocs with Material (the primary)
and Zensical (Material's successor). Each turns docs/ into HTML in a folder; everything else the
site promises is done around them by sitebuild.build, the same for both."""

from __future__ import annotations

import json
import logging
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, get_args

from sitebuild.project import Project
from sitebuild.published import BuildError

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = get_args(Engine)


def checked_engine(value: str) -> Engine:
    if value not in ENGINES:
        raise BuildError(f"ENGINE={value!r}: must be one of {', '.join(ENGINES)}")
    engine: Engine = "zensical" if value == "zensical" else "mkdocs"
    return engine


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, kept for the failure message (strict mode fails on them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def collected(logger: str) -> Iterator[_Collect]:
    handler = _Collect()
    log = logging.getLogger(logger)
    log.addHandler(handler)
    try:
        yield handler
    finally:
        log.removeHandler(handler)


def build_mkdocs_config(config: Any) -> list[str]:
    """`mkdocs build` on an already loaded configuration (strict as it was loaded); returns the
    warnings, which only a lenient build survives."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build

    with collected("mkdocs") as log:
        try:
            build(config)
        except (exceptions.MkDocsException, exceptions.Abort) as error:
            raise BuildError("\n".join([*log.lines, f"mkdocs: {error}"])) from None
    return log.lines


def zensical_config(path: Path, extra: dict[str, str], site_dir: str) -> None:
    """A small configuration that inherits mkdocs.yml (Zensical merges it) and adds the build's
    derived `extra` values and output folder."""
    lines = ["INHERIT: mkdocs.yml", f"site_dir: {json.dumps(site_dir)}", "extra:"]
    lines += [f"  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_zensical(
    project: Project, site_dir: Path, strict: bool, extra: dict[str, str]
) -> list[str]:
    """`zensical build`. Zensical writes only inside the project, so it builds into a scratch
    folder there, configured by a small file that inherits mkdocs.yml, and the result is moved."""
    import zensical

    scratch = f".zensical-{uuid.uuid4().hex[:8]}"
    config = project.root / f"{scratch}.yml"
    zensical_config(config, extra, scratch)
    try:
        zensical.build(str(config), {"clean": True, "strict": strict})
        built = project.root / scratch
        if not (built / "index.html").is_file():
            raise BuildError(f"zensical: built no index.html from {project.relative(project.docs)}")
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, site_dir)
    except Exception as error:
        if isinstance(error, BuildError):
            raise
        raise BuildError(f"zensical: {error}") from None
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(project.root / scratch, ignore_errors=True)
    return []


def icon_sets(engine: Engine, project: Project) -> list[Path]:
    """Where an `icon:` in front matter is looked up: the project's own icons, then the theme's."""
    if engine == "zensical":
        import zensical

        theme = Path(zensical.__file__).parent / "templates"
    else:
        import material

        theme = Path(material.__file__).parent / "templates"
    return [project.overrides / ".icons", theme / ".icons"]
