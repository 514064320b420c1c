"""Which group a person is listed under, and the order of the groups.

A person's ``group`` is written freely; the common ones are recognised whatever their
spelling ("PhD", "phd", "PhD students") so that they get one heading and their usual
place: the PI first, alumni last and apart. Groups of the site's own come between,
in the order they first appear.
"""

from __future__ import annotations

from ..collection.records import Record
from ..slugs import slug

#: (slug forms, heading), in the order the groups are listed.
KNOWN: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"pi", "pis", "principal-investigator", "lead", "faculty", "head"}), "PI"),
    (frozenset({"postdoc", "postdocs", "postdoctoral-researchers", "postdoctoral-fellows"}),
     "Postdocs"),
    (frozenset({"phd", "phd-students", "phd-student", "doctoral-students"}), "PhD students"),
    (frozenset({"msc", "ms", "msc-students", "masters", "masters-students", "ms-students"}),
     "MSc students"),
    (frozenset({"bsc", "undergraduates", "undergraduate", "undergraduate-students"}),
     "Undergraduates"),
    (frozenset({"staff", "engineers", "research-staff"}), "Staff"),
)  # fmt: skip
ALUMNI = "Alumni"
_ALUMNI_SLUGS = frozenset({"alumni", "alumnus", "alumna", "former-members", "former", "past"})
#: Heading of people who give no group.
MEMBERS = "Members"


def group_of(record: Record) -> str:
    """The heading ``record`` is listed under: a known group's, or the group as written.

    A person who has left (an ``end`` is given) is an alumnus, whatever the group was
    (their ``role`` still says what they were).
    """
    written = slug(record.group)
    if written in _ALUMNI_SLUGS or (record.period is not None and record.period.end):
        return ALUMNI
    for forms, heading in KNOWN:
        if written in forms:
            return heading
    return record.group or MEMBERS


def grouped(records: list[Record]) -> list[tuple[str, list[Record]]]:
    """(heading, people) in listing order: known groups, the site's own, members, alumni.

    Within a group: by start (longest there first), then by name; alumni, who left
    last first.
    """
    people = sorted(records, key=lambda r: (r.title.casefold(), r.docname))
    found: dict[str, list[Record]] = {}
    for record in people:
        found.setdefault(group_of(record), []).append(record)
    known = [heading for _, heading in KNOWN]
    order = (
        [h for h in known if h in found]
        + [h for h in found if h not in known and h not in (MEMBERS, ALUMNI)]
        + [h for h in (MEMBERS, ALUMNI) if h in found]
    )
    result = []
    for heading in order:
        members = found[heading]
        if heading == ALUMNI:
            members.sort(key=_left, reverse=True)
        else:
            members.sort(key=_since)
        result.append((heading, members))
    return result


def _since(record: Record) -> tuple[int, int, int]:
    date = record.period.start if record.period else None
    return date.key if date is not None else (9999, 13, 32)


def _left(record: Record) -> tuple[int, int, int]:
    end = record.period.end if record.period else None
    return end.key if end is not None else (0, 0, 0)
