"""A person's own page: the photo (or initials) beside the details, and their papers.

The papers are those of refs.bib with the person among the authors, matched as the
owner is (:mod:`..publications.members`), listed at the end of the page as the
publication list draws them.
"""

from __future__ import annotations

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx

from ..collection.records import Record
from ..collection.render import Renderer
from ..placeholders import Context
from ..publications.members import PEOPLE
from ..publications.render import ID, ROOT
from ..publications.store import Formatted, get_store
from ..state import folio
from .render import monogram, photo

#: The id prefix of the entries of a person's paper list.
PREFIX = "person-"


class person_papers(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """Where a person's page lists their papers (at the end of the page)."""


def person_header(draw: Renderer, record: Record) -> list[nodes.Node]:
    header = nodes.container(classes=["folio-person-header"])
    if record.image:
        header += photo(record, "folio-person-header__photo")
    elif draw.templates is not None:
        header += nodes.raw("", monogram(record, "folio-person-header__monogram"), format="html")
    header += draw.header(record)
    return [header]


def papers_of(context: Context, name: str) -> list[Formatted]:
    return [
        f
        for f in get_store(context.env).owner()
        if any(author.member == name for author in f.pub.authors)
    ]


def fill_papers(context: Context, node: person_papers) -> list[nodes.Node]:
    record = folio(context.env).records.get(context.docname)
    if record is None:
        return []
    papers = papers_of(context, record.title)
    if not papers:
        return []
    if not context.html:
        items = nodes.bullet_list()
        for formatted in papers:
            items += nodes.list_item("", nodes.paragraph(text=formatted.tooltip))
        return [nodes.rubric("Publications", "Publications"), items]
    entries = "".join(f.item for f in papers).replace(ROOT, context.root).replace(ID, PREFIX)
    html = (
        f'<section class="folio-person-papers" aria-labelledby="{PREFIX}publications">'
        f'<h2 id="{PREFIX}publications">Publications</h2>\n'
        f'<ul class="folio-pub-list">{Markup(entries)}</ul>\n</section>\n'
    )
    return [nodes.raw("", html, format="html")]


def add_papers(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read, after the record is made: a person's page ends with their papers."""
    record = folio(app.env).records.get(app.env.docname)
    if record is None or record.collection != PEOPLE:
        return
    for path in get_store(app.env).bibfiles:
        app.env.note_dependency(str(path))
    section = next(iter(doctree.findall(nodes.section)), None)
    (section if section is not None else doctree).append(person_papers())
