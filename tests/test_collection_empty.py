"""An empty collection stays buildable: its first item needs no toctree from the site."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOTS, page, warnings_of


def _build(make_app: Any, src: Path) -> Any:
    app = make_app("html", srcdir=src)
    app.build()
    assert warnings_of(app) == "", warnings_of(app)
    return app


@pytest.mark.parametrize("folder", ["posts", "news"])
def test_first_item_of_an_empty_collection_builds_clean(make_app, tmp_path, folder):
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-collection-empty", src)
    app = _build(make_app, src)
    assert app.env.toctree_includes.get(f"{folder}/index", []) == []
    # While empty, the collection has no navbar entry and no page: only a pointer home.
    assert f"{folder}/index" not in app.env.toctree_includes["index"]
    navbar = page(app, "index").select(".bd-header a.nav-link")
    assert f"{folder}/index.html" not in [a.get("href") for a in navbar]
    stub = Path(app.outdir, folder, "index.html").read_text(encoding="utf-8")
    assert 'content="noindex"' in stub and 'url=../index.html"' in stub
    assert "<h1" not in stub
    app.cleanup()

    # The first item, built into the same output folder.
    (src / folder / "first.md").write_text(
        "---\ntitle: First one\ndate: 2025-05-01\n---\n\nHello.\n", encoding="utf-8"
    )
    read: set[str] = set()
    app = make_app("html", srcdir=src)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    app.build()
    assert warnings_of(app) == "", warnings_of(app)
    # The root page is read again too: its toctree lists the collection again.
    assert read == {f"{folder}/first", f"{folder}/index", "index"}
    assert app.env.toctree_includes[f"{folder}/index"] == [f"{folder}/first"]
    assert f"{folder}/index" in app.env.toctree_includes["index"]
    navbar = page(app, "index").select(".bd-header a.nav-link")
    assert f"{folder}/index.html" in [a.get("href") for a in navbar]
    assert page(app, f"{folder}/index").find("h1") is not None
    assert page(app, f"{folder}/first").find("h1").get_text(strip=True).rstrip("#") == "First one"
    if folder == "posts":  # the listing shows it
        rows = page(app, "posts/index").select(".folio-row-title a")
        assert [a.get_text(strip=True) for a in rows] == ["First one"]
