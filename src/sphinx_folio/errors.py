"""Fatal input errors: one line ``file:line: what is wrong``, how to fix it, a non-zero exit.

Sphinx prints every exception that reaches ``sphinx-build`` (``ConfigError`` and
``ExtensionError`` included, raised in conf.py or in an event handler) in its crash
format: a traceback excerpt, the saved log file and "please report this to the
developers". That is right for a bug and wrong for a user's typo. ``sphinx-build`` only
lets ``SystemExit`` through untouched (``build_main`` catches ``Exception`` and
``KeyboardInterrupt``), and Python prints a ``SystemExit``'s text to stderr and exits
with status 1, without a traceback, as ``sys.exit("message")`` does in any CLI.

So every fatal mistake in the site's input is an :class:`InputError`, raised where it is
found (a config-inited or builder-inited handler, the CV loader). Code that wants to stay
a plain Sphinx error for other callers raises ``ConfigError`` and :func:`fatal_config`
turns it into an :class:`InputError` at the boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sphinx.errors import ConfigError


class InputError(SystemExit):
    """A mistake in the site's input that stops the build; ``str()`` is the whole message."""

    def __init__(self, where: str, what: str, fix: str = "") -> None:
        self.where, self.what, self.fix = where, what, fix
        super().__init__(f"{where}: {what}" + (f"\n    How to fix: {fix}" if fix else ""))

    def __str__(self) -> str:
        return str(self.code)


def conf_location(confdir: str | Path | None, option: str) -> str:
    """``conf.py:LINE`` where ``option`` is set, or ``conf.py`` (or the option's name)."""
    if not confdir:
        return option
    conf = Path(confdir, "conf.py")
    try:
        lines = conf.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return str(conf)
    pattern = re.compile(rf"^\s*{re.escape(option)}\s*(?:\[|=|:)")
    # The last assignment is the one Python keeps.
    numbers = [n for n, line in enumerate(lines, start=1) if pattern.match(line)]
    return f"{conf}:{numbers[-1]}" if numbers else str(conf)


_OPTION = re.compile(r"^(folio_[a-z_]+)")


@contextmanager
def fatal_config(confdir: str | Path | None, fix: str = "") -> Iterator[None]:
    """Turn a ``ConfigError`` ("folio_x must be ...") into an :class:`InputError` at conf.py."""
    try:
        yield
    except ConfigError as error:
        message = str(error)
        match = _OPTION.match(message)
        option = match.group(1) if match else "folio_"
        where = conf_location(confdir, option) if match else str(Path(confdir or ".", "conf.py"))
        raise InputError(
            where, message, fix or f"correct {option} in conf.py as the message says"
        ) from None


class DirectiveInputError(Exception):
    """An :class:`InputError` found while a directive runs (the CV file changed under a
    warm preview server, say).

    Raised as a plain exception, not a ``SystemExit``: a host that builds in its own
    process (pytest, a preview server) gets an exception it can catch and goes on.
    ``sphinx-build`` still prints one line: :func:`exit_with_one_line` turns it back into
    the :class:`InputError` when the build that failed was started by ``sphinx-build``.
    """

    def __init__(self, where: str, what: str, fix: str = "") -> None:
        self.where, self.what, self.fix = where, what, fix
        super().__init__(str(InputError(where, what, fix)))


@contextmanager
def in_directive() -> Iterator[None]:
    """Around the part of a directive that may raise an :class:`InputError`."""
    try:
        yield
    except InputError as error:
        raise DirectiveInputError(error.where, error.what, error.fix) from None


#: How a parallel reader's worker reports the error (Sphinx keeps only its text).
_PARALLEL_PREFIX = f"{DirectiveInputError.__module__}.{DirectiveInputError.__qualname__}: "


def exit_with_one_line(exception: BaseException | None, *, command_line: bool) -> None:
    """build-finished: at a command-line build, a :class:`DirectiveInputError` (raised in
    this process or in a parallel reader) leaves as the one-line :class:`InputError`."""
    if exception is None or not command_line:
        return
    if isinstance(exception, DirectiveInputError):
        raise InputError(exception.where, exception.what, exception.fix) from None
    message = str(getattr(exception, "message", ""))
    if message.startswith(_PARALLEL_PREFIX):
        raise SystemExit(message.removeprefix(_PARALLEL_PREFIX).rstrip("\n"))
