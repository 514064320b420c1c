"""Every internal of another project that sphinx-folio touches, in one place.

Each entry says what it relies on and since which version it was checked; each has a
test in tests/test_compat.py that fails loudly (naming the entry) when upstream changes.
The version ranges in pyproject.toml stop at the next major release of each project.
Templates cannot import this module: ``templates/layout.html`` uses pydata-sphinx-theme's
private ``_webpack`` macros (entry 6 below) and falls back to the theme's own blocks
whenever they are missing.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

if TYPE_CHECKING:
    from queue import Queue

    from pybtex.database import BibliographyData
    from sphinxcontrib.bibtex.directives import BibliographyKey
    from sphinxcontrib.bibtex.domain import BibtexDomain


# --- 1. Sphinx: was an option set by conf.py or -D? ---------------------------------------
# Relies on Config._raw_config (conf.py's namespace) and Config.overrides (-D), both there
# since Sphinx 1.x, checked with 9.0. Sphinx has no public "is this the default?".


def user_set(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or ``-D`` gave ``name`` a value (else it holds its default)."""
    return name in config._raw_config or name in config.overrides


# --- 2. sphinx-sitemap: its build-finished handler and its queue of links ----------------
# Relies on sphinx_sitemap.create_sitemap being connected to build-finished (found through
# Sphinx's EventManager.listeners, a dict of EventListener(id, handler, priority)) and on
# app.sitemap_links, the (multiprocessing manager's) queue of (link, lastmod) it fills
# while writing pages, and on sphinx_sitemap.is_excluded (since 2.8); checked with
# sphinx-sitemap 2.8 and 2.9 and Sphinx 8.2 to 9.0.


def disconnect_sitemap(app: Sphinx) -> None:
    """Stop sphinx-sitemap writing (and warning about) a sitemap for this build."""
    from sphinx_sitemap import create_sitemap

    for listener in list(app.events.listeners.get("build-finished", [])):
        if listener.handler is create_sitemap:
            app.disconnect(listener.id)


def sitemap_excluded(link: str, excludes: list[str]) -> bool:
    """Whether sphinx-sitemap's ``sitemap_excludes`` patterns leave ``link`` out."""
    from sphinx_sitemap import is_excluded

    return bool(is_excluded(link, excludes))


def sitemap_queue(app: Sphinx) -> Queue[tuple[str, Any]] | None:
    """sphinx-sitemap's queue of the pages it will list, or None if it is not loaded."""
    return getattr(app, "sitemap_links", None)


# --- 3. MyST: the node a directive's output goes into ------------------------------------
# Relies on MyST's MockState keeping its DocutilsRenderer as ``_renderer``, whose
# ``current_node`` is the node being filled; checked with myst-parser 4.0.0 and 5.2. Under
# reStructuredText the state's public ``parent`` is the same thing.


def directive_parent(state: Any) -> nodes.Node | None:
    renderer = getattr(state, "_renderer", None)
    if renderer is not None:
        return renderer.current_node
    return getattr(state, "parent", None)


# --- 4. sphinxcontrib-bibtex: the cite domain's data -------------------------------------
# Relies on (checked with 2.7.0; 2.6.0 parses the bib files again and fails on them): the domain keeps ``data["bibdata"]`` as
# ``BibData(encoding, bibfiles, data)`` with one ``BibFile(mtime, keys)`` per path, and its
# own builder-inited handler (priority 500) parses again only if ``is_bibdata_outdated``
# says so; ``domain.bibliographies`` maps ``BibliographyKey(docname, id_)`` to a
# ``BibliographyValue`` whose ``filter_`` is a parsed Python expression.

#: A bibliography filter that lets no entry through.
_NO_ENTRY = ast.parse("False")


def install_bibdata(
    domain: BibtexDomain,
    paths: list[Path],
    encoding: str,
    data: BibliographyData,
    keys: dict[str, dict[str, None]],
) -> None:
    """Hand our own parse of ``paths`` to sphinxcontrib-bibtex, in place of its parse."""
    from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

    bibfiles = {
        path: BibFile(mtime=get_mtime(path), keys=keys.get(str(path), {})) for path in paths
    }
    domain.data["bibdata"] = BibData(encoding=encoding, bibfiles=bibfiles, data=data)


def empty_bibliography(docname: str, id_: str, style: str) -> tuple[BibliographyKey, Any]:
    """A bibliography of no entries on ``docname``: a place for citations to point to."""
    from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue

    value = BibliographyValue(
        line=0,
        bibfiles=[],  # no entries of its own: the domain formats nothing for it
        style=style,
        list_="citation",
        enumtype="arabic",
        start=1,
        labelprefix="",
        keyprefix="",
        filter_=_NO_ENTRY,
        citation_nodes={},
        keys=[],
    )
    return BibliographyKey(docname=docname, id_=id_), value


# --- 5. docutils/Sphinx: the HTML writer's citation visitor -------------------------------
# Relies on Sphinx.add_node(..., override=True) replacing the visitor of a docutils node
# class for every HTML translator of the process (checked with Sphinx 8.2 to 9.0); the
# citation node and its ``starttag`` API are docutils' (0.21, 0.22).


