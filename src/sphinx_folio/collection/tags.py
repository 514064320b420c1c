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

They are drawn from the records on every HTML build, like Sphinx's own ``genindex``.
An item on a tag page shows at most :data:`.render.TAG_PAGE_BADGES` of its tags (the
page's own first), so an item with T tags costs T pages of bounded size, not T x T
badges (benchmarks/bench_tags.py). Page names come from :func:`..slugs.tag_slug`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..escaping import html
from ..slugs import tag_slug
from ..state import folio
from .records import Record
from .render import TAGS_DIR, Renderer, select, tag_page


def tagged(records: dict[str, Record]) -> dict[str, tuple[str, list[Record]]]:
    """slug -> (the tag as first written, its records)."""
    tags: dict[str, tuple[str, list[Record]]] = {}
    for record in sorted(records.values(), key=lambda r: r.docname):
        for tag in record.tags:
            tags.setdefault(tag_slug(tag), (tag, []))[1].append(record)
    return dict(sorted(tags.items()))


def _pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.name == "singlehtml":
        return
    env = app.env
    tags = tagged(folio(env).records)
    papers = papers_by_tag(app)
    for slug, (name, _html, _count) in papers.items():
        tags.setdefault(slug, (name, []))
    tags = dict(sorted(tags.items()))
    for slug, (name, records) in tags.items():
        pagename = tag_page(name)
        if pagename in env.found_docs:
            continue  # the site wrote this page itself
        draw = Renderer(env, builder, pagename, current_tag=name)
        intro = f"Everything tagged “{name}”, newest first."
        content: list[nodes.Element] = [nodes.paragraph(intro, intro)]
        if records:
            content.append(
                draw.listing(select(records), style="cards", images=False, collection=True)
            )
        context = _context(builder, f"Tag: {name}", tag_slug(name), *content)
        if slug in papers:
            root = "../" * builder.get_target_uri(pagename).count("/")
            body, end = context["body"], context["body"].rindex("</section>")
            papers_html = papers[slug][1].replace("<folio-root>", root)
            context["body"] = body[:end] + papers_html + body[end:]
        yield pagename, context, "page.html"

    index = f"{TAGS_DIR}/index"
    if tags and index not in env.found_docs:
        draw = Renderer(env, builder, index)
        badges = nodes.bullet_list(classes=["folio-tag-index"])
        for slug, (name, records) in tags.items():
            text = f"{name} ({len(records) + papers.get(slug, ('', '', 0))[2]})"
            link = nodes.reference(
                text, text, internal=True, refuri=draw.uri(tag_page(name)),
                classes=["folio-badge", "folio-tag"],
            )  # fmt: skip
            badges += nodes.list_item("", nodes.paragraph("", "", link))
        yield index, _context(builder, "Tags", "tags", badges), "page.html"


def papers_by_tag(app: Sphinx) -> dict[str, tuple[str, str, int]]:
    """slug -> (tag, the owner's papers with it as a publication list, how many)."""
    from ..publications.directives import tagged_papers_html  # publications use our pages

    return tagged_papers_html(app)


def _context(
    builder: StandaloneHTMLBuilder, title: str, ident: str, *content: nodes.Element
) -> dict[str, Any]:
    # The heading is written here, not drawn from a docutils section: a section asks the
    # builder for section and figure numbers, which exist only while documents are being
    # written, and a rebuild with nothing to write still generates these pages.
    container = nodes.container(classes=["folio-tag-page"])
    container.extend(content)
    fragment = builder.render_partial(container)["fragment"]
    body = f'<section id="{html(ident)}">\n<h1>{html(title)}</h1>\n{fragment}</section>\n'
    # Sphinx's templates and the theme's breadcrumbs take ``title`` as HTML.
    return {"title": html(title), "body": body, "display_toc": False, "toc": ""}


def setup_tags(app: Sphinx) -> None:
    app.connect("html-collect-pages", _pages)
