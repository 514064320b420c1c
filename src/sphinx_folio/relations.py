"""Pages whose neighbours changed are written again.

Every page's ``<head>`` links its previous and next page and its parent (``rel="prev"``,
``rel="next"``), worked out from the toctrees when the page is written. Sphinx writes a
page again only when it is read again, so removing or adding a post left the pages
beside it pointing at the old neighbours until a clean build. Here the relations of the
last build are kept, and every page whose parent, previous or next page (or its title)
changed is written again (``env-updated`` returns the documents to write).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .state import folio


def _changed_neighbours(app: Sphinx, env: BuildEnvironment) -> list[str]:
    def title(doc: str | None) -> str:
        return env.titles[doc].astext() if doc in env.titles else ""

    # The links show the neighbours' titles too (``<link rel="prev" title="...">``).
    relations = {
        doc: tuple((other, title(other)) for other in related)
        for doc, related in env.collect_relations().items()
    }
    domain = folio(env)
    before = domain.data.get("relations", {})
    domain.data["relations"] = relations
    return sorted(
        doc
        for doc, related in relations.items()
        if before.get(doc) != related and doc in env.found_docs
    )


def setup_relations(app: Sphinx) -> None:
    app.connect("env-updated", _changed_neighbours, priority=900)
