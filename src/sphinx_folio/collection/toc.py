"""Every item of a collection is in the navigation, whether or not its index has a toctree.

Without this, the first post added to an empty ``posts/`` is "not included in any
toctree" (a failure under ``-W``) unless the site's ``posts/index.md`` happened to carry
a toctree. So a collection's own index (``<folder>/index``) gets a hidden toctree of every
item that no toctree on it includes yet; a site's own toctree (a ``:glob:`` one, or
``{listing}``'s ``:toctree:``) is left as it is and only what it misses is added.
The list is an explicit one, not ``:glob:``: Sphinx re-reads every page with a globbing
toctree whenever any page is added or removed; here only the index is re-read, and only
when an item of its own collection comes or goes.

A collection with no items yet (``posts/`` with only its index) takes no navbar slot and
shows no empty page: its index is dropped from every toctree, kept out of the search
index and the sitemap, and its page is replaced by a pointer home. The first item brings it
back (the pages that list it are read again).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from ..config import get_config
from .records import collection_of, folder_collection


def hidden_toctree(docname: str, items: list[str], source: str, line: int) -> nodes.compound:
    """A hidden toctree of ``items`` on ``docname``, as ``{toctree}`` with ``:hidden:`` makes."""
    toctree = addnodes.toctree()
    toctree["parent"] = docname
    toctree["entries"] = [(None, item) for item in items]
    toctree["includefiles"] = list(items)
    toctree["maxdepth"] = -1
    toctree["caption"] = None
    toctree["glob"] = False
    toctree["hidden"] = True
    toctree["includehidden"] = False
    toctree["numbered"] = 0
    toctree["titlesonly"] = False
    toctree.source, toctree.line = source, line
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += toctree
    return wrapper


def items_of(env: BuildEnvironment, collections: list[str]) -> list[str]:
    return sorted(d for d in env.found_docs if collection_of(env, d) in collections)


#: ``env.metadata`` key of a collection index left out of the site while it has no items.
HIDDEN = "folio_hidden"


def empty_indexes(env: BuildEnvironment) -> set[str]:
    """The index pages of the collections that have an index but no item."""
    folders = get_config(env).collections
    indexes = {f"{folder}/index": name for name, folder in folders.items()}
    return {
        index
        for index, name in indexes.items()
        if index in env.found_docs and not items_of(env, [name])
    }


def _drop_empty_collections(app: Sphinx, doctree: nodes.document) -> None:
    """A toctree entry for an empty collection's index goes (so does its navbar link)."""
    env = app.env
    empty = empty_indexes(env)
    if not empty:
        return
    for toctree in doctree.findall(addnodes.toctree):
        dropped = [ref for _title, ref in toctree["entries"] if ref in empty]
        if dropped:
            toctree["entries"] = [e for e in toctree["entries"] if e[1] not in empty]
            toctree["includefiles"] = [d for d in toctree["includefiles"] if d not in empty]


def _include_items(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if posixpath.basename(docname) != "index":
        return
    collection = folder_collection(env, docname)
    if collection is None:
        return
    if docname in empty_indexes(env):
        # Listed nowhere, so not "in no toctree"; not searchable; removed after writing.
        env.metadata[docname].update({"orphan": True, "nosearch": True, HIDDEN: True})
        return
    included = {name for toc in doctree.findall(addnodes.toctree) for name in toc["includefiles"]}
    missing = [item for item in items_of(env, [collection]) if item not in included]
    if missing:
        doctree += hidden_toctree(docname, missing, env.doc2path(docname).as_posix(), 1)


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The index of a collection one of whose items was added or removed."""
    folders = get_config(env).collections
    touched = {collection_of(env, docname) for docname in added | removed}
    indexes = {f"{folders[name]}/index" for name in touched if name is not None}
    # The pages that list (or left out) an index whose collection may have become empty
    # or not: their toctrees change with it.
    listing = {
        doc
        for doc in env.found_docs
        if doc not in removed
        and (
            indexes & set(env.toctree_includes.get(doc, ()))
            or (
                any(env.metadata.get(index, {}).get(HIDDEN) for index in indexes)
                and doc == app.config.root_doc
            )
        )
    }
    return sorted(
        {doc for doc in indexes if doc in env.found_docs and doc not in removed} | listing
    )


#: What stands at an empty collection's address: a pointer home, for robots too. (A
#: missing file would make Sphinx write the page again on every build.)
STUB = (
    '<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url={home}">'
    "<title>Nothing here yet</title></head>"
    '<body><p><a href="{home}">Go to the home page</a></p></body></html>\n'
)


def _stub_hidden_pages(app: Sphinx, exception: Exception | None) -> None:
    """An empty collection's index was written like any page; only a pointer home stays."""
    if exception is not None or app.builder.format != "html":
        return
    from html import escape

    for docname in empty_indexes(app.env):
        uri = app.builder.get_target_uri(docname)
        page = Path(app.outdir, uri)
        if page.suffix != ".html":
            page = page / "index.html"
        home = escape(relative_uri(uri, app.builder.get_target_uri(app.config.root_doc)) or "./")
        text = STUB.format(lang=escape(app.config.language or "en"), home=home)
        if page.is_file() and page.read_text(encoding="utf-8") != text:
            page.write_text(text, encoding="utf-8")


def setup_toc(app: Sphinx) -> None:
    # Before Sphinx's TocTreeCollector (doctree-read, priority 500) records the toctrees.
    app.connect("doctree-read", _include_items, priority=400)
    app.connect("doctree-read", _drop_empty_collections, priority=400)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _stub_hidden_pages)
