"""Write time: placeholders become items, once every record is known.

The collection's placeholders are filled through :mod:`..placeholders` (priority 5,
before references are resolved); :class:`RebaseCopiedLinks` runs after that (15).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..config import get_config
from ..placeholders import Context, builder_of, register_placeholder
from ..state import folio
from .nodes import (
    header_placeholder,
    home_heading,
    home_placeholder,
    listing_placeholder,
    scroll_box,
)
from .records import Record
from .render import COPIED_FROM, Renderer, label, select

#: More items than this, and a scrollable home section scrolls (al-folio's rule).
SCROLL_AFTER = 3


def _renderer(context: Context) -> Renderer:
    return Renderer(context.env, context.builder, context.docname)


#: Collections whose item pages have a header of their own (``people``: a photo beside).
HEADERS: dict[str, Callable[[Renderer, Record], list[nodes.Node]]] = {}


def fill_header(context: Context, node: header_placeholder) -> list[nodes.Node]:
    """An item page's period, status, tags and links, under its title."""
    record = folio(context.env).records.get(context.docname)
    if record is None:
        return []
    draw = _renderer(context)
    if record.collection in HEADERS:
        return HEADERS[record.collection](draw, record)
    return [draw.header(record)]


def fill_listing(context: Context, node: listing_placeholder) -> list[nodes.Node]:
    records = select(
        folio(context.env).of(node["collections"]),
        tags=node["tags"],
        status=node["status"],
        sort=node["sort"],
        limit=node["limit"],
    )
    draw = _renderer(context)
    return draw.listing(records, style=node["style"], collection=len(node["collections"]) > 1)


def fill_home(context: Context, node: home_placeholder) -> list[nodes.Node]:
    """A home section ({announcements}, {latest-posts}): its newest items and a link on."""
    records = select(folio(context.env).of([node["collection"]]), limit=node["limit"])
    if not records:
        # A home page says nothing rather than "No news yet." under a heading:
        # the whole section goes, heading included.
        section = node.parent
        section.parent.remove(section)
        return []
    depth = sum(1 for parent in _ancestors(node) if isinstance(parent, nodes.section))
    for heading in node.parent.findall(home_heading):
        heading["level"] = min(max(2, depth), 6)
    draw = _renderer(context)
    collection = node["collection"]
    name = label(collection).lower()
    result = draw.listing(records, style="rows", detail=node["detail"])
    if node["scrollable"] and len(records) > SCROLL_AFTER:
        box = scroll_box(label=node["label"], classes=["folio-scroll"])
        box.extend(result)
        result = [box]
    archive = f"{get_config(context.env).collections[collection]}/index"
    if archive in context.env.all_docs and archive != context.docname:
        text = f"All {name}"
        link = nodes.reference(text, text, internal=True, refuri=draw.uri(archive))
        result.append(nodes.paragraph("", "", link, classes=["folio-more"]))
    return result


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


class RebaseCopiedLinks(SphinxPostTransform):
    """Make the links inside a copied news body relative to the page they were copied to.

    Sphinx resolves a cross-reference relative to its ``refdoc``, the page it was
    written on, which is right for finding the target but gives a URI relative to the
    item's page. This runs after that resolution (10) and rebases those URIs.
    """

    default_priority = 15
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        builder = builder_of(self.env)
        if builder.name == "singlehtml":
            return
        here = builder.get_target_uri(self.env.docname)
        for node in list(self.document.findall(nodes.Element)):
            origin = node.get(COPIED_FROM)
            if origin is None:
                continue
            del node[COPIED_FROM]
            there = builder.get_target_uri(origin)
            for reference in node.findall(nodes.reference):
                uri = reference.get("refuri", "")
                if "refid" in reference and not uri:
                    # A link within the item's page (e.g. a citation to its bibliography).
                    reference["refuri"] = _rebase("#" + reference["refid"], there, here)
                    del reference["refid"]
                    reference["internal"] = True
                elif reference.get("internal") and uri and ":" not in uri.split("#")[0]:
                    reference["refuri"] = _rebase(uri, there, here)


def _rebase(uri: str, there: str, here: str) -> str:
    """``uri``, relative to the page at ``there``, made relative to the page at ``here``."""
    path, _, fragment = uri.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(there), path)) if path else there
    if path.endswith("/") and not target.endswith("/"):
        target += "/"  # dirhtml's URIs end in a slash; normpath drops it
    rebased = relative_uri(here, target) if target != here else ""
    return f"{rebased}#{fragment}" if fragment else (rebased or "#")


def setup_resolve(app: Sphinx) -> None:
    register_placeholder(app, header_placeholder, fill_header)
    register_placeholder(app, listing_placeholder, fill_listing)
    register_placeholder(app, home_placeholder, fill_home)
    app.add_post_transform(RebaseCopiedLinks)
