"""Formatted output, cached by each entry's content hash, across builds.

sphinxcontrib-bibtex formats every entry on every build. Here an entry is formatted
(LaTeX decoded, HTML rendered) only when its content hash is new: a no-change rebuild
formats nothing, and editing one entry formats that entry alone.

The cache is its own pickle beside the environment (``<doctreedir>/sphinx_folio-
publications.pickle``), not part of the environment, because Sphinx pickles the
environment only when a document was read, and before the pages of papers are written.
A cache made with other settings (the *salt*) or by another version is thrown away.
"""

from __future__ import annotations

import contextlib
import pickle
from dataclasses import dataclass, field, fields
from pathlib import Path

from .._compat import IndexedPage
from .records import FORMAT_VERSION, Publication

FILENAME = "sphinx_folio-publications.pickle"


@dataclass
class Formatted:
    """One entry, formatted once."""

    pub: Publication
    item: str = ""  #: ``<li>`` of a list (owner's papers only).
    tooltip: str = ""  #: One line of plain text, for citation tooltips.
    # A paper's own page is rendered only when it is written, which is when its entry
    # (or what the page shows besides) changed; keeping it here would double the cache.


@dataclass
class Cache:
    salt: str = ""
    version: str = FORMAT_VERSION
    #: The bib files and their modification times when ``digests`` was computed.
    #: The bib files and their modification times, and the state of the local files the
    #: entries name, when ``digests`` was computed.
    bib_signature: tuple[tuple[str, float | str], ...] = ()
    #: Entry key -> content hash, in bib file order.
    digests: dict[str, str] = field(default_factory=dict)
    #: Entry key -> file name of its page (a change means the pages link elsewhere).
    names: dict[str, str] = field(default_factory=dict)
    #: Content hash -> formatted entry.
    formatted: dict[str, Formatted] = field(default_factory=dict)
    #: Generated file (page name or path under outdir) -> signature of what was written.
    written: dict[str, str] = field(default_factory=dict)
    #: Content hash -> the paper page's part of the search index (tokenised and stemmed
    #: once: Sphinx's indexer keeps no page that is not a document from one build to the
    #: next, so each build puts them all in again).
    search: dict[str, IndexedPage] = field(default_factory=dict)
    #: The search language and Sphinx version ``search`` was made with.
    search_salt: str = ""
    dirty: bool = False

    @classmethod
    def load(cls, doctreedir: str | Path, salt: str) -> Cache:
        path = Path(doctreedir) / FILENAME
        cache: object = None
        errors = (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError)
        # Our own file, in the build folder: as trusted as the environment pickle.
        with contextlib.suppress(*errors), path.open("rb") as f:
            cache = pickle.load(f)
        if (
            not isinstance(cache, cls)
            or cache.version != FORMAT_VERSION
            or cache.salt != salt
            or not all(hasattr(cache, f.name) for f in fields(cls))  # an older release's
        ):
            return cls(salt=salt, dirty=True)
        cache.dirty = False
        return cache

    def save(self, doctreedir: str | Path) -> None:
        if not self.dirty:
            return
        path = Path(doctreedir) / FILENAME
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump(self, f, pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        self.dirty = False
