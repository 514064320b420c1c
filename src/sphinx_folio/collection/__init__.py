"""collection: filled in by its own change."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_collection(app: Sphinx) -> None:
    """Register the collection feature."""
