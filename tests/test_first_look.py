"""What a visitor reads first (issue 22), checked on the built HTML: the footer, the BibTeX a
visitor copies or downloads, a paper page, the news rows and the publication filter drawn
by the build. Computed styles and positions are checked in tests/browser/test_first_look.py."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
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


#: What a name's marks are made of, for hypothesis to put together in hostile ways.
PIECES = [
    "$",
    "^",
    "{",
    "}",
    "*",
    "\u2020",
    "\\dagger",
    "\\textsuperscript{",
    "&",
    "\\&",
    " ",
    ",",
    "A",
]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=500, max_size=3000).map("".join))
def test_stripping_marks_takes_linear_time_on_any_name(name: str) -> None:
    # Up to 25,000 characters: about 20 ms; a pattern that backtracks quadratically would
    # take seconds, so the bound holds on a busy machine and still catches it.
    start = time.perf_counter()
    without_marks(name)
    assert time.perf_counter() - start < 0.5


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


def _html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_this_site_ends_with_one_line_the_owner_and_the_year(repo_build) -> None:
    assert repo_build.returncode == 0, repo_build.stderr
    for name in (
        "index.html",
        "news/index.html",
        "search.html",
        "publications/mishra2026titan.html",
    ):
        footer = _html(repo_build.out / name).select_one("footer.bd-footer")
        assert footer.get_text(" ", strip=True) == "© 2026 Anurag Mishra", name
        assert footer.select(".footer-item") == footer.select(".footer-items__start .footer-item")


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"folio_footer_credit": True})
def test_any_site_gets_the_footer_and_the_credit_when_asked(app, built) -> None:
    built(app)
    footer = page(app, "index").select_one("footer.bd-footer")
    text = footer.get_text(" ", strip=True)
    assert re.fullmatch(r"© \d{4} Ada Example · Built with sphinx-folio", text), text
    assert footer.select_one("a")["href"] == "https://pypi.org/project/sphinx-folio/"
    assert "Sphinx" not in text.replace("sphinx-folio", "")  # no "Created using Sphinx"


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    confoverrides={"html_theme_options": {"footer_end": ["theme-version"]}},
)
def test_a_site_that_chose_its_footer_keeps_it(app, built) -> None:
    built(app)
    footer = page(app, "index").select_one("footer.bd-footer")
    assert footer.select(".folio-footer") == []
    assert "PyData Sphinx Theme" in footer.get_text()


def test_imported_and_new_sites_end_with_the_same_footer(tmp_path: Path) -> None:
    from browser.harness import import_and_build, new_and_build

    html, result = new_and_build(tmp_path / "new")
    assert result.returncode == 0, result.stderr
    text = _html(html / "index.html").select_one("footer.bd-footer").get_text(" ", strip=True)
    assert re.fullmatch(r"© \d{4} Ada Lovelace", text), text
    html, result = import_and_build("alfolio-001", tmp_path / "imported")
    assert result.returncode == 0, result.stderr
    footer = _html(html / "index.html").select_one("footer.bd-footer")
    assert footer.select(".folio-footer") and "Created using" not in footer.get_text()


# --- this site's news, paper pages, search page and publication filter ------------------


def test_news_the_pinned_current_position_comes_first_and_undated_rows_keep_their_place(
    repo_build,
) -> None:
    rows = _html(repo_build.out / "news" / "index.html").select("li.folio-row")
    titles = [row.select_one(".folio-row-title").get_text(strip=True) for row in rows]
    assert titles[0] == "AI Engineer at Eaton Ventures"
    assert titles[-1] == "B.Tech completed"  # undated, not pinned: after the dated ones
    assert "folio-row--undated" in rows[0]["class"]


def test_a_paper_page_states_its_status_once(repo_build) -> None:
    paper = _html(repo_build.out / "publications" / "mishra2026titan.html")
    assert paper.select_one(".folio-paper .folio-status").get_text() == "Submitted"
    assert "Status" not in [dt.get_text() for dt in paper.select(".folio-paper-facts dt")]
    assert paper.get_text().count("Submitted") == 1 + paper.select_one("pre").get_text().count(
        "Submitted"
    )
    actions = paper.select_one(".folio-bib-actions")
    assert [el.get_text() for el in actions.select("button, a")] == ["Copy BibTeX", "Download .bib"]


def test_the_search_page_has_a_breadcrumb_and_speaks_of_a_site(repo_build) -> None:
    search = _html(repo_build.out / "search.html")
    crumbs = search.select("nav[aria-label=Breadcrumb] li")
    assert [li.get_text(strip=True) for li in crumbs] == ["", "Search"]
    assert search.select_one(".bd-article .bd-search-container h1").get_text() == "Search"
    assert search.select_one("form.bd-search input")["placeholder"] == "Search this site…"


def test_the_publication_filter_is_in_the_page_as_built(repo_build) -> None:
    listing = _html(repo_build.out / "publications" / "index.html")
    form = listing.select_one(".folio-publications form.folio-pub-filter.pst-js-only")
    assert form is not None
    labels = [label.get_text() for label in form.select("label")]
    # The climate paper names two co-authors, so the list offers them.
    assert labels == ["Year", "Type", "Tag", "Co-author", "Search papers"]
    coauthors = [o.get_text() for o in form.select("select[name=author] option")][1:]
    assert coauthors == ["Ronen Gold", "Sanjeev Vijayakumar"]
    years = [o["value"] for o in form.select("select[name=year] option")]
    assert years == ["", "2026", "2025", "2024", "2023"]
    assert form.select_one("button.folio-pub-filter-reset").has_attr("hidden")
    count = listing.select_one(".folio-pub-count")
    assert count.get_text() == "Showing all 7 papers" and count["aria-live"] == "polite"


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    confoverrides={"html_show_copyright": False, "folio_footer_credit": True},
)
def test_without_the_copyright_line_the_footer_is_the_credit_alone(app, built) -> None:
    built(app)
    footer = page(app, "index").select_one("footer.bd-footer")
    assert footer.get_text(" ", strip=True) == "Built with sphinx-folio"
