"""Every name the package makes from text: URL slugs, tag pages, paper pages.

One rule for all of them, so two different things never share a file and a name never
changes unless the text it is made from changes:

- A readable part comes from python-slugify. Tags keep their script (``allow_unicode``),
  so 日本語 and Ελληνικά each get a page of their own; paper keys stay ASCII, as their
  URLs have always been.
- When that readable part loses something (``C++`` and ``C`` both slugify to ``c``;
  ``x/y`` and ``x-y`` both to ``x-y``), or would take a reserved name (``index``), a
  short hash of the text itself is added: ``c-5d2bd1e1``. The name depends on the text
  alone, never on what else the site holds, so a paper's URL, which Google Scholar
  indexes, does not move when another entry is added.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from slugify import slugify

#: Hex digits of the hash added to a name that had to be transformed.
HASH_LENGTH = 8
#: Longer names are cut (file systems allow 255 bytes; URLs should stay readable).
MAX_LENGTH = 80
#: Characters a bibliography key may keep unchanged in a file name and an HTML id.
_SAFE_KEY = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")
_SEPARATORS = re.compile(r"[\s_-]+")


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def slug(text: str) -> str:
    """A readable, lowercase ASCII slug: "José García" -> "jose-garcia" (may be empty).

    For names that need not be unique (CSS classes, the export's file name).
    """
    return str(slugify(text, max_length=MAX_LENGTH, word_boundary=True))


def tag_identity(tag: str) -> str:
    """What makes two tags the same tag: case, spaces, hyphens and underscores aside."""
    text = unicodedata.normalize("NFKC", tag).lower()
    return _SEPARATORS.sub("-", text).strip("-")


#: The same rule for ASCII text (no combining marks there): the Unicode pattern takes 40 ms
#: to make, once per build process, and most sites' tags are ASCII.
_NOT_IN_ASCII_WORDS = re.compile(r"[^\w]+|_+")


@lru_cache(maxsize=1)
def _not_in_words() -> re.Pattern[str]:
    """What a Unicode slug drops: slugify's rule (not a word character, or "_") without
    dropping combining marks, which Python's ``\\w`` leaves out: the vowel signs of
    हिन्दी or ภาษาไทย are part of the word."""
    marks: list[str] = []
    start = None
    for code in range(0x10000 + 1):
        is_mark = code < 0x10000 and unicodedata.category(chr(code)).startswith("M")
        if is_mark and start is None:
            start = code
        elif not is_mark and start is not None:
            marks.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = None
    return re.compile(rf"[^\w{''.join(marks)}]+|_+")


@lru_cache(maxsize=65536)
def tag_slug(tag: str) -> str:
    """The file name of a tag's page: "Dense Retrieval" -> "dense-retrieval".

    Tags with the same :func:`tag_identity` share a page; any two others do not:
    "C++" -> "c-<hash>", "C" -> "c", "日本語" -> "日本語", "index" -> "index-<hash>".
    """
    identity = tag_identity(tag)
    readable = str(
        slugify(
            tag,
            allow_unicode=True,
            # "&" too: slugify turns HTML entities into characters first.
            regex_pattern=(
                _NOT_IN_ASCII_WORDS if tag.isascii() and "&" not in tag else _not_in_words()
            ),
            max_length=MAX_LENGTH,
            word_boundary=True,
        )
    )
    if readable and readable == identity and readable != "index":
        return readable
    return f"{readable or 'tag'}-{short_hash(identity)}"


def key_name(key: str, reserved: frozenset[str] = frozenset()) -> str:
    """The file name (and HTML id) of a bibliography entry's page.

    A key made of ASCII letters, digits, ``.``, ``_`` and ``-`` is its own name, as it
    always was; any other key, or one in ``reserved`` (compared without case, as a
    case-insensitive file system would), gets "<ascii slug>-<hash of the key>":
    "x/y" -> "x-y-<hash>", "é1" -> "e1-<hash>".
    """
    if (
        _SAFE_KEY.fullmatch(key)
        and not key.endswith(".")
        and len(key) <= MAX_LENGTH
        and key.casefold() not in reserved
    ):
        return key
    readable = str(slugify(key, lowercase=False, max_length=MAX_LENGTH, word_boundary=True))
    return f"{readable or 'entry'}-{short_hash(key)}"


def deduplicate(names: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Make the values of ``names`` (thing -> file name) unique, ignoring case.

    Distinct things get distinct names by construction; this settles what is left
    (a tag written as another tag's hashed name) in sorted order, so it is
    deterministic. Returns the names and (thing, the one it clashed with, new name).
    """
    taken: dict[str, str] = {}
    out: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    for thing in sorted(names, key=lambda t: (names[t] != t, t)):
        name = names[thing]
        if name.casefold() in taken:
            other = taken[name.casefold()]
            count = 2
            while f"{name}-{count}".casefold() in taken:
                count += 1
            new = f"{name}-{count}"
            clashes.append((thing, other, new))
            name = new
        taken[name.casefold()] = thing
        out[thing] = name
    return out, clashes
