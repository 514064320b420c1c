"""``_bibliography/papers.bib`` -> ``refs.bib``.

al-folio's fields (abbr, selected, bibtex_show, award, pdf, code, ...) are read by the
publications feature as they are. What changes:

* what the bib intake would warn about is repaired where the repair is mechanical (a
  bare ``true`` braced, a repeated field dropped, a repeated key renamed ``key-2``, a
  missing comma added) and an entry it cannot read is left out; each is reported with
  file and line, so the new site builds with ``-W``;
* the empty Jekyll front matter (``---``) at the top goes;
* file names in link fields (al-folio looks them up in ``assets/pdf/``) become paths of
  copies under ``_static/pdf/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..dates import DateError, PartialDate
from ..publications import intake
from ..publications.records import LINK_FIELDS, link_target, month_number, unescaped
from ..urls import refused
from .assets import Assets
from .report import Report

FILE = "_bibliography/papers.bib"
#: Link fields whose value may be a file of the site rather than a URL (al-folio looks
#: bare names up in ``assets/pdf/``); every link field of the publications feature.
_LOCAL_FIELDS = tuple(name for name, _ in LINK_FIELDS if name not in ("doi", "arxiv"))
_FIELD = re.compile(
    r"(?P<head>^[ \t]*(?P<name>" + "|".join(_LOCAL_FIELDS) + r"|preview)\s*=\s*[{\"])"
    r"(?P<value>[^}\"\n]*)(?P<tail>[}\"])",
    re.MULTILINE | re.IGNORECASE,
)


def bib_target(stem: str) -> str:
    """The new site's name for ``_bibliography/<stem>.bib`` (papers.bib is ``refs.bib``)."""
    return (
        "refs.bib"
        if stem == "papers"
        else f"{stem}-alfolio.bib"
        if stem == "refs"
        else f"{stem}.bib"
    )


def convert_bib(source: Path, assets: Assets, rel: str = FILE) -> str | None:
    """The text of the bib file ``rel`` (papers.bib, or talks.bib...) for the new site."""
    path = source / rel
    if not path.is_file():
        return None
    text = _repaired(path.read_bytes(), assets.report, rel)
    stripped = re.sub(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", "", text, flags=re.DOTALL)
    removed = text.count("\n") - stripped.count("\n")
    if stripped != text:
        assets.report.note(rel, 1, "Jekyll front matter (---) at the top removed")

    def field(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        value = match.group("value").strip()
        line = removed + stripped.count("\n", 0, match.start()) + 1
        line += len(match.group("head")) - len(match.group("head").lstrip("\n"))
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value) or not value:
            return match.group(0)
        if match.group("head").endswith("{") and match.group("tail") == '"':
            return match.group(0)  # a quote inside a braced value (an HTML <a>): no file name
        if name == "preview":  # al-folio keeps thumbnails in assets/img/publication_preview/
            folder = "assets/img/publication_preview"
        else:
            kind = "img" if name == "poster" and not value.endswith(".pdf") else "pdf"
            folder = f"assets/{kind}"
        copied = assets.copy(value, rel, line, "", folder, f"{name} file")
        if copied is None:
            return match.group("head") + match.group("tail")  # the value alone goes
        return match.group("head") + copied + match.group("tail")

    linked = _FIELD.sub(field, stripped)  # same lines: only values inside a line change
    dated = _DATE_FIELD.sub(
        lambda match: _date_field(match, linked, removed, assets.report, rel), linked
    )
    return _unpublishable_links(dated, removed, assets.report, rel)


def _unpublishable_links(text: str, removed: int, report: Report, rel: str) -> str:
    """A link field the site would refuse (``javascript:``, an HTML ``<a>`` as the value)
    is emptied and reported: every entry is listed, so it would fail the build's ``-W``."""
    cuts: list[tuple[int, int]] = []
    for raw in intake.scan(text, rel).entries:
        for name, value in raw.fields:
            lower = name.lower()
            if lower not in _LOCAL_FIELDS or lower not in raw.spans:
                continue
            plain = unescaped(value).strip()
            if not plain or link_target(plain) is not None:
                continue
            start, end = raw.spans[lower]
            cuts.append((start, end))
            line = removed + text.count("\n", 0, start) + 1
            report.note(rel, line, f"entry {raw.key!r}: field {name!r}: {refused(plain)}; left out")
    for start, end in sorted(cuts, reverse=True):
        text = text[:start] + "{}" + text[end:]
    return text


_DATE_FIELD = re.compile(
    r"^[ \t]*(?P<name>month|date)\s*=\s*"
    r"(?:\{(?P<braced>[^{}\n]*)\}|\"(?P<quoted>[^\"\n]*)\"|(?P<bare>[A-Za-z0-9]+))"
    r"\s*,?[ \t]*\n",
    re.MULTILINE | re.IGNORECASE,
)


def _date_field(
    match: re.Match[str], text: str, removed: int, report: Report, rel: str = FILE
) -> str:
    """A ``month`` or ``date`` the publications feature could not read is left out."""
    value = next(v for v in match.group("braced", "quoted", "bare") if v is not None).strip()
    if match.group("bare") is not None and value.isalpha():
        return match.group(0)  # jan, feb, ... are BibTeX's own macros
    if match.group("name").lower() == "month":
        readable = month_number(value) > 0
    else:
        try:
            PartialDate.parse_prefix(value)
            readable = True
        except DateError:
            readable = False
    if readable:
        return match.group(0)
    line = removed + text.count("\n", 0, match.start()) + 1
    report.note(
        rel, line, f"{match.group('name')} {value!r} is not a date the site can read; left out"
    )
    return ""


def _repaired(data: bytes, report: Report, rel: str = FILE) -> str:
    """The text of a bib file with every mechanical repair the intake suggests, reported."""
    text, problems = intake.decode(data, rel)
    for problem in problems:
        report.note(rel, problem.line, problem.message)
    result = intake.scan(text, rel)
    found = list(result.problems)
    for raw in result.entries:
        found += intake.to_entry(raw, rel)[1]
    accepted: list[intake.Problem] = []
    last_end = -1
    for problem in sorted(found, key=lambda p: p.fix.start if p.fix else -1):
        if problem.fix is None:
            report.note(rel, problem.line, problem.message)
        elif problem.fix.start >= last_end:  # not inside text an earlier fix removes
            accepted.append(problem)
            last_end = max(last_end, problem.fix.end)
    for problem in reversed(accepted):
        fix = problem.fix
        assert fix is not None
        text = text[: fix.start] + fix.replacement + text[fix.end :]
    for problem in accepted:
        assert problem.fix is not None
        what = problem.fix.what
        report.note(rel, problem.line, what if "left out" in what else f"repaired: {what}")
    return text
