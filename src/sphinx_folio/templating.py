"""The package's Jinja templates (``templates/folio/*.html``), one environment per build.

The templates are found through Sphinx's template loader, which searches the site's
``templates_path`` before the package's own ``templates/`` folder, so a site's
``_templates/folio/card.html`` replaces ours (as pydata-sphinx-theme's components are
overridden). Sphinx's own environment does not escape; ours does (autoescape, in a
sandbox), so no value from refs.bib, front matter or conf.py can add markup, whichever
template shows it. HTML that the package made itself is passed in as ``Markup``, made
by :mod:`.escaping` or by the builder.

Some templates wrap doctree content that is resolved after they are rendered (a news
body's cross-references, a card's image, which Sphinx copies): the template gets a
marker for it (a "slot"), its HTML is split at the markers and the page gets the HTML
pieces around the slot's nodes (:func:`render_around`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from jinja2 import BaseLoader, FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxTranslator

from .state import folio
from .template_cache import keep_compiled

#: Line breaks (and the indentation after them) between two tags. Escaped input never
#: holds "<" or ">", so only the templates' own layout is dropped: templates stay
#: readable and the output stays compact.
_LAYOUT = re.compile(r">\s*\n\s*<")
#: Where a slot's nodes go. "<" never comes from escaped text, so input cannot forge one.
_SLOT = re.compile(r"<folio-slot:([a-z_]+)>")


class Templates:
    """The package's templates, a site's own first (see the module's docstring)."""

    def __init__(self, loader: BaseLoader) -> None:
        # keep_trailing_newline: a template's last line break is part of the page, so
        # templates drawn inside a page write exactly what the doctree wrote before.
        self.env = SandboxedEnvironment(loader=loader, autoescape=True, keep_trailing_newline=True)

    @classmethod
    def for_builder(cls, builder: Builder) -> Templates:
        loader = getattr(builder, "templates", None)
        if not isinstance(loader, BaseLoader):  # builders without HTML templates
            paths = [Path(builder.confdir, path) for path in builder.config.templates_path]
            loader = FileSystemLoader(paths)
        templates = cls(loader)
        keep_compiled(templates.env, builder.doctreedir)
        return templates

    def signature(self, names: Iterable[str]) -> str:
        """The source of the templates ``names``: a change re-renders what they drew."""
        sources = [self.env.loader.get_source(self.env, name)[0] for name in names]  # type: ignore[union-attr]
        return hashlib.sha1("\0".join(sources).encode(), usedforsecurity=False).hexdigest()

    def render(self, name: str, /, **context: Any) -> str:
        """The template's HTML with the line breaks between tags taken out."""
        return _LAYOUT.sub("><", self.env.get_template(name).render(**context)).strip()

    def render_exact(self, name: str, /, **context: Any) -> str:
        """The template's HTML exactly as written, line breaks included."""
        return self.env.get_template(name).render(**context)


def templates_of(env: BuildEnvironment) -> Templates:
    """The templates of this build (made once, from the builder's loader)."""
    state = folio(env)
    if state.templates is None:
        assert state.builder is not None, "builder-inited has not run"
        state.templates = Templates.for_builder(state.builder)
    return state.templates


class template_html(nodes.General, nodes.TextElement):  # noqa: N801 (docutils style)
    """HTML drawn by a template. HTML builders write ``html`` as it is. The node holds the
    text the HTML shows, one text node per run between tags, as the nodes it replaces
    held it: Sphinx's search index and sphinxext-opengraph's page description read the
    doctree, and a ``raw`` node would give them ``&amp;`` as a word, or nothing. Made only
    for HTML builders."""


class drawn_list(nodes.bullet_list):  # noqa: N801
    """A list whose HTML a template writes, ``<ul>`` and ``<li>`` included: HTML builders
    write only what it holds. It keeps the list's shape in the doctree for those who read
    it (sphinxext-opengraph's page description separates list items with commas)."""


class drawn_item(nodes.list_item):  # noqa: N801
    """An item of a :class:`drawn_list`."""


def _nothing(self: SphinxTranslator, node: nodes.Node) -> None:
    pass


def _visit_html(self: SphinxTranslator, node: template_html) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def _skip(self: SphinxTranslator, node: nodes.Node) -> None:
    raise nodes.SkipNode


def html_node(html: str) -> template_html:
    from .search import text_runs

    return template_html("", *(nodes.Text(run) for run in text_runs(html)), html=html)


def render_around(
    templates: Templates, template: str, slots: dict[str, list[nodes.Node]], /, **context: Any
) -> list[nodes.Node]:
    """``template`` as nodes: its HTML, with each slot's nodes where it names the slot.

    A slot the template leaves out is dropped; one it names twice gets a copy.
    """
    markers = {slot: Markup(f"<folio-slot:{slot}>") for slot in slots}
    pieces = _SLOT.split(templates.render_exact(template, **context, **markers))
    out: list[nodes.Node] = []
    used: set[str] = set()
    for index, piece in enumerate(pieces):
        if index % 2:  # a slot's name
            content = slots[piece]
            out.extend(node.deepcopy() if piece in used else node for node in content)
            used.add(piece)
        elif piece:
            out.append(html_node(piece))
    return out


def setup_templating(app: Sphinx) -> None:
    app.add_node(drawn_list, html=(_nothing, _nothing))
    app.add_node(drawn_item, html=(_nothing, _nothing))
    visitors = (_skip, None)
    app.add_node(
        template_html,
        html=(_visit_html, None),
        latex=visitors,
        text=visitors,
        man=visitors,
        texinfo=visitors,
    )
