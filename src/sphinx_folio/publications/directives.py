"""``{publication-list}`` and ``{selected-publications}``.

The directives leave a placeholder node in the doctree; the list is put in when the
page is written (through :mod:`..placeholders`), from entries formatted once and cached. So the
pickled doctree stays small, and a change in refs.bib re-reads the page (the bib files
are noted as dependencies) without reformatting entries that did not change.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..config import get_config
from ..placeholders import Context
from ..slugs import slug, tag_slug
from ..state import folio
from ..templating import templates_of
from ..warnings_ import FolioWarning, warn
from .cache import Formatted
from .members import PEOPLE
from .records import Publication
from .render import ID, ROOT, legend
from .store import Store, get_store


class publication_list(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for a list of the owner's publications (``kind``: all or selected)."""


class PublicationList(SphinxDirective):
    """Every paper of the owner in the bib files: in progress first, then by year.

    ``:file: talks.bib`` lists the papers of that one bib file (one of ``bibtex_bibfiles``),
    so a second file (talks, theses) drives a list of its own."""

    kind = "all"
    has_content = False
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {
        "compact": directives.flag,
        "file": directives.unchanged_required,
    }
    option_help: ClassVar[dict[str, str]] = {
        "compact": "One line each (authors, title, venue, year, status, DOI and arXiv), "
        "with no filter, toggles or tags: the list a CV page shows, as cv.pdf does.",
        "file": "Only the entries of this bib file, one of bibtex_bibfiles (talks.bib): a "
        "list of its own, without the download of all papers.",
    }

    def run(self) -> list[nodes.Node]:
        for path in get_store(self.env).bibfiles:
            self.env.note_dependency(str(path))
        kind = "compact" if "compact" in self.options else self.kind
        coauthors = get_config(self.env).coauthors
        coauthors_file = Path(self.env.srcdir, coauthors) if isinstance(coauthors, str) else None
        if coauthors_file is not None and coauthors and coauthors_file.is_file():
            # The list shows co-authors' links (store.py also re-reads the page when an
            # entry's formatting changes; this makes Sphinx's own tracking see the file).
            self.env.note_dependency(str(coauthors_file))
        kinds = folio(self.env).publication_lists.setdefault(self.env.docname, {})
        kinds.setdefault(kind, self.lineno)
        node = publication_list(kind=kind, file="")
        self.set_source_info(node)
        name = self.options.get("file", "").strip()
        if name:
            bibfiles = [posixpath.normpath(p) for p in self.config.bibtex_bibfiles or []]
            paths = get_store(self.env).bibfiles  # the same files, resolved, in that order
            if posixpath.normpath(name) not in bibfiles or len(paths) != len(bibfiles):
                warn(
                    FolioWarning.PUBLICATIONS,
                    f"{{publication-list}} :file: {name!r} is not one of bibtex_bibfiles "
                    f"({', '.join(bibfiles) or 'none'}); add it there in conf.py. "
                    "The list is left out",
                    (self.env.docname, self.lineno),
                )
                return []
            wanted = paths[bibfiles.index(posixpath.normpath(name))]
            node["file"] = str(wanted)
        return [node]


class SelectedPublications(PublicationList):
    """The owner's papers marked ``selected = {true}``, for the home page."""

    kind = "selected"
    option_spec: ClassVar[dict[str, Any]] = {}
    option_help: ClassVar[dict[str, str]] = {}


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
    people = get_config(app).collections.get(PEOPLE)
    # A group's site: its papers are its members', found by their pages' titles.
    members = f" or add the members as pages in {people}/" if people else ""
    message = (
        f"{{publication-list}} lists none of the {len(store.order)} entries in the "
        f"bibliography: {found}; set folio_name (or folio_name_variants) in conf.py "
        f"to the owner's name as refs.bib writes it{members}"
    )
    for docname in sorted(folio(env).publication_lists):
        kinds = folio(env).publication_lists[docname]
        line = kinds.get("all", kinds.get("compact"))
        if line is not None:
            warn(FolioWarning.PUBLICATIONS, message, (docname, line))


#: The filter's types (records._kind), as a visitor reads them.
KIND_LABELS = {
    "journal": "Journal",
    "conference": "Conference",
    "workshop": "Workshop",
    "preprint": "Preprint",
    "thesis": "Thesis",
    "other": "Other",
}


