"""Author names: display forms, and whether a name is the site owner's.

Names come parsed by pybtex (:class:`pybtex.database.Person`), which already handles
"Last, First", "First Last", "von" parts, "Jr." and braces. Matching compares the
names with LaTeX decoded, accents folded and case ignored; a given name matches its
initial ("A." matches "Anurag"), so "Mishra, A." and "Anurag Mishra" are one person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from pybtex.database import Person

from .latex import to_text

#: pybtex's stand-in for ``and others``.
OTHERS = "others"

_NOT_LETTER = re.compile(r"[^a-z]+")
#: Contribution marks written in LaTeX ("Lovelace$^\\dagger$"), as the characters they print.
_MARK_COMMANDS = (
    (re.compile(r"\\(?:ddagger|textdaggerdbl)\b\s*"), "\u2021"),
    (re.compile(r"\\(?:dagger|textdagger)\b\s*"), "\u2020"),
    (re.compile(r"\\(?:P|textparagraph|S)\b\s*"), "\u00b6"),
    (re.compile(r"\\ast\b\s*"), "*"),
)
_MATH_MARKS = re.compile(r"\$\^?\{?([*\u2020\u2021\u00b6&\u2217]+)\}?\$")
_SUPERSCRIPT = re.compile(r"\\textsuperscript\{([^{}]*)\}")


def marks_as_text(text: str) -> str:
    """LaTeX contribution marks as characters: "Lovelace$^\\dagger$" -> "Lovelace\u2020"."""
    if "\\" not in text and "$" not in text:
        return text
    for pattern, char in _MARK_COMMANDS:
        text = pattern.sub(char, text)
    return _SUPERSCRIPT.sub(r"\1", _MATH_MARKS.sub(r"\1", text))


def is_others(person: Person) -> bool:
    """Whether ``person`` is the ``and others`` of a BibTeX author list."""
    return not person.first_names and [p.lower() for p in person.last_names] == [OTHERS]


def display_name(person: Person) -> str:
    """The name as a reader expects it, given names first: "Anurag K. Mishra"."""
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    name = to_text(marks_as_text(" ".join(parts)))
    if person.lineage_names:
        name += ", " + to_text(" ".join(person.lineage_names))
    return name


def citation_name(person: Person) -> str:
    """The name in the order Google Scholar and BibTeX use: "Mishra, Anurag K."."""
    last = to_text(marks_as_text(" ".join([*person.prelast_names, *person.last_names])))
    given = to_text(marks_as_text(" ".join([*person.first_names, *person.middle_names])))
    lineage = to_text(" ".join(person.lineage_names))
    return ", ".join(part for part in (last, lineage, given) if part)


def _fold(text: str) -> str:
    """Lower-case ASCII letters only: accents, braces, dots and hyphens gone."""
    decomposed = unicodedata.normalize("NFKD", to_text(marks_as_text(text)).lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_LETTER.sub("", plain.replace("ø", "o").replace("ł", "l").replace("ß", "ss"))


def _given(person: Person) -> list[str]:
    words: list[str] = []
    for name in [*person.first_names, *person.middle_names]:
        # "Jean-Pierre", "J.-P." and "J.P." are two given names each.
        words.extend(w for w in (_fold(part) for part in re.split(r"[-\s.]", name)) if w)
    return words


class NameKey(NamedTuple):
    """A name reduced for comparison."""

    last: str  #: "von" part and last name, folded.
    given: tuple[str, ...]  #: Given names (or initials), folded.


def name_key(person: Person) -> NameKey:
    last = _fold(" ".join([*person.prelast_names, *person.last_names]))
    return NameKey(last, tuple(_given(person)))


def given_match(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    if not mine or not theirs:
        return False  # a bare last name is too weak to claim a paper
    for a, b in zip(mine, theirs, strict=False):
        if a == b:
            continue
        if (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
            continue  # an initial
        return False
    return True


class OwnerMatcher:
    """Recognises the owner in author lists, from ``folio_name`` and its variants."""

    def __init__(self, names: Iterable[str]) -> None:
        self.keys = [name_key(Person(name)) for name in names if name.strip()]

    def __call__(self, person: Person) -> bool:
        key = name_key(person)
        return any(
            key.last == mine.last and given_match(mine.given, key.given) for mine in self.keys
        )
