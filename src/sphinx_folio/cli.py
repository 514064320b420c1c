"""The ``sphinx-folio`` command.

``sphinx-folio import-alfolio PATH [--out DIR] [--config a.yml,b.yml] [--force]`` writes
a new site from an al-folio checkout, and its report to ``DIR/IMPORT-REPORT.md``. Exit codes: 0 imported, 1 the al-folio site could not be read
(the message names the file and line), 2 bad usage (paths, non-empty --out).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .alfolio import AlfolioError, UsageError, import_alfolio


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sphinx-folio", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "import-alfolio":
        source: Path = args.path
        out: Path = args.out or Path.cwd() / f"{source.resolve().name}-folio"
        try:
            files = (
                [f.strip() for f in args.config.split(",") if f.strip()] if args.config else None
            )
            report = import_alfolio(source, out, force=args.force, config_files=files)
        except UsageError as error:
            print(f"sphinx-folio: {error}", file=sys.stderr)
            return 2
        except AlfolioError as error:
            print(f"sphinx-folio: {error}", file=sys.stderr)
            return 1
        print(report.render())
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
