"""A CV in RenderCV's YAML (al-folio v1's ``_data/cv.yml``) -> a JSON Resume document.

RenderCV writes ``cv: {name, headline, email, location, website, social_networks,
sections: {title: [entries]}}``. Each section's kind comes from its title ("Teaching
Experience" is work, "Honors" are awards); each entry is read by its shape, RenderCV's
(``company``/``position``, ``institution``/``area``/``degree``, ``title``/``authors``,
``label``/``details``, ``name``, ``bullet``, plain text) or al-folio v1's, which mixes in
JSON Resume's names (``studyType``, ``awarder``, ``releaseDate``...). Whatever has no place
in JSON Resume is reported with its line, never dropped in silence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .report import Report

#: Section title -> JSON Resume section, first match wins (so "Teaching Experience" is
#: work, "Student Supervision" is not education). Plain alternations: linear time.
KINDS = [
    ("publications", re.compile(r"publication|paper|preprint|article|chapter|book", re.IGNORECASE)),
    (
        "volunteer",
        re.compile(r"volunteer|service|outreach|leadership|community|editorial", re.IGNORECASE),
    ),
    ("education", re.compile(r"educat|degree|studies|study|学历|教育", re.IGNORECASE)),
    (
        "awards",
        re.compile(r"award|honou?r|prize|scholarship|fellowship|grant|荣誉|奖", re.IGNORECASE),
    ),
    ("languages", re.compile(r"language", re.IGNORECASE)),  # before skills: "Language Skills"
    ("skills", re.compile(r"skill|expertise|technolog", re.IGNORECASE)),
    ("interests", re.compile(r"interest", re.IGNORECASE)),
    ("certificates", re.compile(r"certific", re.IGNORECASE)),
    ("references", re.compile(r"reference", re.IGNORECASE)),
    ("projects", re.compile(r"project|software|项目", re.IGNORECASE)),
    (
        "work",
        re.compile(
            r"experience|employment|work|position|appointment|career|teaching", re.IGNORECASE
        ),
    ),
    ("summary", re.compile(r"^\s*(summary|about|profile|bio)", re.IGNORECASE)),
]

#: RenderCV's social networks -> the address of a profile, given the username.
PROFILE_URLS = {
    "linkedin": "https://linkedin.com/in/",
    "github": "https://github.com/",
    "gitlab": "https://gitlab.com/",
    "instagram": "https://instagram.com/",
    "orcid": "https://orcid.org/",
    "stackoverflow": "https://stackoverflow.com/users/",
    "researchgate": "https://researchgate.net/profile/",
    "youtube": "https://youtube.com/@",
    "google scholar": "https://scholar.google.com/citations?user=",
    "telegram": "https://t.me/",
    "x": "https://x.com/",
    "twitter": "https://x.com/",
    "imdb": "https://imdb.com/name/",
    "leetcode": "https://leetcode.com/u/",
}

#: ``end_date`` values that mean "ongoing".
_OPEN = {"present", "now", "current", "ongoing", "today"}

#: A note: (key to find the line by, message).
Note = tuple[str, str]


def is_rendercv(data: Any) -> bool:
    """RenderCV's form: a mapping with a ``cv`` mapping (al-folio v0 writes a list)."""
    return isinstance(data, dict) and isinstance(data.get("cv"), dict)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if v is not None)
    return str(value).strip()


#: English month names and abbreviations (Python's C locale), and "sept" -> 1..12.
_MONTH_NAMES = {
    **{calendar.month_name[m].lower(): m for m in range(1, 13)},
    **{calendar.month_abbr[m].lower(): m for m in range(1, 13)},
    "sept": 9,
}
#: "Oct. 2025", "June 2023": a month and a year, as RenderCV's free-form ``date`` often is.
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{4})")
#: The dash between the two ends of a range: "2019\u20132026", "2019 - 2026", "2024-present".
_DASH = r"\u2013|\u2014|\s-\s|(?<=\d)-(?=\d{4}$)|(?<=\d)-(?=[A-Za-z])"
#: With the spaces around it, for splitting (only texts of at most _MAX_DATE characters:
#: a run of spaces is tried from each of its starts).
_RANGE = re.compile(rf"\s*(?:{_DASH})\s*")
_HAS_DASH = re.compile(_DASH)
#: Longer free text is no date: kept as written, for the checker to report.
_MAX_DATE = 40


