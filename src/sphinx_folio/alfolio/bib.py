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

from ..publications import intake
from .assets import Assets
from .report import Report

FILE = "_bibliography/papers.bib"
_LOCAL_FIELDS = ("pdf", "supp", "poster", "slides")
_FIELD = re.compile(
    r"(?P<head>^\s*(?P<name>" + "|".join(_LOCAL_FIELDS) + r"|preview)\s*=\s*[{\"])"
    r"(?P<value>[^}\"\n]*)(?P<tail>[}\"])",
    re.MULTILINE | re.IGNORECASE,
)


def convert_bib(source: Path, assets: Assets) -> str | None:
    path = source / FILE
    if not path.is_file():
        return None
    text = _repaired(path.read_bytes(), assets.report)
    stripped = re.sub(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", "", text, flags=re.DOTALL)
    removed = text.count("\n") - stripped.count("\n")
    if stripped != text:
        assets.report.note(FILE, 1, "Jekyll front matter (---) at the top removed")

    def field(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        value = match.group("value").strip()
        line = removed + stripped.count("\n", 0, match.start()) + 1
        line += len(match.group("head")) - len(match.group("head").lstrip("\n"))
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value) or not value:
            return match.group(0)
        if name == "preview":  # al-folio keeps thumbnails in assets/img/publication_preview/
            folder = "assets/img/publication_preview"
        else:
            kind = "img" if name == "poster" and not value.endswith(".pdf") else "pdf"
            folder = f"assets/{kind}"
        copied = assets.copy(value, FILE, line, "", folder, f"{name} file")
        if copied is None:
            return match.group(0).replace(match.group("value"), "")
        return match.group("head") + copied + match.group("tail")

    return _FIELD.sub(field, stripped)


def _repaired(data: bytes, report: Report) -> str:
    """The text of papers.bib with every mechanical repair the intake suggests, reported."""
    text, problems = intake.decode(data, FILE)
    for problem in problems:
        report.note(FILE, problem.line, problem.message)
    result = intake.scan(text, FILE)
    found = list(result.problems)
    for raw in result.entries:
        found += intake.to_entry(raw, FILE)[1]
    accepted: list[intake.Problem] = []
    last_end = -1
    for problem in sorted(found, key=lambda p: p.fix.start if p.fix else -1):
        if problem.fix is None:
            report.note(FILE, problem.line, problem.message)
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
        report.note(FILE, problem.line, what if "left out" in what else f"repaired: {what}")
    return text
