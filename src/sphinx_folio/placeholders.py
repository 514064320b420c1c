"""Write time: every placeholder node becomes what it stands for, in one post-transform.

A directive that shows something known only once every page is read (a collection's
items, the owner's publications) leaves a placeholder node in the pickled doctree. When
a page is written, :class:`FillPlaceholders` hands each placeholder to the fill function
registered for its node class, which returns the nodes that take its place (raw HTML
for HTML builders, plain nodes for the others, or nothing at all). Collections,
publications and the profile card register here; so may another extension::

    from sphinx_folio.placeholders import register_placeholder

    def setup(app):
        register_placeholder(app, my_placeholder, fill_my_placeholder)

Ordering, which the features rely on:

- Priority 5, before Sphinx resolves references (10): a news body copied into a listing
  holds cross-references, resolved for the listing's page;
  ``collection.resolve.RebaseCopiedLinks`` (15) then rebases them.
- ``doctree-resolved`` handlers see the filled page: ``search.py`` indexes the words of a
  publication list (without its BibTeX) there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .state import folio


@dataclass(frozen=True)
class Context:
    """What a fill function may use: the page being written and the builder writing it."""

    env: BuildEnvironment
    builder: Builder
    docname: str
    document: nodes.document

    @property
    def html(self) -> bool:
        """Whether the builder writes HTML (raw HTML is shown; other builders drop it)."""
        return self.builder.format == "html"

    @property
    def root(self) -> str:
        """The relative URL of the site root from this page ("" or "../" repeated)."""
        return "../" * self.builder.get_target_uri(self.docname).count("/")

    def uri(self, target: str) -> str:
        """Relative URI of the document or generated page ``target`` from this page."""
        return self.builder.get_relative_uri(self.docname, target)


#: What replaces a placeholder: the nodes in its place (an empty list removes it).
Fill = Callable[[Context, Any], list[nodes.Node]]

#: Node class -> its fill function. Keyed by class, not by application or environment:
#: a node class is drawn the same way in every build, as docutils registers visitors.
_FILLS: dict[type[nodes.Element], Fill] = {}


def register_placeholder(app: Sphinx, node_class: type[nodes.Element], fill: Fill) -> None:
    """Have ``fill`` replace every ``node_class`` node when a page is written.

    The node class is added to Sphinx (so doctrees holding it pickle and merge across
    parallel reads); a builder never draws it, since it is gone before writing.
    """
    _FILLS[node_class] = fill
    app.add_node(node_class, override=True)


def _fill_for(node: nodes.Node) -> Fill | None:
    for cls in type(node).__mro__:
        fill = _FILLS.get(cls)
        if fill is not None:
            return fill
    return None


def note_builder(app: Sphinx) -> None:
    """Keep the builder: Sphinx 9 deprecates ``SphinxTransform.app`` and offers
    post-transforms no public way to the builder."""
    folio(app.env).builder = app.builder


def builder_of(env: BuildEnvironment) -> Builder:
    builder = folio(env).builder
    assert builder is not None, "builder-inited has not run"
    return builder


class FillPlaceholders(SphinxPostTransform):
    """Replace every registered placeholder on the page being written, in document order."""

    # Before Sphinx resolves references (10); see the module's docstring.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        found = [
            (node, fill)
            for node in self.document.findall(nodes.Element)
            if (fill := _fill_for(node)) is not None
        ]
        if not found:
            return
        context = Context(self.env, builder_of(self.env), self.env.docname, self.document)
        for node, fill in found:
            replacement = fill(context, node)
            if node.parent is not None:
                node.replace_self(replacement)


def setup_placeholders(app: Sphinx) -> None:
    app.connect("builder-inited", note_builder)
    app.add_post_transform(FillPlaceholders)