def filter_key(text: str) -> str:
    """A tag's or a co-author's value in the filter and its URL: "Time Series" -> "time-series"
    (publications.js keys the papers the same way)."""
    return "-".join(text.lower().split())


def filter_fields(pubs: list[Publication]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(name, label, [(value, text)]) of each dropdown of the filter above a full list, drawn
    at build time so that nothing moves when the page's script runs. A field with fewer than
    two choices is left out."""
    years = {p.year: p.year for p in pubs if p.year}
    kinds = {p.kind: KIND_LABELS.get(p.kind, p.kind) for p in pubs if p.kind}
    tags: dict[str, str] = {}
    people: dict[str, str] = {}
    for pub in pubs:
        for tag in pub.tags:
            tags.setdefault(filter_key(tag), tag)
        for author in pub.authors:
            if not author.owner or author.member:
                people.setdefault(filter_key(author.person), author.person)
    # A group's site: its members are in the list too, so it narrows to one member.
    members = any(author.member for pub in pubs for author in pub.authors)
    fields = [
        ("year", "Year", sorted(years.items(), reverse=True)),
        ("type", "Type", sorted(kinds.items(), key=lambda kv: kv[1].casefold())),
        ("tag", "Tag", sorted(tags.items(), key=lambda kv: kv[1].casefold())),
        (
            "author",
            "Author" if members else "Co-author",
            sorted(people.items(), key=lambda kv: kv[1].casefold()),
        ),
    ]
    return [field for field in fields if len(field[2]) > 1]


def _of_file(store: Store, papers: list[Formatted], file: str) -> list[Formatted]:
    """The papers read from the bib file ``file`` (a resolved path); all when empty."""
    if not file:
        return papers
    return [f for f in papers if store.location(f.pub.key).rsplit(":", 1)[0] == file]


def list_html(env: BuildEnvironment, kind: str, file: str = "") -> str:
    """The whole list, with the :data:`ROOT` and :data:`ID` stand-ins still in."""
    store = get_store(env)
    owner = _of_file(store, store.owner(), file)
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
        # The .bib and the feed hold every paper of the site: not offered on one file's list.
        export_url="" if file else f"{store.pubdir}/{store.export_name()}",
        owner_count=len(owner),
        owner_name=config.name or "the site owner (folio_name is not set)",
        legend=legend((m for f in chosen for m in f.pub.marks), config.author_marks),
        previews=any(f.pub.preview for f in chosen),
        # The filter's dropdowns; the search field and the count come with any list of two.
        filter=kind == "all" and len(owner) > 1,
        filter_fields=filter_fields([f.pub for f in owner]) if kind == "all" else [],
        feed_url=f"{store.pubdir}/atom.xml" if env.config.html_baseurl and not file else "",
    )


def compact_html(context: Context) -> str:
    """The owner's papers one line each (:mod:`..cv_papers`), for the page being written."""
    from ..cv_papers import papers

    store = get_store(context.env)
    owner = store.owner()
    chosen = papers(owner)
    for paper in chosen:
        paper["uri"] = context.uri(store.paper_page(paper["key"]))
    config = get_config(context.env)
    return templates_of(context.env).render(
        "folio/publication-compact.html",
        papers=chosen,
        legend=legend((m for f in owner for m in f.pub.marks), config.author_marks),
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


def _plain(env: BuildEnvironment, kind: str, file: str = "") -> list[nodes.Node]:
    """Non-HTML builders get a bullet list of plain text."""
    store = get_store(env)
    owner = _of_file(store, store.owner(), file)
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
    file = node.get("file", "")
    if not context.html:
        return _plain(context.env, kind, file)
    if kind == "compact":
        return [nodes.raw("", compact_html(context), format="html")]
    html = list_html(context.env, kind, file)
    if not html:
        return []
    prefix = "sel-" if kind == "selected" else "pub-"
    if file:  # ids apart from the main list's, should both be on one page
        prefix = f"{slug(Path(file).stem) or 'file'}-"
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
    kinds = folio(app.env).publication_lists.get(pagename, {})
    if set(kinds) - {"compact"} or context.get("folio_paper"):  # a compact list shows no BibTeX
        app.builder.add_js_file("sphinx_folio_publications.js", defer="defer")  # type: ignore[attr-defined]
