"""The extension's stylesheet and templates, layered on pydata-sphinx-theme."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


def _add_paths(app: Sphinx, config: Config) -> None:
    # Appended, so that a site's own _static and _templates win over ours.
    config.html_static_path.append(str(STATIC))
    config.templates_path.append(str(TEMPLATES))


def setup_theme(app: Sphinx) -> None:
    app.connect("config-inited", _add_paths)
    app.add_css_file("sphinx_folio.css")
