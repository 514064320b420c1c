"""Compiled templates kept between builds, next to the pickled environment.

Jinja compiles each template from source in every process that renders it: the theme's
and Sphinx's page templates (about 30) and ours, 0.12 s of a rebuild that rewrites one
page of this site, and as much of a rebuild with nothing to do (a third of its time over
an empty project's). Jinja's own bytecode cache stores the compiled code by template
name and file, checks the source's hash before using it, and the Jinja and Python
versions. It does not know what else the code depends on (the environment's settings,
extensions, filters and tests), so each environment gets a folder named by those: two
environments never share compiled code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from sphinx.application import Sphinx

from ._compat import builder_jinja_environment

#: Under the doctree folder (``_build/html/.doctrees``), like the pickled environment.
FOLDER = "folio-jinja"


def _settings(env: Environment) -> str:
    parts = [
        type(env).__qualname__,
        repr(env.autoescape) if not callable(env.autoescape) else env.autoescape.__qualname__,
        env.keep_trailing_newline,
        env.trim_blocks,
        env.lstrip_blocks,
        env.block_start_string,
        env.variable_start_string,
        env.comment_start_string,
        env.line_statement_prefix,
        sorted(env.extensions),
        sorted(env.filters),
        sorted(env.tests),
    ]
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def keep_compiled(env: Environment, doctreedir: str | Path) -> None:
    """Give ``env`` a bytecode cache of its own under ``doctreedir`` (once)."""
    if env.bytecode_cache is not None:
        return
    folder = Path(doctreedir, FOLDER, _settings(env))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only build folder: compile as before
        return
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _builder_inited(app: Sphinx) -> None:
    env: Any = builder_jinja_environment(app.builder)
    if isinstance(env, Environment):
        keep_compiled(env, app.doctreedir)


def setup_template_cache(app: Sphinx) -> None:
    # Late: after other extensions' builder-inited handlers added their filters.
    app.connect("builder-inited", _builder_inited, priority=900)
