"""Publications from refs.bib, on top of sphinxcontrib-bibtex.

Data flow: sphinxcontrib-bibtex parses the bib files (:mod:`.citations` makes syntax
errors name file and line) -> :mod:`.records` turns each entry into a readable record,
:mod:`.render` into HTML, :mod:`.cache` keeps both by content hash -> :mod:`.directives`
put lists on pages, :mod:`.pages` writes a page and a ``.bib`` per paper, and
:mod:`.citations` points citations of the owner's papers at those pages.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import _compat
from ..placeholders import register_placeholder
from ..warnings_ import FolioWarning, warn
from . import citations, directives, feed, pages
from .store import get_store, load_store


def _report_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """Every build (not only when an entry is formatted), so -W keeps failing until fixed."""
    store = get_store(env)
    for formatted in store.all():
        for problem in formatted.pub.problems:
            warn(FolioWarning.BIBTEX, problem, store.location(formatted.pub.key))
    for key, message in store.name_clashes:
        if store.is_owner(key):  # only the owner's papers get pages and .bib files
            warn(FolioWarning.NAME, message, store.location(key))


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    _report_problems(app, env)
    citations.check_keys(app, env)
    directives.check_owner_found(app, env)
    citations.add_paper_citations(app, env)
    get_store(env).cited_on = citations.cited_on(env)
    return []


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.env is not None:
        store = get_store(app.env)
        store.cache.save(app.doctreedir)


def setup_publications(app: Sphinx) -> None:
    """Register the publications feature."""
    _compat.remember_pybtex_plugins()  # 0.3 s of every build was pybtex's plugin lookups
    register_placeholder(app, directives.publication_list, directives.fill_list)
    _compat.override_citation_html(app, citations.visit_citation, citations.depart_citation)
    app.add_directive("publication-list", directives.PublicationList)
    app.add_directive("selected-publications", directives.SelectedPublications)
    # sphinxcontrib-bibtex parses at priority 500; ours runs first, with clear errors.
    app.connect("builder-inited", citations.parse_bib, priority=450)
    app.connect("builder-inited", load_store, priority=600)
    app.connect("env-get-outdated", citations.outdated_citing_docs)
    app.connect("doctree-read", citations.note_citation_lines)
    # Around the cite domain's own env-updated (priority 500), which resets its citations.
    app.connect("env-updated", citations.remove_paper_bibliographies, priority=400)
    app.connect("env-updated", _env_updated, priority=600)
    app.connect("doctree-resolved", directives.retarget_citations)
    app.connect("html-collect-pages", pages.collect_pages)
    app.connect("folio-sitemap-pages", pages.paper_pagenames)
    app.connect("html-page-context", directives.add_script)
    # The feed before the cache is saved (priority 500), which keeps the feed's signature.
    app.connect("build-finished", feed.write_feed, priority=400)
    app.connect("build-finished", _build_finished)
    app.connect("html-page-context", feed.link_feed)
