"""Import real al-folio v1 CVs (RenderCV's YAML) and check what comes out; print a table.

Each ``*.yml`` in the folders given (default ``_corpus/rendercv``: other people's files,
git-ignored, taken from mirrors under ``/work/.mirror``) is put in a tiny al-folio site as
``_data/cv.yml`` and imported. A file passes when the import writes ``cv.yaml``, the site's
own CV checker (``sphinx_folio.resume``) accepts it, and every entry of every section is
either converted or named in the report.

    .venv/bin/python benchmarks/rendercv_corpus.py _corpus/rendercv _corpus/rendercv-heldout
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from sphinx_folio.alfolio.importer import import_alfolio
from sphinx_folio.errors import InputError
from sphinx_folio.resume import ResumeChecker, _Loader

ROOT = Path(__file__).resolve().parent.parent
ABOUT = "---\nlayout: about\ntitle: about\n---\nHello.\n"


def _entries(data: Any) -> int:
    sections = (data.get("cv") or {}).get("sections") or {}
    return sum(len(v) for v in sections.values() if isinstance(v, list))


def check(path: Path) -> tuple[bool, int, int, int, str]:
    """(passed, entries in the file, entries converted, notes, why it failed)."""
    text = path.read_text(encoding="utf-8")
    total = _entries(yaml.load(text, Loader=_Loader) or {})
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, "src")
        (source / "_data").mkdir(parents=True)
        (source / "_pages").mkdir()
        (source / "_pages" / "about.md").write_text(ABOUT, encoding="utf-8")
        (source / "_config.yml").write_text("first_name: Ada\n", encoding="utf-8")
        (source / "_data" / "cv.yml").write_text(text, encoding="utf-8")
        try:
            report = import_alfolio(source, Path(tmp, "out"))
        except Exception as error:  # noqa: BLE001 (a measurement: every failure is a row)
            return False, total, 0, 0, f"import failed: {error}"
        messages = [str(n) for n in report.notes_for("_data/cv.yml")]
        notes = len(messages)
        # A section not converted is one note for all its entries: "(18 entries)".
        left = sum(int(m.group(1)) for n in messages if (m := re.search(r"\((\d+) entr", n)))
        left += sum(1 for n in messages if "an entry of" in n)
        cv = Path(tmp, "out", "cv.yaml")
        if not cv.is_file():
            return False, total, 0, notes, "no cv.yaml"
        written = cv.read_text(encoding="utf-8")
        try:
            data = ResumeChecker("cv.yaml", written).check(yaml.load(written, Loader=_Loader))
            ResumeChecker("cv.yaml", written).required(data)
        except InputError as error:
            return False, total, 0, notes, str(error)
        converted = sum(len(v) for k, v in data.items() if isinstance(v, list))
        unaccounted = total - converted - left
        if unaccounted > 0:
            return (
                False,
                total,
                converted,
                notes,
                f"{unaccounted} entries neither converted nor noted",
            )
        return True, total, converted, notes, ""


def main(folders: list[str]) -> None:
    for folder in folders or ["_corpus/rendercv"]:
        files = sorted(Path(folder).glob("*.yml"))
        rows = [(f.name, *check(f)) for f in files]
        passed = sum(r[1] for r in rows)
        print(f"\n{folder}: {passed}/{len(rows)} pass\n")
        print("| file | pass | entries | converted | notes | why not |")
        print("|---|---|---|---|---|---|")
        for name, ok, total, converted, notes, why in rows:
            print(f"| {name} | {'yes' if ok else 'no'} | {total} | {converted} | {notes} | {why} |")


if __name__ == "__main__":
    main(sys.argv[1:])
