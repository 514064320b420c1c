"""Write time: placeholders become items, once every record is known."""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..config import get_config
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


def note_builder(app: Sphinx) -> None:
    """Keep the builder: Sphinx 9 deprecates ``SphinxTransform.app`` and offers
    post-transforms no public way to the builder."""
    folio(app.env).builder = app.builder


def _builder(env: BuildEnvironment) -> Builder:
    builder = folio(env).builder
    assert builder is not None, "builder-inited has not run"
    return builder


#: More items than this, and a scrollable home section scrolls (al-folio's rule).
SCROLL_AFTER = 3


class ResolveCollections(SphinxPostTransform):
    """Draw listings, home sections and item headers for the page being written."""

    # Before Sphinx resolves references (10), so a news item's links shown in a
    # listing are resolved for the listing's page.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        store = folio(self.env)
        draw = Renderer(self.env, _builder(self.env), self.env.docname)

        for node in list(self.document.findall(header_placeholder)):
            record = store.records.get(self.env.docname)
            if record is None:
                node.parent.remove(node)
            else:
                node.replace_self(draw.header(record))

        for node in list(self.document.findall(listing_placeholder)):
            records = select(
                store.of(node["collections"]),
                tags=node["tags"],
                status=node["status"],
                sort=node["sort"],
                limit=node["limit"],
            )
            node.replace_self(
                draw.listing(records, style=node["style"], collection=len(node["collections"]) > 1)
            )

        for node in list(self.document.findall(home_placeholder)):
            records = select(store.of([node["collection"]]), limit=node["limit"])
            if not records:
                # A home page says nothing rather than "No news yet." under a heading:
                # the whole section goes, heading included.
                section = node.parent
                section.parent.remove(section)
                continue
            depth = sum(1 for parent in _ancestors(node) if isinstance(parent, nodes.section))
            for heading in node.parent.findall(home_heading):
                heading["level"] = min(max(2, depth), 6)
            node.replace_self(self._home(draw, node, records))

    def _home(
        self, draw: Renderer, node: home_placeholder, records: list[Record]
    ) -> list[nodes.Node]:
        collection = node["collection"]
        name = label(collection).lower()
        items = draw.listing(records, style="rows", detail=node["detail"])
        if node["scrollable"] and len(records) > SCROLL_AFTER:
            box = scroll_box(label=node["label"], classes=["folio-scroll"])
            box += items
            items = box
        result: list[nodes.Node] = [items]
        archive = f"{get_config(self.env).collections[collection]}/index"
        if archive in self.env.all_docs and archive != self.env.docname:
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
        builder = _builder(self.env)
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
