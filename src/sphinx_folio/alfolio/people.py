"""A lab's people and teaching -> the ``people`` and ``teaching`` collections.

al-folio has no people of its own; lab sites add them in one of two ways, and both
become pages of the ``people`` collection (``{people}`` lists them by group):

- lists in ``_data/*.yml`` (``current_members.yml``, ``former_members.yml``...), drawn by
  Liquid loops: a list of records with a ``name`` and some of role, URL and photo. A file
  whose name says former, alumni or past lists alumni.
- collections ``_group_members``, ``_people`` or ``_members``: one Markdown file each,
  the front matter as in a record, the body the person's page.

A ``_teachings`` collection (academicpages') becomes ``teaching``. A key that cannot be
mapped is named in the report, once per file.
"""

from __future__ import annotations

import dataclasses as dc
import re
from html import unescape
from pathlib import Path
from typing import Any

from ..slugs import slug
from ..urls import safe_url
from .assets import Assets
from .files import read_page_or_report, read_yaml
from .report import AlfolioError, Report

PEOPLE_COLLECTIONS = ("group_members", "people", "members")
TEACHING_COLLECTION = "teachings"
#: Jekyll and al-folio keys that carry nothing for the new page.
_IGNORED = {"layout", "collection", "permalink", "published", "order", "sort", "weight",
            "category", "categories", "nav", "redirect_from", "lang"}  # fmt: skip
