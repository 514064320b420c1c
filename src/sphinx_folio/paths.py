"""The one rule for local files the site publishes: they must lie inside the site.

A bibliography arrives from co-authors and in pull requests, so ``pdf = {../../etc/passwd}``
or a symlink pointing out of the repository must not put the build machine's files on a
public site. Every local file named by input (bib link fields, front matter ``image``,
``folio_photo``, ``folio_cv``) is resolved, symlinks included, and must end up inside
the folder of ``conf.py``. A leading "/" means the site's root, as on the web.

Published names keep the path under the site (``papers/a/paper.pdf`` is published as
``<publications>/files/papers/a/paper.pdf``): distinct for distinct files, the same on
every build, and unchanged when other files are added.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

OUTSIDE = "points outside the folder of conf.py (files outside the site are never published)"


def inside(root: str | Path, path: Path) -> Path | None:
    """The real path of ``path`` (symlinks followed) if it lies inside ``root``, else None."""
    base = Path(root).resolve()
    real = path.resolve()
    return real if real.is_relative_to(base) else None


def resolve_inside(root: str | Path, value: str) -> Path | None:
    """The real path of ``value`` (written relative to ``root``) if inside ``root``, else None."""
    if "\\" in value or "\0" in value:
        return None
    return inside(root, Path(root, value.strip().lstrip("/")))


def site_file(root: str | Path, value: str) -> tuple[str | None, str]:
    """(the file's path under ``root``, "") or (None, why it cannot be published)."""
    path = resolve_inside(root, value)
    if path is None:
        return None, OUTSIDE
    if not path.is_file():
        return None, "does not exist (paths are relative to the folder of conf.py)"
    return path.relative_to(Path(root).resolve()).as_posix(), ""


def lexical_problem(value: str, *, absolute_ok: bool = False) -> str:
    """Why ``value`` cannot name a place inside the site, judged from its text, or ""."""
    if "\\" in value:
        return "uses '\\'; write paths with '/'"
    path = PurePosixPath(value)
    if path.is_absolute() and not absolute_ok:
        return "is an absolute path; give a path relative to the folder of conf.py"
    depth = 0
    for part in path.parts:
        if part == "..":
            depth -= 1
            if depth < 0:
                return "leads outside the site with '..'"
        elif part not in ("/", "."):
            depth += 1
    return ""


def relative_to_conf(confdir: str | Path, path: Path) -> str:
    """``path`` relative to the folder of conf.py, for an "html" option that names a file
    of the package: Sphinx hashes those options to decide whether to write every page
    again, and a relative path stays the same while the site and the virtual environment
    move together (a CI cache restored elsewhere)."""
    try:
        return os.path.relpath(path, confdir)
    except ValueError:  # another drive (Windows)
        return str(path)


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` (text as UTF-8) unless the file already holds it; True if written.

    An unchanged file keeps its modification time, so servers and incremental deploys see
    nothing new.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
