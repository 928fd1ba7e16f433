"""The site's one build entry point.

    python -m sitebuild build [--site-dir site]     # what `make build` and the deploy run
    python -m sitebuild serve [--dev-addr 127.0.0.1:8000]   # what `make serve` runs: live preview
    python -m sitebuild check                       # the settings and source checks alone

ENGINE=zensical selects Zensical; SITE_URL and REPO_URL override mkdocs.yml's (a fork's deploy sets
them). Problems are printed one a line, each naming the file or setting to fix; the status is 1.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import time
from pathlib import Path

from sitebuild import engines
from sitebuild.build import build, read_sources
from sitebuild.problems import BuildError, refuse
from sitebuild.project import Project


def stopped(*_: object) -> None:
    """SIGTERM (`kill`, an editor's stop button) stops a preview as Ctrl-C does, cleaning up; once:
    make passes a SIGTERM sent to its process group on, and a second would cut the clean-up short."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def check_dev_addr(value: str) -> None:
    """DEV_ADDR is IP:PORT and free, checked before either engine starts: MkDocs prints a traceback
    for an address in use (a preview already running there, most often)."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        refuse([f"DEV_ADDR={value!r}: must be IP:PORT, like 127.0.0.1:8001 [dev-addr]"])
    with socket.socket() as probe:
        try:
            probe.bind((host, int(port)))
        except OSError as error:
            why = f"cannot listen there ({error.strerror}); give a free local address"
            refuse([f"DEV_ADDR={value!r}: {why}, like DEV_ADDR=127.0.0.1:8001 [dev-addr-free]"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitebuild",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=["build", "serve", "check"])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="where serve listens")
    args = parser.parse_args(argv)
    project = Project()
    try:
        engine = engines.checked_engine(os.environ.get("ENGINE", "mkdocs"))
        if args.command == "build":
            started = time.perf_counter()
            built = build(project, args.site_dir, engine=engine)
            took = time.perf_counter() - started
            print(f"Built {project.relative(built.site_dir)} with {engine} in {took:.2f} s")
            return 0
        if args.command == "serve":
            check_dev_addr(args.dev_addr)
        read = read_sources(project, engine)
        refuse(read.problems)
    except BuildError as error:
        print(f"{args.command} failed:\n{error}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, stopped)
    if args.command == "serve" and engine == "zensical":
        engines.serve_zensical(project, read.environment, read.extra(), args.dev_addr)
    elif args.command == "serve":
        from mkdocs.__main__ import State
        from mkdocs.commands.serve import serve

        # MkDocs' own console log, as `mkdocs serve` sets it up: where it serves, what a rebuild
        # warns and why one failed (serve() called alone logs nothing at all).
        console = State()  # type: ignore[no-untyped-call]
        extra = (read.settings.values.get("extra") or {}) | read.extra() | {"preview": True}
        serve(str(project.config_file), dev_addr=args.dev_addr, livereload=True, extra=extra)
        del console
    return 0


if __name__ == "__main__":
    sys.exit(main())
