"""What an import converted and what it could not, with the file and line of each problem."""

from __future__ import annotations

import dataclasses as dc
import re
import shutil
import sys
from pathlib import Path
from typing import Any


@dc.dataclass(frozen=True)
class Note:
    """One thing the importer could not convert (or converted with a caveat)."""

    file: str
    """Path of the al-folio file, relative to the al-folio folder."""
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class AlfolioError(Exception):
    """A file the importer cannot read at all (bad YAML, bad front matter)."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.note = Note(file, line, message)
        super().__init__(str(self.note))


@dc.dataclass
class Report:
    """Filled in while importing; :meth:`render` is the summary the command prints."""

    source: Path
    out: Path
    converted: list[str] = dc.field(default_factory=list)
    """One line per thing converted, e.g. ``_news/a.md -> news/a.md``."""
    notes: list[Note] = dc.field(default_factory=list)
    written: list[str] = dc.field(default_factory=list)
    """Files written, relative to ``out``."""
    check: Any = None
    """The outcome of building the new site (``verify.Outcome``), when it was built."""
    _seen: set[Note] = dc.field(default_factory=set, repr=False)
    """The notes, for a look-up in constant time (a page can give thousands of notes)."""

    def done(self, what: str) -> None:
        self.converted.append(what)

    def note(self, file: str, line: int | None, message: str) -> None:
        note = Note(file, line, message)
        if note not in self._seen:
            self._seen.add(note)
            self.notes.append(note)

    def notes_for(self, file: str) -> list[Note]:
        return [n for n in self.notes if n.file == file]

    def render(self) -> str:
        lines = [f"Imported al-folio site {self.source} into {self.out}", ""]
        lines.append(f"Converted ({len(self.converted)}):")
        lines += [f"  {item}" for item in self.converted] or ["  nothing"]
        lines.append("")
        lines.append(f"Not converted or needing a look ({len(self.notes)}):")
        lines += [f"  {note}" for note in self.notes] or ["  nothing"]
        lines.append("")
        lines += self.summary()
        lines.append("")
        if self.check is not None:
            lines.append(self.checked())
            lines.append("")
        lines.append(f"Wrote {len(self.written)} files. Build with:")
        lines.append(f"  {sphinx_build()} -W -b html {self.out} {self.out / '_build' / 'html'}")
        return "\n".join(lines)

    def checked(self) -> str:
        """One line: how the build of the new site went."""
        check = self.check
        if check.ok:
            made = f"; {check.changes} construct(s) made safe (above)" if check.changes else ""
            return f"Checked: the new site builds with -W ({check.passes} build(s){made})."
        return "Checked: " + importer_bug(check)

    def summary(self) -> list[str]:
        """Counts by kind: converted, repaired (converted with a change), left out."""
        converted: dict[str, int] = {}
        repaired: dict[str, int] = {}
        left_out: dict[str, int] = {}
        for item in self.converted:
            bucket = repaired if _REPAIRED.search(item) else converted
            kind = kind_of(item)
            bucket[kind] = bucket.get(kind, 0) + 1
        for note in self.notes:
            kind = kind_of(note.file)
            left_out[kind] = left_out.get(kind, 0) + 1

        def row(label: str, counts: dict[str, int]) -> str:
            total = sum(counts.values())
            parts = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
            return f"  {label}: {total}" + (f" ({parts})" if parts else "")

        return [
            "Summary:",
            row("converted", converted),
            row("repaired", repaired),
            row("left out or to check", left_out),
        ]


def importer_bug(check: Any) -> str:
    """The one line that says the site still fails: a bug of the importer."""
    first = check.fatal
    if check.remaining:
        w = check.remaining[0]
        where = f"{w.file}:{w.line}: " if w.file and w.line else (f"{w.file}: " if w.file else "")
        first = where + w.message.split("\n", 1)[0]
    return (
        f"the new site still fails sphinx-build -W after {check.passes} build(s) "
        f"({len(check.remaining) or 1} problem(s), first: {first[:200]}); this is a bug in "
        "the importer: please report it with IMPORT-REPORT.md"
    )


def sphinx_build() -> str:
    """The sphinx-build command as it can be typed here: on PATH, else beside Python
    (``.venv/bin/sphinx-build`` after ``make``, where the venv is not activated)."""
    if shutil.which("sphinx-build"):
        return "sphinx-build"
    beside = Path(sys.executable).parent / "sphinx-build"
    if not beside.is_file():
        return "sphinx-build"
    try:
        return str(beside.relative_to(Path.cwd()))
    except ValueError:
        return str(beside)


_REPAIRED = re.compile(r"open end|shortened|repaired|->\s*folio_name|config read from")

_KINDS = (
    ("_news/", "news"),
    ("_posts/", "posts"),
    ("_projects/", "projects"),
    ("_pages/", "pages"),
    ("_bibliography", "bibliography"),
    ("_data/cv", "cv"),
    ("assets/json/resume", "cv"),
    ("_data/", "data"),
    ("assets/", "files"),
    (".github/", "config"),
    ("_config", "config"),
)


def kind_of(text: str) -> str:
    for prefix, kind in _KINDS:
        if text.startswith(prefix):
            return kind
    folder = re.match(r"^_([a-z][\w-]*)/", text)  # a collection of the site's own: _people/
    return folder.group(1) if folder else "other"
