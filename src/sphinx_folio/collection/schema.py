"""The front matter each collection accepts, and its validation.

MyST hands front matter over as strings in ``env.metadata[docname]``: scalars as
written, lists and mappings as JSON. :func:`validate` turns those strings into typed
values and reports every problem with the key it concerns, so that the warning can
name the file (its location) and the key (its message).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..dates import EXPECTED, DateError, PartialDate, Period
from ..urls import refused, safe_url

_COMMON = frozenset({"title", "summary", "tags", "image", "links"})
_TIMED = _COMMON | {"date", "start", "end", "status", "repository"}
#: An email address written bare in the ``email`` key (it becomes a mailto: link).
#: Linear: the dots split the domain in one way only.
_ADDRESS = re.compile(r"^[^@\s:/]+@[^@\s:/.]+(?:\.[^@\s:/.]+)+$")

#: Keys each known collection accepts; another collection accepts those of ``research``.
KEYS: dict[str, frozenset[str]] = {
    "research": _TIMED,
    "projects": _TIMED,
    "news": _COMMON | {"date", "pinned"},
    "posts": _COMMON | {"date", "external_url", "pinned"},
    # A person: the title is the name; the photo is checked like an image.
    "people": (_COMMON - {"image"})
    | {"role", "group", "photo", "affiliation", "now", "names", "start", "end"}
    | {"homepage", "email", "scholar", "orcid", "github"},
    "talks": _COMMON | {"date", "event", "location", "slides", "video", "abstract"},
    # The title is the course's name.
    "teaching": _COMMON
    | {"date", "start", "end", "code", "term", "role"}
    | {"institution", "materials"},
}
#: Free-text keys a collection shows as (label, value) details on its cards and pages.
DETAILS: dict[str, tuple[tuple[str, str], ...]] = {
    "people": (("role", "Role"), ("affiliation", "Affiliation"), ("now", "Now")),
    "talks": (("event", "Event"), ("location", "Location")),
    "teaching": (("code", "Code"), ("term", "Term"), ("role", "Role"),
                 ("institution", "Institution")),
}  # fmt: skip
#: Keys holding one URL, shown as labelled links before ``links`` (email: a mailto address).
URL_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "people": (("homepage", "Homepage"), ("email", "Email"), ("scholar", "Google Scholar"),
               ("orcid", "ORCID"), ("github", "GitHub")),
    "talks": (("slides", "Slides"), ("video", "Video")),
    "teaching": (("materials", "Materials"),),
}  # fmt: skip
#: What each key means (the package's documentation shows it next to the schema).
KEY_HELP: dict[str, str] = {
    "title": "The item's title; it becomes the page heading.",
    "summary": "One sentence for the card or the row.",
    "tags": "A list of tags, e.g. [BEIR, Mamba]; each links to a page of everything so tagged.",
    "image": "An image for the card, relative to the page; it must exist.",
    "links": "Labels and http(s) URLs, e.g. {Paper: https://..., Demo: https://...}.",
    "date": "When it happened (news, posts); excludes start and end.",
    "start": "When the work began.",
    "end": "When the work ended; left out while it is ongoing. Not before start.",
    "status": "Free text shown as a badge, e.g. active or completed; {listing} can filter on it.",
    "repository": "The code's http(s) URL, shown as a button.",
    "external_url": "A post published elsewhere: the listing links there.",
    "role": "A person's role, e.g. PhD student (people); one's role in a course (teaching).",
    "group": "The group a person is listed under by {people}: PI, postdoc, PhD, MSc, "
    "alumni or a name of your own. A person with an end date is listed among the alumni.",
    "photo": "A person's photo, relative to the page; it must exist. Without one, the initials.",
    "affiliation": "A person's institution, for the card and the page's metadata.",
    "now": "Where an alumnus is now, e.g. Research scientist at ...",
    "names": "Other spellings of a person's name in refs.bib, e.g. [A. Lovelace, Ada King] "
    "(quote one that holds a comma).",
    "homepage": "A person's homepage (http(s) URL).",
    "email": "An email address (or mailto: URL), shown as a link.",
    "scholar": "A Google Scholar profile URL.",
    "orcid": "An ORCID URL, e.g. https://orcid.org/0000-0000-0000-0000.",
    "github": "A GitHub profile URL.",
    "event": "The event a talk was given at.",
    "location": "Where a talk was given.",
    "slides": "The slides of a talk (http(s) URL).",
    "video": "A recording of a talk (http(s) URL).",
    "abstract": "A talk's abstract, shown on its page and, without a summary, in the listing.",
    "code": "The course's code, e.g. CS 101.",
    "term": "The term as written, e.g. Fall 2024; the listing sorts by date or start.",
    "institution": "Where the course was taught.",
    "materials": "The course materials (http(s) URL).",
    "pinned": "true keeps the item above the dated ones (news, posts), e.g. a current "
    "position whose start is not known; pinned items sort among themselves by date.",
}
#: Keys each known collection requires.
REQUIRED: dict[str, tuple[str, ...]] = {"posts": ("title", "date")}
#: Keys Sphinx or MyST give a meaning of their own; accepted everywhere, never validated.
PASSTHROUGH = frozenset(
    {"orphan", "nocomments", "nosearch", "tocdepth", "myst", "html_meta", "substitutions"}
)


def keys_of(collection: str) -> frozenset[str]:
    return KEYS.get(collection, _TIMED)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page's front matter."""

    key: str  #: the front matter key at fault
    message: str  #: what is wrong, naming the key
    image: bool = False  #: a missing image rather than a malformed value


