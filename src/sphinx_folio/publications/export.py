"""BibTeX out: one entry as clean BibTeX, and whole ``.bib`` files.

The text is written from pybtex's parsed entry (field values stay the raw LaTeX the
author wrote). Site-only fields, which only mean something to this site or to al-folio,
are left out so that what a visitor copies is what a reference manager expects.
"""

from __future__ import annotations

import re
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

#: A contribution mark (al-folio's ``*``, LaTeX's ``\dagger``...) as a name may carry it
#: in refs.bib: ``Mishra*``, ``Lovelace$^\dagger$``, ``Lovelace\textsuperscript{*}``. Each
#: alternative is a fixed set of characters or commands: linear on any input.
_MARK_COMMAND = r"\\(?:textdaggerdbl|textdagger|ddagger|dagger|ast)(?![A-Za-z])"
_MARK_TEXT = rf"(?:{_MARK_COMMAND}|[*\u2217\u2020\u2021\u00b6^]|(?<!\\)&)"
_MARKS_IN_NAME = re.compile(
    rf"\$\^?\{{?(?:{_MARK_TEXT}\s*)+\}}?\$"  # $^\dagger$, $^{*}$, $*$
    rf"|\\textsuperscript\{{(?:{_MARK_TEXT}\s*)+\}}"  # \textsuperscript{*}
    rf"|{_MARK_TEXT}"
)


def without_marks(name: str) -> str:
    """A name as refs.bib writes it, without contribution marks: "Mishra*, Anurag" ->
    "Mishra, Anurag". A reader who cites the paper wants the author's name, not the mark."""
    bare = _MARKS_IN_NAME.sub("", name)
    return " ".join(bare.split()).replace(" ,", ",").strip(" ,")


def _value(text: str) -> str:
    return bibtex_value(str(text))


def entry_to_bibtex(key: str, entry: Entry, *, clean: bool = True) -> str:
    """``entry`` as BibTeX source; ``clean`` drops :data:`SITE_ONLY_FIELDS` and the
    contribution marks on names (what a visitor copies or downloads)."""
    lines = [f"@{entry.original_type}{{{key},"]
    for role in _PERSON_ROLES:
        persons = entry.persons.get(role)
        if persons:
            written = (str(person) for person in persons)
            names = " and ".join(without_marks(n) if clean else n for n in written)
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
