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
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.logging import VERBOSE

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
    it, and drop the words no page is left with. This indexer (one object, made for this
    build) gets a wrapped ``prune``.

    Sphinx's ``prune`` empties a word's set of pages but keeps the word, so a word that
    an edit took out of the only page holding it stayed in searchindex.js as ``"word":
    []``, where a clean build has nothing: an incremental build must equal a clean one.
    """
    prune = indexer.prune

    def prune_keeping(keep: Iterable[str]) -> None:
        prune(set(keep) | docnames)
        for mapping in (indexer._mapping, indexer._title_mapping):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]

    indexer.prune = prune_keeping


# --- 8. MyST and Sphinx: two status lines every build prints -------------------------------
# Relies on the names of two loggers and what they log: MyST's create_myst_config logs its
# whole MdParserConfig ("myst v%s: %s", logger myst_parser.sphinx_ext.main, checked with
# myst-parser 4.0 and 5.2), and Sphinx 9's copy_asset_file logs each static template it
# renders (subtype "template_evaluation", logger sphinx.util.fileutil). Sphinx names its
# loggers "sphinx." + the module's name. Both lines stay visible with -v.

_CHATTY = {
    "sphinx.myst_parser.sphinx_ext.main": lambda record: "myst v%s:" in str(record.msg),
    "sphinx.sphinx.util.fileutil": (
        lambda record: getattr(record, "subtype", None) == "template_evaluation"
    ),
}


class _Verbose(logging.Filter):
    """Moves a record that ``chatty`` recognises down to Sphinx's verbose level (-v)."""

    def __init__(self, chatty: Callable[[logging.LogRecord], bool]) -> None:
        super().__init__()
        self.chatty = chatty

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and self.chatty(record):
            record.levelno, record.levelname = VERBOSE, "VERBOSE"
        return True


def quiet_chatter() -> None:
    """Demote the two lines to verbose; once per process (the loggers are global)."""
    for name, chatty in _CHATTY.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, _Verbose) for f in logger.filters):
            logger.addFilter(_Verbose(chatty))


# --- 9. Sphinx: the math domain's equation numbers ------------------------------------------
# Relies on MathDomain.equations (labelid -> (docname, number), a property over
# data['objects']), note_equation and get_equation_number_for, as Sphinx's own math
# directive uses them; checked with Sphinx 8.2 to 9.0.


def equation(env: Any, label: str) -> tuple[str, int] | None:
    """The page and number of the equation labelled ``label`` (Sphinx's math domain keeps
    them in ``equations``: labelid -> (docname, number))."""
    found = env.domains.math_domain.equations.get(label)
    return (found[0], found[1]) if found else None


def number_equation(env: Any, docname: str, label: str, node: Any) -> int | None:
    """Register ``label`` as an equation of ``docname`` and give its number, as Sphinx's own
    ``math`` directive does (sphinx.directives.patches.MathDirective.add_target)."""
    domain = env.domains.math_domain
    domain.note_equation(docname, label, location=node)
    return domain.get_equation_number_for(label)


def alias_equation(env: Any, docname: str, label: str, number: int) -> None:
    """``label`` names the equation of ``docname`` numbered ``number`` (one that myst-parser
    numbered under a random label)."""
    env.domains.math_domain.equations[label] = (docname, number)


# --- 10. pybtex: its plugin lookups, remembered -------------------------------------------
# (Entries from 20 on speed up builds and the preview server; numbered apart from the rest.)
# Relies on pybtex.plugin looking installed plugins up through its module-level name
# ``entry_points`` (importlib.metadata's, called as ``entry_points(group=..., name=...)``),
# after the plugins registered at run time; checked with pybtex 0.24 and 0.26.1. Each
# call scans every installed distribution's metadata (about 13 ms here), and
# sphinxcontrib-bibtex and our styles look plugins up 53 times in a rebuild of this site.
# What is installed does not change while a build runs, so one scan per process.


