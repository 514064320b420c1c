"""The publications of one build: records for every entry of refs.bib, formatted via the cache.

Built once per build on ``builder-inited`` (after sphinxcontrib-bibtex has parsed the bib
files), read by the directives, the citation hooks and the paper pages. Not stored in
the environment: everything here is derived from the parsed bib data and the cache.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..config import get_config
from ..paths import site_file
from .cache import Cache, Formatted
from .names import OwnerMatcher
from .records import FORMAT_VERSION, Publication, build, digest, local_paths
from .render import head_html, item_html, paper_html, slug

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain

logger = logging.getLogger(__name__)

_STORES: WeakKeyDictionary[BuildEnvironment, Store] = WeakKeyDictionary()

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
    _lines: dict[str, tuple[str, int]] | None = None
    bibfiles: list[Path] = field(default_factory=list)

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
        mine = [f for f in self.all() if f.pub.owner]
        return sorted(mine, key=lambda f: f.pub.sort_key)  # stable

    def is_owner(self, key: str) -> bool:
        formatted = self.get(key)
        return formatted is not None and formatted.pub.owner

    def paper_page(self, key: str) -> str:
        return f"{self.pubdir}/{slug(key)}"

    def export_name(self) -> str:
        return f"{self.owner_slug}-publications.bib"

    def location(self, key: str) -> str:
        """Where the entry ``key`` starts, as "path/refs.bib:12", for warnings."""
        if self._lines is None:
            self._lines = {}
            for path in self.bibfiles:
                try:
                    text = path.read_text(encoding="utf-8-sig", errors="replace")
                except OSError:
                    continue
                for match in re.finditer(r"@\s*\w+\s*[{(]\s*([^,\s]+)\s*,", text):
                    line = text.count("\n", 0, match.start()) + 1
                    self._lines.setdefault(match.group(1), (str(path), line))
        fallback = (str(self.bibfiles[0]) if self.bibfiles else "", 0)
        where, line = self._lines.get(key, fallback)
        return f"{where}:{line}" if line else where


def get_store(env: BuildEnvironment) -> Store:
    return _STORES[env]


def _salt(app: Sphinx) -> str:
    """Everything besides an entry's own content that its formatted output depends on."""
    config = get_config(app)
    return json.dumps(
        [
            FORMAT_VERSION,
            config.name,
            config.name_variants,
            config.publications_dir,
            app.builder.name,
            app.config.html_baseurl,
            app.config.project,
        ]
    )


def _page_url(app: Sphinx, pagename: str) -> str:
    uri = app.builder.get_target_uri(pagename)
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{uri}" if base else uri.rsplit("/", 1)[-1]


def _format(app: Sphinx, pub: Publication, pubdir: str) -> Formatted:
    if not pub.owner:
        return Formatted(pub)
    pagename = f"{pubdir}/{slug(pub.key)}"
    authors = ", ".join(a.name for a in pub.authors) + (" et al." if pub.et_al else "")
    tooltip = ". ".join(part for part in (authors, pub.title, pub.venue, pub.year) if part)
    return Formatted(
        pub=pub,
        item=item_html(pub, app.builder.get_target_uri(pagename), f"{pubdir}/{FILES_DIR}"),
        tooltip=tooltip + ".",
    )


def paper_parts(app: Sphinx, pub: Publication, pubdir: str) -> tuple[str, str]:
    """The body (up to "Cited on this site") and the ``<head>`` tags of a paper's page."""
    pagename = f"{pubdir}/{slug(pub.key)}"
    files_dir = f"{pubdir}/{FILES_DIR}"
    pdf = next((link for link in pub.links if link.kind == "pdf"), None)
    pdf_url = ""
    if pdf is not None and not pdf.local:
        pdf_url = pdf.target
    elif pdf is not None:
        name = pdf.target
        base = app.config.html_baseurl
        pdf_url = f"{base.rstrip('/')}/{files_dir}/{name}" if base else f"{FILES_DIR}/{name}"
    body = paper_html(pub, pubdir, files_dir)
    head = head_html(pub, _page_url(app, pagename), pdf_url, app.config.project)
    return body, head


def _owner_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "owner"


def load_store(app: Sphinx) -> None:
    """builder-inited: records of every entry, formatting only what the cache lacks."""
    env = app.env
    config = get_config(app)
    bibdata = bib_domain(env).bibdata
    salt = _salt(app)
    cache = Cache.load(app.doctreedir, salt)
    store = Store(
        cache=cache,
        pubdir=config.publications_dir.strip("/") or "publications",
        owner_slug=_owner_slug(config.name),
        bibfiles=list(bibdata.bibfiles),
    )
    _STORES[env] = store
    signature = tuple((str(path), bib.mtime) for path, bib in bibdata.bibfiles.items())
    if signature == cache.bib_signature and cache.digests:
        store.order = list(cache.digests)
        logger.info("formatting publications... up to date")
        return

    matcher = OwnerMatcher([config.name, *config.name_variants])
    old = cache.digests
    digests: dict[str, str] = {}
    formatted: list[str] = []
    root = app.confdir

    def check_file(path: str) -> tuple[str | None, str]:
        return site_file(root, path)

    for key, entry in bibdata.data.entries.items():
        # Whether each local file is publishable is part of what the entry shows.
        files = [check_file(path) for path in local_paths(entry)]
        entry_digest = digest(key, entry, salt + json.dumps(files))
        digests[key] = entry_digest
        if entry_digest not in cache.formatted:
            pub = build(key, entry, entry_digest, matcher, check_file)
            cache.formatted[entry_digest] = _format(app, pub, store.pubdir)
            formatted.append(key)
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
    cache.bib_signature = signature
    cache.dirty = True
    store.order = list(digests)


def page_signature(*parts: object) -> str:
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
