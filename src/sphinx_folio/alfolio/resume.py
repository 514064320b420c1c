"""al-folio's ``_data/cv.yml`` -> a JSON Resume document (https://jsonresume.org/schema).

al-folio's CV is a list of sections, each with a ``title``, a ``type`` (``map``,
``time_table``, ``list``, ``nested_list``) and ``contents``. Sections are recognised by
their title; what has no place in JSON Resume is reported with its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..urls import safe_url
from . import rendercv
from .files import read_yaml
from .html import html_to_text
from .report import Report

FILE = "_data/cv.yml"

_KINDS = [
    ("education", re.compile(r"educat|degree|stud(y|ies)", re.IGNORECASE)),
    ("work", re.compile(r"experience|employment|work|position|appointment|career", re.IGNORECASE)),
    ("awards", re.compile(r"award|honou?r|prize|scholarship|fellowship|grant", re.IGNORECASE)),
    ("projects", re.compile(r"project", re.IGNORECASE)),
    ("skills", re.compile(r"skill", re.IGNORECASE)),
    ("interests", re.compile(r"interest", re.IGNORECASE)),
    ("languages", re.compile(r"language", re.IGNORECASE)),
    ("publications", re.compile(r"publication", re.IGNORECASE)),
    ("basics", re.compile(r"general|personal|contact|information|about", re.IGNORECASE)),
]
_YEARS = re.compile("^\\s*(\\d{4}(?:-\\d{2}){0,2})\\s*(?:(?:-|\u2013|\u2014|to)\\s*(\\S.*?))?\\s*$")


def _text(value: Any) -> str:
    return html_to_text(str(value)) if value is not None else ""


def _years(value: Any) -> tuple[str | None, str | None]:
    """``2019 - 2023`` -> (2019, 2023); ``2023 - present`` -> (2023, None)."""
    if value is None:
        return None, None
    match = _YEARS.match(str(value)[:100])  # a span of years is short; bounded, linear
    if match is None:
        return None, None
    start, end = match.group(1), match.group(2)
    if end is not None and not re.match(r"^\d{4}(-\d{2}){0,2}$", end):
        end = None  # present, now, today, current
        return start, end
    return start, end if end is not None else None


def _lines(description: Any, where: str, report: Report, line: int | None) -> list[str]:
    """A description (a string, or a list of strings and {title, contents}) -> lines."""
    if description is None:
        return []
    if isinstance(description, str):
        return [_text(description)] if description.strip() else []
    out: list[str] = []
    if isinstance(description, list):
        for entry in description:
            if isinstance(entry, dict):
                title = _text(entry.get("title"))
                subs = [_text(s) for s in entry.get("contents") or []]
                out.append(
                    f"{title}: {'; '.join(subs)}" if subs and title else "; ".join(subs) or title
                )
            elif entry is not None:
                out.append(_text(entry))
    return [line for line in out if line]


def _line_finder(text: str) -> Any:
    lines = text.split("\n")

    def find(needle: str, after: int = 0) -> int | None:
        for number in range(after, len(lines)):
            if needle and needle in lines[number]:
                return number + 1
        return None

    return find


def convert_cv(source: Path, report: Report) -> dict[str, Any] | None:
    path = source / FILE
    if not path.is_file():
        return None
    data = read_yaml(path, FILE)
    find = _line_finder(path.read_text(encoding="utf-8"))
    if rendercv.is_rendercv(data):  # al-folio v1: RenderCV's form
        return rendercv.to_resume(data, report, find, FILE)
    if not isinstance(data, list):
        report.note(FILE, 1, "is not a list of sections; not converted")
        return None
    resume: dict[str, Any] = {}
    basics: dict[str, Any] = {}
    for section in data:
        if not isinstance(section, dict):
            continue
        title = str(section.get("title") or "")
        kind_of = section.get("type")
        line = find(f"title: {title}") if title else None
        contents = section.get("contents") or []
        kind = next((k for k, pattern in _KINDS if pattern.search(title)), None)
        if kind_of == "map" and kind in ("basics", None, "languages"):
            _basics(contents, basics, resume, report, find)
        elif kind_of == "time_table" and kind in ("education", "work", "awards", "projects"):
            entries = [_entry(kind, e, report, find) for e in contents if isinstance(e, dict)]
            resume.setdefault(kind, []).extend(e for group in entries for e in group)
        elif kind_of in ("nested_list", "list") and kind in ("skills", "interests"):
            resume.setdefault(kind, []).extend(_keywords(contents))
        elif kind_of == "list" and kind == "languages":
            resume.setdefault("languages", []).extend(
                {"language": _text(c)} for c in contents if c is not None
            )
        else:
            report.note(
                FILE,
                line,
                f"CV section {title!r} ({kind_of}) has no place in JSON Resume; not converted",
            )
    if basics:
        resume = {"basics": basics, **resume}
    return resume


def _basics(
    contents: list[Any], basics: dict[str, Any], resume: dict[str, Any], report: Report, find: Any
) -> None:
    for entry in contents:
        if not isinstance(entry, dict):
            continue
        name = str(entry.get("name") or "")
        value = _text(entry.get("value"))
        lowered = name.lower()
        if "name" in lowered:
            basics["name"] = value
        elif "mail" in lowered:
            basics["email"] = value
        elif "phone" in lowered:
            basics["phone"] = value
        elif lowered in ("website", "homepage", "url", "web") and safe_url(value):
            basics["url"] = value
        elif "language" in lowered:
            resume.setdefault("languages", []).extend(
                _language(part) for part in _commas_outside_parens(value) if part.strip()
            )
        else:
            report.note(
                FILE,
                find(f"name: {name}"),
                f"CV field {name!r} has no place in JSON Resume; not converted",
            )


def _commas_outside_parens(text: str) -> list[str]:
    """``"English (native), French (B2, reading)"`` -> its two languages (one pass; a
    look-ahead per comma was quadratic)."""
    parts: list[str] = []
    depth, start = 0, 0
    for at, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


def _language(text: str) -> dict[str, str]:
    # no language with its fluency is longer; a longer text is kept whole (bounded, linear)
    match = re.match(r"^\s*(.*?)\s*\((.*)\)\s*$", text) if len(text) <= 300 else None
    if match:
        return {"language": match.group(1), "fluency": match.group(2)}
    return {"language": text.strip()}


def _entry(kind: str, entry: dict[str, Any], report: Report, find: Any) -> list[dict[str, Any]]:
    start, end = _years(entry.get("year"))
    title = _text(entry.get("title"))
    institution = _text(entry.get("institution"))
    lines = _lines(entry.get("description"), kind, report, None)
    where = find(f"title: {entry.get('title')}") if entry.get("title") else None
    out: dict[str, Any] = {}
    if kind == "awards":
        items = entry.get("items")
        if items:  # al-folio's "year + items" form: one award per item
            date = start
            return [
                {"title": _text(item), **({"date": date} if date else {})}
                for item in items
                if item is not None
            ]
        out["title"] = title
        if start:
            out["date"] = start
        if institution:
            out["awarder"] = institution
        if lines:
            out["summary"] = " ".join(lines)
        return [out]
    if kind == "education":
        if institution:
            out["institution"] = institution
        if title:
            out["studyType"] = title
        if lines:
            out["area"] = lines[0]
            if len(lines) > 1:
                out["courses"] = lines[1:]
                report.note(
                    FILE,
                    where,
                    f"education {title!r}: description lines after the first kept as courses",
                )
        if end is None and start and "year" in entry and not _open(entry["year"]):
            out["endDate"] = start
        else:
            _dates(out, start, end)
        return [out]
    if kind == "work":
        out["position"] = title
        if institution:
            out["name"] = institution
        _dates(out, start, end)
        if not end and start and not _open(entry.get("year")):
            out["endDate"] = start
        if lines:
            out["highlights"] = lines
        return [out]
    # projects
    raw_title = str(entry.get("title") or "")
    link = re.search(r"""href=["']([^"']+)["']""", raw_title)
    out["name"] = title
    if link and safe_url(link.group(1)):
        out["url"] = link.group(1)
    _dates(out, start, end)
    if lines:
        out["description"] = " ".join(lines)
    if institution:
        out["entity"] = institution
    return [out]


def _open(year: Any) -> bool:
    """``2015 - now``: an ongoing period."""
    return bool(re.search("(-|\u2013|\u2014|to)\\s*[^\\d\\s]", str(year or "")))


def _dates(out: dict[str, Any], start: str | None, end: str | None) -> None:
    if start:
        out["startDate"] = start
    if end:
        out["endDate"] = end


def _keywords(contents: list[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry in contents:
        if isinstance(entry, dict):
            item: dict[str, Any] = {"name": _text(entry.get("title"))}
            keywords = [_text(i) for i in entry.get("items") or [] if i is not None]
            if keywords:
                item["keywords"] = keywords
            out.append(item)
        elif entry is not None:
            out.append({"name": _text(entry)})
    return out


JSON_FILE = "assets/json/resume.json"
_DATE_KEYS = ("startDate", "endDate", "date", "releaseDate")
_OPEN_END = {"", "current", "present", "now", "today", "ongoing"}


def check_resume_dates(data: Any, text: str, report: Report, file: str = "") -> Any:
    """JSON Resume dates checked as sphinx-folio's CV reads them.

    An end date of ``current``, ``present``, ``now`` or ``""`` means "still going": the
    key goes, which JSON Resume reads as an open end. Any other value that is not a real
    YYYY, YYYY-MM or YYYY-MM-DD (``2025-17-01``) is reported with its line and left out.
    """
    from ..resume import parse_date

    file = file or JSON_FILE

    def line_of(key: str, value: Any) -> int | None:
        lines = text.split("\n")
        for number, line in enumerate(lines, start=1):
            if f'"{key}"' in line and json_repr(value) in line:
                return number
        for number, line in enumerate(lines, start=1):  # YAML: the value, under another key
            if str(value) and str(value) in line:
                return number
        return None

    def walk(node: Any, where: str) -> Any:
        if isinstance(node, list):
            return [walk(item, f"{where}[{i}]") for i, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            path = f"{where}.{key}" if where else key
            if key in _DATE_KEYS and not isinstance(value, dict | list):
                raw = "" if value is None else str(value).strip()
                if key == "endDate" and raw.lower() in _OPEN_END:
                    report.done(f"{file}: {path} {value!r} -> open end (still going)")
                    continue
                if parse_date(raw) is None:
                    report.note(
                        file,
                        line_of(key, value),
                        f"{path} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD); left out",
                    )
                    continue
                out[key] = raw
                continue
            out[key] = walk(value, path)
        return out

    return walk(data, "")


def json_repr(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


_ITEM = re.compile(r"^(?P<section>\w+)\[(?P<index>\d+)\]")


def check_resume(data: Any, file: str, report: Report, owner: str = "") -> Any:
    """``data`` as sphinx-folio's CV will accept it, or None.

    What the CV page would stop the build for (a work entry with no position, a list
    where text belongs) is found now: the entry at fault is left out and reported; when
    the fault is not inside one entry, the whole CV is left out and reported.
    """
    from ..resume import ResumeChecker, ResumeError

    checker = ResumeChecker(file)
    for _ in range(200):
        try:
            checked = checker.check(data)
            basics = dict(checked.get("basics") or {})
            basics["name"] = basics.get("name") or owner  # the build fills it from folio_name
            checker.required({**checked, "basics": basics})
            return data
        except ResumeError as error:
            message = error.what  # "work[0]: ..." without the file and line
            match = _ITEM.match(message)
            section = data.get(match.group("section")) if match and isinstance(data, dict) else None
            if match is None or not isinstance(section, list):
                report.note(
                    file, None, f"{message}; the CV is left out (fix it, then set folio_cv)"
                )
                return None
            del section[int(match.group("index"))]
            report.note(file, None, f"{message}; that entry is left out")
    return None