def remember_pybtex_plugins() -> None:
    """Make pybtex scan the installed plugins once per process (every group at once)."""
    import pybtex.plugin

    lookup = pybtex.plugin.entry_points
    if getattr(lookup, "folio_remembered", False):
        return

    @cache
    def installed() -> Any:
        return lookup()  # importlib.metadata.EntryPoints: every group, one scan

    @cache
    def remembered(**query: str) -> tuple[Any, ...]:
        return tuple(installed().select(**query))

    def entry_points(**query: str) -> tuple[Any, ...]:
        return remembered(**query)

    entry_points.folio_remembered = True  # type: ignore[attr-defined]
    pybtex.plugin.entry_points = entry_points


# --- 11. Sphinx: the Jinja environment of the HTML builder's templates ---------------------
# Relies on the HTML builder keeping its template loader as ``builder.templates``, a
# sphinx.jinja2glue.BuiltinTemplateLoader whose ``environment`` (a Jinja Environment) it
# makes in ``init()``, before builder-inited; checked with Sphinx 8.2 to 9.0.


def builder_jinja_environment(builder: Any) -> Any | None:
    """The Jinja environment that renders the builder's pages, if it has one."""
    return getattr(getattr(builder, "templates", None), "environment", None)


# --- 12. sphinx-sitemap: its queue of links, kept in this process ---------------------------
# Relies on sphinx_sitemap.record_builder_type being connected to builder-inited, and
# doing two things: ``builder.env.is_directory_builder`` (dirhtml or not) and
# ``app.sitemap_links = multiprocessing.Manager().Queue()``, which add_html_link fills
# (``put``) and create_sitemap empties (``get_nowait`` until queue.Empty); checked with
# sphinx-sitemap 2.8 and 2.9. The Manager is a server process, started for every build,
# and each page written is a round trip to it: for pages written in forked workers
# (-j N). A build that writes in one process gets a plain queue.Queue instead.


def sitemap_queue_in_process(app: Sphinx) -> None:
    """Give sphinx-sitemap an in-process queue when every page is written in this process."""
    from sphinx_sitemap import record_builder_type

    def record(app: Sphinx) -> None:
        if app.parallel > 1 or getattr(app, "builder", None) is None:
            record_builder_type(app)  # pages may be written in other processes
            return
        import queue

        builder = app.builder
        builder.env.is_directory_builder = type(builder).__name__ == "DirectoryHTMLBuilder"  # type: ignore[attr-defined]
        app.sitemap_links = queue.Queue()  # type: ignore[attr-defined]

    for listener in list(app.events.listeners.get("builder-inited", [])):
        if listener.handler is record_builder_type:
            app.disconnect(listener.id)
            app.connect("builder-inited", record, priority=listener.priority)


# ===== Entries 20 to 25: the uses that sat outside this module until issue 23 ==============
# (Numbered from 20 so that entries added beside them by other work keep their numbers.)


# --- 13. Sphinx / pydata-sphinx-theme: the HTML builder's theme and its options -----------
# Relies on StandaloneHTMLBuilder keeping the Theme it made as ``builder.theme`` and the
# options it hands templates as ``builder.theme_options`` (a dict, read when each page is
# written), and on ``Theme.get_options()`` giving the options the theme declares; checked
# with Sphinx 8.2 and 9.0 and pydata-sphinx-theme 0.16 to 0.24.


def theme_options(builder: Any) -> dict[str, Any] | None:
    """The theme options the builder gives templates, or None without a theme."""
    options = getattr(builder, "theme_options", None)
    return options if isinstance(options, dict) else None


def theme_declares(builder: Any, option: str) -> bool:
    """Whether the builder's theme has the option ``option`` (``icon_links``, say)."""
    theme = getattr(builder, "theme", None)
    return theme is not None and option in theme.get_options()


# --- 14. Sphinx: the environment's toctree children --------------------------------------
# Relies on ``env.toctree_includes`` (docname -> docnames its toctrees include), which
# pydata-sphinx-theme reads to mark the current navbar entry; checked with Sphinx 8.2 and
# 9.0. Sphinx has no API to make a page that is not a document the child of one.


