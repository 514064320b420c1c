"""``{people}``: the members of a group as cards, group by group, alumni last.

Like ``{listing}``, the directive leaves a placeholder and notes that the page lists
the people collection (so adding a person re-reads it); the cards are drawn at write
time, when every person's record is known.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..collection.records import note_lister
from ..collection.render import Renderer
from ..config import get_config
from ..placeholders import Context
from ..publications.members import PEOPLE
from ..state import folio
from .groups import ALUMNI, group_of
from .render import people_listing


class people_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """Where ``{people}`` puts its cards. Attributes: alumni (show, only, none), level."""


class PeopleDirective(SphinxDirective):
    """``{people}``: every person of the people collection, as cards by group."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "alumni": lambda argument: directives.choice(argument, ("show", "only", "hide")),
        "level": lambda argument: directives.choice(argument, ("2", "3", "4")),
    }
    #: What each option does (the package's documentation shows it).
    option_help: ClassVar[dict[str, str]] = {
        "alumni": "show (the default: alumni last, under their own heading), only, or hide.",
        "level": "The level of the group headings: 2 (the default), 3 or 4.",
    }

    def run(self) -> list[nodes.Node]:
        if PEOPLE not in get_config(self.env).collections:
            raise self.error(
                f"{self.name}: no people collection; add 'people': 'people' (its folder) "
                "to folio_collections in conf.py"
            )
        note_lister(self.env, self.env.docname, [PEOPLE])
        node = people_placeholder(
            alumni=self.options.get("alumni", "show"), level=int(self.options.get("level", 2))
        )
        self.set_source_info(node)
        return [node]


def fill_people(context: Context, node: people_placeholder) -> list[nodes.Node]:
    records = list(folio(context.env).of([PEOPLE]))
    if node["alumni"] == "hide":
        records = [r for r in records if group_of(r) != ALUMNI]
    elif node["alumni"] == "only":
        records = [r for r in records if group_of(r) == ALUMNI]
    draw = Renderer(context.env, context.builder, context.docname)
    return people_listing(draw, records, node["level"])
