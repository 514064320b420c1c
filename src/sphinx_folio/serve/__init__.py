"""``sphinx-folio serve``: a live preview that keeps the stack warm.

Data flow: watchfiles reports saved files (:mod:`.changes` sorts them: rebuild, or
restart for Python code and templates) -> the warm worker (:mod:`.worker`) forks a
build, which rebuilds incrementally from the environment Sphinx pickled last time ->
the web app (:mod:`.web`) tells every open page to reload, and puts the last build's
errors on each page it serves until a build succeeds.
"""

from __future__ import annotations

from .app import Options, serve

__all__ = ["Options", "serve"]
