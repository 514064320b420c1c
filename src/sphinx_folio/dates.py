"""Partial dates: a year, a year and month, or a full date, rendered as written.

Many facts on a researcher's site are known only to the month or the year. A
:class:`PartialDate` keeps the precision it was written with, so "2026" is shown as
"2026" and "2025-05" as "May 2025": a made-up day or month is never shown.

The one date parser of the package: front matter, the CV, refs.bib (``date``) and the
al-folio importer all read dates here, and all say the same thing about a bad one
(:class:`DateError`): that it is not written as a date, or that it is no real date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: ISO 8601 as BibTeX files and Jekyll front matter write it: one-digit months and days,
#: and anything after the date (a time, a zone, a range's end) ignored.
_LOOSE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?![\d-])")
#: A top-level YAML key whose value YAML would read as a timestamp (YAML 1.1's pattern,
#: loosely), with an optional trailing comment.
_YAML_TIMESTAMP = re.compile(
    r"^(?P<key>[^\s#'\"\-][^:#]*:[ \t]+)"
    r"(?P<value>\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d[^#]*?)?)"
    r"(?P<rest>[ \t]*(?:#.*)?)$"
)
#: What a malformed date is told it should look like.
EXPECTED = "YYYY, YYYY-MM or YYYY-MM-DD"
#: Between the ends of a period.
DASH = "\u2013"


class DateError(ValueError):
    """A value that is not a date; :attr:`reason` says why, for the warning."""

    def __init__(self, text: str, reason: str, *, impossible: bool = False) -> None:
        super().__init__(f"{text!r}: {reason}")
        self.text = text
        self.reason = reason
        #: Written as a date, but no such day exists ("2026-02-30", "2026-13-45").
        self.impossible = impossible


class PartialDate(NamedTuple):
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``"2026"``, ``"2025-05"`` or ``"2025-05-03"``; :class:`DateError` otherwise."""
        match = _PATTERN.match(text.strip())
        if match is None:
            raise DateError(text, f"dates are written {EXPECTED}")
        return cls._checked(text, *match.groups())

    @classmethod
    def parse_prefix(cls, text: str) -> PartialDate:
        """The date at the start of ``text`` ("2024-5-1 10:00:00 +0000", "2022-01/2022-03")."""
        match = _LOOSE.match(text.strip())
        if match is None:
            raise DateError(text, f"dates are written {EXPECTED}")
        return cls._checked(text, *match.groups())

    @classmethod
    def _checked(cls, text: str, *parts: str | None) -> PartialDate:
        year, month, day = (int(part) if part else None for part in parts)
        assert year is not None
        if year < dt.MINYEAR:
            raise DateError(text, "there is no year 0", impossible=True)
        if month is not None and not 1 <= month <= 12:
            raise DateError(text, f"there is no month {month}", impossible=True)
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                name = calendar.month_name[month]
                raise DateError(text, f"{name} {year} has {last} days", impossible=True)
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        """The machine form, at the written precision (an HTML ``datetime`` value)."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def text(self) -> str:
        """The human form: "2026", "May 2025" or "3 May 2025"."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key; a coarser date sorts before the finer ones inside it."""
        return (self.year, self.month or 0, self.day or 0)

    def timestamp(self) -> dt.datetime:
        """The earliest instant of the date, in UTC: only for formats that need one (Atom)."""
        return dt.datetime(self.year, self.month or 1, self.day or 1, tzinfo=dt.UTC)


class Period(NamedTuple):
    """When an item happened: one date, or a start with an optional end."""

    start: PartialDate
    end: PartialDate | None = None
    ongoing: bool = False  #: a start without an end: shown as "<start> to present"

    @property
    def text(self) -> str:
        if self.ongoing:
            return f"{self.start.text} {DASH} present"
        if self.end is None or self.end == self.start:
            return self.start.text
        return f"{self.start.text} {DASH} {self.end.text}"


def quote_yaml_dates(yaml_text: str) -> str:
    """``yaml_text`` with each bare top-level date in double quotes, line for line.

    YAML reads ``date: 2026-05-01`` as a date object and fails outright on
    ``date: 2026-02-30``, losing every other key with it. Quoted, the value stays the
    string the author wrote, and :meth:`PartialDate.parse` says what is wrong with it.
    """
    lines = yaml_text.split("\n")
    for number, line in enumerate(lines):
        match = _YAML_TIMESTAMP.match(line)
        if match:
            lines[number] = f'{match["key"]}"{match["value"]}"{match["rest"]}'
    return "\n".join(lines)


#: A year as refs.bib writes one: ASCII digits only (``str.isdigit`` also takes "²⁰²⁴").
_YEAR = re.compile(r"[0-9]{1,4}", re.ASCII)


def is_year(text: str) -> bool:
    """Whether ``text`` is a decimal year from 1 to 9999 (what dates and feeds can hold)."""
    return bool(_YEAR.fullmatch(text)) and int(text) >= 1
