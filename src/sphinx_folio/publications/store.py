"""The publications of one build: records for every entry of refs.bib, formatted via the cache.

Built once per build on ``builder-inited`` (after sphinxcontrib-bibtex has parsed the bib
files), read by the directives, the citation hooks and the paper pages. Kept for this
build only (``folio(env).publications``, not pickled): everything here is derived from
the parsed bib data and the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.display import status_iterator

from .. import __version__
from ..collection.render import tag_page
from ..config import get_config
from ..paths import site_file
from ..slugs import deduplicate, key_name, short_hash, slug
from ..state import folio
from ..templating import Templates, templates_of
from ..urls import site_url
from .cache import Cache, Formatted
from .coauthors import CoauthorLinks, load_links
from .members import PEOPLE, MemberMatcher, read_members
from .names import OwnerMatcher
from .records import FORMAT_VERSION, Publication, build, digest, local_paths
from .render import TEMPLATE_NAMES, head_html, item_html, paper_html

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: Folder, under the publications folder, for local files named in link fields.
FILES_DIR = "files"


def bib_domain(env: BuildEnvironment) -> BibtexDomain:
    return cast("BibtexDomain", env.get_domain("cite"))


@dataclass
class Store:
    """What the build knows about the bibliography."""

    cache: Cache
    pubdir: str  #: Folder of the paper pages, e.g. "publications".
    owner_slug: str  #: For the file name of the full export.
    #: Keys in bib file order.
    order: list[str] = field(default_factory=list)
    #: Keys whose content changed since the last build (or that appeared or went).
    changed: set[str] = field(default_factory=set)
    #: Key -> documents citing it, filled on env-updated.
    cited_on: dict[str, list[str]] = field(default_factory=dict)
    #: Where each entry starts in the bib files: key -> (path, line), found on demand.
    #: Key -> "file:line" where its entry starts (from the intake).
    lines: dict[str, str] = field(default_factory=dict)
    bibfiles: list[Path] = field(default_factory=list)
    #: Key -> file name of its page and .bib (see :func:`paper_names`).
    names: dict[str, str] = field(default_factory=dict)
    #: (key, message) for each name that had to change because of a clash.
    name_clashes: list[tuple[str, str]] = field(default_factory=list)
    #: :meth:`owner`, once ``order`` is known (asked for several times a build).
    _owner: list[Formatted] | None = field(default=None, repr=False)

    def get(self, key: str) -> Formatted | None:
        entry_digest = self.cache.digests.get(key)
        return self.cache.formatted.get(entry_digest) if entry_digest else None

    def all(self) -> Iterator[Formatted]:
        for key in self.order:
            formatted = self.get(key)
            if formatted is not None:
                yield formatted

    def owner(self) -> list[Formatted]:
        """The owner's papers, newest first (ties keep bib file order)."""
        if self._owner is None:
            mine = [f for f in self.all() if f.pub.owner]
            self._owner = sorted(mine, key=lambda f: f.pub.sort_key)  # stable
        return list(self._owner)

    def is_owner(self, key: str) -> bool:
        formatted = self.get(key)
        return formatted is not None and formatted.pub.owner

    def paper_page(self, key: str) -> str:
        return f"{self.pubdir}/{self.names.get(key) or key_name(key)}"

    def export_name(self) -> str:
        return f"{self.owner_slug}-publications.bib"

    def location(self, key: str) -> str:
        """Where the entry ``key`` starts, as "path/refs.bib:12", for warnings (the line the
        intake read it from)."""
        fallback = str(self.bibfiles[0]) if self.bibfiles else ""
        return self.lines.get(key, fallback)


def get_store(env: BuildEnvironment) -> Store:
    store = folio(env).publications
    assert store is not None, "builder-inited has not run"
    return store


def _salt(
    app: Sphinx,
    templates: Templates,
    coauthors: dict[str, str],
    members: list[tuple[str, tuple[str, ...]]],
) -> str:
    """Everything besides an entry's own content that its formatted output depends on."""
    config = get_config(app)
    return json.dumps(
        [
            FORMAT_VERSION,
            __version__,
            templates.signature(TEMPLATE_NAMES),
            coauthors,
            members,
            config.author_marks,
            config.max_authors,
            config.name,
            config.name_variants,
            config.list_every_entry,
            config.publications_dir,
            app.builder.name,
            app.config.html_baseurl,
            app.config.project,
        ]
    )


