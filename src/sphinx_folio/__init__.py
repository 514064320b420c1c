"""sphinx-folio: a researcher's site from conf.py, refs.bib and Markdown front matter."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

# Before the imports below: modules of the package read it.
__version__ = "0.1.0"

from ._compat import quiet_chatter
from .collection import setup_collection
from .config import setup_config
from .cv import setup_cv
from .cv_pdf import setup_cv_pdf
from .escaping import setup_escaping
from .footer import setup_footer
from .gc_pause import setup_gc_pause
from .manifest import setup_manifest
from .math import setup_math
from .metadata import setup_metadata
from .page_toc import setup_page_toc
from .people import setup_people
from .placeholders import setup_placeholders
from .profile import setup_profile
from .publications import setup_publications
from .relations import setup_relations
from .search import setup_search
from .state import FolioDomain
from .template_cache import setup_template_cache
from .templating import setup_templating
from .theme import setup_theme

#: Bump when the shape of what the extension stores in the environment changes.
ENV_VERSION = 8


def setup(app: Sphinx) -> dict[str, Any]:
    # The stack the extension builds on; a site lists only "sphinx_folio".
    for extension in ("myst_parser", "sphinx_design", "sphinxcontrib.bibtex"):
        app.setup_extension(extension)

    quiet_chatter()  # MyST's configuration dump and Sphinx's template lines: only with -v
    app.add_domain(FolioDomain)  # the extension's state: see state.py
    setup_config(app)  # folio_* options, validated on config-inited
    setup_theme(app)  # stylesheet, templates, page weight
    setup_footer(app)  # one footer line: the owner, the year, an optional credit
    setup_page_toc(app)  # one content column, a complete "On this page", one title
    setup_math(app)  # math as MathML written at build time: no MathJax, no CDN
    setup_escaping(app)  # page titles are text
    setup_metadata(app)  # OpenGraph, sitemap, robots.txt, favicon, 404
    setup_placeholders(app)  # one post-transform fills what directives left for write time
    setup_templating(app)  # templates/folio/*.html, a site's _templates/folio/ first
    setup_publications(app)  # refs.bib -> lists, paper pages, exports
    setup_collection(app)  # front matter -> listings, tag pages, feeds
    setup_profile(app)  # profile card, social links, JSON-LD Person
    setup_people(app)  # a group's people: {people} cards, a page per person, their papers
    setup_cv(app)  # CV page and resume.json from JSON Resume data
    setup_cv_pdf(app)  # cv.pdf, typeset from the same data (the [pdf] extra)
    setup_search(app)  # paper pages in the search index, no BibTeX in it
    setup_relations(app)  # pages whose previous or next page changed are written again
    setup_manifest(app)  # what the package wrote; what it would not write now is deleted
    setup_gc_pause(app)  # what a build loads, out of the garbage collector's sight
    setup_template_cache(app)  # compiled templates kept between builds

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