def override_citation_html(app: Sphinx, visit: Any, depart: Any) -> None:
    app.add_node(nodes.citation, override=True, html=(visit, depart))


# --- 6. pydata-sphinx-theme: the ``_webpack`` macros (used in templates/layout.html) ------
# Relies on the theme's template context holding ``_webpack``, the macros of
# ``static/webpack-macros.html`` with ``head_pre_assets()`` and ``head_js_preload()``;
# checked with pydata-sphinx-theme 0.17 to 0.24. layout.html uses them only when
# ``_webpack is defined``, so another theme gets its own blocks instead of a crash.

#: The theme the templates are written for; a site that names no theme gets it.
THEME = "pydata_sphinx_theme"


# --- 7. Sphinx: one page's part of the search index ---------------------------------------
# Relies on sphinx.search.IndexBuilder keeping a page's part of the index in ``_titles``,
# ``_filenames``, ``_all_titles`` and ``_index_entries`` (docname -> value) and in
# ``_mapping`` / ``_title_mapping`` (stemmed word -> set of docnames); on ``feed`` writing
# only these, stemming through ``lang.stem``; and on the HTML builder making the indexer
# anew for each build (``prepare_writing``) and calling ``indexer.prune(env.all_docs)``
# just before it writes searchindex.js (``dump_search_index``). Tested with Sphinx 9.0.4,
# read against 8.2.3's source (the same). Sphinx has no API to index a page that is not
# a document, nor an event between that prune and the dump.


@dataclass(frozen=True)
class IndexedPage:
    """What ``IndexBuilder.feed`` stores for one page, whatever its docname."""

    title: str
    all_titles: tuple[tuple[str, str | None], ...]
    title_terms: tuple[str, ...]  #: stemmed words of its titles
    terms: tuple[str, ...]  #: stemmed words of its text that are not in a title
    index_entries: tuple[tuple[str, str, str], ...]


_PAGE_PARTS = ("_titles", "_filenames", "_all_titles", "_index_entries")


def index_page(indexer: Any, title: str, doctree: nodes.document) -> IndexedPage:
    """Tokenise and stem one page as ``indexer.feed`` does, without adding it to the index."""
    scratch = copy.copy(indexer)  # the same language and stemmer, empty tables
    for name in (*_PAGE_PARTS, "_mapping", "_title_mapping"):
        setattr(scratch, name, {})
    scratch.feed("page", "", title, doctree)
    return IndexedPage(
        title=scratch._titles["page"],
        all_titles=tuple(scratch._all_titles["page"]),
        title_terms=tuple(scratch._title_mapping),
        terms=tuple(scratch._mapping),
        index_entries=tuple(scratch._index_entries["page"]),
    )


def add_indexed_page(indexer: Any, docname: str, filename: str, page: IndexedPage) -> None:
    """Put ``page`` into the index as ``docname``: what ``feed`` would have stored."""
    indexer._titles[docname] = page.title
    indexer._filenames[docname] = filename
    indexer._all_titles[docname] = list(page.all_titles)
    indexer._index_entries[docname] = list(page.index_entries)
    title_mapping, mapping = indexer._title_mapping, indexer._mapping
    for word in page.title_terms:
        title_mapping.setdefault(word, set()).add(docname)
    for word in page.terms:
        mapping.setdefault(word, set()).add(docname)


@contextmanager
def stem_cache(indexer: Any) -> Iterator[None]:
    """Remember the stem of each word across pages (``feed`` remembers within one page):
    most paper pages share most of their words."""
    lang = indexer.lang
    stem = lang.stem
    lang.stem = cache(stem)
    try:
        yield
    finally:
        lang.stem = stem


def keep_when_pruned(indexer: Any, docnames: set[str]) -> None:
    """Keep ``docnames`` when the builder prunes the index to its documents before writing
    it. This indexer (one object, made for this build) gets a wrapped ``prune``."""
    prune = indexer.prune

    def prune_keeping(keep: Iterable[str]) -> None:
        prune(set(keep) | docnames)

    indexer.prune = prune_keeping


# --- 8. Sphinx: a build in this process, as sphinx-build runs it ------------------------
# Relies on sphinx.util.docutils.patch_docutils and docutils_namespace, the context
# managers sphinx.cmd.build.build_main wraps each build in (so that roles and directives
# registered by one build do not leak into the next). Checked with Sphinx 8.2 and 9.0.


def build_collecting_warnings(srcdir: Path, tmp: Path, warning: Any) -> None:
    """Build ``srcdir`` with the html builder into ``tmp``, all files, a fresh
    environment, warnings written to the stream ``warning`` (as ``-W --keep-going``
    collects them: every one, the build not stopped at the first)."""
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    with patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(
            srcdir,
            srcdir,
            tmp / "html",
            tmp / "doctrees",
            "html",
            status=None,
            warning=warning,
            freshenv=True,
        )
        app.build(force_all=True)