@dataclass
class Fields:
    """The validated front matter of one collection item."""

    title: str = ""
    summary: str = ""
    period: Period | None = None
    status: str = ""
    tags: tuple[str, ...] = ()
    image: str = ""  #: as written in the front matter
    repository: str = ""
    links: tuple[tuple[str, str], ...] = ()
    external_url: str = ""
    pinned: bool = False
    details: tuple[tuple[str, str], ...] = ()  #: (label, text) of the collection's own keys
    group: str = ""  #: a person's group ({people})
    names: tuple[str, ...] = ()  #: a person's other spellings in refs.bib
    email: str = ""  #: a person's address, without mailto:


def validate(
    collection: str, raw: Mapping[str, Any], image_problem: Callable[[str], str]
) -> tuple[Fields, list[Problem]]:
    """Check ``raw`` (``env.metadata`` of one item) against ``collection``'s schema.

    ``image_problem`` says why an ``image`` cannot be published ("" when it can).

    Invalid values are left out of the returned fields, so a build that carries on
    (without ``-W``) still renders the rest of the item.
    """
    allowed = keys_of(collection)
    problems: list[Problem] = []
    values = {
        key: str(value)
        for key, value in raw.items()
        if key not in PASSTHROUGH and str(value) != "null"
    }

    for key in raw:
        if key not in allowed and key not in PASSTHROUGH:
            problems.append(
                Problem(
                    key,
                    f"unknown front matter key {key!r} in the {collection} collection; "
                    f"known keys: {', '.join(sorted(allowed))}",
                )
            )
    for key in REQUIRED.get(collection, ("title",)):
        if not values.get(key, "").strip():
            problems.append(
                Problem(key, f"front matter key {key!r} is required in the {collection} collection")
            )

    fields = Fields(
        title=values.get("title", "").strip(),
        summary=values.get("summary", "").strip(),
        status=values.get("status", "").strip(),
    )

    dates: dict[str, PartialDate] = {}
    for key in ("date", "start", "end"):
        if key in values and key in allowed:
            try:
                dates[key] = PartialDate.parse(values[key])
            except DateError as error:
                message = (
                    f"front matter key {key!r} is not a real date: {values[key]!r} ({error.reason})"
                    if error.impossible
                    else f"front matter key {key!r} must be a date written {EXPECTED}, "
                    f"got {values[key]!r}"
                )
                problems.append(Problem(key, message))
    fields.period, problem = _period(dates)
    if fields.period is not None and fields.period.ongoing and "end" in values:
        fields.period = Period(fields.period.start)  # an end was written, if not readably
    if problem is not None:
        problems.append(problem)

    if "tags" in values:
        tags = _json(values["tags"])
        if isinstance(tags, list) and all(isinstance(t, str) and t.strip() for t in tags):
            fields.tags = tuple(dict.fromkeys(t.strip() for t in tags))
        else:
            problems.append(
                Problem(
                    "tags",
                    f"front matter key 'tags' must be a list of strings, "
                    f"e.g. [BEIR, Mamba], got {values['tags']!r}",
                )
            )

    if "links" in values:
        links = _json(values["links"])
        if isinstance(links, dict) and all(isinstance(url, str) for url in links.values()):
            checked = []
            for label, url in links.items():
                # Front matter links are drawn on several pages: only absolute URLs work.
                safe = safe_url(url, relative=False)
                if safe is None:
                    problems.append(
                        Problem("links", f"front matter key 'links': {label!r}: "
                                f"{refused(url, relative=False)}; it is shown as text")
                    )  # fmt: skip
                checked.append((str(label), safe or ""))
            fields.links = tuple(checked)
        else:
            problems.append(
                Problem(
                    "links",
                    "front matter key 'links' must map labels to http(s) URLs, "
                    f"e.g. {{Paper: https://...}}, got {values['links']!r}",
                )
            )

    for key in ("repository", "external_url"):
        if key in values and key in allowed:
            safe = safe_url(values[key], relative=False)
            if safe is not None:
                setattr(fields, key, safe)
            else:
                problems.append(
                    Problem(
                        key, f"front matter key {key!r}: {refused(values[key], relative=False)}"
                    )
                )

    if "pinned" in values and "pinned" in allowed:
        pinned = values["pinned"].strip().lower()
        if pinned in ("true", "false"):
            fields.pinned = pinned == "true"
        else:
            problems.append(
                Problem("pinned", f"front matter key 'pinned' must be true or false, "
                        f"got {values['pinned']!r}")
            )  # fmt: skip

    _own_keys(collection, values, fields, problems)

    for key in ("image", "photo"):
        if key not in values or key not in allowed:
            continue
        image = values[key].strip()
        why = image_problem(image)
        if not why:
            fields.image = image
        else:
            problems.append(Problem(key, f"front matter key {key!r} {why}: {image!r}", image=True))
    return fields, problems


