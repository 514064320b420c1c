"""The group's members, known before any page is read, for the publication lists.

Publications are formatted at ``builder-inited`` (:mod:`.store`), before the
people pages are read; so the members' names are read here straight off the front matter
of the people collection's pages (``title`` and ``names``). Errors in that front matter
are reported when the page itself is read (:mod:`..collection.schema`); here such a page
only adds what can be read of it.

A member is matched in author lists as the owner is (:class:`.OwnerMatcher`, with its
initials, accents and case folded): "Lovelace, A." is Ada Lovelace.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml
from pybtex.database import Person

from .names import OwnerMatcher

#: The collection whose items are the group's members.
PEOPLE = "people"


def _front_matter(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return {}
    block = []
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            break
        block.append(line)
    try:
        data = yaml.safe_load("\n".join(block))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def read_members(srcdir: str | Path, folder: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """(name, other spellings) of each page in the people folder, in file name order."""
    if not folder:
        return []
    members = []
    for path in sorted(Path(srcdir, folder).glob("*.md")):
        if path.stem == "index":
            continue
        data = _front_matter(path)
        name = data.get("title")
        if not isinstance(name, str) or not name.strip():
            continue
        spellings = data.get("names") or ()
        if isinstance(spellings, str):
            spellings = (spellings,)
        if not isinstance(spellings, list | tuple):
            spellings = ()
        members.append((name.strip(), tuple(str(s) for s in spellings if str(s).strip())))
    return members


class MemberMatcher:
    """Which member (by name, "" for none) an author of a paper is."""

    def __init__(self, members: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        self.members = [(name, OwnerMatcher([name, *names])) for name, names in members]

    def __call__(self, person: Person) -> str:
        for name, matcher in self.members:
            if matcher(person):
                return name
        return ""


def is_group_site(members: Iterable[tuple[str, tuple[str, ...]]], owner: str) -> bool:
    """Whether the site's owner (``folio_name``) is the group rather than one of its members:
    the site has people and the owner is none of them."""
    members = list(members)
    return bool(members) and not (owner.strip() and MemberMatcher(members)(Person(owner)))
