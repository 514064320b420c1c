"""Publication records to HTML.

Every value is escaped here and nowhere else, so no field of refs.bib can inject markup.
Fragments are rendered once per entry (see :mod:`.cache`) with two stand-ins that depend
on the page showing them: :data:`ROOT` (the relative path to the site root) and
:data:`ID` (an id prefix, so that two lists on one page do not share ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..escaping import html, json_script
from .records import Author, Link, Publication

#: Stand-in for the relative URL of the site root; "<" can never come from escaped text.
ROOT = "<folio-root>"
#: Stand-in for the id prefix of the list an entry is in.
ID = "<folio-id>"


def esc(text: str) -> str:
    return html(text)


def link_href(link: Link, files_dir: str) -> str:
    if link.local:  # the file's path under the site: distinct files, distinct names
        return ROOT + files_dir + "/" + esc(link.target)
    return esc(link.target)


def authors_html(authors: Sequence[Author], et_al: bool) -> str:
    names = [
        f'<strong class="folio-owner">{esc(a.name)}</strong>' if a.owner else esc(a.name)
        for a in authors
    ]
    if et_al:
        return ", ".join(names) + (", " if names else "") + "<em>et al.</em>"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def venue_html(pub: Publication) -> str:
    parts = []
    if pub.venue:
        parts.append(f"<em>{esc(pub.venue)}</em>")
    if pub.year:
        parts.append(esc(pub.year))
    text = ", ".join(parts)
    if pub.additional_info:
        text += (" " if text else "") + esc(pub.additional_info)
    return text


def badges_html(pub: Publication) -> str:
    badges = []
    if pub.abbr:
        badges.append(f'<span class="folio-badge">{esc(pub.abbr)}</span>')
    if pub.status:
        badges.append(f'<span class="folio-status">{esc(pub.status)}</span>')
    return "".join(badges)


def award_html(pub: Publication) -> str:
    if not (pub.award or pub.award_name):
        return ""
    name = esc(pub.award_name or "Award")
    detail = f" {esc(pub.award)}" if pub.award and pub.award != pub.award_name else ""
    return f'<p class="folio-pub-award"><span class="folio-award">{name}</span>{detail}</p>'


def links_html(links: Iterable[Link], files_dir: str) -> str:
    items = [
        f'<li><a class="folio-btn folio-btn-{esc(link.kind)}" '
        f'href="{link_href(link, files_dir)}">{esc(link.label)}</a></li>'
        for link in links
    ]
    return f'<ul class="folio-pub-links">{"".join(items)}</ul>' if items else ""


def bibtex_html(pub: Publication) -> str:
    return f'<pre class="folio-bibtex" data-folio-copy=""><code>{esc(pub.bibtex)}</code></pre>'


def item_html(pub: Publication, paper_uri: str, files_dir: str) -> str:
    """One ``<li>`` of a publication list."""
    anchor = ID + esc(pub.name)
    parts = [
        (
            f'<li class="folio-pub" id="{anchor}" data-year="{esc(pub.year)}" '
            f'data-type="{esc(pub.entry_type)}">'
        )
    ]
    badges = badges_html(pub)
    if badges:
        parts.append(f'<div class="folio-pub-badges">{badges}</div>')
    parts.append(
        f'<p class="folio-pub-title"><a href="{ROOT}{esc(paper_uri)}">{esc(pub.title)}</a></p>'
    )
    if pub.authors or pub.et_al:
        parts.append(f'<p class="folio-pub-authors">{authors_html(pub.authors, pub.et_al)}</p>')
    venue = venue_html(pub)
    if venue:
        parts.append(f'<p class="folio-pub-venue">{venue}</p>')
    parts.append(award_html(pub))
    parts.append(links_html(pub.links, files_dir))
    if pub.abstract:
        parts.append(
            '<details class="folio-pub-abstract"><summary>Abstract</summary>'
            f"<p>{esc(pub.abstract)}</p></details>"
        )
    parts.append(
        f'<details class="folio-pub-bib"><summary>BibTeX</summary>{bibtex_html(pub)}</details>'
    )
    parts.append("</li>")
    return "".join(parts)


def paper_html(pub: Publication, pubdir: str, files_dir: str) -> str:
    """The body of a paper's own page, up to (not including) "Cited on this site"."""
    date = pub.iso_date
    facts = []
    if pub.venue:
        facts.append(f"<dt>Venue</dt><dd>{esc(pub.venue)}</dd>")
    if date:
        facts.append(f'<dt>Date</dt><dd><time datetime="{esc(date)}">{esc(date)}</time></dd>')
    if pub.status:
        facts.append(f"<dt>Status</dt><dd>{esc(pub.status)}</dd>")
    if pub.doi:
        facts.append(f"<dt>DOI</dt><dd>{esc(pub.doi)}</dd>")
    if pub.arxiv_id:
        facts.append(f"<dt>arXiv</dt><dd>{esc(pub.arxiv_id)}</dd>")
    parts = [
        f'<div class="folio-paper" id="{esc(pub.name)}">',
        f"<h1>{esc(pub.title)}</h1>",
    ]
    badges = badges_html(pub)
    if badges:
        parts.append(f'<div class="folio-pub-badges">{badges}</div>')
    if pub.authors or pub.et_al:
        parts.append(f'<p class="folio-pub-authors">{authors_html(pub.authors, pub.et_al)}</p>')
    if facts:
        parts.append(f'<dl class="folio-paper-facts">{"".join(facts)}</dl>')
    parts.append(award_html(pub))
    parts.append(links_html(pub.links, files_dir))
    if pub.abstract:
        # Shown in full, not behind a toggle: Google Scholar wants the abstract visible.
        parts.append(
            f'<section class="folio-paper-abstract"><h2>Abstract</h2>'
            f"<p>{esc(pub.abstract)}</p></section>"
        )
    parts.append(
        '<section class="folio-paper-cite"><h2>Cite</h2>'
        f"{bibtex_html(pub)}"
        f'<p><a class="folio-btn" href="{ROOT}{esc(pubdir)}/{esc(pub.name)}.bib" download="">'
        "Download .bib</a></p></section>"
    )
    return "".join(parts)


def cited_on_html(pages: Sequence[tuple[str, str]]) -> str:
    """The "Cited on this site" section: (relative URL, page title) pairs."""
    if not pages:
        return ""
    items = "".join(f'<li><a href="{esc(url)}">{esc(title)}</a></li>' for url, title in pages)
    return (
        f'<section class="folio-paper-cited"><h2>Cited on this site</h2><ul>{items}</ul></section>'
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
    payload = json_script(data)
    tags.append(f'<script type="application/ld+json">{payload}</script>')
    return "\n".join(tags)
