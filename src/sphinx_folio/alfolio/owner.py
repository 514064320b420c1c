"""Does the imported bibliography name the site's owner? Decides what the publications page lists.

sphinx-folio's ``{publication-list}`` lists the owner's papers: those whose authors include
``folio_name`` or a variant. A lab's or a conference's site names no person, and al-folio's
demo names "Your Name"; its publications page would be empty. For such a site the page
lists every entry of ``refs.bib`` with sphinxcontrib-bibtex's ``{bibliography}`` instead.
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


def unformattable(bib_text: str) -> tuple[list[tuple[str, str]], set[str]]:
    """What the ``{bibliography}`` style cannot format: entries that lack a field
    (key, field), and entry types it has no template for (``conference``), which would
    stop the build and so are filtered out of the list."""
    from pybtex.style.formatting.unsrt import Style
    from pybtex.style.template import FieldIsMissing

    try:
        data = parse_string(bib_text, "bibtex")
    except Exception:  # noqa: BLE001 - any pybtex complaint: the bib intake's to repair
        return [], set()
    style = Style()
    missing: list[tuple[str, str]] = []
    types: set[str] = set()
    for key, entry in data.entries.items():
        kind = entry.type.lower()
        if not hasattr(style, f"get_{kind}_template") and not hasattr(style, f"format_{kind}"):
            types.add(kind)
            continue
        try:
            style.format_entry(key, entry)
        except FieldIsMissing as error:
            missing.append((key, error.field_name))
        except Exception as error:  # noqa: BLE001 - any other complaint of the style
            missing.append((key, str(error)))
    return missing, types
