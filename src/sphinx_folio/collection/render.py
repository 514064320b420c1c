"""Records drawn for a page: cards, rows, badges, item headers.

Everything here runs at write time for one page (``docname``), so links are made
relative to that page for the builder in use. Listings, the home sections, the item
headers and the generated tag pages all draw items with these functions, so an item
looks the same wherever it appears. For HTML builders, cards, rows and listings come
from the templates ``card.html``, ``row.html`` and ``listing.html`` (a site may override
each); other builders get the same items as doctree nodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from ..dates import DASH, PartialDate, Period
from ..escaping import as_docutils
from ..slugs import slug, tag_slug
from ..templating import drawn_item, drawn_list, render_around, templates_of
from .nodes import folio_time
from .records import Record

#: Folder (URL prefix) of the generated tag pages.
TAGS_DIR = "tags"
#: Human names of the known collections; another collection shows its own name.
LABELS = {
    "research": "Research",
    "projects": "Projects",
    "news": "News",
    "posts": "Posts",
    "people": "People",
    "talks": "Talks",
    "teaching": "Teaching",
}
SORTS = ("newest", "oldest", "title")
#: Collections whose rows name their date by a detail of their own: a course by its term.
DATE_LABELS = {"teaching": "Term"}
#: Badges per item on a tag page; the item's own page shows them all.
TAG_PAGE_BADGES = 8
#: Attribute marking nodes copied from an item's page into another page.
COPIED_FROM = "folio_copied_from"
#: The template around a listing's items (HTML builders).
LISTING = "folio/listing.html"


def label(collection: str) -> str:
    return LABELS.get(collection, collection.replace("-", " ").replace("_", " ").title())


def tag_page(tag: str) -> str:
    return f"{TAGS_DIR}/{tag_slug(tag)}"


def select(
    records: Iterable[Record],
    *,
    tags: Iterable[str] = (),
    status: str = "",
    sort: str = "newest",
    limit: int | None = None,
) -> list[Record]:
    """Filter and order records. Pinned items come first, undated items after dated ones."""
    items = sorted(records, key=lambda r: (r.title.casefold(), r.docname))
    wanted = {tag_slug(tag) for tag in tags}
    if wanted:
        items = [r for r in items if wanted & {tag_slug(tag) for tag in r.tags}]
    if status:
        items = [r for r in items if r.status.casefold() == status.casefold()]
    if sort != "title":
        dated = [r for r in items if r.date is not None]
        # Stable: items of the same date stay in title order.
        dated.sort(key=lambda r: r.date.key if r.date else (0, 0, 0), reverse=sort == "newest")
        items = dated + [r for r in items if r.date is None]
        # Stable: pinned items keep the order just given, among themselves.
        items.sort(key=lambda r: not r.pinned)
    return items[:limit] if limit else items


def _time(date: PartialDate, label: str = "") -> folio_time:
    return folio_time(label or date.text, label or date.text, datetime=date.iso)


def date_label(record: Record) -> str:
    """What a row shows for its date instead of the date ("Fall 2025"), or ""."""
    name = DATE_LABELS.get(record.collection)
    return next((text for key, text in record.details if key == name), "") if name else ""


def row_details(record: Record) -> tuple[tuple[str, str], ...]:
    """The details a row shows: not the one its date column shows already."""
    if record.date is None or not date_label(record):
        return record.details
    return tuple(d for d in record.details if d[0] != DATE_LABELS[record.collection])


class Renderer:
    """Draws records for the page ``docname``."""

    def __init__(
        self, env: BuildEnvironment, builder: Builder, docname: str, *, current_tag: str = ""
    ) -> None:
        self.env = env
        self.builder = builder
        self.docname = docname
        self.current_tag = tag_slug(current_tag) if current_tag else ""  #: on its own tag page
        self.current_name = current_tag
        #: Tag badges link to the tag pages, which only HTML builders write.
        self.tag_links = builder.format == "html" and builder.name != "singlehtml"
        #: HTML builders draw items through the templates; the others get nodes.
        self.templates = templates_of(env) if builder.format == "html" else None

    # --- pieces ---------------------------------------------------------------------

    def uri(self, target: str) -> str:
        """Relative URI of the document or generated page ``target``."""
        return self.builder.get_relative_uri(self.docname, target)

    def title(self, record: Record) -> list[nodes.Node]:
        title = self.env.titles.get(record.docname)
        if title is None or not title.astext():
            return [nodes.Text(record.title)]
        return [child.deepcopy() for child in title.children]

    def title_link(self, record: Record) -> nodes.reference:
        if record.external_url:
            return nodes.reference(
                "", "", *self.title(record), refuri=record.external_url, classes=["folio-external"]
            )
        return nodes.reference(
            "", "", *self.title(record), internal=True, refuri=self.uri(record.docname)
        )

    def period(self, period: Period) -> nodes.inline:
        node = nodes.inline(classes=["folio-period"])
        node += _time(period.start)
        if period.ongoing:
            node += nodes.Text(f" {DASH} present")
        elif period.end is not None and period.end != period.start:
            node += nodes.Text(f" {DASH} ")
            node += _time(period.end)
        return node

    def status(self, record: Record) -> nodes.inline:
        return nodes.inline(
            record.status,
            record.status,
            classes=[
                "folio-badge",
                "folio-status",
                f"folio-status-{slug(record.status) or 'other'}",
            ],
        )

    def meta(self, record: Record, *, collection: bool = False) -> nodes.paragraph | None:
        """Period and status (and, across collections, which collection)."""
        parts: list[nodes.Node] = []
        if collection:
            parts.append(nodes.inline("", label(record.collection), classes=["folio-kind"]))
        if record.period is not None:
            parts.append(self.period(record.period))
        if record.status:
            parts.append(self.status(record))
        if not parts:
            return None
        paragraph = nodes.paragraph(classes=["folio-meta"])
        for index, part in enumerate(parts):
            if index:
                paragraph += nodes.Text(" ")
            paragraph += part
        return paragraph

    def details(self, record: Record) -> nodes.paragraph | None:
        """The collection's own keys (a talk's event, a course's term...): "Event: X · ..."."""
        if not record.details:
            return None
        paragraph = nodes.paragraph(classes=["folio-details"])
        for index, (name, text) in enumerate(record.details):
            if index:
                paragraph += nodes.Text(" · ")
            paragraph += nodes.inline("", f"{name}: ", classes=["folio-details__label"])
            paragraph += nodes.inline(text, text, classes=["folio-details__value"])
        return paragraph

    def badges(self, record: Record) -> tuple[list[tuple[str, str | None]], tuple[str, str] | None]:
        """The tags shown, each with its page's URI (None when not a link), and "+N more"."""
        shown: list[str] = list(record.tags)
        more = 0
        if self.current_tag and len(record.tags) > TAG_PAGE_BADGES:
            # On a tag page: its own tag first, then a few others. Every badge of every
            # item on every tag page would cost tags x tags for an item with many tags.
            others = [t for t in record.tags[:TAG_PAGE_BADGES] if tag_slug(t) != self.current_tag]
            shown = [self.current_name, *others][:TAG_PAGE_BADGES]
            more = len(record.tags) - len(shown)
        badges: list[tuple[str, str | None]] = [
            (tag, self.uri(tag_page(tag)))
            if self.tag_links and tag_slug(tag) != self.current_tag
            else (tag, None)
            for tag in shown
        ]
        rest = (f"+{more} more", self.uri(record.docname)) if more > 0 else None
        return badges, rest

    def tags(self, record: Record) -> nodes.paragraph | None:
        if not record.tags:
            return None
        badges, more = self.badges(record)
        paragraph = nodes.paragraph(classes=["folio-tags"])
        for index, (tag, uri) in enumerate(badges):
            if index:
                paragraph += nodes.Text(" ")
            if uri is not None:
                paragraph += nodes.reference(
                    "", tag, internal=True, refuri=uri, classes=["folio-badge", "folio-tag"]
                )
            else:
                paragraph += nodes.inline(tag, tag, classes=["folio-badge", "folio-tag"])
        if more is not None:
            text, uri = more
            paragraph += nodes.Text(" ")
            paragraph += nodes.reference(
                "", text, internal=True, refuri=uri, classes=["folio-more-tags"]
            )
        return paragraph

    def text(self, record: Record) -> list[nodes.Element]:
        """What a listing says about the item: its summary, or a news item's body."""
        if record.summary:
            return [nodes.paragraph(record.summary, record.summary, classes=["sd-card-text"])]
        copies = [node.deepcopy() for node in record.body]
        for copy in copies:
            # Sphinx resolves the links in a copy as if from the item's page
            # (their ``refdoc``); :class:`.resolve.RebaseCopiedLinks` moves them here.
            copy[COPIED_FROM] = record.docname
        return copies

    def links(self, record: Record) -> nodes.paragraph | None:
        links = list(record.links)
        if record.repository:
            links.insert(0, ("Repository", record.repository))
        if record.external_url:
            host = urlsplit(record.external_url).hostname or record.external_url
            links.insert(0, (f"Read it on {host.removeprefix('www.')}", record.external_url))
        if not links:
            return None
        paragraph = nodes.paragraph(classes=["folio-links"])
        for index, (text, url) in enumerate(links):
            if index:
                paragraph += nodes.Text(" ")
            if url:
                paragraph += nodes.reference(text, text, refuri=url, classes=["folio-link"])
            else:  # refused by the URL rule (warned when read): text, not a link
                paragraph += nodes.inline(text, text, classes=["folio-link"])
        return paragraph

    def image(self, record: Record) -> nodes.image:
        """The card's picture: a node, so that Sphinx copies the file and writes its URL."""
        return nodes.image(
            uri=record.image, candidates={"*": record.image}, alt="", loading="lazy",
            classes=["sd-card-img-top", "folio-card-image"],
        )  # fmt: skip

    # --- whole items, as nodes (builders other than HTML; item headers) --------------

    def card(
        self, record: Record, *, images: bool = True, collection: bool = False
    ) -> nodes.list_item:
        item = nodes.list_item(classes=["sd-card", "sd-shadow-sm", "folio-card"])
        if images and record.image:
            item += self.image(record)
        body = nodes.container(classes=["sd-card-body"])
        body += nodes.paragraph("", "", self.title_link(record), classes=["sd-card-title"])
        for part in (
            self.meta(record, collection=collection),
            self.details(record),
            *self.text(record),
            self.tags(record),
        ):
            if part is not None:
                body += part
        item += body
        return item

    def row(self, record: Record, *, detail: bool = True) -> nodes.list_item:
        item = nodes.list_item(classes=["folio-row"])
        if record.date is not None:
            label = date_label(record)
            item += nodes.paragraph("", "", _time(record.date, label), classes=["folio-row-date"])
        else:
            # No empty date cell: the item's text takes the whole row.
            item["classes"].append("folio-row--undated")
        body = nodes.container(classes=["folio-row-body"])
        body += nodes.paragraph("", "", self.title_link(record), classes=["folio-row-title"])
        if detail:
            details = self.details(replace(record, details=row_details(record)))
            if details is not None:
                body += details
            body.extend(self.text(record))
            tags = self.tags(record)
            if tags is not None:
                body += tags
        item += body
        return item

    def listing(
        self,
        records: list[Record],
        *,
        style: str,
        detail: bool = True,
        images: bool = True,
        collection: bool = False,
        empty: str = "Nothing here yet.",
    ) -> list[nodes.Node]:
        if not records:
            return [nodes.paragraph(empty, empty, classes=["folio-empty"])]
        if self.templates is not None:
            items: list[nodes.Node] = []
            for record in records:
                if style == "cards":
                    drawn = self.drawn("card", record, images=images, collection=collection)
                else:
                    drawn = self.drawn("row", record, detail=detail)
                items.append(drawn_item("", *drawn))
            slots = {"items": items}
            return [drawn_list("", *render_around(self.templates, LISTING, slots, style=style))]
        if style == "cards":
            cards = nodes.bullet_list(classes=["folio-cards"])
            cards.extend(self.card(r, images=images, collection=collection) for r in records)
            return [cards]
        rows = nodes.bullet_list(classes=["folio-rows"])
        rows.extend(self.row(r, detail=detail) for r in records)
        return [rows]

    # --- through the templates (HTML builders) --------------------------------------

    def drawn(
        self,
        template: str,
        record: Record,
        *,
        images: bool = True,
        collection: bool = False,
        detail: bool = True,
    ) -> list[nodes.Node]:
        """``card.html`` or ``row.html`` for ``record``, as HTML around the item's nodes."""
        assert self.templates is not None
        text: list[nodes.Node] = [] if record.summary else list(self.text(record))
        slots: dict[str, list[nodes.Node]] = {
            "title": self.title(record),
            "body": text,
            "image": [self.image(record)] if images and record.image else [],
        }
        context = self.context(record, collection=collection)
        if template == "row" and context["date"] is not None:
            label = date_label(record)
            context["date"]["text"] = as_docutils(label) if label else context["date"]["text"]
            context["details"] = [(as_docutils(n), as_docutils(t)) for n, t in row_details(record)]
        return render_around(
            self.templates, f"folio/{template}.html", slots, **context, detail=detail
        )

    def context(self, record: Record, *, collection: bool = False) -> dict[str, Any]:
        """What card.html and row.html show of ``record``, escaped as docutils escapes."""

        def attribute(uri: str) -> str:
            return as_docutils(uri or "#", attribute=True)  # docutils writes "" as "#"

        def date(value: PartialDate | None) -> dict[str, str] | None:
            if value is None:
                return None
            return {"text": as_docutils(value.text), "iso": as_docutils(value.iso, attribute=True)}

        period = None
        if record.period is not None:
            end = record.period.end
            period = {
                "start": date(record.period.start),
                "end": date(end) if end is not None and end != record.period.start else None,
                "ongoing": record.period.ongoing,
            }
        badges, more = self.badges(record) if record.tags else ([], None)
        return {
            "record": record,
            "href": attribute(record.external_url or self.uri(record.docname)),
            "external": bool(record.external_url),
            "kind": as_docutils(label(record.collection)) if collection else "",
            "period": period,
            "date": date(record.date),
            "status": as_docutils(record.status),
            "status_class": as_docutils(slug(record.status) or "other", attribute=True),
            "summary": as_docutils(record.summary),
            "details": [(as_docutils(name), as_docutils(text)) for name, text in record.details],
            "tags": [
                {"text": as_docutils(tag), "href": attribute(uri) if uri is not None else ""}
                for tag, uri in badges
            ],
            "more": {"text": as_docutils(more[0]), "href": attribute(more[1])} if more else None,
        }

    def header(self, record: Record) -> nodes.container:
        """The header of an item's own page: period, status, tags and links."""
        header = nodes.container(classes=["folio-item-header"])
        for part in (
            self.meta(record),
            self.details(record),
            self.tags(record),
            self.links(record),
        ):
            if part is not None:
                header += part
        return header
