"""The ``sphinx-folio`` command.

``sphinx-folio new DIR [--name ... --role ... --affiliation ... --email ... --host ...]``
writes a new site; in a terminal it asks for what the flags leave out. Exit codes: 0
written, 2 bad usage (non-empty DIR, missing name, bad email or host).

``sphinx-folio import-alfolio PATH [--out DIR] [--config a.yml,b.yml] [--force]`` writes
a new site from an al-folio checkout, and its report to ``DIR/IMPORT-REPORT.md``. Exit
codes: 0 imported, 1 the al-folio site could not be read
(the message names the file and line), 2 bad usage (paths, non-empty --out).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .alfolio import AlfolioError, UsageError, import_alfolio
from .alfolio.report import importer_bug
from .alfolio.timing import DEFAULT_TIME_LIMIT, ImportTimeoutError, time_limit
from .new import HOSTS, Owner, ask, new_site


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sphinx-folio", description=__doc__.split("\n")[0])
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
        "`jekyll build --config a.yml,b.yml` merges them (default: the files the site's "
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
    return parser


def _new(args: argparse.Namespace) -> int:
    owner = Owner(args.name, args.role, args.affiliation, args.email, args.host or "readthedocs")
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
    print(f"Next: cd {out} && make serve   (then read README.md: five steps)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "new":
        return _new(args)
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
