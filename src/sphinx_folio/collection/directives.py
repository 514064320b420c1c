"""``{listing}``: the items of one or more collections, as cards or rows.

The directive only records what to show (a :class:`~.nodes.listing_placeholder`) and
that this page lists those collections; :mod:`.resolve` draws the items at write time,
when every record is known whatever order the pages were read in.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..config import get_config
from .nodes import listing_placeholder
from .records import note_lister
from .render import SORTS
from .toc import hidden_toctree, items_of

STYLES = ("cards", "rows")
#: Collections drawn as rows (date first) rather than cards, unless ``:style:`` says.
ROW_COLLECTIONS = frozenset({"news", "posts", "talks", "teaching"})


def _tags(argument: str | None) -> list[str]:
    return [tag.strip() for tag in (argument or "").split(",") if tag.strip()]


class ListingDirective(SphinxDirective):
    """``{listing} [collection ...]``: every item of the collections (all when none)."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "sort": lambda argument: directives.choice(argument, SORTS),
        "limit": directives.positive_int,
        "tags": _tags,
        "status": directives.unchanged_required,
        "style": lambda argument: directives.choice(argument, STYLES),
        "toctree": directives.flag,
    }
    #: What each option does (the package's documentation shows it).
    option_help: ClassVar[dict[str, str]] = {
        "sort": "Order of the items: newest first (the default), oldest first, or by title.",
        "limit": "Show at most this many items.",
        "tags": "Only items with at least one of these tags (comma-separated).",
        "status": "Only items with this status, e.g. active.",
        "style": "Cards, or date-first rows (the default for news, posts, talks and teaching).",
        "toctree": "Add the items to the site's navigation (instead of a :glob: toctree).",
    }

    def run(self) -> list[nodes.Node]:
        known = get_config(self.env).collections
        names = self.arguments[0].split() if self.arguments else list(known)
        unknown = [name for name in names if name not in known]
        if unknown:
            raise self.error(
                f"{self.name}: unknown collection(s) {', '.join(unknown)}; "
                f"expected some of {', '.join(known)}"
            )
        note_lister(self.env, self.env.docname, names)
        style = self.options.get("style") or ("rows" if set(names) <= ROW_COLLECTIONS else "cards")
        placeholder = listing_placeholder(
            collections=names,
            tags=self.options.get("tags", []),
            status=self.options.get("status", ""),
            sort=self.options.get("sort", "newest"),
            limit=self.options.get("limit"),
            style=style,
        )
        self.set_source_info(placeholder)
        result: list[nodes.Node] = [placeholder]
        if "toctree" in self.options:
            result.append(self._toctree(names))
        return result

    def _toctree(self, names: list[str]) -> nodes.Node:
        """A hidden toctree of every item, instead of a ``:glob:`` one: Sphinx re-reads
        every page with a globbing toctree whenever any page is added or removed."""
        source, line = self.get_source_info()
        return hidden_toctree(self.env.docname, items_of(self.env, names), source, line)
