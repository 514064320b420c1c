"""What the package wrote into the output folder, so what it would not write now goes.

Paper pages, their ``.bib`` files, copied PDFs and images, tag pages, feeds and
``resume.json`` are files of the package's own, not Sphinx documents, so Sphinx never
deletes them. A deleted, re-keyed or withdrawn paper would keep its page and its PDF in
``_build/html``, and whoever deploys that folder (rsync, ``gh-pages``) would keep them
online. So every file the package writes, or leaves in place because it is still right,
is *kept* in this build's manifest (:func:`keep`); at the end of a build that succeeded,
every file of the last build's manifest that is not in this one is deleted. A file the
package never wrote is never deleted, nor one that Sphinx writes this build for a
document or copies from ``html_static_path``/``html_extra_path`` (a site may put its own
page where a paper page was). Besides, the page and ``_sources`` copy of a document whose
source file was deleted go too: Sphinx drops the document from the site but leaves its
files, so a withdrawn post stayed online.

The manifest is a JSON file beside the environment, one per builder, and names the output
folder it describes: built into another folder, nothing is deleted.
"""

from __future__ import annotations

import contextlib
import json
from glob import escape as glob_escape
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .paths import write_if_changed
from .state import folio


def _filename(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"sphinx_folio-written-{app.builder.name}.json"


def _tracking(app: Sphinx) -> bool:
    return (
        app.env is not None and app.builder.format == "html" and folio(app.env).written is not None
    )


def _start(app: Sphinx) -> None:
    """builder-inited: an empty manifest for this build."""
    folio(app.env).written = set() if app.builder.format == "html" else None


def _note_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """env-get-outdated: the documents whose source file went."""
    folio(env).removed = frozenset(removed)
    return []


def _removed_pages(app: Sphinx) -> list[Path]:
    """The page and the ``_sources`` copy of each document whose source went: Sphinx
    removes the document from the site (toctrees, search) but leaves its files."""
    outdir = Path(app.outdir)
    files = []
    for doc in folio(app.env).removed - app.env.found_docs:
        files.append(outdir / page_file(app, doc))
        files.extend((outdir / "_sources").glob(glob_escape(doc) + ".*.txt"))
    return files


def keep(app: Sphinx, path: str | Path) -> None:
    """``path`` (under the output folder) is the package's output of this build."""
    if not _tracking(app):
        return
    relative = Path(path)
    if relative.is_absolute():
        relative = relative.relative_to(Path(app.outdir))
    written = folio(app.env).written
    assert written is not None
    written.add(relative.as_posix())


def page_file(app: Sphinx, pagename: str) -> str:
    """The file, under the output folder, that page ``pagename`` is written to."""
    uri = app.builder.get_target_uri(pagename)
    return uri + "index.html" if uri.endswith("/") or not uri else uri


def keep_page(app: Sphinx, pagename: str) -> None:
    """The page ``pagename`` (from ``html-collect-pages``) is the package's output."""
    if _tracking(app):
        keep(app, page_file(app, pagename))


def write(app: Sphinx, path: str | Path, content: str | bytes) -> bool:
    """Write ``content`` to ``path`` under the output folder unless it holds it already, and
    keep it; True if written."""
    target = Path(app.outdir, path)
    keep(app, target)
    return write_if_changed(target, content)


def _protected(app: Sphinx) -> set[str]:
    """Files Sphinx writes or copies this build, whoever wrote them before."""
    files = {page_file(app, doc) for doc in app.env.found_docs}
    for folder in (*app.config.html_extra_path, *app.config.html_static_path):
        with contextlib.suppress(OSError):
            source = Path(app.confdir, folder)
            if source.is_dir():
                prefix = "_static/" if folder in app.config.html_static_path else ""
                files.update(
                    prefix + p.relative_to(source).as_posix()
                    for p in source.rglob("*")
                    if p.is_file()
                )
    return files


def _load(app: Sphinx) -> set[str]:
    try:
        data = json.loads(_filename(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("outdir") != str(Path(app.outdir).resolve()):
        return set()
    files = data.get("files")
    return {f for f in files if isinstance(f, str)} if isinstance(files, list) else set()


def _inside(outdir: Path, name: str) -> Path | None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        return None
    return outdir / path


def _finish(app: Sphinx, exception: Exception | None) -> None:
    """build-finished, after every writer: delete what the last build wrote and this one
    did not, and save this build's manifest (after a failed build: both, nothing deleted)."""
    if not _tracking(app):
        return
    written = folio(app.env).written
    assert written is not None
    before = _load(app)
    outdir = Path(app.outdir)
    if exception is None:
        protected = _protected(app)
        for name in sorted(before - written - protected):
            path = _inside(outdir, name)
            if path is None or not path.is_file() or path.is_symlink():
                continue
            path.unlink()
            _remove_empty_folders(outdir, path.parent)
        for path in _removed_pages(app):
            name = path.relative_to(outdir).as_posix()
            if name in written or name in protected:
                continue  # a paper page where the site's own page was, say
            if path.is_file() and not path.is_symlink():
                path.unlink()
                _remove_empty_folders(outdir, path.parent)
        files = written
    else:
        files = written | before
    text = json.dumps({"outdir": str(outdir.resolve()), "files": sorted(files)}, indent=0)
    target = _filename(app)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(target, text + "\n")


def _remove_empty_folders(outdir: Path, folder: Path) -> None:
    while folder != outdir and folder.is_relative_to(outdir):
        try:
            folder.rmdir()  # only when empty
        except OSError:
            return
        folder = folder.parent


def setup_manifest(app: Sphinx) -> None:
    app.connect("builder-inited", _start, priority=100)
    app.connect("env-get-outdated", _note_removed)
    # After every writer of files (feeds, resume.json: priority 400-500).
    app.connect("build-finished", _finish, priority=900)
