"""The site's one build entry point.

    python -m sitebuild build [--site-dir site]     # what `make build` and the deploy run
    python -m sitebuild serve                       # what `make serve` runs: live preview
    python -m sitebuild check                       # the source checks alone

ENGINE=zensical selects Zensical instead of MkDocs; SITE_URL and REPO_URL override mkdocs.yml's
site_url and repo_url (a fork's deploy sets them). Problems are printed one a line, each naming the
file or setting to fix, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sitebuild import engines, sources
from sitebuild.build import build, derived_extra, environment
from sitebuild.engines import checked_engine
from sitebuild.pages import TableError, load_yaml, read_table
from sitebuild.project import Project
from sitebuild.published import BuildError
from sitebuild.settings import SettingError, build_environment

DEV_ADDR = "127.0.0.1:8000"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=["build", "serve", "check"])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    project = Project()
    try:
        engine = checked_engine(os.environ.get("ENGINE", "mkdocs"))
        if args.command == "build":
            built = build(project, args.site_dir, engine=engine)
            steps = ", ".join(f"{k} {v:.2f} s" for k, v in built.seconds.items())
            print(f"Built {project.relative(built.site_dir)} with {engine} ({steps})")
            return 0
        check(project, engine)
        if args.command == "serve":
            serve(project, engine)
        return 0
    except BuildError as error:
        print(f"build failed:\n{error}", file=sys.stderr)
        return 1


def check(project: Project, engine: engines.Engine) -> None:
    try:
        env = build_environment(project.root)
        table = read_table(project.config_file)
    except (SettingError, TableError) as error:
        raise BuildError(str(error)) from None
    with environment(env, project.root):
        problems = sources.problems(project, table, engines.icon_sets(engine, project))
    if problems:
        raise BuildError("\n".join(problems))


def serve(project: Project, engine: engines.Engine) -> None:
    """The engine's own live preview, under site_url's sub-path, on 127.0.0.1 only, with the same
    derived settings a build gets."""
    derived = derived_extra(read_table(project.config_file))
    with environment(build_environment(project.root), project.root):
        if engine == "zensical":
            import zensical

            config = project.root / ".zensical-serve.yml"
            engines.zensical_config(config, derived, "site")
            try:
                zensical.serve(str(config), {"dev_addr": DEV_ADDR})
            finally:
                config.unlink(missing_ok=True)
        else:
            from mkdocs.commands.serve import serve as mkdocs_serve

            extra = load_yaml(project.config_file).get("extra") or {}
            mkdocs_serve(
                str(project.config_file),
                dev_addr=DEV_ADDR,
                livereload=True,
                extra={**extra, **derived},
            )


if __name__ == "__main__":
    sys.exit(main())
