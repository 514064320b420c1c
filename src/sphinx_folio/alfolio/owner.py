"""What the import report says about the imported bibliography's entries.

al-folio lists every entry of ``papers.bib``, and so does the imported site
(``folio_list_every_entry``); the owner is highlighted where ``folio_name`` or a variant
matches. The report says when no entry names the owner (a lab's site, al-folio's demo)
and, once each, which entries have no author or no year.
"""

from __future__ import annotations

from pybtex.database import parse_string

from ..publications.names import OwnerMatcher


def owner_papers(bib_text: str, names: list[str]) -> tuple[int, int] | None:
    """(entries naming the owner, entries); None when the bib cannot be read as it is."""
    try:
        data = parse_string(bib_text, "bibtex")
    except Exception:  # noqa: BLE001 - any pybtex complaint: the bib intake's to repair
        return None
    matcher = OwnerMatcher([n for n in names if n])
    mine = 0
    for entry in data.entries.values():
        people = [p for role in ("author", "editor") for p in entry.persons.get(role, [])]
        if names and any(n.strip() for n in names) and any(matcher(p) for p in people):
            mine += 1
    return mine, len(data.entries)


def incomplete(bib_text: str) -> list[tuple[str, str]]:
    """(key, "author" or "year") for each entry listed without one: al-folio lists it all
    the same, and so does the new site (``folio_list_every_entry``); the report says it once."""
    try:
        data = parse_string(bib_text, "bibtex")
    except Exception:  # noqa: BLE001 - any pybtex complaint: the bib intake's to repair
        return []
    found: list[tuple[str, str]] = []
    for key, entry in data.entries.items():
        if not (entry.persons.get("author") or entry.persons.get("editor")):
            found.append((key, "author"))
        fields = {name.lower() for name in entry.fields}
        if not fields & {"year", "date", "pubstate"}:
            found.append((key, "year"))
    return found