def _own_keys(
    collection: str, values: Mapping[str, str], fields: Fields, problems: list[Problem]
) -> None:
    """The keys of people, talks and teaching: details, labelled URLs, group and names."""
    fields.details = tuple(
        (label, values[key].strip())
        for key, label in DETAILS.get(collection, ())
        if values.get(key, "").strip()
    )
    urls: list[tuple[str, str]] = []
    for key, label in URL_KEYS.get(collection, ()):
        if not values.get(key, "").strip():
            continue
        value = values[key].strip()
        mailto = key == "email"
        if mailto and _ADDRESS.match(value):
            value = f"mailto:{value}"
        safe = safe_url(value, mailto=mailto, relative=False)
        if safe is None:
            problems.append(
                Problem(key, f"front matter key {key!r}: "
                        f"{refused(value, mailto=mailto, relative=False)}; it is left out")
            )  # fmt: skip
            continue
        if mailto:
            fields.email = safe.removeprefix("mailto:")
        urls.append((label, safe))
    fields.links = (*urls, *fields.links)
    if collection == "people":
        fields.group = values.get("group", "").strip()
    if "names" in values and collection == "people":
        names = _json(values["names"])
        if isinstance(names, str):
            names = [values["names"]]
        if isinstance(names, list) and all(isinstance(n, str) and n.strip() for n in names):
            fields.names = tuple(n.strip() for n in names)
        else:
            problems.append(
                Problem("names", "front matter key 'names' must be a list of names, "
                        f"e.g. [A. Lovelace, Ada King], got {values['names']!r}")
            )  # fmt: skip


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _period(dates: Mapping[str, PartialDate]) -> tuple[Period | None, Problem | None]:
    date, start, end = dates.get("date"), dates.get("start"), dates.get("end")
    if date is not None and (start is not None or end is not None):
        other = "start" if start is not None else "end"
        return Period(date), Problem(
            other,
            f"front matter keys 'date' and {other!r} exclude each other: "
            "give one date, or a start and an optional end",
        )
    if date is not None:
        return Period(date), None
    if start is None:
        if end is not None:
            return None, Problem("end", "front matter key 'end' needs a 'start'")
        return None, None
    if end is not None and _before(end, start):
        return Period(start), Problem(
            "end", f"front matter key 'end' ({end.iso}) is before 'start' ({start.iso})"
        )
    return Period(start, end, ongoing=end is None), None


def _before(a: PartialDate, b: PartialDate) -> bool:
    """Whether ``a`` ends before ``b`` starts, compared at the precision both share."""
    for x, y in zip(a, b, strict=True):
        if x is None or y is None:
            return False
        if x != y:
            return bool(x < y)
    return False
