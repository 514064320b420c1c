"""Partial dates keep the precision they were written with."""

from __future__ import annotations

import pytest

from sphinx_folio.dates import DASH, PartialDate, Period


@pytest.mark.parametrize(
    ("written", "text", "iso"),
    [
        ("2026", "2026", "2026"),
        ("2025-05", "May 2025", "2025-05"),
        ("2025-05-03", "3 May 2025", "2025-05-03"),
        ("2024-02-29", "29 Feb 2024", "2024-02-29"),
    ],
)
def test_rendered_as_written_never_padded(written: str, text: str, iso: str) -> None:
    date = PartialDate.parse(written)
    assert (date.text, date.iso) == (text, iso)


@pytest.mark.parametrize(
    "written", ["26", "2025-5", "2025-13", "2025-00", "2025-02-30", "May 2025", "2025/05", ""]
)
def test_malformed(written: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(written)


def test_sort_order_and_feed_timestamp() -> None:
    dates = [PartialDate.parse(d) for d in ("2025-05-03", "2025", "2026", "2025-05")]
    assert [d.iso for d in sorted(dates, key=lambda d: d.key)] == [
        "2025", "2025-05", "2025-05-03", "2026",
    ]  # fmt: skip
    assert PartialDate.parse("2025-05").timestamp().isoformat() == "2025-05-01T00:00:00+00:00"


def test_periods() -> None:
    start, end = PartialDate.parse("2024-03"), PartialDate.parse("2025")
    assert Period(start, end).text == f"Mar 2024 {DASH} 2025"
    assert Period(start, ongoing=True).text == f"Mar 2024 {DASH} present"
    assert Period(start).text == "Mar 2024"
