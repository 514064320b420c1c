"""A page per paper of the owner, and the ``.bib`` exports.

The pages are made at ``html-collect-pages``, not as Sphinx documents: a document per
paper would be read, pickled and resolved on every full build, and would need a source
file the user never wrote. The cost is that a paper page cannot be a ``{doc}`` target
(link it by URL; citations link it already) and that Sphinx writes such pages on every
build. So the pages written are remembered with a signature of everything shown on them
(the entry, the pages citing it, the site's settings and navigation); unchanged pages
are not written again. A paper's file name comes from its key alone
(:func:`..slugs.key_name`); one that would take the name of a document, of the list or
of the export gets a distinct name and a ``folio.name`` warning (:func:`.store.paper_names`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .. import __name__ as package
from .. import __version__, _compat, manifest
from ..inputs import options_signature, templates_signature, theme_signature
from ..paths import site_file, write_if_changed
from ..state import folio
from ..warnings_ import FolioWarning, warn
from .cache import Formatted
from .export import bib_file
from .feed import FEED_NAME
from .records import Publication
from .render import esc
from .store import (
    FILES_DIR,
    Store,
    get_store,
    page_signature,
    paper_parts,
    progress,
)

HERE = Path(__file__).parent.parent


def site_signature(app: Sphinx) -> str:
    """What every generated page depends on besides its paper: the navigation, every
    option (``folio_social`` and ``folio_email`` draw the navbar's icons, ``html_*`` the
    page's shell), the tags, the templates (the package's and the site's), the theme and
    the package's version."""
    env = app.env
    nav = [
        sorted((doc, list(children)) for doc, children in _compat.toctree_includes(env).items()),
        sorted((doc, title.astext()) for doc, title in env.titles.items()),
    ]
    assets = [
        (str(path.relative_to(HERE)), path.stat().st_mtime)
        for folder in ("templates", "static")
        for path in sorted((HERE / folder).rglob("*"))
        if path.is_file()
    ]
    return page_signature(
        package,
        __version__,
        options_signature(app.config),
        sorted(app.tags),
        nav,
        assets,
        templates_signature(app),
        theme_signature(app.config.html_theme),
    )


def _list_page(app: Sphinx, pubdir: str) -> str:
    """The page "All publications" links to: the full list in the publications folder."""
    lists = folio(app.env).publication_lists
    pages = [doc for doc, kinds in lists.items() if "all" in kinds]
    pages.sort(key=lambda doc: (doc != f"{pubdir}/index", not doc.startswith(pubdir + "/"), doc))
    return pages[0] if pages else ""


def _copy_files(app: Sphinx, store: Store, formatted: Formatted) -> None:
    """Local files named in link fields (pdf = {papers/x.pdf}) go to <pubdir>/files/<path>.

    Checked again on every build (not only when the entry was formatted): a file or a
    symlink may have changed since, and nothing outside the site is ever copied.
    """
    files = [(link.kind, link.target) for link in formatted.pub.links if link.local]
    if formatted.pub.preview:
        files.append(("preview", formatted.pub.preview))
    for kind, name in files:
        published, why = site_file(app.confdir, name)
        if published is None:
            warn(
                FolioWarning.BIBTEX,
                f"entry {formatted.pub.key!r}: {kind} file {name!r} {why}",
                store.location(formatted.pub.key),
            )
            continue
        source = Path(app.confdir, published).resolve()
        target = Path(app.outdir) / store.pubdir / FILES_DIR / published
        manifest.keep(app, target)
        stat = source.stat()
        # Not only a newer file: one put back from git or a backup may be older.
        copied = target.stat() if target.is_file() else None
        if copied is None or (copied.st_mtime_ns, copied.st_size) != (
            stat.st_mtime_ns,
            stat.st_size,
        ):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def paper_pagenames(app: Sphinx) -> list[str]:
    """Every generated paper page, written this build or not (for the sitemap)."""
    store = get_store(app.env)
    pagenames = (store.paper_page(formatted.pub.key) for formatted in store.owner())
    return [name for name in pagenames if name not in app.env.found_docs]


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """html-collect-pages: the paper pages (only those that changed) and the exports."""
    if app.builder.name not in ("html", "dirhtml"):
        return
    env = app.env
    store = get_store(env)
    cache = store.cache
    site = site_signature(app)
    outdir = Path(app.outdir)
    list_page = _list_page(app, store.pubdir)
    owner = store.owner()

    # The owner's publications as one .bib.
    export = store.pubdir + "/" + store.export_name()
    signature = page_signature([f.pub.digest for f in owner])
    manifest.keep(app, export)
    if cache.written.get(export) != signature or not (outdir / export).exists():
        write_if_changed(outdir / export, bib_file(f.pub.bibtex for f in owner))
        cache.written[export] = signature
        cache.dirty = True

    live: set[str] = {export, FEED_NAME}  # the feed keeps its own signature here
    with _under_list_page(app, list_page, [store.paper_page(f.pub.key) for f in owner]):
        yield from _paper_pages(app, store, owner, list_page, site, live)

    for stale in set(cache.written) - live:
        del cache.written[stale]
        cache.dirty = True


@contextmanager
def _under_list_page(app: Sphinx, list_page: str, pagenames: list[str]) -> Iterator[None]:
    """While the paper pages are written, they are children of the list page, so the
    navbar marks the list's entry (pydata-sphinx-theme finds the current entry through
    ``env.toctree_includes``). Only for these pages: the environment is left as it was."""
    if not list_page or not pagenames:
        yield
        return
    with _compat.toctree_children(app.env, list_page, pagenames):
        yield


def _paper_pages(
    app: Sphinx,
    store: Store,
    owner: list[Formatted],
    list_page: str,
    site: str,
    live: set[str],
) -> Iterator[tuple[str, dict[str, Any], str]]:
    env = app.env
    cache = store.cache
    outdir = Path(app.outdir)
    todo: list[tuple[Publication, str, str, str, list[tuple[str, str]]]] = []
    for formatted in owner:
        pub = formatted.pub
        pagename = store.paper_page(pub.key)
        bibname = f"{pagename}.bib"
        live.update((pagename, bibname))
        manifest.keep(app, bibname)
        _copy_files(app, store, formatted)
        if cache.written.get(bibname) != pub.digest or not (outdir / bibname).exists():
            write_if_changed(outdir / bibname, bib_file([pub.bibtex]))
            cache.written[bibname] = pub.digest
            cache.dirty = True
        if pagename in env.found_docs:
            continue  # the user wrote this page
        manifest.keep_page(app, pagename)
        cited = [
            (app.builder.get_relative_uri(pagename, doc), env.titles[doc].astext())
            for doc in store.cited_on.get(pub.key, [])
            if doc in env.titles
        ]
        signature = page_signature(pub.digest, cited, site, list_page)
        target_uri = app.builder.get_target_uri(pagename)
        outfile = outdir / (target_uri + "index.html" if target_uri.endswith("/") else target_uri)
        if cache.written.get(pagename) == signature and outfile.exists():
            continue
        todo.append((pub, pagename, signature, target_uri, cited))
    for pub, pagename, signature, target_uri, cited in progress(
        app, todo, "writing paper pages... ", lambda page: page[1]
    ):
        cache.written[pagename] = signature
        cache.dirty = True
        root = "../" * target_uri.count("/")
        parents = []
        list_url = ""
        if list_page:
            list_url = app.builder.get_relative_uri(pagename, list_page)
            if list_page != app.config.root_doc and list_page in env.titles:
                # The breadcrumb: Home > Publications > the paper (the title is HTML there).
                parents = [{"link": esc(list_url), "title": esc(env.titles[list_page].astext())}]
        body, head = paper_parts(app, store, pub, root=root, cited=cited, list_url=list_url)
        context = {
            "title": esc(pub.title),  # Sphinx templates take the title as HTML
            "body": body,
            "metatags": head,
            "folio_paper": pub.key,
            "display_toc": False,
            "parents": parents,
        }
        yield pagename, context, "page.html"