def _one(text: str) -> str:
    """One end of a period: ISO forms as they are, "Oct. 2025" -> "2025-10"."""
    if text.lower() in _OPEN:
        return ""
    match = _MONTH_YEAR.fullmatch(text)
    if match and match.group(1).lower() in _MONTH_NAMES:
        return f"{match.group(2)}-{_MONTH_NAMES[match.group(1).lower()]:02d}"
    return text


def _period(value: Any) -> tuple[str, str]:
    """A RenderCV date or period -> (start, end) as JSON Resume writes dates.

    ``end`` is "" for an ongoing period ("2024\u2013Present") and for a single date.
    """
    if value is None:
        return "", ""
    if isinstance(value, dt.date):
        return value.isoformat()[:10], ""
    text = str(value).strip()
    if len(text) > _MAX_DATE:
        return text, ""
    parts = _RANGE.split(text)
    if len(parts) == 2 and parts[0] and parts[1]:
        return _one(parts[0]), _one(parts[1])
    return _one(text), ""


def _date(value: Any) -> str:
    """A RenderCV date as JSON Resume writes it; "" for none or an ongoing end."""
    return _period(value)[0]


def _dates(out: dict[str, Any], entry: dict[str, Any]) -> None:
    start, end = _date(entry.get("start_date")), _date(entry.get("end_date"))
    if not start and entry.get("date") is not None:
        start, end = _period(entry.get("date"))
        if end == "" and not _HAS_DASH.search(str(entry.get("date"))):
            end = start  # one date: the entry starts and ends then
    if start:
        out["startDate"] = start
    if end:
        out["endDate"] = end


def _highlights(entry: dict[str, Any]) -> list[str]:
    items = entry.get("highlights") or []
    if isinstance(items, str):
        items = [items]
    return [_text(i) for i in items if _text(i)]


def _first(entry: dict[str, Any], *keys: str) -> str:
    return next((_text(entry[k]) for k in keys if _text(entry.get(k))), "")