_NAME = ("name", "title", "full_name")
_ROLE = ("role", "position", "info", "status", "title_role", "description_short")
_HOMEPAGE = ("homepage", "url", "website", "web", "site", "link", "webpage")
_PHOTO = ("photo", "image", "img", "avatar", "picture", "pic", "profile_image")
_SCHOLAR = ("scholar", "google_scholar", "pubs", "scholar_url", "googlescholar")
_START = ("start", "joined", "since", "year", "start_year", "from")
_END = ("end", "left", "graduated", "until", "end_year", "to", "graduation")
_NOW = ("now", "current", "current_position", "next", "position_now", "after", "currently")
_AFFILIATION = ("affiliation", "institution", "department", "school")
_BIO = ("bio", "description", "about", "summary", "research", "interests")
#: Data files named for people, and those that never hold people (menus, papers, news).
_PEOPLE_FILE = re.compile(
    r"member|alumn|people|team|student|former|past|graduate|intern|undergrad|visitor|"
    r"phd|master|postdoc|staff|faculty|supervisee|associate|^pi$|professor",
    re.IGNORECASE,
)
_NOT_PEOPLE = re.compile(
    r"nav|menu|publi|news|ui-text|software|project|activit|citation|venue|repositor|social|"
    r"^cv$|coauthor|galler|album|callout|research|link|post|award|talk",
    re.IGNORECASE,
)
#: "2020-2025", "2019 - present": a member's years in a ``years`` key.
_YEARS = re.compile(r"^(\d{4})\s*[-\u2013\u2014to]+\s*(\d{4})?")
_ALUMNI_FILE = re.compile(r"former|alumni|past|previous|old", re.IGNORECASE)
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
#: "name (at) lab.org", spaces taken out first: no leading \s*, so linear.
_AT = re.compile(r"[(\[{]at[)\]}]", re.IGNORECASE)
_DOT = re.compile(r"[(\[{]dot[)\]}]", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_GROUPS = (
    (re.compile(r"principal investigator|\bpi\b|professor|faculty|director", re.IGNORECASE), "PI"),
    (re.compile(r"post-?doc", re.IGNORECASE), "postdoc"),
    (re.compile(r"ph\.?\s?d|doctoral", re.IGNORECASE), "PhD"),
    (re.compile(r"master|\bm\.?sc?\b|\bm\.?eng\b", re.IGNORECASE), "MSc"),
    (re.compile(r"undergrad|bachelor|\bb\.?sc?\b", re.IGNORECASE), "undergraduates"),
    (re.compile(r"staff|engineer|manager|technician|administrat", re.IGNORECASE), "staff"),
)


@dc.dataclass
class Group:
    """What the lab's people and teaching become: pages of the new site."""

    files: dict[str, str] = dc.field(default_factory=dict)  #: target -> text
    collections: dict[str, str] = dc.field(default_factory=dict)  #: name -> folder
    taken: set[str] = dc.field(default_factory=set)  #: al-folio collections read here
    people: int = 0


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return " ".join(unescape(re.sub(r"<[^>]{0,500}>", " ", str(value))).split())


def _first(record: dict[str, Any], keys: tuple[str, ...], used: set[str]) -> Any:
    for key in keys:
        if key in record and record[key] not in (None, ""):
            used.add(key)
            return record[key]
    return None


def _url(value: Any) -> str:
    """A web address from a value that may be HTML (``<a href="...">[Homepage]</a>``)."""
    text = str(value or "").strip()
    match = _HREF.search(text)
    if match:
        text = unescape(match.group(1))
    return safe_url(text, relative=False) or ""


def _email(value: Any) -> str:
    text = "".join(_text(value).split())
    text = _DOT.sub(".", _AT.sub("@", text))
    text = text.removeprefix("mailto:")
    return text if re.fullmatch(r"[^@\s:/]+@[^@\s:/.]+(?:\.[^@\s:/.]+)+", text) else ""


def _date(value: Any) -> str:
    match = _YEAR.match(str(value or "").strip())
    if not match:
        return ""
    return "-".join(part for part in match.groups() if part)


def _group(role: str) -> str:
    for pattern, group in _GROUPS:
        if pattern.search(role):
            return group
    return ""


def person_meta(
    record: dict[str, Any], rel: str, report: Report, assets: Assets, alumni: bool
) -> tuple[dict[str, Any], set[str], str]:
    """The front matter of one person, the keys used, and a biography ("" for none)."""
    used: set[str] = set()
    meta: dict[str, Any] = {"title": _text(_first(record, _NAME, used))}
    role = _text(_first(record, _ROLE, used))
    group = "alumni" if alumni else _group(role)
    if isinstance(record.get("group"), str) and not alumni:
        group = _text(record["group"]) or group
        used.add("group")
    if group:
        meta["group"] = group
    if role:
        meta["role"] = role
    affiliation = _text(_first(record, _AFFILIATION, used))
    if affiliation:
        meta["affiliation"] = affiliation
    photo = _first(record, _PHOTO, used)
    if isinstance(photo, str) and photo.strip():
        copied = assets.copy(photo.strip(), rel, None, "people", "assets/img", what="photo")
        if copied:
            meta["photo"] = copied
    start, end = _date(_first(record, _START, used)), _date(_first(record, _END, used))
    years = _YEARS.match(str(_first(record, ("years", "period", "dates"), used) or "").strip())
    if years and not start:
        start, end = years.group(1), end or (years.group(2) or "")
    if start:
        meta["start"] = start
    if end and start:
        meta["end"] = end
    now = _text(_first(record, _NOW, used))
    if now:
        meta["now"] = now
    homepage = _url(_first(record, _HOMEPAGE, used))
    if homepage:
        meta["homepage"] = homepage
    email = _email(_first(record, ("email", "mail", "e-mail"), used))
    if email:
        meta["email"] = email
    scholar = _url(_first(record, _SCHOLAR, used))
    if scholar:
        meta["scholar"] = scholar
    github = str(_first(record, ("github",), used) or "").strip()
    if github:
        meta["github"] = _url(github) or (
            f"https://github.com/{github}" if re.fullmatch(r"[A-Za-z0-9-]{1,39}", github) else ""
        )
        if not meta["github"]:
            del meta["github"]
    orcid = str(_first(record, ("orcid",), used) or "").strip()
    if orcid:
        meta["orcid"] = _url(orcid) or (
            f"https://orcid.org/{orcid}" if re.fullmatch(r"[\dX-]{19}", orcid) else ""
        )
        if not meta["orcid"]:
            del meta["orcid"]
    bio = _text(_first(record, _BIO, used))
    return meta, used, bio


def _person_page(meta: dict[str, Any], bio: str) -> str:
    from .writer import front_matter

    return front_matter(meta) + ("\n" + bio + "\n" if bio else "")


def _records(data: Any, stem: str = "") -> list[dict[str, Any]] | None:
    """The person records of a data file, or None when it holds no people.

    A file named for people (``alumni_grad.yml``) needs only names; another must hold
    records that look like people (a name and a role, URL, photo or email), mostly.
    """
    if isinstance(data, dict):  # {students: [...], postdocs: [...]}: groups by key
        lists = [v for v in data.values() if isinstance(v, list)]
        if not lists:
            return None
        data = [dict(r, group=r.get("group", k)) if isinstance(r, dict) else r
                for k, v in data.items() if isinstance(v, list) for r in v]  # fmt: skip
    if not isinstance(data, list) or not data:
        return None
    records = [r for r in data if isinstance(r, dict)]
    named = _PEOPLE_FILE.search(stem) is not None
    people = [
        r for r in records
        if any(isinstance(r.get(k), str) for k in _NAME)
        and (named or any(k in r for k in (*_ROLE, *_HOMEPAGE, *_PHOTO, "email")))
    ]  # fmt: skip
    # A list of venues or repositories is no list of people: most records must look like one.
    return people if len(people) * 2 > len(records) else None


def import_group(source: Path, assets: Assets, report: Report) -> Group:
    """The people and teaching of a lab site (an empty Group for anyone else's)."""
    group = Group()
    found: dict[str, tuple[dict[str, Any], str]] = {}  #: slug of the name -> page

    def add(meta: dict[str, Any], used: set[str], record: dict[str, Any], rel: str,
            bio: str, leftover: dict[str, set[str]]) -> None:  # fmt: skip
        if not meta["title"]:
            report.note(rel, None, "a person without a name; left out")
            return
        stem = slug(meta["title"]) or "person"
        if stem in found:
            # One person in a data list and in a collection (or in two lists): one page,
            # the first one's values kept, the others' added, the longer text.
            seen, text = found[stem]
            found[stem] = ({**meta, **seen}, text if len(text) >= len(bio) else bio)
        else:
            found[stem] = (meta, bio)
        for key in record:
            if key not in used and key not in _IGNORED and key != "group":
                leftover.setdefault(key, set()).add(meta["title"])

    data_dir = source / "_data"
    for path in sorted(data_dir.glob("*.y*ml")) if data_dir.is_dir() else []:
        rel = path.relative_to(source).as_posix()
        if _NOT_PEOPLE.search(path.stem):
            continue
        try:
            records = _records(read_yaml(path, rel), path.stem)
        except AlfolioError:
            continue  # reported by whoever reads the file for its own purpose
        if not records:
            continue
        leftover: dict[str, set[str]] = {}
        alumni = bool(_ALUMNI_FILE.search(path.stem))
        before = len(found)
        for record in records:
            meta, used, bio = person_meta(record, rel, report, assets, alumni)
            add(meta, used, record, rel, bio, leftover)
        report.done(f"{rel} -> people/ ({len(found) - before} people)")
        _report_leftover(rel, leftover, report)

    for name in PEOPLE_COLLECTIONS:
        folder = source / f"_{name}"
        if not folder.is_dir():
            continue
        group.taken.add(name)
        leftover = {}
        for path in sorted(folder.glob("*.md")):
            rel = path.relative_to(source).as_posix()
            page = read_page_or_report(path, rel, report)
            if page is None or page.meta.get("published") is False:
                continue
            record = dict(page.meta)
            alumni = bool(_ALUMNI_FILE.search(str(record.get("group", "")))) or bool(
                record.get("alumni")
            )
            meta, used, bio = person_meta(record, rel, report, assets, alumni)
            if not meta["title"]:
                meta["title"] = path.stem.replace("_", " ").replace("-", " ").title()
            body = page.body.strip()
            add(meta, used, record, rel, body if "{%" not in body else bio, leftover)
            if "{%" in body:
                report.note(rel, page.body_line, "Liquid in the body not converted; left out")
        report.done(f"_{name}/ -> people/")
        _report_leftover(f"_{name}/", leftover, report)

    for stem, (meta, bio) in found.items():
        group.files[f"people/{stem}.md"] = _person_page(meta, bio)
    group.people = len(found)
    if group.people:
        group.collections["people"] = "people"
        group.files["people/index.md"] = (
            "# People\n\n```{people}\n```\n\n```{toctree}\n:hidden:\n:glob:\n\n*\n```\n"
        )

    teaching = source / f"_{TEACHING_COLLECTION}"
    if teaching.is_dir():
        group.taken.add(TEACHING_COLLECTION)
        count = 0
        for path in sorted(teaching.glob("*.md")):
            rel = path.relative_to(source).as_posix()
            page = read_page_or_report(path, rel, report)
            if page is None or not _text(page.meta.get("title")):
                if page is not None:
                    report.note(rel, 1, "a course without a title; left out")
                continue
            meta = {"title": _text(page.meta["title"])}
            for old, new in (("venue", "institution"), ("type", "role"), ("term", "term"),
                             ("code", "code")):  # fmt: skip
                if _text(page.meta.get(old)):
                    meta[new] = _text(page.meta[old])
            if _date(page.meta.get("date")):
                meta["date"] = _date(page.meta["date"])
            body = page.body.strip() if "{%" not in page.body else ""
            from .writer import front_matter

            stem = slug(path.stem) or "course"
            group.files[f"teaching/{stem}.md"] = front_matter(meta) + ("\n" + body + "\n")
            rest = set(page.meta) - {"title", "venue", "type", "term", "code", "date"} - _IGNORED
            for key in sorted(rest):
                report.note(rel, page.line_of(key), f"{key!r} has no place in teaching; left out")
            count += 1
        if count:
            group.collections["teaching"] = "teaching"
            group.files["teaching/index.md"] = (
                "# Teaching\n\n```{listing} teaching\n:toctree:\n```\n"
            )
            report.done(f"_{TEACHING_COLLECTION}/ -> teaching/ ({count} courses)")
    return group


def _report_leftover(rel: str, leftover: dict[str, set[str]], report: Report) -> None:
    for key, names in sorted(leftover.items()):
        report.note(rel, None, f"{key!r} of {len(names)} people has no place in people; left out")
