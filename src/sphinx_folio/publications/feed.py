"""``<publications>/atom.xml``: the owner's papers, newest first, written with feedgen.

Like the news and posts feeds (:mod:`..collection.feeds`): only with ``html_baseurl``
(Atom needs absolute ids), a paper without a year is left out rather than given an
invented date, and the file is rewritten only when its content changes. Each entry links
to the paper's page on the site.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx

from .. import manifest
from ..config import get_config
from ..dates import is_year
from ..escaping import html
from ..state import folio
from .records import Publication
from .store import get_store, page_signature

FEED_NAME = "atom.xml"


def _updated(pub: Publication) -> datetime:
    return datetime(int(pub.year), pub.month or 1, pub.day or 1, tzinfo=UTC)


def atom(app: Sphinx) -> bytes:
    store = get_store(app.env)
    base = app.config.html_baseurl.rstrip("/") + "/"
    papers = [f.pub for f in store.owner() if is_year(f.pub.year)]
    feed = FeedGenerator()
    feed.id(base + f"{store.pubdir}/{FEED_NAME}")
    feed.title(f"{app.config.project}: Publications")
    author = get_config(app).name or app.config.author
    if author:
        feed.author({"name": author})
    feed.link(href=base + f"{store.pubdir}/{FEED_NAME}", rel="self")
    feed.link(href=base + app.builder.get_target_uri(f"{store.pubdir}/index"), rel="alternate")
    for pub in papers:
        page = base + app.builder.get_target_uri(store.paper_page(pub.key))
        entry = feed.add_entry(order="append")
        entry.id(page)
        entry.title(pub.title)
        entry.updated(_updated(pub))
        entry.link(href=page, rel="alternate")
        for author_ in pub.authors:
            entry.author({"name": author_.name})
        summary = ". ".join(part for part in (pub.venue, pub.abstract) if part)
        if summary:
            entry.summary(summary)
        for tag in pub.tags:
            entry.category(term=tag)
    feed.updated(max((_updated(p) for p in papers), default=None))
    return bytes(feed.atom_str(pretty=True))


def _lists(app: Sphinx) -> list[str]:
    return [doc for doc, kinds in folio(app.env).publication_lists.items() if "all" in kinds]


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: the feed, when the site's address is known and it has papers."""
    if exception is not None or app.builder.format != "html" or not app.config.html_baseurl:
        return
    store = get_store(app.env)
    owner = store.owner()
    if not owner:
        return
    path = Path(app.outdir, store.pubdir, FEED_NAME)
    manifest.keep(app, path)
    # A no-change rebuild skips the feed: it shows the entries (each a digest), their pages.
    signature = page_signature(
        [(f.pub.digest, store.paper_page(f.pub.key)) for f in owner],
        app.config.html_baseurl,
        app.config.project,
        get_config(app).name,
        app.builder.name,
    )
    if store.cache.written.get(FEED_NAME) == signature and path.is_file():
        return
    store.cache.written[FEED_NAME] = signature
    store.cache.dirty = True
    content = atom(app)
    if path.is_file() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def link_feed(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: the feed in the ``<head>`` of the pages with the full list."""
    if not app.config.html_baseurl or pagename not in _lists(app):
        return
    store = get_store(app.env)
    if not store.owner():
        return
    href = context["pathto"](f"{store.pubdir}/{FEED_NAME}", 1)
    title = f"{app.config.project}: Publications"
    link = (
        '<link rel="alternate" type="application/atom+xml" '
        f'title="{html(title)}" href="{html(href)}">'
    )
    context["metatags"] = context.get("metatags", "") + "\n" + link + "\n"
