"""al-folio's ``_data/coauthors.yml`` -> ``coauthors.yaml`` (``folio_coauthors``).

al-folio keys each co-author by last name, with the spellings of the given names and a URL::

    "adams":
      - firstname: ["Edwin", "E.", "E. P.", "Edwin Plimpton"]
        url: https://en.wikipedia.org/wiki/Edwin_Plimpton_Adams

sphinx-folio matches initials by itself, so one line per person is enough: the longest
spelling of the given names with the last name, mapped to the URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..urls import safe_url
from .report import Report

FILE = "_data/coauthors.yml"
TARGET = "coauthors.yaml"


def _last(key: str) -> str:
    return key if key != key.lower() else " ".join(w.capitalize() for w in key.split())


def convert_coauthors(source: Path, report: Report) -> str | None:
    """The text of coauthors.yaml, or None when the site has no (usable) coauthors.yml."""
    path = source / FILE
    if not path.is_file():
        return None
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        report.note(FILE, None, f"cannot be read ({error}); co-authors not linked")
        return None
    links: dict[str, str] = {}
    for key, people in (data or {}).items() if isinstance(data, dict) else ():
        for person in people if isinstance(people, list) else [people]:
            if not isinstance(person, dict):
                continue
            url = str(person.get("url") or "")
            given = person.get("firstname") or []
            given = [given] if isinstance(given, str) else [str(g) for g in given]
            if not url or safe_url(url, relative=False) is None:
                report.note(FILE, None, f"{key!r}: no usable url; left out")
                continue
            name = " ".join(filter(None, [max(given, key=len, default=""), _last(str(key))]))
            links[name] = url
    if not links:
        report.note(FILE, None, "no co-author with a URL; not converted")
        return None
    report.done(f"{FILE} -> {TARGET} ({len(links)} co-authors, folio_coauthors)")
    head = "# Co-authors' homepages (folio_coauthors), converted from al-folio's _data/coauthors.yml.\n"
    return head + yaml.safe_dump(links, sort_keys=False, allow_unicode=True)
