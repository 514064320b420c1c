"""Collection records: one per item page, kept in the environment.

A record is made on ``doctree-read`` from the page's front matter
(``env.metadata[docname]``, validated by :mod:`.schema`) and lives in the extension's
state (:mod:`sphinx_folio.state`), which drops it when the page changes and merges it
when the page was read in another process.

The store also remembers which pages list which collections (their "listers"): when
an item is added, changed or removed, ``env-get-outdated`` re-reads the pages that
list its collection, and nothing else.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..config import get_config
from ..dates import PartialDate, Period
from ..paths import OUTSIDE, inside
from ..state import folio
from ..warnings_ import FolioWarning, warn
from .nodes import header_placeholder
from .schema import validate

_TOP_LEVEL_KEY = re.compile(r"^([^\s#\-][^:]*):(\s|$)")
#: Body nodes of a news item that listings show; anything else (a bibliography,
#: a subsection, a toctree) stays on the item's own page.
_BODY_NODES = (
    nodes.paragraph,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.block_quote,
    nodes.line_block,
)


@dataclass(frozen=True, eq=False)
class Record:
    """One collection item, as the front matter of its page describes it."""

    docname: str  #: the item's page
    collection: str  #: e.g. "news"
    title: str  #: front matter ``title`` (its rendered form is ``env.titles[docname]``)
    summary: str = ""
    period: Period | None = None  #: ``date``, or ``start``/``end``
    status: str = ""
    tags: tuple[str, ...] = ()
    image: str = ""  #: source-relative path, registered in ``env.images``
    repository: str = ""
    links: tuple[tuple[str, str], ...] = ()  #: (label, URL), in the order written
    external_url: str = ""  #: a post published elsewhere
    body: tuple[nodes.Element, ...] = ()  #: a news item's text, shown by listings
    pinned: bool = False  #: listed before the dated items (front matter ``pinned: true``)
    details: tuple[tuple[str, str], ...] = ()  #: (label, text): role, event, term...
    group: str = ""  #: a person's group, as written (``{people}`` groups by it)
    names: tuple[str, ...] = ()  #: a person's other spellings in refs.bib
    email: str = ""  #: a person's address

    @property
    def date(self) -> PartialDate | None:
        """The date the item sorts by: its ``date`` or its ``start``."""
        return self.period.start if self.period else None


def folder_collection(env: BuildEnvironment, docname: str) -> str | None:
    """The collection whose folder holds ``docname`` (its index included)."""
    folder = posixpath.dirname(docname)
    for name, path in get_config(env).collections.items():
        if folder == path:
            return name
    return None


def collection_of(env: BuildEnvironment, docname: str) -> str | None:
    """The collection ``docname`` is an item of: a page in its folder, except the index."""
    if posixpath.basename(docname) == "index":
        return None
    return folder_collection(env, docname)


def note_lister(env: BuildEnvironment, docname: str, collections: Iterable[str]) -> None:
    store = folio(env)
    store.listers[docname] = store.listers.get(docname, frozenset()) | frozenset(collections)


def _front_matter_keys(env: BuildEnvironment, docname: str) -> dict[str, int]:
    """The top-level keys written in the page's front matter, with their line numbers.

    ``env.metadata`` also holds what Sphinx and MyST add themselves (``wordcount``,
    ``myst_slugs``...), so the keys the author wrote are read off the source.
    """
    try:
        lines = Path(env.doc2path(docname)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    if not lines or lines[0].rstrip() != "---":
        return {}
    keys: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            keys.setdefault(match.group(1).strip().strip("'\""), number)
    return keys


def _body(doctree: nodes.document) -> tuple[nodes.Element, ...]:
    section = next(iter(doctree.findall(nodes.section)), None)
    parent: nodes.Element = section if section is not None else doctree
    body = []
    for child in parent.children:
        if isinstance(child, _BODY_NODES):
            copy = child.deepcopy()
            for node in copy.findall(nodes.Element):
                # Detached from this page: no document, no ids to clash on another page.
                node.document = None
                node["ids"] = []
                node["names"] = []
            body.append(copy)
    return tuple(body)


def _abstract(doctree: nodes.document) -> str:
    """A talk's ``abstract``: docutils takes the key out of the metadata and shows it on
    the page as a topic, so the listing reads its text from there."""
    for topic in doctree.findall(nodes.topic):
        if "abstract" in topic["classes"]:
            return " ".join(p.astext() for p in topic.findall(nodes.paragraph))
    return ""


def _read(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    collection = collection_of(env, docname)
    if collection is None:
        return

    def image_problem(image: str) -> str:
        absolute = Path(env.relfn2path(image, docname)[1])
        if inside(app.confdir, absolute) is None:
            return OUTSIDE
        return "" if absolute.is_file() else "names a file that does not exist"

    written = _front_matter_keys(env, docname)
    metadata = env.metadata.get(docname, {})
    raw = {key: metadata.get(key, "null") for key in written}
    fields, problems = validate(collection, raw, image_problem)
    for problem in problems:
        kind = FolioWarning.IMAGE if problem.image else FolioWarning.FRONTMATTER
        warn(kind, problem.message, location=(docname, written.get(problem.key, 1)))

    image = ""
    if fields.image:
        image, absolute = env.relfn2path(fields.image, docname)
        # Registered under this page, so Sphinx's own image collector purges and merges
        # it, and every listing that shows the image gets the copy in _images/.
        env.images.add_file(docname, image)
        env.note_dependency(absolute)

    summary = fields.summary or (_abstract(doctree) if "abstract" in written else "")
    title = env.titles.get(docname)
    folio(env).records[docname] = Record(
        docname=docname,
        collection=collection,
        title=fields.title or (title.astext() if title else "") or docname,
        summary=summary,
        period=fields.period,
        status=fields.status,
        tags=fields.tags,
        image=image,
        repository=fields.repository,
        links=fields.links,
        external_url=fields.external_url,
        pinned=fields.pinned,
        details=fields.details,
        group=fields.group,
        names=fields.names,
        email=fields.email,
        body=_body(doctree) if collection == "news" else (),
    )
    _insert_header(doctree)
    _abstract_under_header(doctree)


def _abstract_under_header(doctree: nodes.document) -> None:
    """docutils puts an ``abstract`` topic before the title: move it under the header."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    for topic in list(doctree.children):
        if isinstance(topic, nodes.topic) and "abstract" in topic["classes"]:
            doctree.remove(topic)
            index = next(
                (i for i, c in enumerate(section.children) if isinstance(c, header_placeholder)),
                0,
            )
            section.insert(index + 1, topic)


def _insert_header(doctree: nodes.document) -> None:
    placeholder = header_placeholder()
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, placeholder)
    else:
        doctree.insert(0, placeholder)


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages that list a collection one of whose pages was added, changed or removed."""
    touched = {
        name
        for docname in added | changed | removed
        if (name := folder_collection(env, docname)) is not None
    }
    return sorted(
        docname
        for docname, listed in folio(env).listers.items()
        if listed & touched and docname not in removed
    )


def setup_records(app: Sphinx) -> None:
    # After Sphinx's own collectors (priority 500) have filled env.metadata and env.titles.
    app.connect("doctree-read", _read, priority=600)
    app.connect("env-get-outdated", _outdated)
