"""sphinx-folio: a researcher's site from conf.py, refs.bib and Markdown front matter."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"

#: Bump when the shape of what the extension stores in the environment changes.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    from .config import setup_config
    from .theme import setup_theme

    # The stack the extension builds on; a site lists only "sphinx_folio".
    for extension in ("myst_parser", "sphinx_design", "sphinxcontrib.bibtex"):
        app.setup_extension(extension)

    setup_config(app)
    setup_theme(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
