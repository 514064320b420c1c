"""Warning subtypes, so that a site can silence one with ``suppress_warnings``.

Every warning the extension emits is ``type="folio"`` with one of these subtypes,
e.g. ``suppress_warnings = ["folio.frontmatter"]``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_folio")


class FolioWarning(Enum):
    """The kinds of problem the extension reports."""

    CONFIG = "config"
    """An option in conf.py has a bad value."""
    BIBTEX = "bibtex"
    """An entry in the bibliography is broken or incomplete."""
    PUBLICATIONS = "publications"
    """A publication list shows none of the bibliography's entries (``folio_name``)."""
    BIB_SYNTAX = "bibsyntax"
    """A bib file cannot be read in part: the entry (or file) named is skipped."""
    BIB_DUPLICATE = "bibduplicate"
    """A bib entry key or a field inside one entry is repeated; the first is kept."""
    BIB_BAREWORD = "bibword"
    """A bib field value is a bare word that no @string defines (``true``)."""
    BIB_ENCODING = "bibencoding"
    """A bib file has bytes that are not in its encoding (UTF-8)."""
    CITATION = "citation"
    """A citation key is not in the bibliography."""
    FRONTMATTER = "frontmatter"
    """A page's front matter has an unknown key or a bad value."""
    IMAGE = "image"
    """An image named in config or front matter does not exist or lies outside the site."""
    CV = "cv"
    """The CV data file is missing a field or has a bad value."""
    MATH = "math"
    """A formula could not be converted to MathML; its LaTeX source is shown."""
    NAME = "name"
    """A generated page or file would take the name of another; it got a distinct one."""
    COAUTHORS = "coauthors"
    """The co-authors file (``folio_coauthors``) cannot be read or has a bad entry."""
    FEED = "feed"
    """A feed could not be written."""


def warn(kind: FolioWarning, message: str, location: Any = None) -> None:
    """Emit a warning of ``kind``; ``location`` is a docname, (docname, line) or a node."""
    logger.warning(message, type="folio", subtype=kind.value, location=location)
