"""The whole-import time limit: the last line of defence against a hang.

Every scan of the importer is linear (``scan.py``), but a site can hold anything; an
import that runs past the limit is stopped with one line, never left running.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds; the largest site of the corpus imports and builds in well under a minute.
DEFAULT_TIME_LIMIT = 600.0


class ImportTimeoutError(BaseException):
    """The import ran past its time limit. A BaseException, as KeyboardInterrupt is: the
    ``except Exception`` of a build step (Sphinx's, or the check's own) must not take it
    for an error of the site and carry on."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ImportTimeoutError` in this thread after ``seconds`` (a real-time timer;
    only where the platform has one and in the main thread, else no limit)."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise ImportTimeoutError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