def _target_uri(app: Sphinx, pagename: str) -> str:
    """``pagename``'s URI; a builder without paper or tag pages (LaTeX, man) has none, and
    the formatted HTML it is used in is then never shown."""
    try:
        return app.builder.get_target_uri(pagename)
    except NoUri:
        return f"{pagename}.html"


def _page_url(app: Sphinx, pagename: str) -> str:
    uri = _target_uri(app, pagename)
    base = site_url(app.config)
    return base + uri if base else uri.rsplit("/", 1)[-1]


def _format(app: Sphinx, templates: Templates, pub: Publication, pubdir: str) -> Formatted:
    if not pub.owner:
        return Formatted(pub)
    pagename = f"{pubdir}/{pub.name}"
    authors = ", ".join(a.name for a in pub.authors) + (" et al." if pub.et_al else "")
    tooltip = ". ".join(part for part in (authors, pub.title, pub.venue, pub.year) if part)
    return Formatted(
        pub=pub,
        item=item_html(
            templates,
            pub,
            _target_uri(app, pagename),
            f"{pubdir}/{FILES_DIR}",
            max_authors=get_config(app).max_authors,
            tag_uris=tag_uris(app, pub),
        ),
        tooltip=tooltip + ".",
    )


def tag_uris(app: Sphinx, pub: Publication) -> list[tuple[str, str]]:
    """(tag, URL of its page from the site root): the pages research and posts share."""
    return [(tag, _target_uri(app, tag_page(tag))) for tag in pub.tags]


def paper_parts(
    app: Sphinx,
    store: Store,
    pub: Publication,
    *,
    root: str,
    cited: list[tuple[str, str]],
    list_url: str,
) -> tuple[str, str]:
    """The body and the ``<head>`` tags of a paper's page."""
    pubdir = store.pubdir
    pagename = f"{pubdir}/{pub.name}"
    files_dir = f"{pubdir}/{FILES_DIR}"
    pdf = next((link for link in pub.links if link.kind == "pdf"), None)
    pdf_url = ""
    if pdf is not None and not pdf.local:
        pdf_url = pdf.target
    elif pdf is not None:
        name = pdf.target
        base = site_url(app.config)
        pdf_url = f"{base}{files_dir}/{name}" if base else f"{FILES_DIR}/{name}"
    templates = templates_of(app.env)
    body = paper_html(
        templates,
        pub,
        pubdir=pubdir,
        files_dir=files_dir,
        root=root,
        cited=cited,
        list_url=list_url,
        marks=get_config(app).author_marks,
        tag_uris=tag_uris(app, pub),
    )
    head = head_html(pub, _page_url(app, pagename), pdf_url, app.config.project)
    return body, head


def _owner_slug(name: str) -> str:
    return slug(name) or "owner"


#: What each reserved paper name already is, for the warning.
_RESERVED = {"index": "the page of the publications list", FILES_DIR: "the folder of linked files"}


