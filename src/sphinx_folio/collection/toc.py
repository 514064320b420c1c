"""Every item of a collection is in the navigation, whether or not its index has a toctree.

Without this, the first post added to an empty ``posts/`` is "not included in any
toctree" (a failure under ``-W``) unless the site's ``posts/index.md`` happened to carry
a toctree. So a collection's own index (``<folder>/index``) gets a hidden toctree of every
item that no toctree on it includes yet; a site's own toctree (a ``:glob:`` one, or
``{listing}``'s ``:toctree:``) is left as it is and only what it misses is added.
The list is an explicit one, not ``:glob:``: Sphinx re-reads every page with a globbing
toctree whenever any page is added or removed; here only the index is re-read, and only
when an item of its own collection comes or goes.
"""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

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


def _include_items(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if posixpath.basename(docname) != "index":
        return
    collection = folder_collection(env, docname)
    if collection is None:
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
    indexes = (f"{folders[name]}/index" for name in touched if name is not None)
    return sorted(doc for doc in indexes if doc in env.found_docs and doc not in removed)


def setup_toc(app: Sphinx) -> None:
    # Before Sphinx's TocTreeCollector (doctree-read, priority 500) records the toctrees.
    app.connect("doctree-read", _include_items, priority=400)
    app.connect("env-get-outdated", _outdated)
