"""The warm half of ``sphinx-folio serve``: a process that has imported the stack once and
forks a fresh copy of itself for each build.

A ``sphinx-build`` process spends about 0.6 s importing Sphinx, docutils, MyST,
sphinxcontrib-bibtex, the theme and this package before it reads a file; the rebuild an
edit needs takes less. So the server keeps this process, which imports all of that once,
and each build is a child forked from it: it starts with the imports done, reads the
environment Sphinx pickled last time, rebuilds what the edit touched and exits, leaving
nothing behind in the warm process. The warm process has a single thread, so forking it
is safe (the server, with its event loop and threads, never forks).

Protocol, one JSON object a line: a request ``{"args": [...sphinx-build arguments]}`` on
standard input; a reply ``{"status": int, "errors": str}`` on the file descriptor given
as the only argument (``errors`` is what the build printed on standard error). Standard
output and error are the server's terminal. End of input ends the process.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
import traceback
from pathlib import Path

#: What every build imports; the warm process imports each once (a name that fails is
#: skipped, and the build itself then reports the error: a syntax error in an extension
#: under edit must not stop the server).
PRELOAD = (
    "sphinx.cmd.build",
    "sphinx.application",
    "sphinx.builders.html",
    "docutils.parsers.rst",
    "myst_parser",
    "myst_parser.parsers.sphinx_",
    "sphinxcontrib.bibtex",
    "pybtex.database.input.bibtex",
    "pybtex_docutils",
    "pydata_sphinx_theme",
    "sphinx_design",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "notfound.extension",
    "sphinx_folio",
)

#: pybtex plugins every build of a site looks up: found once here, inherited by builds.
PLUGINS = (
    ("pybtex.database.input", "bibtex"),
    ("pybtex.backends", "docutils"),
    ("pybtex.backends", "plaintext"),
    ("pybtex.style.formatting", "plain"),
    ("pybtex.style.formatting", "folio"),
    ("pybtex.style.formatting", "folio_author_year"),
    ("pybtex.style.labels", "number"),
    ("pybtex.style.names", "plain"),
    ("pybtex.style.sorting", "none"),
    ("sphinxcontrib.bibtex.style.referencing", "label"),
    ("sphinxcontrib.bibtex.style.referencing", "author_year"),
)


def warm_up(build: bool = True) -> None:
    """Import what every build imports, look up the plugins it looks up, and (``build``)
    build a small site once, so that what builds make on first use (compiled regular
    expressions, CSS selectors, tables) is made here, once, and inherited by each build."""
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - the build that needs it reports it
            continue
    try:
        from sphinx_folio import _compat

        _compat.remember_pybtex_plugins()
        from pybtex.plugin import find_plugin
    except Exception:  # noqa: BLE001 - as above
        return
    for group, name in PLUGINS:
        try:
            find_plugin(group, name)
        except Exception:  # noqa: BLE001, S112 - a plugin this site does not have
            continue
    if build:
        _warm_build()


def _warm_build() -> None:
    """A build of the site ``sphinx-folio new`` writes, in a scratch folder, output hidden.

    It runs in this process (Sphinx puts docutils' registries back after a build, and the
    extensions are built many times in one process by the tests), so each forked build
    starts with the caches it fills: about a tenth of a rebuild of one page."""
    import contextlib
    import io

    from sphinx.cmd.build import build_main

    from sphinx_folio.new import Owner, new_site

    with tempfile.TemporaryDirectory(prefix="sphinx-folio-warm-") as scratch:
        site = Path(scratch, "site")
        try:
            new_site(site, Owner("Ada Example"))
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                build_main(["-b", "html", "-q", str(site), str(site / "_build" / "html")])
        except (Exception, SystemExit):  # noqa: BLE001, S110 - only a head start; builds still work
            pass


def _child(args: list[str], errors: int) -> int:
    """In the forked child: one ``sphinx-build``, its standard error also kept in ``errors``."""
    terminal = os.dup(2)
    sys.stderr.flush()
    os.dup2(errors, 2)
    try:
        from sphinx.cmd.build import main

        status = main(args)
    except SystemExit as stop:  # a fatal input error is one line, as Python prints it
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
            status = 1
        else:
            status = int(stop.code or 0)
    except BaseException:  # noqa: BLE001 - shown, and the server keeps running
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os.lseek(errors, 0, os.SEEK_SET)
    while chunk := os.read(errors, 65536):  # what the build printed, now on the terminal
        os.write(terminal, chunk)
    return status


def build(args: list[str]) -> dict[str, object]:
    """One build in a forked child; its exit status and what it printed on standard error."""
    with tempfile.TemporaryFile() as errors:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's coverage is not collected
            status = 1
            try:
                status = _child(args, errors.fileno())
            finally:
                os._exit(status)
        _, wait_status = os.waitpid(pid, 0)
        status = os.waitstatus_to_exitcode(wait_status)
        errors.seek(0)
        text = errors.read().decode("utf-8", errors="replace")
    return {"status": status, "errors": text}


def main(argv: list[str]) -> int:
    reply_fd = int(argv[0])
    warm_up()
    with open(reply_fd, "w", encoding="utf-8", closefd=True) as replies:
        replies.write(json.dumps({"ready": True}) + "\n")
        replies.flush()
        for line in sys.stdin:
            request = json.loads(line)
            os.chdir(Path(request.get("cwd", ".")))
            replies.write(json.dumps(build([str(a) for a in request["args"]])) + "\n")
            replies.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
