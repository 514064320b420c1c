"""One mechanism fills placeholders at write time; another extension can use it too."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import page


@pytest.mark.sphinx("html", testroot="placeholder")
def test_a_registered_placeholder_is_filled_before_references_resolve(app, built):
    built(app)
    filled = page(app, "index").select_one("p.page-count")
    assert filled is not None
    assert filled.get_text() == "2 pages, see the other page"
    assert filled.a["href"] == "other.html"


@pytest.mark.sphinx("text", testroot="placeholder")
def test_a_registered_placeholder_is_filled_for_text_builders(app, built):
    built(app)
    text = Path(app.outdir, "index.txt").read_text(encoding="utf-8")
    assert "2 pages, see the other page" in text
