"""What a visitor reads first (issue 22), checked on the built HTML: the footer, the BibTeX a
visitor copies or downloads, a paper page, the news rows and the publication filter drawn
by the build. Computed styles and positions are checked in tests/browser/test_first_look.py."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_folio.footer import footer_years
from sphinx_folio.publications.export import without_marks

from conftest import page

# --- the BibTeX a visitor copies: names without contribution marks ---------------------


@pytest.mark.parametrize(
    ("written", "bare"),
    [
        ("Mishra*, Anurag", "Mishra, Anurag"),
        ("Lovelace*$^\\dagger$, Ada", "Lovelace, Ada"),
        ("Lovelace\\textsuperscript{*}, Ada", "Lovelace, Ada"),
        ("Curie\\dagger, Marie", "Curie, Marie"),
        ("Smith\u2020\u2021, J.", "Smith, J."),
        ("Doe$^{*}$, J.", "Doe, J."),
        ("Ada Lovelace\u2217", "Ada Lovelace"),
        # Not marks: an escaped ampersand, a LaTeX accent, a command that starts alike.
        ("{AT\\&T Labs}", "{AT\\&T Labs}"),
        ("Nu{\\~n}ez, J.", "Nu{\\~n}ez, J."),
        ("\\astrid, Anna", "\\astrid, Anna"),
    ],
)
def test_names_lose_their_contribution_marks(written: str, bare: str) -> None:
    assert without_marks(written) == bare


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="$^{}*\\&\u2020 ,textsuperscrigdaA", max_size=4000))
def test_stripping_marks_takes_linear_time_on_any_name(name: str) -> None:
    start = time.perf_counter()
    without_marks(name)
    assert time.perf_counter() - start < 0.05


@pytest.mark.sphinx("html", testroot="pub-features")
def test_the_bibtex_to_copy_and_download_names_authors_without_marks(app, built) -> None:
    built(app)
    out = Path(app.outdir)
    listed = page(app, "publications/index").select_one("li#pub-lovelace2024engines pre")
    paper = page(app, "publications/lovelace2024engines").select_one(".folio-paper pre")
    one = (out / "publications" / "lovelace2024engines.bib").read_text(encoding="utf-8")
    every = [p.read_text(encoding="utf-8") for p in (out / "publications").glob("*.bib")]
    for text in (listed.get_text(), paper.get_text(), one, *every):
        assert "Babbage*" not in text and "Lovelace*" not in text and "dagger" not in text
    assert "author = {Babbage, Charles and Herschel, John" in one
    assert "Lovelace, Ada and Darwin, Charles" in one
    # The page itself still shows the marks, with their legend.
    marks = page(app, "publications/lovelace2024engines").select(".folio-paper sup.folio-mark")
    assert {m.get_text() for m in marks} >= {"*", "\u2020"}


# --- the footer ------------------------------------------------------------------------


def test_footer_years_come_from_copyright_else_the_build() -> None:
    assert footer_years("2026, Anurag Mishra") == "2026"
    assert footer_years("2019 - 2026, Ada") == "2019\u20132026"
    assert footer_years("Ada Lovelace") == footer_years("")
    assert re.fullmatch(r"\d{4}", footer_years(None))
