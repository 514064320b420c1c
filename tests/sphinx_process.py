"""``sphinx-build`` in a process of its own, without paying for Python's start each time.

A build the tests run as a user would (``make html``, twice for a rebuild) must be a
process of its own: it sees only the files, and whatever it changes in Python dies with
it. Starting that process is most of the cost of a small build: the interpreter and the
imports of Sphinx, docutils, the extensions and this package. So each build is a child of
a *fork server*, a process that has imported all of those once and forks a fresh copy of
itself per build. Measured on test-pub-features: 0.56 s a build against 0.96 s for
``python -m sphinx`` (docs/benchmarks.md, "The test suite").

Left as real ``python -m sphinx`` processes: the tests of what a terminal shows when a
build cannot start (a forked child prints an uncaught exception under a header of its
own), of what a process does at exit (a forked child leaves by ``os._exit``), and of the
installed wheel (another interpreter).

No pytest here: the benchmarks build sites through ``browser.harness`` too.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from functools import cache
from multiprocessing.context import ForkServerContext
from pathlib import Path

#: What every build imports; the server imports it once (a name that fails is skipped).
PRELOAD = [
    "sphinx.cmd.build",
    "sphinx.application",
    "sphinx.builders.html",
    "docutils.parsers.rst",
    "myst_parser",
    "sphinxcontrib.bibtex",
    "pybtex.database.input.bibtex",
    "pydata_sphinx_theme",
    "sphinx_design",
    "sphinx_sitemap",
    "sphinx_folio",
]


@cache
def _server() -> ForkServerContext:
    """The fork server, started on the first build of this process."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _build(
    args: list[str], cwd: str | None, env: dict[str, str] | None, out: str, err: str
) -> None:
    """In the child: sphinx-build with its output in ``out`` and ``err``."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(os.open(out, os.O_WRONLY), 1)
    os.dup2(os.open(err, os.O_WRONLY), 2)
    # The start method a build's own processes use (sphinx-sitemap starts a Manager in
    # every build, Sphinx forks for -j): fork, as in a process started from a shell, not
    # the server's, which would start a new interpreter for each.
    multiprocessing.set_start_method("fork", force=True)
    if cwd is not None:
        os.chdir(cwd)
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    from sphinx.cmd.build import main

    sys.exit(main(args))


def run_sphinx(
    args: list[str | Path], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``sphinx-build *args`` in a process of its own; what it printed and its exit code, as
    ``subprocess.run(..., capture_output=True, text=True)`` gives them."""
    argv = [str(arg) for arg in args]
    with tempfile.TemporaryDirectory(prefix="sphinx-build-") as tmp:
        out, err = Path(tmp, "stdout"), Path(tmp, "stderr")
        out.touch()
        err.touch()
        child = _server().Process(
            target=_build,
            args=(argv, None if cwd is None else str(cwd), env, str(out), str(err)),
        )
        child.start()
        child.join()
        return subprocess.CompletedProcess(
            ["sphinx-build", *argv],
            child.exitcode if child.exitcode is not None else -1,
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )
