"""Author names: display forms, and whether a name is the site owner's.

Names come parsed by pybtex (:class:`pybtex.database.Person`), which already handles
"Last, First", "First Last", "von" parts, "Jr." and braces. Matching compares the
names with LaTeX decoded, full-width forms made plain, accents folded, case ignored and
contribution marks (``*``, ``†``, ``#``, superscripts) dropped wherever they stand. A
given name matches its initial ("A." matches "Anurag"), so "Mishra, A." and "Anurag
Mishra" are one person; initials may run together ("Peters, AA"); hyphens and spaces
inside given names do not count ("Jia-Xin" = "Jiaxin" = "Jia Xin"); a name written
family name first without a comma ("Zhang Jiaxin") matches in full; a name in CJK
characters matches in either order ("张佳欣" = "佳欣 张").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from pybtex.database import Person
from pybtex.exceptions import PybtexError

from .latex import to_text

#: pybtex's stand-in for ``and others``.
OTHERS = "others"

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


def _letters(text: str) -> str:
    """Letters only, full-width forms made plain (NFKC), Latin accents dropped.

    Contribution marks (``*``, ``†``, ``#``, superscript digits...), dots, hyphens, braces
    and spaces go, wherever they are in the name. Letters of other scripts (CJK, Cyrillic)
    stay as they are. One pass over the text: linear whatever it holds."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKC", text):
        if char.isalpha():
            if ord(char) < 0x0250:  # Latin: "é" -> "e"
                out.extend(c for c in unicodedata.normalize("NFD", char) if c.isalpha())
            else:
                out.append(char)
    return "".join(out)


def _fold(text: str) -> str:
    """Lower-case letters only: accents, marks, braces, dots and hyphens gone."""
    plain = _letters(to_text(marks_as_text(text))).lower()
    return plain.replace("ø", "o").replace("ł", "l").replace("ß", "ss").replace("đ", "d")


def _initials(part: str) -> list[str] | None:
    """ "AA" or "JP" (initials run together, without dots): its letters; else None."""
    letters = _letters(to_text(marks_as_text(part)))
    if 2 <= len(letters) <= 3 and letters.isascii() and letters.isupper():
        return list(letters.lower())
    return None


def _given_parts(person: Person) -> list[str]:
    given = [*person.first_names, *person.middle_names]
    if not given and person.lineage_names:
        # "Collas, Antoine, and Flamary, Rémi": the stray comma makes pybtex read
        # "Last, Jr, First" with an empty first name; "Antoine" is the given name.
        return list(person.lineage_names)
    return given


def _given(person: Person) -> list[str]:
    words: list[str] = []
    for name in _given_parts(person):
        # "Jean-Pierre", "J.-P." and "J.P." are two given names each; so is "JP".
        for part in re.split(r"[-\s.\u2010\u2011]", name):
            run = _initials(part)
            words.extend(run if run is not None else [w for w in (_fold(part),) if w])
    return words


def _is_cjk(text: str) -> bool:
    return any(
        0x2E80 <= ord(c) <= 0x9FFF or 0xAC00 <= ord(c) <= 0xD7AF or 0xF900 <= ord(c) <= 0xFAFF
        for c in text
    )


class NameKey(NamedTuple):
    """A name reduced for comparison."""

    last: str  #: "von" part and last name, folded.
    given: tuple[str, ...]  #: Given names (or initials), folded.
    cjk: bool = False  #: Written in Chinese, Japanese or Korean characters.
    last_words: tuple[str, ...] = ()  #: The words of ``last``: "Garcia Lorenzana" is two.


def name_key(person: Person) -> NameKey:
    parts = [*person.prelast_names, *person.last_names]
    if not _given_parts(person) and any(c in "\\{" for part in parts for c in part[:2]):
        # "\textbf{A. {Collas}}" (a name made bold by hand) is one word to pybtex, and in
        # "{J}ohn {A}. {Z}u{H}one" it tells no given name from a family name: read the
        # name again as the text it shows.
        text = to_text(" ".join(parts))
        if " " in text and "{" not in text and "\\" not in text:
            try:
                return name_key(Person(text))
            except PybtexError:
                pass
    last = _fold(" ".join(parts))
    words = tuple(w for w in (_fold(p) for part in parts for p in part.split()) if w)
    given = tuple(_given(person))
    return NameKey(last, given, _is_cjk(last + "".join(given)), words)


def given_match(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    if not mine or not theirs:
        return False  # a bare last name is too weak to claim a paper
    if "".join(mine) == "".join(theirs):
        return True  # "Jia-Xin" = "Jiaxin" = "Jia Xin"
    for a, b in zip(mine, theirs, strict=False):
        if a == b:
            continue
        if (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
            continue  # an initial
        return False
    return True


def _same_words(mine: NameKey, theirs: NameKey) -> bool:
    """The same words in the same order, the family name split elsewhere: "Garcia Lorenzana,
    Giulia" and "Lorenzana, Giulia Garcia"; an initial stands only for a given name."""
    a, b = mine.given + mine.last_words, theirs.given + theirs.last_words
    if not mine.given or not theirs.given or len(a) != len(b) or len(a) < 3:
        return False
    for index, (x, y) in enumerate(zip(a, b, strict=True)):
        if x == y:
            continue
        given = index < len(mine.given) and index < len(theirs.given)
        if not (given and (len(x) == 1 or len(y) == 1) and x[0] == y[0]):
            return False
    return True


def same_person(mine: NameKey, theirs: NameKey) -> bool:
    """Whether ``theirs`` (from a bib file) names the person ``mine`` describes."""
    if mine.cjk or theirs.cjk:
        # Written in CJK characters: the whole name, family name first or last.
        orders = {mine.last + "".join(mine.given), "".join(mine.given) + mine.last}
        whole = theirs.last + "".join(theirs.given)
        return bool(whole) and (whole in orders or "".join(theirs.given) + theirs.last in orders)
    if theirs.last == mine.last and given_match(mine.given, theirs.given):
        return True
    if _same_words(mine, theirs):
        return True
    # Family name first without a comma ("Zhang Jiaxin" for Jiaxin Zhang): pybtex takes
    # "Zhang" for the given name. Only whole names count, never initials.
    return (
        bool(mine.given and theirs.given)
        and all(len(word) > 1 for word in theirs.given)
        and theirs.last == "".join(mine.given)
        and "".join(theirs.given) == mine.last
    )


class OwnerMatcher:
    """Recognises the owner in author lists, from ``folio_name`` and its variants."""

    def __init__(self, names: Iterable[str]) -> None:
        self.keys = [name_key(Person(name)) for name in names if name.strip()]

    def __call__(self, person: Person) -> bool:
        key = name_key(person)
        return any(same_person(mine, key) for mine in self.keys)
