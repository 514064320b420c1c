"""profile: filled in by its own change."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_profile(app: Sphinx) -> None:
    """Register the profile feature."""
