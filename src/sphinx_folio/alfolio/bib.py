"""``_bibliography/papers.bib`` -> ``refs.bib``.

al-folio's fields (abbr, selected, bibtex_show, award, pdf, code, ...) are read by the
publications feature as they are. Two things change: the empty Jekyll front matter
(``---``) at the top goes, and file names in link fields (al-folio looks them up in
``assets/pdf/``) become paths of copies under ``_static/pdf/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from .assets import Assets

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
    text = path.read_text(encoding="utf-8")
    stripped = re.sub(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", "", text, flags=re.DOTALL)
    removed = text.count("\n") - stripped.count("\n")
    if stripped != text:
        assets.report.note(FILE, 1, "Jekyll front matter (---) at the top removed")

    def field(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        value = match.group("value").strip()
        line = removed + stripped.count("\n", 0, match.start()) + 1
        line += len(match.group("head")) - len(match.group("head").lstrip("\n"))
        if name == "preview":
            assets.report.note(
                FILE, line, "preview images are not shown; field kept, file not copied"
            )
            return match.group(0)
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value) or not value:
            return match.group(0)
        folder = "assets/" + ("img" if name == "poster" and not value.endswith(".pdf") else "pdf")
        copied = assets.copy(value, FILE, line, "", folder, f"{name} file")
        if copied is None:
            return match.group(0).replace(match.group("value"), "")
        return match.group("head") + copied + match.group("tail")

    return _FIELD.sub(field, stripped)
