"""Reading al-folio's YAML files and Markdown files with front matter.

Every error names the file (relative to the al-folio folder) and the line.
"""

from __future__ import annotations

import dataclasses as dc
import fnmatch
import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ..dates import quote_yaml_dates
from .report import AlfolioError, Report


@dc.dataclass
class Page:
    """A Markdown file: its front matter and its body."""

    rel: str
    """Path relative to the al-folio folder, for messages."""
    meta: dict[str, Any]
    body: str
    body_line: int
    """Line number (1-based) of the first line of ``body`` in the file."""
    front: list[str] = dc.field(default_factory=list)
    """The front matter's lines; the first is line 2 of the file."""

    def line_of(self, key: str) -> int:
        """The line of a top-level front matter key (1 when it is not there)."""
        for number, text in enumerate(self.front, start=2):
            if re.match(rf"^{re.escape(key)}\s*:", text):
                return number
        return 1


class _TextDates(yaml.SafeLoader):
    """Reads dates as text: for a file with an impossible date (2025-17-01)."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_yaml(text: str, rel: str, first_line: int) -> Any:
    try:
        try:
            return yaml.safe_load(text)
        except ValueError:  # a date-like value that is no date: read it as text, check later
            return yaml.load(text, Loader=_TextDates)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise AlfolioError(rel, line, f"YAML cannot be read: {problem}") from error


def read_text(path: Path, rel: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise AlfolioError(rel, None, f"not UTF-8 text ({error.reason})") from error


def read_yaml(path: Path, rel: str) -> Any:
    """The data of a YAML file (``None`` when empty)."""
    return _load_yaml(read_text(path, rel), rel, 1)


def read_page_or_report(path: Path, rel: str, report: Report) -> Page | None:
    """The page, or None when it cannot be read: reported with its line and left out,
    so one broken file does not stop the import of a whole site."""
    try:
        return read_page(path, rel)
    except AlfolioError as error:
        report.note(error.note.file, error.note.line, f"{error.note.message}; left out")
        return None


def read_page(path: Path, rel: str) -> Page:
    """A Markdown file split into front matter and body."""
    text = read_text(path, rel).replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Page(rel, {}, text, 1)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise AlfolioError(rel, 1, "front matter opened with '---' is never closed")
    # Dates stay strings: YAML fails on an impossible one (2026-02-30) and loses the rest.
    meta = _load_yaml(quote_yaml_dates("\n".join(lines[1:end])), rel, 2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise AlfolioError(rel, 2, f"front matter must be a mapping, got {type(meta).__name__}")
    return Page(rel, meta, "\n".join(lines[end + 1 :]), end + 2, lines[1:end])


@functools.cache
def _exclude_patterns(source: Path) -> tuple[str, ...]:
    """``exclude:`` of ``_config.yml`` (Jekyll reads none of those files or folders)."""
    path = source / "_config.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, yaml.YAMLError):
        return ()
    patterns = data.get("exclude") if isinstance(data, dict) else None
    if not isinstance(patterns, list):
        return ()
    return tuple(str(p).strip().strip("/") for p in patterns if str(p).strip().strip("/"))


def excluded(source: Path, rel: str) -> bool:
    """Whether Jekyll leaves ``rel`` out: it, or a folder above it, matches a pattern of
    ``exclude:`` (a name, a path or a glob)."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    for pattern in _exclude_patterns(source):
        for candidate in prefixes:
            if fnmatch.fnmatchcase(candidate, pattern):
                return True
    return False
