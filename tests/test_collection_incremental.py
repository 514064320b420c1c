"""Incremental builds: a change to one item re-reads that item and the pages listing it.

Measured on a copy of ``tests/roots/test-collection``: which documents Sphinx reads
(``env-before-read-docs``) and which output files change content.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS, warnings_of

#: Files Sphinx itself rewrites whenever a document is added (not ours to keep).
SPHINX_INDEXES = {"searchindex.js", "objects.inv", "sitemap.xml"}


def _snapshot(out: Path) -> dict[str, str]:
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in out.rglob("*")
        if path.is_file() and ".doctrees" not in path.parts
    }


class Rebuild:
    def __init__(self, make_app: Any, src: Path) -> None:
        self.make_app, self.src = make_app, src
        self.read: set[str] = set()
        self.app = self._build()
        self.before = _snapshot(Path(self.app.outdir))

    def _build(self) -> SphinxTestApp:
        app: SphinxTestApp = self.make_app("html", srcdir=self.src)
        app.connect("env-before-read-docs", lambda app, env, docnames: self.read.update(docnames))
        app.build()
        assert warnings_of(app) == "", warnings_of(app)
        return app

    def again(self) -> tuple[set[str], set[str], set[str]]:
        """Rebuild; return the documents read, the output files changed and those added."""
        self.app.cleanup()
        self.read = set()
        self.app = self._build()
        after = _snapshot(Path(self.app.outdir))
        changed = {f for f in self.before.keys() & after.keys() if self.before[f] != after[f]}
        return self.read, changed - SPHINX_INDEXES, set(after) - set(self.before)


def _site(make_app: Any, tmp_path: Path) -> Rebuild:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-collection", src)
    return Rebuild(make_app, src)


def test_nothing_changed_nothing_read_or_changed(make_app: Any, tmp_path: Path) -> None:
    site = _site(make_app, tmp_path)
    read, changed, added = site.again()
    assert (read, changed, added) == (set(), set(), set())


def test_adding_a_news_file_changes_the_home_page_the_archive_and_the_feed(
    make_app: Any, tmp_path: Path
) -> None:
    site = _site(make_app, tmp_path)
    (site.src / "news" / "grant.md").write_text(
        "---\ntitle: Grant awarded\ndate: 2026-02\n---\n\nAda received a grant.\n"
    )
    read, changed, added = site.again()
    assert read == {"news/grant", "news/index", "index"}
    # The news before and after it now link to it as their next and previous page.
    neighbours = {"news/degree.html", "news/new-job.html"}
    assert changed == {"index.html", "news/index.html", "news/atom.xml", *neighbours}
    assert added == {"news/grant.html", "_sources/news/grant.md.txt"}
    for name in neighbours:
        head = (Path(site.app.outdir) / name).read_text().split("</head>")[0]
        assert 'title="Grant awarded" href="grant.html"' in head, name
    home = (Path(site.app.outdir) / "index.html").read_text()
    assert "Grant awarded" in home and "Feb 2026" in home
    assert "Grant awarded" in (Path(site.app.outdir) / "news" / "atom.xml").read_text()


def test_editing_an_item_rebuilds_it_and_the_pages_that_list_it(
    make_app: Any, tmp_path: Path
) -> None:
    site = _site(make_app, tmp_path)
    alpha = site.src / "research" / "alpha.md"
    alpha.write_text(alpha.read_text().replace("What alpha asks.", "What alpha now asks."))
    read, changed, _ = site.again()
    # research/index lists research; projects/index has a listing of research and posts.
    assert read == {"research/alpha", "research/index", "projects/index"}
    # The summary shows on the cards that list alpha: research/index and its tag pages
    # (projects/index shows only the newest item tagged Mamba, Beta, so stays the same;
    # alpha's own page does not show its summary).
    assert changed == {
        "_sources/research/alpha.md.txt",
        "research/index.html",
        "tags/mamba.html",
        "tags/beir.html",
    }
