"""``{publication-list}`` and ``{selected-publications}``.

The directives leave a placeholder node in the doctree; the list is put in when the
page is written (through :mod:`..placeholders`), from entries formatted once and cached. So the
pickled doctree stays small, and a change in refs.bib re-reads the page (the bib files
are noted as dependencies) without reformatting entries that did not change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..config import get_config
from ..placeholders import Context
from ..slugs import tag_slug
from ..state import folio
from ..templating import templates_of
from ..warnings_ import FolioWarning, warn
from .render import ID, ROOT, legend
from .store import get_store


class publication_list(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for a list of the owner's publications (``kind``: all or selected)."""


class PublicationList(SphinxDirective):
    """Every paper of the owner in the bib files: in progress first, then by year."""

    kind = "all"
    has_content = False
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        for path in get_store(self.env).bibfiles:
            self.env.note_dependency(str(path))
        coauthors = get_config(self.env).coauthors
        coauthors_file = Path(self.env.srcdir, coauthors) if isinstance(coauthors, str) else None
        if coauthors_file is not None and coauthors and coauthors_file.is_file():
            # The list shows co-authors' links (store.py also re-reads the page when an
            # entry's formatting changes; this makes Sphinx's own tracking see the file).
            self.env.note_dependency(str(coauthors_file))
        kinds = folio(self.env).publication_lists.setdefault(self.env.docname, {})
        kinds.setdefault(self.kind, self.lineno)
        node = publication_list(kind=self.kind)
        self.set_source_info(node)
        return [node]


class SelectedPublications(PublicationList):
    """The owner's papers marked ``selected = {true}``, for the home page."""

    kind = "selected"


def check_owner_found(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: a full list that matches none of a non-empty bibliography is a mistake.

    Almost always ``folio_name`` is empty or spelled otherwise than in the bib file (an
    imported site whose owner was not found, say). Warned on every build, at each
    directive, so that ``-W`` keeps failing until it is fixed.
    """
    store = get_store(env)
    if not store.order or store.owner():
        return
    name = get_config(app).name
    found = f"folio_name = {name!r} matches no author" if name else "folio_name is not set"
    message = (
        f"{{publication-list}} lists none of the {len(store.order)} entries in the "
        f"bibliography: {found}; set folio_name (or folio_name_variants) in conf.py "
        "to the owner's name as refs.bib writes it"
    )
    for docname in sorted(folio(env).publication_lists):
        line = folio(env).publication_lists[docname].get("all")
        if line is not None:
            warn(FolioWarning.PUBLICATIONS, message, (docname, line))


def list_html(env: BuildEnvironment, kind: str) -> str:
    """The whole list, with the :data:`ROOT` and :data:`ID` stand-ins still in."""
    store = get_store(env)
    owner = store.owner()
    chosen = [f for f in owner if f.pub.selected] if kind == "selected" else owner
    if kind == "selected" and not chosen:
        return ""
    groups: list[tuple[str, str, list[Markup]]] = []
    in_progress = [Markup(f.item) for f in owner if f.pub.in_progress]
    if in_progress:
        groups.append(("In progress", "in-progress", in_progress))
    by_year: dict[str, list[Markup]] = {}
    for formatted in owner:
        if not formatted.pub.in_progress:
            by_year.setdefault(formatted.pub.year or "Undated", []).append(Markup(formatted.item))
    groups += [(year, f"year-{year.lower()}", items) for year, items in by_year.items()]
    templates = templates_of(env)
    config = get_config(env)
    return templates.render(
        "folio/publication-list.html",
        kind=kind,
        # Entries are rendered (and escaped) by the entry template, once per entry.
        entries=[Markup(f.item) for f in chosen],
        groups=groups,
        root=Markup(ROOT),
        id=Markup(ID),
        export_url=f"{store.pubdir}/{store.export_name()}",
        owner_count=len(owner),
        owner_name=config.name or "the site owner (folio_name is not set)",
        legend=legend((m for f in chosen for m in f.pub.marks), config.author_marks),
        previews=any(f.pub.preview for f in chosen),
        filter=kind == "all" and len(owner) > 1,
        feed_url=f"{store.pubdir}/atom.xml" if env.config.html_baseurl else "",
    )


def tagged_papers_html(app: Sphinx) -> dict[str, tuple[str, str, int]]:
    """Tag slug -> (tag, the owner's papers with the tag as HTML, count), for tag pages.

    The HTML keeps the :data:`ROOT` stand-in; the tag page puts its own root in."""
    store = get_store(app.env)
    found: dict[str, tuple[str, list[Markup]]] = {}
    for formatted in store.owner():
        for tag in formatted.pub.tags:
            item = Markup(formatted.item.replace(ID, "tag-"))
            found.setdefault(tag_slug(tag), (tag, []))[1].append(item)
    templates = templates_of(app.env)
    return {
        slug: (
            tag,
            templates.render(
                "folio/publication-list.html",
                kind="tag",
                entries=items,
                id=Markup("tag-"),
                previews=False,
            ),
            len(items),
        )
        for slug, (tag, items) in found.items()
    }


def _plain(env: BuildEnvironment, kind: str) -> list[nodes.Node]:
    """Non-HTML builders get a bullet list of plain text."""
    owner = get_store(env).owner()
    chosen = [f for f in owner if f.pub.selected] if kind == "selected" else owner
    items = nodes.bullet_list()
    for formatted in chosen:
        items += nodes.list_item("", nodes.paragraph(text=formatted.tooltip))
    return [items] if chosen else []


def fill_list(context: Context, node: publication_list) -> list[nodes.Node]:
    """The list in place of its placeholder (:mod:`..placeholders`)."""
    kind = node["kind"]
    if kind == "selected" and not get_config(context.env).home["selected_papers"]["enabled"]:
        return []  # switched off: nothing at all
    if not context.html:
        return _plain(context.env, kind)
    html = list_html(context.env, kind)
    if not html:
        return []
    prefix = "sel-" if kind == "selected" else "pub-"
    html = html.replace(ROOT, context.root).replace(ID, prefix)
    return [nodes.raw("", html, format="html")]


def retarget_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: a citation of the owner's paper links to the paper's page.

    sphinxcontrib-bibtex resolves a citation to the bibliography on the same page when
    there is one; the link is then pointed at the paper's page instead.
    """
    if app.builder.format != "html":
        return
    from .store import bib_domain

    store = get_store(app.env)
    builder = app.builder
    targets: dict[str, str] = {}
    for citation in bib_domain(app.env).citations:
        if not citation.citation_id or not store.is_owner(citation.key):
            continue
        todoc = citation.bibliography_key.docname
        paper = builder.get_relative_uri(docname, store.paper_page(citation.key))
        if todoc == docname:
            targets["#" + citation.citation_id] = paper
        else:
            uri = builder.get_relative_uri(docname, todoc) + "#" + citation.citation_id
            targets[uri] = paper
    if not targets:
        return
    for inline in doctree.findall(nodes.inline):
        if "bibtex-citation" not in inline["classes"]:
            continue
        for ref in inline.findall(nodes.reference):
            current = ref.get("refuri") or ("#" + ref["refid"] if ref.get("refid") else "")
            if current in targets:
                ref["refuri"] = targets[current]
                ref.attributes.pop("refid", None)


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: the copy-button script, only on pages that show BibTeX."""
    if pagename in folio(app.env).publication_lists or context.get("folio_paper"):
        app.builder.add_js_file("sphinx_folio_publications.js", defer="defer")  # type: ignore[attr-defined]
