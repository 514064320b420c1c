"""The owner's papers as a CV shows them: one line each, for the page and for cv.pdf alike.

:func:`papers` gives each paper's parts (authors with the owner marked and their
contribution marks, title, venue, year, the status of work in progress, DOI and arXiv);
``{publication-list}`` with ``:compact:`` renders them with the template
``folio/publication-compact.html``, and :mod:`.cv_pdf` hands the same data to Typst.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def papers(owner: Iterable[Any]) -> list[dict[str, Any]]:
    """The owner's papers (publications.store.Formatted), in progress first, then newest."""
    chosen = list(owner)
    ordered = [f for f in chosen if f.pub.in_progress] + [
        f for f in chosen if not f.pub.in_progress
    ]
    out = []
    for formatted in ordered:
        pub = formatted.pub
        # Written out ("arXiv:2505.17073"), so that a printed copy still names the paper.
        links = [
            {
                "text": f"doi:{pub.doi}" if link.kind == "doi" else f"arXiv:{pub.arxiv_id}",
                "url": link.target,
            }
            for link in pub.links
            if link.kind in ("doi", "arxiv") and not link.local
        ]
        out.append(
            {
                "key": pub.key,
                "authors": [
                    {"name": a.name, "owner": a.owner, "marks": a.marks} for a in pub.authors
                ],
                "et_al": pub.et_al,
                "title": pub.title,
                "url": links[0]["url"] if links else "",
                "venue": pub.venue,
                "year": pub.year,
                "info": pub.additional_info,
                "status": pub.status,
                "links": links,
            }
        )
    return out
