"""A site changes how an entry looks with its own template; values stay escaped."""

from __future__ import annotations

import pytest

from conftest import page


@pytest.mark.sphinx("html", testroot="pub-template")
def test_site_template_replaces_the_entry_and_keeps_escaping(app, built):
    built(app)
    soup = page(app, "index")
    second, first = soup.select("li.folio-pub")  # newest first: 1844, 1843
    # The site's template: a "Cited by" line, no BibTeX toggle.
    assert first.select_one(".cited-by").get_text() == "Cited by 42 (counted 2026-05-01)"
    assert second.select_one(".cited-by") is None
    assert soup.select("details.folio-pub-bib") == []
    # The package's author template, included from the site's entry template.
    assert first.select_one("strong.folio-owner").get_text() == "Ada Lovelace"
    # A title with markup is text, whichever template shows it.
    assert (
        second.select_one(".folio-pub-title a").get_text()
        == "Poetical <script>alert(1)</script> Science"
    )
    assert soup.select("li.folio-pub script") == []
    # The package's list template still wraps the entries.
    assert [h.get_text() for h in soup.select(".folio-pub-group h2")] == ["1844", "1843"]
