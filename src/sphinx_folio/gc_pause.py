"""What a build loads, kept out of the garbage collector's sight until the build ends.

A rebuild unpickles the environment (with sphinxcontrib-bibtex's parsed entries) and the
publications cache: about 65,000 objects per 1,000 entries, all alive until the build
ends. CPython walks every tracked object in each full collection, a few times a build,
for nothing: at 1,000 entries that is about a tenth of a no-change rebuild. So once they
are loaded (when the build starts reading, after ``builder-inited`` loaded the cache),
``gc.freeze()`` moves them out of its sight, and ``gc.unfreeze()`` gives them back when
the build ends (``build-finished`` comes after an error too), so a process that builds
again (tests, a server) collects them as before. Nothing is frozen
if something else already froze objects: their owner decides when to unfreeze.

At exit, the interpreter's last collection walks everything again, to find cycles the
operating system is about to free with the whole process anyway: a quarter of a
no-change rebuild at 1,000 entries. So the process freezes everything at exit
(``atexit``) once sphinx-folio is loaded by ``sphinx-build``. What this skips is only the finalizers of
objects in cycles, which Python does not promise to run at exit either.
"""

from __future__ import annotations

import atexit
import gc

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import _compat


class _Collector:
    """Whether the objects frozen now were frozen by a build: the collector is the
    process's, so this is too. A build ended by ``SystemExit`` (an input error) never
    reaches ``build-finished``; the next build then unfreezes them with its own."""

    frozen = False


def _freeze(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if _Collector.frozen or (gc.get_freeze_count() == 0 and gc.isenabled()):
        gc.freeze()
        _Collector.frozen = True


def _unfreeze(app: Sphinx, exception: Exception | None) -> None:
    if _Collector.frozen:
        gc.unfreeze()
        _Collector.frozen = False


def _freeze_at_exit() -> None:
    gc.freeze()


def setup_gc_pause(app: Sphinx) -> None:
    # A process-wide change at exit: only for sphinx-build, whose process ends with the
    # build; a host that builds in its own process (pytest, a server) keeps its collector.
    if _compat.command_line_build():
        atexit.unregister(_freeze_at_exit)  # once a process, however many apps it makes
        atexit.register(_freeze_at_exit)
    # Within Sphinx.build (an app made but never built would keep them frozen).
    app.connect("env-before-read-docs", _freeze, priority=900)
    app.connect("build-finished", _unfreeze, priority=1000)
