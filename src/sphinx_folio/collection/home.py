"""The home page's ``{announcements}`` and ``{latest-posts}`` sections.

Each renders its own heading and items and honours its knobs in
``folio_home``: ``enabled: false`` removes the whole section, ``limit`` caps the
items, and ``scrollable: true`` puts the items in a scroll box once there are more
than three (as al-folio does). The scroll box is focusable and named, so keyboard
users can scroll it and axe's ``scrollable-region-focusable`` rule passes.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..config import get_config
from .nodes import home_heading, home_placeholder
from .records import note_lister


class HomeSection(SphinxDirective):
    """A section of the home page fed by one collection; the argument renames it."""

    optional_arguments = 1
    final_argument_whitespace = True
    collection: ClassVar[str]
    knob: ClassVar[str]  #: key of ``folio_home``
    heading: ClassVar[str]
    detail: ClassVar[bool]  #: show each item's text, not just its title

    def run(self) -> list[nodes.Node]:
        knobs = get_config(self.env).home[self.knob]
        if not knobs["enabled"]:
            return []
        heading = self.arguments[0] if self.arguments else self.heading
        note_lister(self.env, self.env.docname, [self.collection])
        section = nodes.container(classes=["folio-home-section", f"folio-home-{self.collection}"])
        section["names"].append(nodes.fully_normalize_name(heading))
        self.state.document.note_implicit_target(section, section)
        section += home_heading(heading, heading)
        placeholder = home_placeholder(
            collection=self.collection,
            limit=knobs["limit"],
            scrollable=knobs["scrollable"],
            label=heading,
            detail=self.detail,
        )
        self.set_source_info(placeholder)
        section += placeholder
        return [section]


class Announcements(HomeSection):
    """``{announcements}``: the latest news items, each with its text."""

    collection = "news"
    knob = "announcements"
    heading = "News"
    detail = True


class LatestPosts(HomeSection):
    """``{latest-posts}``: the latest posts, date and title."""

    collection = "posts"
    knob = "latest_posts"
    heading = "Latest posts"
    detail = False
