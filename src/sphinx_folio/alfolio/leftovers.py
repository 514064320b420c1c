"""Content the importer has no place for, named in the report so nothing goes without a word.

Collections other than news, posts and projects (``_people``, ``_books``, ``_teachings``,
a lab's ``_members``), drafts, and pages kept outside ``_pages/`` (older sites put
``teaching.md`` or ``blog/index.html`` at the top).
"""

from __future__ import annotations

from pathlib import Path

from .report import Report

#: Folders Jekyll or al-folio use for machinery, or that the importer reads itself.
_KNOWN = {
    "_pages", "_posts", "_news", "_projects", "_bibliography", "_data", "_includes",
    "_layouts", "_sass", "_plugins", "_site", "_scripts", "_trash", "_selected_papers",
}  # fmt: skip
_TEXT = (".md", ".markdown", ".html")
_NOT_PAGES = {"README", "CONTRIBUTING", "CUSTOMIZE", "INSTALL", "FAQ", "LICENSE", "CHANGELOG",
              "QUICKSTART", "TROUBLESHOOTING", "SEO", "ANALYTICS", "AGENTS", "CLAUDE", "404",
              "CODE_OF_CONDUCT", "index"}  # fmt: skip


def _texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _TEXT)


def report_leftovers(source: Path, report: Report) -> None:
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        name = folder.name
        if not name.startswith("_") or name in _KNOWN:
            continue
        files = _texts(folder)
        if not files:
            continue
        if name == "_drafts":
            report.note(f"{name}/", None, f"{len(files)} drafts not imported")
            continue
        report.note(
            f"{name}/",
            None,
            f"collection {name[1:]!r} ({len(files)} files) not converted: sphinx-folio has "
            "news, posts and projects; move its entries into one of those, or write them "
            "as a Markdown page",
        )
    for path in sorted(source.iterdir()):
        if not path.is_file() or path.suffix.lower() not in _TEXT or path.stem in _NOT_PAGES:
            continue
        head = path.read_text(encoding="utf-8", errors="replace")[:4]
        if head.startswith("---"):
            report.note(
                path.name, 1, "page outside _pages/ not converted; move it into _pages/ first"
            )
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        if folder.name.startswith((".", "_")) or folder.name in ("assets", "node_modules", "bin"):
            continue
        for path in _texts(folder):
            if path.read_text(encoding="utf-8", errors="replace").startswith("---"):
                rel = path.relative_to(source).as_posix()
                report.note(rel, 1, "page outside _pages/ not converted")
