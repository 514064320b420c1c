"""People drawn for a page: the cards of ``{people}`` and a person's own page.

HTML builders draw each card through ``person-card.html`` (a site may override it); other
builders get the names as a plain list.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from markupsafe import Markup

from ..collection.nodes import home_heading
from ..collection.records import Record
from ..collection.render import Renderer
from ..escaping import as_docutils
from ..profile import monogram_svg
from ..templating import drawn_item, drawn_list, html_node, render_around
from .groups import ALUMNI, grouped

PERSON_CARD = "folio/person-card.html"


def detail(record: Record, label: str) -> str:
    """The value of one of the person's details ("Role", "Now"...), or ""."""
    return next((text for name, text in record.details if name == label), "")


def photo(record: Record, css_class: str) -> nodes.image:
    """The photo as a node, so that Sphinx copies the file and writes its URL. Its alt is
    empty: the name is written beside it."""
    return nodes.image(
        uri=record.image, candidates={"*": record.image}, alt="", loading="lazy",
        classes=[css_class],
    )  # fmt: skip


def monogram(record: Record, css_class: str) -> str:
    return monogram_svg(record.title, css_class=css_class, decorative=True)


def card_context(draw: Renderer, record: Record) -> dict[str, Any]:
    context = draw.context(record)
    return {
        "record": record,
        "name": as_docutils(record.title),
        "href": context["href"],
        "role": as_docutils(detail(record, "Role")),
        "affiliation": as_docutils(detail(record, "Affiliation")),
        "now": as_docutils(detail(record, "Now")),
        "period": context["period"],
        "links": [
            (as_docutils(label), as_docutils(url, attribute=True))
            for label, url in record.links
            if url
        ],
        "monogram": "" if record.image else Markup(monogram(record, "folio-person__monogram")),
    }


def people_listing(draw: Renderer, records: list[Record], level: int) -> list[nodes.Node]:
    """Every group under its heading, alumni last and apart."""
    if not records:
        return [nodes.paragraph("No one here yet.", "No one here yet.", classes=["folio-empty"])]
    result: list[nodes.Node] = []
    for heading, people in grouped(records):
        classes = ["folio-people-group"] + (
            ["folio-people-group--alumni"] if heading == ALUMNI else []
        )
        result.append(home_heading(heading, heading, level=level, classes=classes))
        if draw.templates is None:
            names = nodes.bullet_list(classes=["folio-people"])
            for person in people:
                names += nodes.list_item("", nodes.paragraph("", "", draw.title_link(person)))
            result.append(names)
            continue
        items: list[nodes.Node] = []
        for person in people:
            slots: dict[str, list[nodes.Node]] = {
                "photo": [photo(person, "folio-person__photo")] if person.image else []
            }
            drawn = render_around(draw.templates, PERSON_CARD, slots, **card_context(draw, person))
            items.append(drawn_item("", *drawn))
        result.append(
            drawn_list("", html_node('<ul class="folio-people">\n'), *items, html_node("</ul>\n"))
        )
    return result
