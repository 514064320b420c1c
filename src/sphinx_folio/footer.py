"""One footer for every site: the owner and the year, and optionally where the site came from.

pydata-sphinx-theme's default footer is two columns, "Created using Sphinx 9.0.4" and
"Built with the PyData Sphinx Theme 0.24.0", which wrap into a cramped block on a phone
and say nothing about whose site it is. Unless ``conf.py`` sets the theme's
``footer_start``/``footer_center``/``footer_end``, every page ends with one line,
``© 2026 Ada Lovelace``, followed by "Built with sphinx-folio" when
``folio_footer_credit`` is on (the credit alone when ``html_show_copyright`` is False).
"""

from __future__ import annotations

import os
import re
import time
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ._compat import THEME
from .config import get_config

#: The template (in ``templates/``) that draws the line.
TEMPLATE = "folio-footer.html"
#: Where "sphinx-folio" in the credit links to.
PACKAGE_URL = "https://pypi.org/project/sphinx-folio/"
#: The theme's footer options, and what each holds by default on a sphinx-folio site.
FOOTER_DEFAULTS: dict[str, list[str]] = {
    "footer_start": [TEMPLATE],
    "footer_center": [],
    "footer_end": [],
}

#: A year or a range of years at the start of ``copyright`` ("2019-2026, Ada Lovelace").
_YEARS = re.compile(r"\s*(\d{4}(?:\s*[-\u2013]\s*\d{4})?)\b")


def build_year() -> str:
    """This year, or the year of ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else time.time()
    return str(time.gmtime(seconds).tm_year)


def footer_years(copyright_: Any) -> str:
    """The years the site's ``copyright`` starts with ("2019-2026"), else the build's year."""
    if isinstance(copyright_, str) and (found := _YEARS.match(copyright_)):
        return re.sub(r"\s*[-\u2013]\s*", "\u2013", found.group(1))
    return build_year()


def footer_owner(app: Sphinx) -> str:
    """Whose site it is: ``folio_name``, else ``author``, else the project's name."""
    config = app.config
    return get_config(app).name or str(config.author or "") or str(config.project or "")


def _footer_defaults(app: Sphinx, config: Config) -> None:
    """config-inited: the one-line footer, unless the site chose its own footer items."""
    if config.html_theme != THEME:
        return
    options = dict(config.html_theme_options)
    if not any(key in options for key in FOOTER_DEFAULTS):
        options.update({key: list(value) for key, value in FOOTER_DEFAULTS.items()})
        config.html_theme_options = options


def _footer_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["folio_footer"] = {
        "years": footer_years(app.config.copyright),
        "owner": footer_owner(app),
        "credit": get_config(app).footer_credit,
        "package_url": PACKAGE_URL,
    }


def setup_footer(app: Sphinx) -> None:
    # After theme.py has chosen the theme (priority 500 is the default; the theme's
    # choice runs at the default priority too, and was connected first).
    app.connect("config-inited", _footer_defaults, priority=600)
    app.connect("html-page-context", _footer_context)
