"""The ``sphinx-folio`` command.

``sphinx-folio new DIR [--name ... --role ... --affiliation ... --email ... --host ...]``
writes a new site; in a terminal it asks for what the flags leave out. Exit codes: 0
written, 2 bad usage (non-empty DIR, missing name, bad email or host).

``sphinx-folio import-alfolio PATH [--out DIR] [--config a.yml,b.yml] [--force]`` writes
a new site from an al-folio checkout, and its report to ``DIR/IMPORT-REPORT.md``. Exit
codes: 0 imported, 1 the al-folio site could not be read
(the message names the file and line), 2 bad usage (paths, non-empty --out).

``sphinx-folio serve [SOURCE [OUT]] [--port 8000] [--watch DIR] [-- SPHINX-BUILD OPTIONS]``
builds the site, serves it on 127.0.0.1 and rebuilds and reloads the page on every save
(:mod:`.serve`). Exit codes: 0 stopped with Ctrl+C, 2 bad usage (no conf.py, port taken).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .alfolio import AlfolioError, UsageError, import_alfolio
from .alfolio.report import importer_bug
from .alfolio.timing import DEFAULT_TIME_LIMIT, ImportTimeoutError, time_limit
from .new import HOSTS, Owner, ask, installed_source, new_site


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-folio",
        description="Write a research site built with Sphinx, or import one from al-folio.",
        epilog="'sphinx-folio COMMAND --help' gives a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser(
        "new",
        help="write a new, working site for you to fill in",
        description="Write a new sphinx-folio site into DIR (missing or empty). In a terminal "
        "it asks for what the options leave out; otherwise --name is required.",
    )
    new.add_argument("dir", type=Path, help="folder of the new site; must be missing or empty")
    new.add_argument("--name", default="", help="your full name, as in your papers")
    new.add_argument("--role", default="", help="your role, shown under the name")
    new.add_argument("--affiliation", default="", help="your institution or employer")
    new.add_argument("--email", default="", help="your public email address")
    new.add_argument(
        "--host",
        choices=list(HOSTS),
        default=None,
        help="where the site will be published (default: readthedocs): writes "
        ".readthedocs.yaml or a GitHub Pages workflow",
    )
    new.add_argument(
        "--lab",
        action="store_true",
        help="a research group's site: --name is the group's; people, talks and teaching "
        "instead of research, projects and a CV",
    )
    alfolio = commands.add_parser(
        "import-alfolio",
        help="write a sphinx-folio site from an al-folio (Jekyll) site",
        description="Write a new sphinx-folio site from an al-folio checkout. The al-folio "
        "folder is only read; what could not be converted is listed with file and line.",
    )
    alfolio.add_argument("path", type=Path, help="the al-folio site (the folder with _config.yml)")
    alfolio.add_argument(
        "--out",
        type=Path,
        help="folder of the new site (default: ./<name of PATH>-folio); must be empty",
    )
    alfolio.add_argument(
        "--config",
        help="config files to read instead of _config.yml, comma-separated and merged as "
        "'jekyll build --config a.yml,b.yml' merges them (default: the files the site's "
        "deploy workflow names, else _config.yml)",
    )
    alfolio.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty --out (files of an earlier import there are replaced)",
    )
    alfolio.add_argument(
        "--no-check",
        action="store_true",
        help="do not build the new site (by default it is built as sphinx-build -W builds "
        "it, and whatever warns is made safe and reported)",
    )
    alfolio.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        metavar="SECONDS",
        help=f"stop an import that takes longer (default: {DEFAULT_TIME_LIMIT:g})",
    )
    _serve_parser(commands)
    return parser


def _serve_parser(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="build, serve and rebuild the site on every save, reloading the browser",
        description="Build the site, serve it and rebuild what each saved file touches; "
        "open pages reload. A change to Python code or a template restarts the build "
        "process. Options after -- go to sphinx-build (default: -W --keep-going -n).",
    )
    serve.add_argument(
        "source", nargs="?", type=Path, default=Path(), help="the folder of conf.py (default: .)"
    )
    serve.add_argument(
        "out", nargs="?", type=Path, help="where to build (default: SOURCE/_build/html)"
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)"
    )
    serve.add_argument(
        "--watch",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="another folder to watch (repeatable)",
    )
    serve.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="GLOB",
        help="paths not to watch (repeatable)",
    )


def _serve(args: argparse.Namespace, sphinx_args: list[str]) -> int:
    source: Path = args.source
    if not (source / "conf.py").is_file():
        print(
            f"sphinx-folio: {source / 'conf.py'}: not found; run serve in the site's folder",
            file=sys.stderr,
        )
        return 2
    if not hasattr(os, "fork"):  # the warm worker forks a build per save
        print(
            "sphinx-folio: serve needs fork (Linux, macOS); use sphinx-autobuild", file=sys.stderr
        )
        return 2
    try:
        from .serve import Options, serve
    except ImportError as missing:  # starlette, uvicorn, watchfiles: the "serve" extra
        print(
            f"sphinx-folio: serve needs {missing.name}: pip install 'sphinx-folio[serve]'",
            file=sys.stderr,
        )
        return 2
    options = Options(
        source=source,
        out=args.out or source / "_build" / "html",
        sphinx_args=sphinx_args or ["-W", "--keep-going", "-n"],
        host=args.host,
        port=args.port,
        watch=args.watch,
        ignore=args.ignore,
    )
    return serve(options)


def _new(args: argparse.Namespace) -> int:
    owner = Owner(
        args.name, args.role, args.affiliation, args.email, args.host or "readthedocs", args.lab
    )
    out: Path = args.dir
    try:
        if out.is_dir() and any(out.iterdir()):
            # Refused before any question is asked: the answers would be lost.
            raise UsageError(f"{out}: not empty; choose a new folder")
        missing = [f for f in ("name", "role", "affiliation", "email", "host") if not vars(args)[f]]
        if sys.stdin.isatty() and missing:
            owner = ask(owner, missing)
        files = new_site(out, owner)
    except UsageError as error:
        print(f"sphinx-folio: {error}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nsphinx-folio: stopped; nothing written", file=sys.stderr)
        return 2
    print(f"Wrote a new site for {owner.name} into {out} ({len(files)} files).")
    note = installed_source().note(out / "requirements.txt")
    if note:
        print(note)
    print(f"Next: cd {out} && make serve   (then read README.md: five steps)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # What follows "--" goes to sphinx-build untouched (serve only).
    passed = words[words.index("--") + 1 :] if "--" in words else []
    words = words[: words.index("--")] if "--" in words else words
    parser = _parser()
    args = parser.parse_args(words)
    if passed and args.command != "serve":
        parser.error("options after -- are for serve only")
    if args.command == "new":
        return _new(args)
    if args.command == "serve":
        return _serve(args, passed)
    if args.command == "import-alfolio":
        source: Path = args.path
        out: Path = args.out or Path.cwd() / f"{source.resolve().name}-folio"
        try:
            files = (
                [f.strip() for f in args.config.split(",") if f.strip()] if args.config else None
            )
            with time_limit(args.time_limit):
                report = import_alfolio(
                    source, out, force=args.force, config_files=files, check=not args.no_check
                )
        except ImportTimeoutError:
            print(
                f"sphinx-folio: import of {source} stopped after {args.time_limit:g} s "
                "(--time-limit); nothing more is written: please report the site",
                file=sys.stderr,
            )
            return 1
        except UsageError as error:
            print(f"sphinx-folio: {error}", file=sys.stderr)
            return 2
        except AlfolioError as error:
            print(f"sphinx-folio: {error}", file=sys.stderr)
            return 1
        print(report.render())
        if report.check is not None and not report.check.ok:
            print(f"sphinx-folio: {importer_bug(report.check)}", file=sys.stderr)
            return 1
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