def paper_names(
    keys: Iterable[str], pubdir: str, export_stem: str, documents: set[str]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Key -> file name of its paper page and .bib, and a message for each clash.

    A name depends on the key alone (:func:`..slugs.key_name`), except where it would
    take a reserved name (the list's ``index``, the ``files`` folder, the export of all
    papers) or the name of a document in the publications folder (``documents``,
    casefolded): then the key's hash is added, and a warning says so.
    """
    reserved = {**_RESERVED, export_stem.casefold(): "the .bib export of all publications"}
    names: dict[str, str] = {}
    clashes: list[tuple[str, str]] = []
    for key in keys:
        name = key_name(key, frozenset(reserved))
        if key.casefold() in reserved:
            what = reserved[key.casefold()]
            message = f"a paper page {pubdir}/{key} would replace {what}"
            clashes.append((key, f"entry {key!r}: {message}; it is named {pubdir}/{name} instead"))
        if name.casefold() in documents:
            renamed = f"{name}-{short_hash(key)}"
            message = f"the document {pubdir}/{name} has the name of its paper page"
            clashes.append(
                (key, f"entry {key!r}: {message}; it is named {pubdir}/{renamed} instead")
            )
            name = renamed
        names[key] = name
    names, repeated = deduplicate(names)
    for key, other, name in repeated:
        message = f"its paper page would have the name of entry {other!r}'s page"
        clashes.append((key, f"entry {key!r}: {message}; it is named {pubdir}/{name} instead"))
    return names, clashes


def _documents(srcdir: Path, suffixes: Iterable[str]) -> set[str]:
    """Names (casefolded, without suffix) of the source files in the publications folder."""
    suffixes = tuple(suffixes)
    try:
        entries = list(os.scandir(srcdir))
    except OSError:
        return set()
    return {
        entry.name[: -len(suffix)].casefold()
        for entry in entries
        for suffix in suffixes
        if entry.name.endswith(suffix)
    }


#: Entries to format above which a build shows each one as it goes (a first build of a long
#: bibliography takes seconds; a few entries take too little time to watch).
PROGRESS_FROM = 50


def progress(
    app: Sphinx, items: list[T], summary: str, name: Callable[[T], str] = str
) -> Iterable[T]:
    """``items``, each shown by ``name`` as it is reached, if there are many of them."""
    if len(items) <= PROGRESS_FROM:
        return items
    return status_iterator(items, summary, "purple", len(items), app.verbosity, name)


def load_store(app: Sphinx) -> None:
    """builder-inited: records of every entry, formatting only what the cache lacks."""
    env = app.env
    config = get_config(app)
    bibdata = bib_domain(env).bibdata
    templates = templates_of(env)
    coauthors = load_links(app.confdir, config.coauthors)
    members = read_members(app.srcdir, config.collections.get(PEOPLE))
    salt = _salt(app, templates, coauthors, members)
    cache = Cache.load(app.doctreedir, salt)
    store = Store(
        cache=cache,
        pubdir=config.publications_dir.strip("/") or "publications",
        owner_slug=_owner_slug(config.name),
        bibfiles=list(bibdata.bibfiles),
        lines=folio(env).data["bib_intake"][2],
    )
    folio(env).publications = store
    documents = _documents(Path(app.srcdir, store.pubdir), app.config.source_suffix)
    export_stem = store.export_name().removesuffix(".bib")
    store.names, store.name_clashes = paper_names(
        bibdata.data.entries.keys(), store.pubdir, export_stem, documents
    )
    root = app.confdir
    # Whether each local file named by an entry is publishable is part of what the entry
    # shows, so the files' state is part of the fast path's signature: a PDF added after a
    # "does not exist" warning, or deleted, is seen without touching refs.bib.
    files = {
        key: [site_file(root, path) for path in local_paths(entry)]
        for key, entry in bibdata.data.entries.items()
    }
    signature: tuple[tuple[str, float | str], ...] = (
        *((str(path), float(bib.mtime)) for path, bib in bibdata.bibfiles.items()),
        ("files", _files_signature(root, files)),
    )
    if signature == cache.bib_signature and cache.digests and cache.names == store.names:
        store.order = list(cache.digests)
        logger.info("formatting publications... up to date")
        return

    matcher = OwnerMatcher([config.name, *config.name_variants])
    links = CoauthorLinks(coauthors)
    member_of = MemberMatcher(members) if members else None
    old = cache.digests
    digests: dict[str, str] = {}
    formatted: list[str] = []

    def check_file(path: str) -> tuple[str | None, str]:
        return site_file(root, path)

    for key, entry in bibdata.data.entries.items():
        digests[key] = digest(key, entry, f"{salt}\0{store.names[key]}" + json.dumps(files[key]))
        if digests[key] not in cache.formatted:
            formatted.append(key)
    for key in progress(app, formatted, "formatting publications... "):
        record = build(
            key,
            bibdata.data.entries[key],
            digests[key],
            matcher,
            check_file,
            links,
            config.list_every_entry,
            member_of=member_of,
        )
        pub = replace(record, name=store.names[key])
        cache.formatted[digests[key]] = _format(app, templates, pub, store.pubdir)
    if digests:
        logger.info(
            "formatting publications... %d of %d entries%s",
            len(formatted),
            len(digests),
            f" ({', '.join(formatted)})" if 0 < len(formatted) <= 5 else "",
        )
    store.changed = {k for k in digests.keys() | old.keys() if digests.get(k) != old.get(k)}
    live = set(digests.values())
    for stale in set(cache.formatted) - live:
        del cache.formatted[stale]
    cache.digests = digests
    cache.names = store.names
    cache.bib_signature = signature
    cache.dirty = True
    store.order = list(digests)


def _files_signature(root: str | Path, files: dict[str, list[tuple[str | None, str]]]) -> str:
    """The state of every local file the entries name: (path, size, modification time)."""
    state = []
    for key, checked in files.items():
        for published, why in checked:
            stat = None
            if published is not None:
                try:
                    found = Path(root, published).stat()
                    stat = (found.st_size, found.st_mtime_ns)
                except OSError:
                    stat = None
            state.append((key, published, why, stat))
    return page_signature(state)


def page_signature(*parts: object) -> str:
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
