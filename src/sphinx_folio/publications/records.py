"""Publication records: what the site knows about each entry of refs.bib.

Entries come from sphinxcontrib-bibtex's parsed bibliography (pybtex objects); this
module turns one entry into a :class:`Publication`, a plain value object holding
readable text (LaTeX decoded), the owner's authorship, links and the clean BibTeX.
Building a record is the expensive step, so records are cached by :func:`digest`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote

from pybtex.database import Entry, Person

from ..config import MARKS
from ..dates import DateError, PartialDate, is_year
from ..urls import refused, safe_url
from .export import entry_to_bibtex
from .latex import to_text
from .names import OwnerMatcher, citation_name, display_name, is_others

#: Bump when the shape or content of a record (or its rendering) changes.
FORMAT_VERSION = "8"

#: biblatex ``pubstate`` values and how they read; any other value is shown as written.
STATUS_LABELS = {
    "submitted": "Submitted",
    "inpreparation": "In preparation",
    "inpress": "In press",
    "forthcoming": "Forthcoming",
    "prepublished": "Prepublished",
    "underreview": "Under review",
    "accepted": "Accepted",
    "inreview": "In review",
    "draft": "Draft",
}

#: Link fields, in the order their buttons appear, with their labels.
LINK_FIELDS = (
    ("doi", "DOI"),
    ("arxiv", "arXiv"),
    ("html", "HTML"),
    ("url", "URL"),
    ("pdf", "PDF"),
    ("supp", "Supp"),
    ("code", "Code"),
    ("slides", "Slides"),
    ("poster", "Poster"),
    ("video", "Video"),
    ("website", "Website"),
    ("blog", "Blog"),
    ("openreview", "OpenReview"),
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ARXIV_ID = re.compile(
    r"^(?:arxiv:)?\s*((?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)$", re.IGNORECASE
)
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?\s*(10\.\S+)$", re.IGNORECASE)
#: A local file named in a link field -> (its path under the site, "") or (None, why not).
FileCheck = Callable[[str], tuple[str | None, str]]


class Link(NamedTuple):
    """One link button."""

    kind: str  #: The field it came from: "doi", "pdf", ...
    label: str  #: Button text.
    target: str  #: An http(s) URL, or the file's path under the folder of conf.py.
    local: bool = False  #: ``target`` is a file of the site, not a URL.


@dataclass(frozen=True)
class Author:
    name: str  #: "Anurag Mishra", contribution marks removed.
    citation: str  #: "Mishra, Anurag"
    owner: bool  #: The site owner.
    marks: str = ""  #: Contribution marks written on the name ("*", "†"...), in order.
    url: str = ""  #: A co-author's homepage (``folio_coauthors``).
    #: The co-author's name as ``folio_coauthors`` writes it (one name for "C." and "Charles").
    coauthor: str = ""
    #: The group member this author is (a research group's site), by the name the people
    #: page gives; such an author is highlighted as the owner is.
    member: str = ""

    @property
    def person(self) -> str:
        """Who the author is, for the filter: "C. Babbage" and "Charles Babbage" are one."""
        return self.member or self.coauthor or self.name


@dataclass
class Publication:
    """An entry of refs.bib, as text ready to show."""

    key: str
    digest: str
    entry_type: str
    #: One of the site's papers: the owner is one of the authors, or every entry is
    #: listed (``folio_list_every_entry``). Only these are formatted, listed and paged.
    owner: bool
    title: str = ""
    authors: tuple[Author, ...] = ()
    et_al: bool = False  #: The author list ends with ``and others``.
    venue: str = ""
    venue_kind: str = ""  #: "journal", "conference", "thesis", "report" or "".
    institution: str = ""
    year: str = ""
    month: int = 0
    day: int = 0
    status: str = ""  #: Readable ``pubstate``; non-empty means "in progress".
    abstract: str = ""
    abbr: str = ""
    award: str = ""
    award_name: str = ""
    additional_info: str = ""
    selected: bool = False
    doi: str = ""
    arxiv_id: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    links: tuple[Link, ...] = ()
    bibtex: str = ""  #: Clean BibTeX, site-only fields removed.
    #: Problems found in the entry, as messages naming the key.
    problems: tuple[str, ...] = field(default=())
    #: File name of the paper's page and .bib, and its HTML id (see :mod:`..slugs`).
    name: str = ""
    tags: tuple[str, ...] = ()  #: From ``keywords`` and al-folio's ``tags``.
    kind: str = ""  #: For the filter: journal, conference, workshop, preprint, thesis, other.
    preview: str = ""  #: Thumbnail: the file's path under the site.
    annotation: str = ""
    bibtex_show: bool = True
    scholar_id: str = ""  #: ``google_scholar_id``: the paper's cluster on Google Scholar.
    citations: str = ""  #: Hand-counted citations ("42"), with the day they were counted.
    citations_date: str = ""

    @property
    def marks(self) -> str:
        """Every contribution mark on the authors, each once, in order of appearance."""
        return "".join(dict.fromkeys(m for a in self.authors for m in a.marks))

    @property
    def scholar_url(self) -> str:
        if not self.scholar_id:
            return ""
        return f"https://scholar.google.com/scholar?cluster={quote(self.scholar_id, safe='')}"

    @property
    def date(self) -> str:
        """Google Scholar's date form: "2024/05/17", "2024/05" or "2024"."""
        parts = [self.year] if self.year else []
        if parts and self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "/".join(parts)

    @property
    def iso_date(self) -> str:
        return self.date.replace("/", "-")

    @property
    def in_progress(self) -> bool:
        return bool(self.status)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Newest first when sorted ascending."""
        year = int(self.year) if is_year(self.year) else 0
        return (-year, -self.month, -self.day)


def digest(key: str, entry: Entry, salt: str) -> str:
    """A hash of everything the entry says, plus ``salt`` (the settings it is shown with)."""
    text = salt + "\0" + entry_to_bibtex(key, entry, clean=False)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def _field(entry: Entry, name: str) -> str:
    return str(entry.fields.get(name, "")).strip()


def _flag(value: str) -> bool:
    return value.strip("{} ").lower() in {"true", "yes", "1"}


def month_number(value: str) -> int:
    """1-12 from "7", "07", "jul", "July", "Jun." or "mar # ~19" (a day after it); else 0.

    A range of months (``oct # {-} # nov``, "October-November", "7/8") is a paper of the
    first of them.
    """
    text = re.split(r"\s*[-\u2013/]\s*", to_text(value).strip().lower(), maxsplit=1)[0]
    match = re.fullmatch(r"([a-z]+)\.?(?:\s+\d{1,2})?|(\d{1,2})", text)
    if match is None:
        return 0
    if match.group(2):
        number = int(match.group(2))
        return number if 1 <= number <= 12 else 0
    return _MONTHS.get(match.group(1), 0)


def _arxiv_id(entry: Entry) -> str:
    for name in ("arxiv", "eprint"):
        value = to_text(_field(entry, name))
        prefix = _field(entry, "archiveprefix").lower() or _field(entry, "eprinttype").lower()
        if value and (name == "arxiv" or prefix in ("", "arxiv")):
            match = _ARXIV_ID.match(value)
            if match:
                return match.group(1)
    return ""


def _venue(entry: Entry, arxiv_id: str) -> tuple[str, str]:
    kind = entry.type.lower()
    for name, venue_kind in (
        ("journal", "journal"),
        ("journaltitle", "journal"),
        ("booktitle", "conference"),
        ("howpublished", ""),
    ):
        value = to_text(_field(entry, name))
        if value:
            if venue_kind == "conference" and kind not in ("inproceedings", "conference"):
                venue_kind = ""
            return value, venue_kind
    if kind in ("phdthesis", "mastersthesis", "thesis"):
        return to_text(_field(entry, "school") or _field(entry, "institution")), "thesis"
    if kind == "techreport":
        return to_text(_field(entry, "institution")), "report"
    if arxiv_id:
        return f"arXiv preprint arXiv:{arxiv_id}", ""
    return to_text(_field(entry, "publisher")), ""


#: Contribution marks written after an author's name (al-folio's ``*``, ``†``...).
_MARK = re.compile("[" + re.escape("".join(MARKS)) + "]")


def split_marks(name: str) -> tuple[str, str]:
    """("Albert Einstein", "*") from "Albert Einstein*" (or "Einstein*, A." read by pybtex)."""
    marks = "".join(_MARK.findall(name))
    if not marks:
        return name, ""
    bare = re.sub(r"\s+", " ", _MARK.sub("", name)).strip(" ,")
    return bare, "".join(dict.fromkeys("*" if m == "\u2217" else m for m in marks))


def _tags(entry: Entry) -> tuple[str, ...]:
    """``keywords = {a, b}`` (biblatex) and ``tags = {a, b}`` (al-folio forks), each once."""
    seen: dict[str, str] = {}
    for name in ("keywords", "tags"):
        for raw in re.split(r"[,;]", to_text(_field(entry, name))):
            tag = " ".join(raw.split())
            if tag:
                seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def _kind(entry_type: str, venue: str, venue_kind: str, arxiv_id: str) -> str:
    """The filter's type: from the entry type, and the venue's name for workshops."""
    if entry_type in ("phdthesis", "mastersthesis", "thesis"):
        return "thesis"
    if "workshop" in venue.lower():
        return "workshop"
    if venue_kind == "journal" or entry_type == "article":
        return "journal" if "arxiv" not in venue.lower() else "preprint"
    if venue_kind == "conference" or entry_type in ("inproceedings", "conference"):
        return "conference"
    if arxiv_id or entry_type in ("unpublished", "misc", "online", "preprint"):
        return "preprint"
    return "other"


def link_target(value: str) -> tuple[str, bool] | None:
    """A link target: (URL, False) or (local path, True); None if it may not be a link."""
    url = safe_url(value)
    if url is None or url.startswith("#"):
        return None
    return url, not url.lower().startswith(("http://", "https://"))


def unescaped(value: str) -> str:
    """A link as written in a bib file, LaTeX's escaped ``\\_``, ``\\%`` and ``\\&`` undone."""
    return value.replace(r"\_", "_").replace(r"\%", "%").replace(r"\&", "&")


def link_value(entry: Entry, name: str) -> str:
    return unescaped(_field(entry, name))


def local_paths(entry: Entry) -> list[str]:
    """The local files the entry's link fields and ``preview`` name (for the cache signature)."""
    preview = link_target(_field(entry, "preview"))
    out = [preview[0]] if preview is not None and preview[1] else []
    for name, _ in LINK_FIELDS:
        target = link_target(link_value(entry, name)) if name not in ("doi", "arxiv") else None
        if target is not None and target[1]:
            out.append(target[0])
    return out


def _links(
    entry: Entry,
    key: str,
    arxiv_id: str,
    doi: str,
    problems: list[str],
    check_file: FileCheck | None,
) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()
    for name, label in LINK_FIELDS:
        raw = link_value(entry, name)
        if name == "doi":
            raw = f"https://doi.org/{quote(doi, safe='/:;()')}" if doi else ""
        elif name == "arxiv":
            raw = f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else ""
        if not raw:
            continue
        target = link_target(raw)
        if target is None:
            problems.append(f"entry {key!r}: field {name!r}: {refused(raw)}; no button")
            continue
        url, local = target
        if local and check_file is not None:
            published, why = check_file(url)
            if published is None:
                problems.append(f"entry {key!r}: field {name!r}: file {url!r} {why}; no button")
                continue
            url = published
        if url in seen:
            continue
        seen.add(url)
        links.append(Link(name, label, url, local))
    return links


def build(
    key: str,
    entry: Entry,
    entry_digest: str,
    is_owner: OwnerMatcher | Callable[..., bool],
    check_file: FileCheck | None = None,
    coauthor_url: Callable[[Person], tuple[str, str] | None] | None = None,
    every_entry: bool = False,
    member_of: Callable[[Person], str] | None = None,
) -> Publication:
    """The record of one entry; ``problems`` lists what is missing or broken.

    ``every_entry``: the entry is one of the site's papers whoever its authors are, and an
    entry without author or year is listed as it is (al-folio lists it), not reported.
    ``member_of``: which group member an author is ("" for none); a paper of a member is
    one of the site's, as the owner's are.
    """
    problems: list[str] = []
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    owner = every_entry or any(
        is_owner(person) or (member_of and member_of(person)) for person in persons
    )
    status_value = _field(entry, "pubstate")
    status = STATUS_LABELS.get(status_value.lower(), to_text(status_value))
    year = to_text(_field(entry, "year"))
    date = to_text(_field(entry, "date"))
    month_field = to_text(_field(entry, "month"))
    month, day = month_number(month_field), 0
    if month_field and not month:
        problems.append(
            f"entry {key!r}: month {month_field!r} is not a month (1 to 12, or jan to dec); "
            "left out"
        )
    if date:
        try:
            parsed = PartialDate.parse_prefix(date)
        except DateError as error:
            problems.append(f"entry {key!r}: date {date!r} is not a real date ({error.reason})")
            # The year of "2022-13-45" is still a year: keep it, so "no year" is not said too.
            year = year or (date[:4] if is_year(date[:4]) else "")
        else:
            if not year:
                year = str(parsed.year)
                month = parsed.month or month
                day = parsed.day or 0
    if not _field(entry, "title"):
        problems.append(f"entry {key!r} has no title")
    if not persons and not every_entry:
        problems.append(f"entry {key!r} has no author")
    as_status = STATUS_LABELS.get("".join(year.split()).lower(), "")
    if year and not year.isdigit() and as_status and not status:
        status, year = as_status, ""  # year = {In press}: a status, as pubstate says it
    if not year and not status and not every_entry:
        problems.append(f"entry {key!r} has no year")
    elif year and not is_year(year) and not every_entry:
        problems.append(
            f"entry {key!r}: year {year!r} is not a year (a number from 1 to 9999); left out"
        )
    if not owner:
        # Other people's papers only need checking; the site shows them through citations.
        return Publication(key, entry_digest, entry.type.lower(), False, problems=tuple(problems))

    arxiv_id = _arxiv_id(entry)
    doi_match = _DOI.match(to_text(_field(entry, "doi")))
    doi = doi_match.group(1) if doi_match else ""
    venue, venue_kind = _venue(entry, arxiv_id)
    authors = tuple(
        _author(person, is_owner, coauthor_url, member_of)
        for person in persons
        if not is_others(person)
    )
    preview = _preview(key, _field(entry, "preview"), problems, check_file)
    citations, citations_date = _citations(key, entry, problems)
    return Publication(
        key=key,
        digest=entry_digest,
        entry_type=entry.type.lower(),
        owner=True,
        title=to_text(_field(entry, "title")) or key,
        authors=authors,
        et_al=any(is_others(person) for person in persons),
        venue=venue,
        venue_kind=venue_kind,
        institution=to_text(_field(entry, "school") or _field(entry, "institution")),
        year=year if is_year(year) else "",
        month=month,
        day=day,
        status=status,
        abstract=to_text(_field(entry, "abstract")),
        abbr=to_text(_field(entry, "abbr")),
        award=to_text(_field(entry, "award")),
        award_name=to_text(_field(entry, "award_name")),
        additional_info=to_text(_field(entry, "additional_info")),
        selected=_flag(_field(entry, "selected")),
        doi=doi,
        arxiv_id=arxiv_id,
        volume=to_text(_field(entry, "volume")),
        number=to_text(_field(entry, "number")),
        pages=to_text(_field(entry, "pages")),
        publisher=to_text(_field(entry, "publisher")),
        links=tuple(_links(entry, key, arxiv_id, doi, problems, check_file)),
        bibtex=entry_to_bibtex(key, entry, clean=True),
        problems=tuple(problems),
        tags=_tags(entry),
        kind=_kind(entry.type.lower(), venue, venue_kind, arxiv_id),
        preview=preview,
        annotation=to_text(_field(entry, "annotation")),
        bibtex_show=_field(entry, "bibtex_show").strip("{} ").lower() not in {"false", "no", "0"},
        scholar_id=to_text(_field(entry, "google_scholar_id")),
        citations=citations,
        citations_date=citations_date,
    )


def _author(
    person: Person,
    is_owner: OwnerMatcher | Callable[..., bool],
    coauthor_url: Callable[[Person], tuple[str, str] | None] | None,
    member_of: Callable[[Person], str] | None = None,
) -> Author:
    name, marks = split_marks(display_name(person))
    citation, _ = split_marks(citation_name(person))
    member = member_of(person) if member_of is not None else ""
    owner = is_owner(person) or bool(member)
    found = None if owner or coauthor_url is None else coauthor_url(person)
    coauthor, url = found or ("", "")
    return Author(name, citation, owner, marks, url, coauthor, member)


def _preview(key: str, value: str, problems: list[str], check_file: FileCheck | None) -> str:
    """``preview = {file.png}``: a file inside the site, checked like every local file."""
    if not value:
        return ""
    target = link_target(value)
    if target is None or not target[1]:
        problems.append(
            f"entry {key!r}: preview {value!r} must be an image file inside the site; no thumbnail"
        )
        return ""
    if check_file is None:
        return target[0]
    published, why = check_file(target[0])
    if published is None:
        problems.append(f"entry {key!r}: preview file {target[0]!r} {why}; no thumbnail")
        return ""
    return published


def _citations(key: str, entry: Entry, problems: list[str]) -> tuple[str, str]:
    """``citations = {42}`` and ``citations_date = {2026-05-01}``, counted by hand."""
    count = to_text(_field(entry, "citations")).replace(",", "")
    when = to_text(_field(entry, "citations_date"))
    if not count:
        return "", ""
    if not count.isdigit():
        problems.append(f"entry {key!r}: citations {count!r} is not a number; left out")
        return "", ""
    if when:
        try:
            when = PartialDate.parse(when).iso
        except DateError as error:
            problems.append(
                f"entry {key!r}: citations_date {when!r} is not a date ({error.reason})"
            )
            when = ""
    return str(int(count)), when
