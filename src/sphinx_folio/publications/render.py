"""Publication records to HTML, through the templates in ``templates/folio/``.

Every value is escaped by the templates' autoescape (or, for ``<head>`` tags, here), so
no field of refs.bib can inject markup. Fragments are rendered once per entry (see :mod:`.cache`) with two stand-ins that depend
on the page showing them: :data:`ROOT` (the relative path to the site root) and
:data:`ID` (an id prefix, so that two lists on one page do not share ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from markupsafe import Markup

from ..escaping import html, json_ld
from ..templating import Templates
from .records import Author, Publication

#: Stand-in for the relative URL of the site root; "<" can never come from escaped text.
ROOT = "<folio-root>"
#: Stand-in for the id prefix of the list an entry is in.
ID = "<folio-id>"


def esc(text: str) -> str:
    return html(text)


#: The publication templates (a site may override each with a file of the same name in its
#: ``_templates/``); their sources salt the cache of rendered entries.
TEMPLATE_NAMES = (
    "folio/publication-entry.html",
    "folio/publication-list.html",
    "folio/paper-page.html",
    "folio/publication-authors.html",
    "folio/publication-badges.html",
    "folio/publication-award.html",
    "folio/publication-links.html",
    "folio/publication-bibtex.html",
    "folio/publication-tags.html",
    "folio/publication-citations.html",
    "folio/publication-legend.html",
)


class Run(NamedTuple):
    """Authors shown together, or hidden together behind "and K more"."""

    hidden: bool
    sep: str  #: Text before the run.
    authors: list[tuple[str, Author]]  #: (text before the name, author)


def author_runs(pub: Publication, limit: int = 0) -> list[Run]:
    """The authors in runs: the first ``limit`` shown, the owner always shown, the rest
    hidden in runs of their own (so a run before and one after the owner count apart)."""
    authors = pub.authors
    count = len(authors)
    runs: list[Run] = []
    for index, author in enumerate(authors):
        if index == 0:
            sep = ""
        elif pub.et_al or count > 2:
            sep = ", and " if index == count - 1 and not pub.et_al else ", "
        else:
            sep = " and "
        hidden = bool(limit) and index >= limit and not author.owner and count > limit
        if runs and runs[-1].hidden == hidden:
            runs[-1].authors.append((sep, author))
        else:
            runs.append(Run(hidden, sep, [(sep, author)]))
    return runs


def legend(marks: Iterable[str], meanings: dict[str, str]) -> list[tuple[str, str]]:
    """(mark, meaning) for each mark shown that ``folio_author_marks`` explains."""
    out = []
    for mark in dict.fromkeys(marks):
        meaning = meanings.get(mark) or (meanings.get("\u2217", "") if mark == "*" else "")
        if meaning:
            out.append((mark, meaning))
    return out


def item_html(
    templates: Templates,
    pub: Publication,
    paper_uri: str,
    files_dir: str,
    *,
    max_authors: int = 0,
    tag_uris: Sequence[tuple[str, str]] = (),
) -> str:
    """One ``<li>`` of a publication list, with the :data:`ROOT` and :data:`ID` stand-ins.

    ``tag_uris``: (tag, its page from the site root) for each of the paper's tags.
    """
    return templates.render(
        "folio/publication-entry.html",
        pub=pub,
        paper_uri=paper_uri,
        files_dir=files_dir,
        root=Markup(ROOT),
        id=Markup(ID),
        runs=author_runs(pub, max_authors),
        tag_uris=tag_uris,
    )


def paper_html(
    templates: Templates,
    pub: Publication,
    *,
    pubdir: str,
    files_dir: str,
    root: str,
    cited: Sequence[tuple[str, str]],
    list_url: str,
    marks: dict[str, str],
    tag_uris: Sequence[tuple[str, str]] = (),
) -> str:
    """The body of a paper's own page; ``cited``: (relative URL, title) of pages citing it."""
    return templates.render(
        "folio/paper-page.html",
        pub=pub,
        pubdir=pubdir,
        files_dir=files_dir,
        root=root,
        cited=cited,
        list_url=list_url,
        runs=author_runs(pub),
        legend=legend(pub.marks, marks),
        tag_uris=tag_uris,
    )


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{esc(content)}" />'


def _property(name: str, content: str) -> str:
    return f'<meta property="{name}" content="{esc(content)}" />'


def head_html(
    pub: Publication,
    page_url: str,
    pdf_url: str,
    site_name: str,
) -> str:
    """Google Scholar ``citation_*`` tags, schema.org JSON-LD and OpenGraph for ``<head>``.

    Scholar's inclusion guidelines: one paper per page; title, each author in its own
    tag and the publication date ("2024/05/17" or just the year) are required; the
    journal or conference name, PDF, DOI and the abstract page help matching.
    """
    tags = [_meta("citation_title", pub.title)]
    tags += [_meta("citation_author", author.citation) for author in pub.authors]
    if pub.date:
        tags.append(_meta("citation_publication_date", pub.date))
    if pub.venue_kind == "journal" and pub.venue:
        tags.append(_meta("citation_journal_title", pub.venue))
    elif pub.venue_kind == "conference" and pub.venue:
        tags.append(_meta("citation_conference_title", pub.venue))
    elif pub.venue_kind == "thesis" and pub.institution:
        tags.append(_meta("citation_dissertation_institution", pub.institution))
    elif pub.venue_kind == "report" and pub.institution:
        tags.append(_meta("citation_technical_report_institution", pub.institution))
    for name, value in (
        ("citation_volume", pub.volume),
        ("citation_issue", pub.number),
        ("citation_publisher", pub.publisher),
    ):
        if value:
            tags.append(_meta(name, value))
    if pub.pages:
        first, _, last = pub.pages.replace("\u2013", "-").partition("-")
        tags.append(_meta("citation_firstpage", first.strip()))
        if last.strip("- "):
            tags.append(_meta("citation_lastpage", last.strip("- ")))
    if pdf_url:
        tags.append(_meta("citation_pdf_url", pdf_url))
    if pub.doi:
        tags.append(_meta("citation_doi", pub.doi))
    if pub.arxiv_id:
        tags.append(_meta("citation_arxiv_id", pub.arxiv_id))
    tags.append(_meta("citation_abstract_html_url", page_url))

    description = pub.abstract if len(pub.abstract) <= 300 else pub.abstract[:297] + "..."
    tags += [_property("og:type", "article"), _property("og:title", pub.title)]
    if "://" in page_url:  # OpenGraph wants an absolute URL: only with html_baseurl
        tags.append(_property("og:url", page_url))
    if site_name:
        tags.append(_property("og:site_name", site_name))
    if description:
        tags.append(_property("og:description", description))
        tags.append(_meta("description", description))
    if pub.iso_date:
        tags.append(_property("article:published_time", pub.iso_date))

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": pub.title[:110],
        "name": pub.title,
        "author": [{"@type": "Person", "name": author.name} for author in pub.authors],
        "url": page_url,
    }
    if pub.iso_date:
        data["datePublished"] = pub.iso_date
    if pub.abstract:
        data["abstract"] = pub.abstract
    if pub.venue:
        data["isPartOf"] = {
            "@type": "PublicationIssue" if pub.venue_kind == "journal" else "CreativeWork",
            "name": pub.venue,
        }
    if pub.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": pub.doi}
        data["sameAs"] = f"https://doi.org/{pub.doi}"
    elif pub.arxiv_id:
        data["sameAs"] = f"https://arxiv.org/abs/{pub.arxiv_id}"
    if pub.status:
        data["creativeWorkStatus"] = pub.status
    tags.append(json_ld(data))
    return "\n".join(tags)
