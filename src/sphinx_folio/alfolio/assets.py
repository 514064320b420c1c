"""Files an al-folio site refers to (images, PDFs), copied into the new site's ``_static/``.

al-folio keeps them under ``assets/`` and refers to them as ``assets/img/x.png``,
``/assets/img/x.png`` or ``./assets/...``; the profile picture is a bare name under
``assets/img/``. A copy keeps its path below ``assets/``: ``_static/img/x.png``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from .report import Report

_PAGE_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^#")

#: al-folio's own pages, by permalink, and the page of the new site that replaces each.
PAGES = {
    "": "index.md",
    "about": "index.md",
    "publications": "publications/index.md",
    "projects": "projects/index.md",
    "news": "news/index.md",
    "blog": "posts/index.md",
    "cv": "cv.md",
}


def _safe_name(path: str) -> str:
    """The copy's path: ASCII letters, digits, ``.``, ``_``, ``-`` and ``/`` only.

    docutils drops whitespace from an image's path ("System Structure.jpg" is looked for
    as "SystemStructure.jpg"); MyST percent-encodes a non-ASCII one and Sphinx then looks
    for "%E5%86%85.png"; the publications' links refuse spaces. A name with anything else
    keeps its ASCII part and gains a short hash of the original, so two never meet.
    """
    if re.fullmatch(r"[A-Za-z0-9._/()-]+", path):
        return path
    folder, _, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    tag = hashlib.sha256(path.encode()).hexdigest()[:8]
    clean = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")
    safe_folder = "/".join(
        re.sub(r"[^A-Za-z0-9._-]+", "-", part).strip("-") or "x" for part in folder.split("/")
    )
    name = f"{clean}-{tag}" if clean else tag
    name += f".{re.sub(r'[^A-Za-z0-9]+', '', suffix)}" if dot else ""
    return f"{safe_folder}/{name}" if folder else name


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, symlinks followed, is a file under ``root`` (symlinks followed)."""
    real = path.resolve()
    return real.is_relative_to(root.resolve())


class Assets:
    """Resolves references and remembers which files to copy."""

    def __init__(self, source: Path, report: Report) -> None:
        self.source = source
        self.report = report
        self.copies: dict[str, str] = {}
        """al-folio path -> path in the new site, both relative and POSIX."""
        self.pages: set[str] = set()
        """Pages of the new site that exist (filled in by the importer)."""
        self.baseurl = ""
        """The site's baseurl without slashes (``al-folio``): links may start with it."""
        self.permalinks: dict[str, str] = {}
        """al-folio permalink or _pages path (no slashes, no suffix) -> page of the new site."""
        self.drawn: set[str] = set()
        """Kinds of JavaScript-drawn fences already reported."""
        self.bib_lists: dict[str, tuple[str, int]] = {}
        """Bib files (stem) a page lists with ``{% bibliography -f stem %}``: first page, line."""
        self.refused: set[str] = set()
        """Files that resolve outside the site (symlinks), already reported."""

    def exists(self, ref: str) -> bool:
        """A file to copy (pages are never copied: they are converted or reported)."""
        found = self._find(ref)
        return found is not None and not found.lower().endswith(_PAGE_SUFFIXES)

    def _find(self, ref: str) -> str | None:
        """The al-folio path of a reference to a file under the site, if it exists."""
        path = ref.split("#")[0].split("?")[0].strip()
        path = re.sub(r"^(\./)+", "", path).lstrip("/")
        if not path or ".." in path.split("/"):
            return None
        candidate = self.source / path
        if not candidate.is_file() and "%" in path:
            # a web path, percent-encoded (/images/%E5%86%85.png for /images/内.png)
            decoded = unquote(path)
            if ".." in decoded.split("/"):
                return None
            path, candidate = decoded, self.source / decoded
        if not candidate.is_file():
            return None
        if not inside(self.source, candidate):
            # A symlink out of the tree (assets/img/prof_pic.png -> /etc/passwd): never
            # copied, never published; said once, whoever refers to it.
            if path not in self.refused:
                self.refused.add(path)
                self.report.note(
                    path, None, "symbolic link to a file outside the al-folio site; not copied"
                )
            return None
        return path

    def copy(
        self,
        ref: str,
        file: str,
        line: int | None,
        doc_dir: str,
        image_dir: str = "",
        what: str = "file",
    ) -> str | None:
        """The path, relative to ``doc_dir`` of the new site, of the copy of ``ref``.

        ``None`` (and a note) when the file does not exist. ``image_dir`` is tried as a
        prefix for bare names (``prof_pic.jpg`` means ``assets/img/prof_pic.jpg``).
        """
        found = self._find(ref)
        if found is None and image_dir:
            found = self._find(posixpath.join(image_dir, ref.lstrip("/")))
        if found is None and (
            image_dir == "assets/img" or ref.lstrip("/").startswith("assets/img/")
        ):
            # Sites made before 2020 keep their images in assets/images/.
            name = ref.lstrip("/").removeprefix("assets/img/")
            found = self._find(posixpath.join("assets/images", name))
        if found is None:
            self.report.note(file, line, f"{what} {ref!r} not found in the al-folio site; left out")
            return None
        target = posixpath.join("_static", _safe_name(found.removeprefix("assets/")))
        self.copies[found] = target
        return posixpath.relpath(target, doc_dir or ".")

    def page_link(self, ref: str, doc_dir: str) -> str | None:
        """The new page for an al-folio page (permalink, ``_pages/x.md``), or None."""
        page = ref.split("#")[0].split("?")[0].strip().strip("/")
        page = re.sub(r"(/index)?\.(html|md|markdown)$", "", page)
        for base in {self.baseurl, "al-folio"} - {""}:
            page = page.removeprefix(f"{base}/") if page != base else ""
        candidates = [page, page.removeprefix("_pages/")]
        for key in candidates:
            target = self.permalinks.get(key) or PAGES.get(key)
            if target is not None and target in self.pages:
                anchor = ref.split("#", 1)[1] if "#" in ref else ""
                if target == "publications/index.md":
                    # al-folio's /publications/#key: the entries here have ids of their
                    # own (and the owner's list may not hold that key): the page it is.
                    anchor = ""
                relative = posixpath.relpath(target, doc_dir or ".")
                return relative + (f"#{anchor}" if anchor else "")
        return None

    def link(self, url: str, file: str, line: int | None, doc_dir: str) -> str | None:
        """A link target of the new site for a link written in an al-folio page.

        None (and a note) when it points at nothing the new site has: the caller writes
        the link's text alone, never an empty or broken link.
        """
        if _SCHEME.match(url):
            return url
        if not url.strip():
            self.report.note(file, line, "link with no target; left as text")
            return None
        if self.exists(url):
            return self.copy(url, file, line, doc_dir)
        target = self.page_link(url, doc_dir)
        if target is not None:
            return target
        self.report.note(
            file,
            line,
            f"link {url!r} points at nothing the new site has; left as text",
        )
        return None
