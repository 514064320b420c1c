"""Collections beyond news, posts and projects, drafts, and pages outside ``_pages/``.

A collection of its own (a lab's ``_people``, ``_books``, ``_talks``) becomes a section
of plain pages: ``people/index.md`` links each entry, ``people/<name>.md`` holds its text.
Drafts, backup folders (``_posts.bkp``) and pages kept outside ``_pages/`` (older sites
put ``teaching.md`` or ``blog/index.html`` at the top) are named in the report.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..config import COLLECTION_DEFAULTS
from .assets import inside
from .files import excluded
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


#: Folders the package reads as its own collections (config.COLLECTION_DEFAULTS): a
#: site's collection of the same name is written beside them, never into them.
RESERVED = frozenset(COLLECTION_DEFAULTS)


def folder_for(name: str) -> str:
    """The folder of the new site for a collection of the site's own called ``name``."""
    return f"{name}-pages" if name in RESERVED else name


def _texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _TEXT)


def _has_front_matter(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().strip() == "---"


def other_collections(source: Path, report: Report) -> dict[str, list[Path]]:
    """Collections to convert as sections of pages: name -> files. Reports the rest."""
    found: dict[str, list[Path]] = {}
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        name = folder.name
        if not name.startswith("_") or name in _KNOWN:
            continue
        # Jekyll renders only files with front matter; the rest (a slide deck's HTML) it
        # copies as they are, so they are no entries of the collection.
        files = []
        for path in _texts(folder):
            rel = path.relative_to(source).as_posix()
            if not inside(source, path):
                report.note(
                    rel, None, "symbolic link to a file outside the al-folio site; not read"
                )
            elif excluded(source, rel):
                report.note(rel, None, "listed in _config.yml's exclude:; not imported")
            elif _has_front_matter(path):
                files.append(path)
        if not files:
            continue
        if name == "_drafts":
            report.note(f"{name}/", None, f"{len(files)} drafts not imported")
        elif not re.fullmatch(r"_[a-z][a-z0-9_-]*", name):
            report.note(f"{name}/", None, f"{len(files)} files in a copy or backup not imported")
        else:
            target = folder_for(name[1:])
            if target != name[1:]:
                report.note(
                    f"{name}/",
                    None,
                    f"a collection of the site's own with the name of one of sphinx-folio's "
                    f"collections: written as plain pages into {target}/, not {name[1:]}/ "
                    f"(write its entries as {name[1:]} items to list them there)",
                )
            found[target] = files
    return found


def report_leftovers(source: Path, report: Report) -> None:
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
