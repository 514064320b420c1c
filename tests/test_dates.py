"""Impossible dates are named as what they are, wherever they are written.

YAML itself fails on ``date: 2026-02-30``; MyST then dropped the whole front matter
("Malformed YAML") and the page seemed to have no title either. Now the warning names
the file, line, key and value, says why the date is not real, and comes alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_folio.alfolio.files import read_page
from sphinx_folio.alfolio.items import date_of
from sphinx_folio.alfolio.report import Report
from sphinx_folio.collection.yamldates import quote_dates
from sphinx_folio.dates import DateError, PartialDate
from sphinx_folio.resume import parse_date

from conftest import build_copy_of_root, page, warnings_of


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    yield from build_copy_of_root(tmp_path_factory, "dates")


def test_each_impossible_date_is_one_warning_naming_file_line_key_and_value(
    site: SphinxTestApp,
) -> None:
    printed = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(site)).replace(str(site.srcdir) + "/", "")
    assert sorted(printed.splitlines()) == sorted(
        [
            (
                "news/no-such-day.md:3: WARNING: front matter key 'date' is not a real date: "
                "'2026-02-30' (February 2026 has 28 days) [folio.frontmatter]"
            ),
            (
                "news/no-such-month.md:3: WARNING: front matter key 'date' is not a real date: "
                "'2026-13-45' (there is no month 13) [folio.frontmatter]"
            ),
            (
                "research/period.md:4: WARNING: front matter key 'end' is not a real date: "
                "'2025-02-29' (February 2025 has 28 days) [folio.frontmatter]"
            ),
            (
                "refs.bib:3: WARNING: entry 'lovelace2022bad': date '2022-13-45' is not a real date "
                "(there is no month 13) [folio.bibtex]"
            ),
            (
                "refs.bib:10: WARNING: entry 'lovelace2021month': month '13' is not a month "
                "(1 to 12, or jan to dec); left out [folio.bibtex]"
            ),
        ]
    )
    assert "Malformed YAML" not in printed and "is required" not in printed


def test_the_rest_of_the_front_matter_is_kept(site: SphinxTestApp) -> None:
    rows = page(site, "news/index").select(".folio-row")
    by_title = {row.select_one(".folio-row-title").get_text(): row for row in rows}
    assert set(by_title) == {"A day February does not have", "A month no year has", "A real date"}
    assert by_title["A real date"].find("time")["datetime"] == "2024-02-29"
    assert by_title["A day February does not have"].find("time") is None  # no made-up date
    # Its tags survived the bad date: the tag page exists and lists it.
    tag = page(site, "tags/calendar")
    assert [a.get_text() for a in tag.select(".sd-card-title a")] == [
        "A day February does not have"
    ]


def test_a_period_with_an_impossible_end_is_not_shown_as_ongoing(site: SphinxTestApp) -> None:
    period = page(site, "research/period").select_one(".folio-period")
    assert period.get_text() == "29 Feb 2024"


def _meta(soup: Any, name: str) -> list[str]:
    return [m["content"] for m in soup.head.find_all("meta", attrs={"name": name})]


def test_bib_dates_are_published_only_when_real(site: SphinxTestApp) -> None:
    bad = page(site, "publications/lovelace2022bad")
    assert _meta(bad, "citation_publication_date") == ["2022"]
    month = page(site, "publications/lovelace2021month")
    assert _meta(month, "citation_publication_date") == ["2021"]
    fine = page(site, "publications/lovelace2023fine")
    assert _meta(fine, "citation_publication_date") == ["2023/04/05"]


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-13-45", "there is no month 13"),
        ("2025-00", "there is no month 0"),
        ("0000", "there is no year 0"),
        ("2025-04-31", "April 2025 has 30 days"),
    ],
)
def test_one_parser_names_the_impossible(written: str, reason: str) -> None:
    with pytest.raises(DateError) as error:
        PartialDate.parse(written)
    assert error.value.impossible and error.value.reason == reason
    assert parse_date(written) is None  # the CV reads dates with the same parser
    report = Report(Path("a"), Path("b"))
    assert date_of(written, "_news/x.md", report, 3) is None  # and so does the importer
    assert [str(n) for n in report.notes] == [
        f"_news/x.md:3: date {written!r} is not a real date ({reason}); left out"
    ]


def test_loose_dates_from_bib_and_jekyll() -> None:
    assert PartialDate.parse_prefix("2024-5-1 10:00:00 +0000").iso == "2024-05-01"
    assert PartialDate.parse_prefix("2022-01/2022-03").iso == "2022-01"
    assert parse_date("2025-05") == (2025, 5, None)


def test_only_bare_dates_in_front_matter_are_quoted() -> None:
    text = (
        "---\ntitle: 2026-02-30 notes\ndate: 2026-02-30\nstart: 2026-13-45 # typo\n"
        "end: '2025-01-01'\n  nested: 2025-01-01\n---\ndate: 2026-02-30\n"
    )
    assert quote_dates(text) == (
        '---\ntitle: 2026-02-30 notes\ndate: "2026-02-30"\nstart: "2026-13-45" # typo\n'
        "end: '2025-01-01'\n  nested: 2025-01-01\n---\ndate: 2026-02-30\n"
    )


def test_the_importer_keeps_a_page_with_an_impossible_date(tmp_path: Path) -> None:
    source = tmp_path / "2026-02-28-note.md"
    source.write_text("---\ntitle: A note\ndate: 2026-02-30\n---\nBody.\n", encoding="utf-8")
    page_ = read_page(source, "_news/2026-02-28-note.md")
    assert page_.meta == {"title": "A note", "date": "2026-02-30"}  # not a YAML crash
    report = Report(Path("a"), Path("b"))
    assert date_of(page_.meta["date"], "_news/2026-02-28-note.md", report, 3) is None
    assert "is not a real date (February 2026 has 28 days)" in str(report.notes[0])
