"""Atom feeds for news and posts, written with feedgen and linked from every page.

A feed lives next to its archive (``news/atom.xml``, ``posts/atom.xml``) and holds the
collection's dated items, newest first; an item whose date is unknown is left out
rather than given an invented one. A partial date becomes the first instant of the
period it names, because Atom requires a full timestamp.

Atom needs absolute, permanent ids and links, so the feeds need ``html_baseurl`` (which
:mod:`sphinx_folio.metadata` takes from Read the Docs when ``conf.py`` does not set it).
Without it (a local preview) no feed is written and no page links one, and the build
says so in its log but not as a warning: a warning would fail every local ``-W`` build
for something only the deployed site needs (the sitemap makes the same choice).

A feed file is rewritten only when its content changes, and the feed's ``updated`` is
its newest entry's date, not the build time: a rebuild with nothing new changes nothing.
"""

from __future__ import annotations

import re
from typing import Any

from feedgen.feed import FeedGenerator
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import manifest
from ..config import get_config
from ..escaping import html
from ..state import folio
from ..urls import site_url
from ..warnings_ import logger
from .records import Record
from .render import label, select

#: The collections that get a feed.
FEEDS = ("news", "posts")


def feed_path(env: BuildEnvironment, collection: str) -> str:
    return f"{get_config(env).collections[collection]}/atom.xml"


def _feedable(env: BuildEnvironment) -> list[str]:
    """Collections with at least one dated item."""
    store, known = folio(env), get_config(env).collections
    return [c for c in FEEDS if c in known and any(r.date for r in store.of([c]))]


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Decide which feeds every page links to; if that changed, every page is rewritten."""
    if app.builder.format != "html":
        return []
    feedable = _feedable(env)
    if feedable and not site_url(app.config):
        logger.info(
            "sphinx_folio: no Atom feed for %s without html_baseurl (the site's address)",
            ", ".join(feedable),
        )
    linked = frozenset(feedable) if site_url(app.config) else frozenset()
    store = folio(env)
    if linked == store.feeds:
        return []
    store.feeds = linked
    return sorted(env.found_docs)


def _link_feeds(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    feeds = sorted(folio(app.env).feeds)
    if not feeds:
        return
    links = [
        '<link rel="alternate" type="application/atom+xml" '
        f'title="{html(_title(app, c))}" href="{html(context["pathto"](feed_path(app.env, c), 1))}">'
        for c in feeds
    ]
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links) + "\n"


def _title(app: Sphinx, collection: str) -> str:
    return f"{app.config.project}: {label(collection)}"


def _text(record: Record) -> str:
    """Plain text for an entry's summary: the summary, or a news item's body without
    its citations (which mean nothing outside the page)."""
    if record.summary:
        return record.summary
    parts = []
    for body in record.body:
        copy = body.deepcopy()
        for xref in list(copy.findall(addnodes.pending_xref)):
            if not xref.get("refexplicit"):
                xref.parent.remove(xref)
        parts.append(copy.astext())
    text = re.sub(r"\s+", " ", " ".join(parts)).strip()
    return re.sub(r"\s+([.,;:!?)])", r"\1", text)


def atom(app: Sphinx, collection: str) -> bytes:
    """The Atom feed of ``collection``."""
    env, builder = app.env, app.builder
    base = site_url(app.config)
    folder = get_config(env).collections[collection]
    records = [r for r in select(folio(env).of([collection])) if r.date is not None]

    feed = FeedGenerator()
    feed.id(base + feed_path(env, collection))
    feed.title(_title(app, collection))
    author = get_config(env).name or app.config.author
    if author:
        feed.author({"name": author})
    feed.link(href=base + feed_path(env, collection), rel="self")
    archive = f"{folder}/index"
    home = builder.get_target_uri(archive) if archive in env.all_docs else ""
    feed.link(href=base + home, rel="alternate")
    if app.config.language:
        feed.language(app.config.language)
    for record in records:
        assert record.date is not None
        page = base + builder.get_target_uri(record.docname)
        entry = feed.add_entry(order="append")
        entry.id(page)
        title = env.titles.get(record.docname)
        entry.title(title.astext() if title is not None and title.astext() else record.title)
        entry.updated(record.date.timestamp())
        entry.link(href=record.external_url or page, rel="alternate")
        text = _text(record)
        if text:
            entry.summary(text)
    feed.updated(max((r.date.timestamp() for r in records if r.date), default=None))
    return feed.atom_str(pretty=True)


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not site_url(app.config):
        return
    for collection in _feedable(app.env):
        manifest.write(app, feed_path(app.env, collection), atom(app, collection))


def setup_feeds(app: Sphinx) -> None:
    app.connect("env-updated", _env_updated)
    app.connect("html-page-context", _link_feeds)
    app.connect("build-finished", _write)
