"""metadata: filled in by its own change."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_metadata(app: Sphinx) -> None:
    """Register the metadata feature."""
