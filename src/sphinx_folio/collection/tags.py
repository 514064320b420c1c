"""Tag pages: one per tag, listing everything with that tag across collections.

Tag pages are generated at ``html-collect-pages`` (as ablog does), not as Sphinx
documents. Why:

- The set of tags is known only after every page has been read, and the only way to
  add documents then is to write source files into the site's tree before the build
  (sphinx-tags does this), which leaves generated files in the owner's repository and
  breaks "the build leaves the source tree as it was".
- Nothing links to a tag page from a toctree or with ``{doc}``: the badges the package
  draws link by URL, and the pages people do link to (the news and posts archives, the
  research and projects indexes) are documents the site writes, holding ``{listing}``.
- A site that wants a tag page to be a document writes ``tags/<tag>.md`` with a
  ``{listing}`` and ``:tags:``; the generator then steps aside for that tag (ablog's
  rule), and the badges link to the document.

They are drawn from the records on every HTML build, like Sphinx's own ``genindex``, but
written only when a page's signature changed (its HTML body and what every generated page
depends on: settings, navigation, templates), as the paper pages are; the signatures are
kept in ``folio-tag-pages.json`` next to the pickled environment. Rendering a page through
the theme is most of its cost: a rebuild that changes no tag skips all of them.
An item on a tag page shows at most :data:`.render.TAG_PAGE_BADGES` of its tags (the
page's own first), so an item with T tags costs T pages of bounded size, not T x T
badges (benchmarks/bench_tags.py). Page names come from :func:`..slugs.tag_slug`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .. import manifest
from ..escaping import as_docutils, html
from ..paths import write_if_changed
from ..slugs import tag_slug
from ..state import folio
from ..templating import templates_of
from .records import Record
from .render import TAGS_DIR, Renderer, select, tag_page


def tagged(records: dict[str, Record]) -> dict[str, tuple[str, list[Record]]]:
    """slug -> (the tag as first written, its records)."""
    tags: dict[str, tuple[str, list[Record]]] = {}
    for record in sorted(records.values(), key=lambda r: r.docname):
        for tag in record.tags:
            tags.setdefault(tag_slug(tag), (tag, []))[1].append(record)
    return dict(sorted(tags.items()))


#: Signatures of the tag pages written, under the doctree folder.
SIGNATURES = "folio-tag-pages.json"


def _pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The tag pages whose signature changed (see the module's docstring)."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.name == "singlehtml":
        return
    from ..publications.pages import site_signature  # publications use our pages
    from ..publications.store import page_signature

    store = Path(app.doctreedir, SIGNATURES)
    try:
        before = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    site = page_signature(
        builder.name,
        site_signature(app),
        builder.templates.newest_template_mtime(),
        sorted(folio(app.env).feeds),
    )
    signatures: dict[str, str] = {}
    for pagename, context, template in _drawn(app, builder):
        signatures[pagename] = signature = page_signature(site, pagename, context)
        written = Path(builder.get_outfilename(pagename)).is_file()
        if before.get(pagename) != signature or not written:
            yield pagename, context, template
    folio(app.env).tag_pages = tuple(signatures)
    write_if_changed(store, json.dumps(signatures, sort_keys=True, indent=0))


def tag_pagenames(app: Sphinx) -> list[str]:
    """Every generated tag page, written this build or not (for the sitemap)."""
    return list(folio(app.env).tag_pages)


def _drawn(
    app: Sphinx, builder: StandaloneHTMLBuilder
) -> Iterator[tuple[str, dict[str, Any], str]]:
    env = app.env
    tags = tagged(folio(env).records)
    papers_of = papers_by_tag(app)
    for slug, (name, _html, _count) in papers_of.items():
        tags.setdefault(slug, (name, []))
    tags = dict(sorted(tags.items()))
    templates = templates_of(env)
    for slug, (name, records) in tags.items():
        pagename = tag_page(name)
        if pagename in env.found_docs:
            continue  # the site wrote this page itself
        draw = Renderer(env, builder, pagename, current_tag=name)
        listing = ""
        if records:
            drawn = draw.listing(select(records), style="cards", images=False, collection=True)
            # The builder's own writer draws the items' nodes (titles, news bodies).
            listing = "".join(builder.render_partial(node)["fragment"] for node in drawn)
        papers = ""
        if slug in papers_of:
            root = "../" * builder.get_target_uri(pagename).count("/")
            papers = papers_of[slug][1].replace("<folio-root>", root)
        body = templates.render_exact(
            "folio/tag-page.html",
            title=f"Tag: {name}",  # escaped by the template, as html() escapes it
            ident=tag_slug(name),
            tag=as_docutils(name),
            # HTML the builder's writer made from the items' nodes, and the publication
            # templates' list: escaped already.
            listing=Markup(listing),
            papers=Markup(papers),
            records=records,
        )
        manifest.keep_page(app, pagename)
        yield pagename, _context(f"Tag: {name}", body), "page.html"

    index = f"{TAGS_DIR}/index"
    if tags and index not in env.found_docs:
        draw = Renderer(env, builder, index)
        entries = [
            {
                "text": as_docutils(name),
                "href": as_docutils(draw.uri(tag_page(name)), attribute=True),
                "count": len(records) + papers_of.get(slug, ("", "", 0))[2],
            }
            for slug, (name, records) in tags.items()
        ]
        body = templates.render_exact("folio/tag-index.html", tags=entries)
        manifest.keep_page(app, index)
        yield index, _context("Tags", body), "page.html"


def papers_by_tag(app: Sphinx) -> dict[str, tuple[str, str, int]]:
    """slug -> (tag, the owner's papers with it as a publication list, how many)."""
    from ..publications.directives import tagged_papers_html  # publications use our pages

    return tagged_papers_html(app)


def _context(title: str, body: str) -> dict[str, Any]:
    # The heading is in the template, not drawn from a docutils section: a section asks
    # the builder for section and figure numbers, which exist only while documents are
    # being written, and a rebuild with nothing to write still generates these pages.
    # Sphinx's templates and the theme's breadcrumbs take ``title`` as HTML.
    return {"title": html(title), "body": body, "display_toc": False, "toc": ""}


def setup_tags(app: Sphinx) -> None:
    app.connect("html-collect-pages", _pages)
    app.connect("folio-sitemap-pages", tag_pagenames)
