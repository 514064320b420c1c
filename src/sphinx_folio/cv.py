"""cv: filled in by its own change."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_cv(app: Sphinx) -> None:
    """Register the cv feature."""