def _put(out: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    if value:
        out[key] = value
    return out


def _words(value: Any) -> list[str]:
    """Keywords: a list, or a string of comma-separated words."""
    if isinstance(value, list):
        return [_text(v) for v in value if _text(v)]
    return [part.strip() for part in _text(value).split(",") if part.strip()]


def _plain(entry: Any) -> str:
    """A TextEntry, BulletEntry or (Reversed)NumberedEntry as its text; "" for others."""
    if isinstance(entry, str | int | float):
        return _text(entry)
    if isinstance(entry, dict) and len(entry) == 1:
        key = next(iter(entry))
        if key in ("bullet", "number", "reversed_number"):
            return _text(entry[key])
    return ""


# --- one entry of each kind: the JSON Resume entry, or None (not converted) -----------------


def _work(entry: dict[str, Any], volunteer: bool) -> dict[str, Any] | None:
    text = _plain(entry)
    org_key = "organization" if volunteer else "name"
    if text:
        return {org_key: text} if volunteer else {"position": text}
    position = _first(entry, "position", "role", "title", "degree")
    org = _first(entry, "company", "organization", "institution", "name")
    if volunteer and not org:
        org, position = position, ""
    if not volunteer and not position:
        position, org = org, ""
    if not (org if volunteer else position):
        return None
    out: dict[str, Any] = {org_key: org} if org else {}
    _put(out, "position", position)
    _put(out, "location", _text(entry.get("location")))
    _put(out, "url", _text(entry.get("url")))
    _dates(out, entry)
    summary = " ".join(p for p in (_text(entry.get("course")), _text(entry.get("summary"))) if p)
    _put(out, "summary", summary)
    return _put(out, "highlights", _highlights(entry))


def _education(entry: dict[str, Any]) -> dict[str, Any] | None:
    institution = _first(entry, "institution", "company", "name")
    if not institution:
        return None
    out: dict[str, Any] = {"institution": institution}
    _put(out, "url", _text(entry.get("url")))
    _put(out, "area", _text(entry.get("area")))
    _put(out, "studyType", _first(entry, "degree", "studyType"))
    _dates(out, entry)
    _put(out, "score", _first(entry, "grade", "score", "gpa"))
    courses = entry.get("courses")
    if isinstance(courses, list):
        _put(out, "courses", _words(courses))
    elif _text(courses):
        out["courses"] = [_text(courses)]
    _put(out, "summary", _text(entry.get("summary")))
    return _put(out, "highlights", _highlights(entry))


def _award(entry: dict[str, Any]) -> dict[str, Any] | None:
    title = _plain(entry) or _first(entry, "title", "name", "label", "position")
    if not title:
        return None
    out: dict[str, Any] = {"title": title}
    if isinstance(entry, dict):
        date = _date(entry.get("date")) or _date(entry.get("start_date"))
        _put(out, "date", date)
        _put(out, "awarder", _first(entry, "awarder", "company", "institution", "location"))
        _put(out, "url", _text(entry.get("url")))
        summary = [_first(entry, "summary", "details"), *_highlights(entry)]
        _put(out, "summary", " ".join(s for s in summary if s))
    return out


def _publication(entry: dict[str, Any]) -> dict[str, Any] | None:
    name = _plain(entry) or _first(entry, "title", "name")
    if not name:
        return None
    out: dict[str, Any] = {"name": name}
    if isinstance(entry, dict):
        _put(out, "publisher", _first(entry, "journal", "publisher"))
        _put(out, "releaseDate", _date(entry.get("date")) or _date(entry.get("releaseDate")))
        doi = _text(entry.get("doi"))
        _put(out, "url", _text(entry.get("url")) or (f"https://doi.org/{doi}" if doi else ""))
        _put(out, "summary", _text(entry.get("summary")))
    return out


def _simple(
    name_key: str, names: tuple[str, ...], fields: tuple[tuple[str, tuple[str, ...]], ...]
) -> Callable[[Any], dict[str, Any] | None]:
    """An entry made of a name and a few fields, each taken from the first of its RenderCV
    (or al-folio v1) keys that has a value; ``keywords`` become a list of words."""

    def make(entry: Any) -> dict[str, Any] | None:
        name = _plain(entry) or (_first(entry, *names) if isinstance(entry, dict) else "")
        if not name:
            return None
        out: dict[str, Any] = {name_key: name}
        if not isinstance(entry, dict):
            return out
        for target, sources in fields:
            if target == "keywords":
                value: Any = _words(next((entry[k] for k in sources if entry.get(k)), None))
            elif target == "date":
                value = _date(entry.get(sources[0]))
            else:
                value = _first(entry, *sources)
            _put(out, target, value)
        return out

    return make


_skill = _simple(
    "name", ("name", "label"), (("level", ("level",)), ("keywords", ("keywords", "details")))
)
_language = _simple(
    "language",
    ("name", "label", "language"),
    (("fluency", ("fluency", "summary", "details", "level")),),
)
_interest = _simple("name", ("name", "label"), (("keywords", ("keywords", "details")),))
_certificate = _simple(
    "name",
    ("name", "title", "label"),
    (("date", ("date",)), ("issuer", ("issuer", "awarder", "details")), ("url", ("url",))),
)
_reference = _simple(
    "name", ("name", "label"), (("reference", ("reference", "summary", "details")),)
)


def _project(entry: Any) -> dict[str, Any] | None:
    name = _plain(entry) or (
        _first(entry, "name", "title", "label") if isinstance(entry, dict) else ""
    )
    if not name:
        return None
    out: dict[str, Any] = {"name": name}
    if isinstance(entry, dict):
        _put(out, "description", _first(entry, "summary", "details"))
        _put(out, "url", _text(entry.get("url")))
        _dates(out, entry)
        _put(out, "highlights", _highlights(entry))
    return out


_CONVERT: dict[str, Callable[[Any], dict[str, Any] | None]] = {
    "work": lambda e: _work(e, volunteer=False),
    "volunteer": lambda e: _work(e, volunteer=True),
    "education": _education,
    "awards": _award,
    "publications": _publication,
    "skills": _skill,
    "languages": _language,
    "interests": _interest,
    "certificates": _certificate,
    "references": _reference,
    "projects": _project,
}


def _kind(title: str, entries: list[Any]) -> str | None:
    kind = next((k for k, pattern in KINDS if pattern.search(title)), None)
    if kind is None and entries and all(isinstance(e, dict) for e in entries):
        # RenderCV's own entry types say what an untitled-looking section holds.
        if all("company" in e and "position" in e for e in entries):
            return "work"
        if all("institution" in e for e in entries):
            return "education"
        if all("title" in e and "authors" in e for e in entries):
            return "publications"
    return kind


# --- the whole file -------------------------------------------------------------------------


def _basics(cv: dict[str, Any], notes: list[Note]) -> dict[str, Any]:
    basics: dict[str, Any] = {}
    _put(basics, "name", _text(cv.get("name")))
    _put(basics, "label", _first(cv, "headline", "label"))
    _put(basics, "email", _text(cv.get("email")))
    _put(basics, "phone", _text(cv.get("phone")))
    _put(basics, "url", _first(cv, "website", "url"))
    _put(basics, "image", _first(cv, "photo", "image"))
    _put(basics, "summary", _text(cv.get("summary")))
    raw_address = cv.get("address")
    address: dict[str, Any] = raw_address if isinstance(raw_address, dict) else {}
    location = {
        key: _text(address.get(source))
        for key, source in (
            ("address", "street"),
            ("postalCode", "postalCode"),
            ("city", "city"),
            ("region", "region"),
            ("countryCode", "countryCode"),
        )
        if _text(address.get(source))
    }
    if not location and _text(cv.get("location")):
        location = {"city": _text(cv.get("location"))}  # RenderCV's location is one line
    _put(basics, "location", location)
    profiles = []
    for item in cv.get("social_networks") or []:
        if not isinstance(item, dict):
            continue
        network, username = _text(item.get("network")), _text(item.get("username"))
        prefix = PROFILE_URLS.get(network.lower())
        if network.lower() == "mastodon" and username.count("@") == 2:
            _, user, domain = username.split("@")
            url = f"https://{domain}/@{user}"
        elif prefix and username:
            url = prefix + username
        else:
            notes.append((f"network: {network}", f"social network {network!r} not converted"))
            continue
        profiles.append({"network": network, "username": username, "url": url})
    _put(basics, "profiles", profiles)
    return basics


def convert(data: dict[str, Any]) -> tuple[dict[str, Any], list[Note]]:
    """RenderCV data (``is_rendercv(data)``) -> (JSON Resume data, notes).

    Each note is (text to find the line by, message): a section or entry not converted.
    RenderCV's ``design``, ``locale`` and settings describe its PDF, not the CV; the site's
    own options (``folio_cv_pdf_theme``...) take their place.
    """
    cv = data["cv"]
    notes: list[Note] = []
    resume: dict[str, Any] = {}
    basics = _basics(cv, notes)
    sections = cv.get("sections") or {}
    if not isinstance(sections, dict):
        notes.append(("sections:", "cv.sections is not a mapping of titles; not converted"))
        sections = {}
    for title, entries in sections.items():
        title = _text(title)
        entries = entries if isinstance(entries, list) else [entries] if entries else []
        kind = _kind(title, entries)
        if kind == "summary":
            text = " ".join(_plain(e) for e in entries if _plain(e))
            if text and "summary" not in basics:
                basics["summary"] = text
                continue
            kind = None
        if kind is None:
            if entries:
                count = f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}"
                notes.append(
                    (
                        f"{title}:",
                        (
                            f"CV section {title!r} ({count}) has no place in JSON Resume; "
                            "not converted"
                        ),
                    )
                )
            continue
        for entry in entries:
            converted = _CONVERT[kind](entry)
            if converted is None:
                shown = ", ".join(entry) if isinstance(entry, dict) else _text(entry)[:40]
                notes.append((f"{title}:", f"an entry of {title!r} ({shown}) not converted"))
                continue
            resume.setdefault(kind, []).append(converted)
        if kind == "publications" and entries:
            notes.append(
                (
                    f"{title}:",
                    f"{title!r} kept in cv.yaml; the CV page lists the papers of refs.bib",
                )
            )
    return ({"basics": basics, **resume} if basics else resume), notes


def to_resume(data: dict[str, Any], report: Report, find: Any, file: str) -> dict[str, Any]:
    """:func:`convert`, its notes reported at their lines of ``file`` (``find(text)``)."""
    resume, notes = convert(data)
    for needle, message in notes:
        report.note(file, find(needle), message)
    return resume
