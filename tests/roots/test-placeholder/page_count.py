"""A third-party extension: ``{page-count}`` says how many pages the site has, which is
known only when pages are written, and links to the other page."""

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from sphinx_folio.placeholders import register_placeholder


class page_count(nodes.General, nodes.Element):  # noqa: N801
    pass


class PageCount(SphinxDirective):
    def run(self):
        return [page_count()]


def fill(context, node):
    count = len(context.env.all_docs)
    # Not yet a link: fills run before Sphinx resolves references.
    xref = addnodes.pending_xref(
        "", nodes.inline("", "the other page"), refdomain="std", reftype="doc",
        reftarget="other", refdoc=context.docname, refexplicit=True,
    )
    return [nodes.paragraph("", f"{count} pages, see ", xref, classes=["page-count"])]


def setup(app):
    app.add_directive("page-count", PageCount)
    register_placeholder(app, page_count, fill)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