@contextmanager
def toctree_children(env: Any, parent: str, children: list[str]) -> Iterator[None]:
    """While the block runs, ``children`` are also children of ``parent``; restored after."""
    includes = env.toctree_includes
    before = includes.get(parent)
    includes[parent] = [*(before or []), *children]
    try:
        yield
    finally:
        if before is None:
            del includes[parent]
        else:
            includes[parent] = before


def toctree_includes(env: Any) -> dict[str, list[str]]:
    """docname -> the documents its toctrees include (read only)."""
    return dict(env.toctree_includes)


# --- 15. Sphinx: the HTML builder's search indexer ---------------------------------------
# Relies on StandaloneHTMLBuilder keeping this build's ``IndexBuilder`` as
# ``builder.indexer`` (None when the search is off) from ``prepare_writing`` until the
# index is dumped; checked with Sphinx 8.2 and 9.0.


def search_indexer(builder: Any) -> Any | None:
    """The builder's search indexer, or None (no search, or not an HTML builder)."""
    return getattr(builder, "indexer", None)


# --- 16. Sphinx: a script tag's attributes -----------------------------------------------
# Relies on ``sphinx.builders.html._assets._JavaScript`` (what ``script_files`` in a page's
# context holds) being made as ``_JavaScript(filename, priority=..., **attributes)`` and
# keeping ``filename``, ``priority`` and ``attributes``; checked with Sphinx 8.2 and 9.0.


def with_attribute(script: Any, name: str, value: str) -> Any:
    """A copy of the script tag ``script`` with one more attribute (``defer``, say)."""
    attributes = dict(script.attributes)
    attributes[name] = value
    return type(script)(script.filename, priority=script.priority, **attributes)


# --- 17. sphinxcontrib-bibtex: is the parse of the bib files outdated? -------------------
# Relies on ``sphinxcontrib.bibtex.bibfile.is_bibdata_outdated(bibdata, paths, encoding)``
# (2.6, 2.7), which compares the paths, the encoding and each file's mtime.


def bibdata_outdated(bibdata: Any, paths: list[Path], encoding: str) -> bool:
    from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

    return bool(is_bibdata_outdated(bibdata, paths, encoding))


# --- 18. sphinxcontrib-bibtex: citation targets and the domain's citations ---------------
# Relies on ``sphinxcontrib.bibtex.citation_target.parse_citation_targets`` (the keys of a
# ``{cite}`` role's target, each with ``.key``), and on the cite domain keeping its
# citations as ``domain.citations``, a list of ``Citation`` named tuples (citation_id,
# bibliography_key, key, entry, formatted_entry, tooltip_entry) that it resolves
# references against; checked with 2.6 and 2.7.


def cited_keys(target: str) -> list[str]:
    """The keys a ``{cite}`` role's target names (``a,b`` or ``pre{a}post``)."""
    from sphinxcontrib.bibtex.citation_target import parse_citation_targets

    return [t.key for t in parse_citation_targets(target)]


def add_citation(
    domain: BibtexDomain,
    bib_key: BibliographyKey,
    key: str,
    entry: Any,
    formatted_entry: Any,
    tooltip_entry: Any,
) -> None:
    """Make ``key`` a citation the domain resolves, pointing at ``bib_key``'s page."""
    from sphinxcontrib.bibtex.domain import Citation

    domain.citations.append(
        Citation(
            citation_id="",  # the page itself, no fragment
            bibliography_key=bib_key,
            key=key,
            entry=entry,
            formatted_entry=formatted_entry,
            tooltip_entry=tooltip_entry,
        )
    )


# --- 19. Sphinx: is this build run by sphinx-build? --------------------------------------
# Relies on every command-line build (``sphinx-build``, ``python -m sphinx``, make mode)
# going through ``sphinx.cmd.build.build_main``, which makes the application and builds
# it in the same call; checked with Sphinx 8.2 and 9.0. Sphinx has no flag for it.


def command_line_build() -> bool:
    """Whether ``sphinx.cmd.build.build_main`` is running this code (not pytest, not a
    preview server that builds in its own process)."""
    import sys

    from sphinx.cmd import build

    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is build.build_main.__code__:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


# --- 20. Sphinx: a build in this process, as sphinx-build runs it -----------------------
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
