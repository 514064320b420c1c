"""The extension's own doctree nodes.

Placeholders are stored in the pickled doctree of the page that asked for them and
replaced at write time (:mod:`.resolve`), when every collection record is known. The
two visible nodes subclass docutils nodes, so a builder without a visitor of its own
renders them as their base class (Sphinx dispatches along the class hierarchy).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class listing_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """Where ``{listing}`` puts its items. Attributes: collections, tags, status, sort,
    limit, style."""


class home_placeholder(nodes.General, nodes.Element):  # noqa: N801
    """Where ``{announcements}`` or ``{latest-posts}`` puts its items. Attributes:
    collection, limit, scrollable, label."""


class header_placeholder(nodes.General, nodes.Element):  # noqa: N801
    """Where an item page's header goes, under its title."""


class home_heading(nodes.rubric):  # noqa: N801
    """A home section's heading: ``<h2>``, or the level of the section it sits in, so the
    section is a sibling of the one before it (it is not a docutils section: a directive
    can only nest those). Other builders render it as a rubric. Attribute: level."""


class folio_time(nodes.inline):  # noqa: N801
    """A date or period; HTML ``<time datetime="...">``. Attribute: datetime."""


class scroll_box(nodes.container):  # noqa: N801
    """A keyboard-scrollable region: ``<div tabindex="0" role="region" aria-label>``.
    Attribute: label."""


def _visit_time(self: HTML5Translator, node: folio_time) -> None:
    attributes = {"datetime": node["datetime"]} if node.get("datetime") else {}
    self.body.append(self.starttag(node, "time", "", **attributes))


def _depart_time(self: HTML5Translator, node: folio_time) -> None:
    self.body.append("</time>")


def _visit_heading(self: HTML5Translator, node: home_heading) -> None:
    self.body.append(self.starttag(node, f"h{node.get('level', 2)}", ""))


def _depart_heading(self: HTML5Translator, node: home_heading) -> None:
    self.body.append(f"</h{node.get('level', 2)}>\n")


def _visit_scroll(self: HTML5Translator, node: scroll_box) -> None:
    attributes = {"tabindex": "0", "role": "region", "aria-label": node["label"]}
    self.body.append(self.starttag(node, "div", **attributes))


def _depart_scroll(self: HTML5Translator, node: scroll_box) -> None:
    self.body.append("</div>\n")


def setup_nodes(app: Sphinx) -> None:
    app.add_node(folio_time, html=(_visit_time, _depart_time))
    app.add_node(scroll_box, html=(_visit_scroll, _depart_scroll))
    app.add_node(home_heading, html=(_visit_heading, _depart_heading))
