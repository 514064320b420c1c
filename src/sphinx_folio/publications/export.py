"""BibTeX out: one entry as clean BibTeX, and whole ``.bib`` files.

The text is written from pybtex's parsed entry (field values stay the raw LaTeX the
author wrote). Site-only fields, which only mean something to this site or to al-folio,
are left out so that what a visitor copies is what a reference manager expects.
"""

from __future__ import annotations

from collections.abc import Iterable

from pybtex.database import Entry

from ..escaping import bibtex_value

#: Fields that steer the site (al-folio's and ours), not the reference itself.
SITE_ONLY_FIELDS = frozenset(
    {
        "abbr",
        "selected",
        "preview",
        "bibtex_show",
        "award",
        "award_name",
        "additional_info",
        "annotation",
        "abstract",
        "html",
        "pdf",
        "supp",
        "code",
        "slides",
        "poster",
        "video",
        "website",
        "blog",
        "openreview",
        "arxiv",
        "google_scholar_id",
        "altmetric",
        "dimensions",
        "inspirehep_id",
        "citations",
        "citations_date",
    }
)

_PERSON_ROLES = ("author", "editor")


def _value(text: str) -> str:
    return bibtex_value(str(text))


def entry_to_bibtex(key: str, entry: Entry, *, clean: bool = True) -> str:
    """``entry`` as BibTeX source; ``clean`` drops :data:`SITE_ONLY_FIELDS`."""
    lines = [f"@{entry.original_type}{{{key},"]
    for role in _PERSON_ROLES:
        persons = entry.persons.get(role)
        if persons:
            names = " and ".join(str(person) for person in persons)
            lines.append(f"  {role} = {_value(names)},")
    for name, value in entry.fields.items():
        if clean and name.lower() in SITE_ONLY_FIELDS:
            continue
        lines.append(f"  {name} = {_value(value)},")
    lines.append("}")
    return "\n".join(lines)


def bib_file(entries: Iterable[str]) -> str:
    """A ``.bib`` file made of already formatted entries."""
    return "\n\n".join(entries) + "\n"
