"""The patterns that read a lab's input (front matter emails, member lists) run in linear
time on anything, and give what a visitor expects on ordinary values."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_folio.alfolio.people import _YEARS, _date, _email, _text, _url
from sphinx_folio.collection.schema import validate

#: Pieces of emails, dates, HTML and ranges, for hypothesis to put together in hostile ways.
PIECES = ["@", ".", "a", " ", "(at)", "[dot]", "(", ")", "<", ">", "href=", '"', "2020",
          "-", "to", "\u2013", "\t", "mailto:", "/"]  # fmt: skip


def _linear(function: Any, text: str) -> None:
    # Up to 30,000 characters: milliseconds; a quadratic pattern would take seconds.
    start = time.perf_counter()
    function(text)
    assert time.perf_counter() - start < 0.5


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=500, max_size=3000).map("".join))
def test_member_patterns_take_linear_time(text: str) -> None:
    for function in (_email, _url, _date, _text, _YEARS.match):
        _linear(function, text)
    _linear(lambda t: validate("people", {"title": "x", "email": t}, lambda _: ""), text)


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("ada (at) example.org", "ada@example.org"),
        ("ada[at]example[dot]org", "ada@example.org"),
        ("mailto:ada@example.org", "ada@example.org"),
        ("ada at example", ""),
        ("<script>@x.org", ""),
    ],
)
def test_emails_as_labs_write_them(written: str, address: str) -> None:
    assert _email(written) == address


def test_urls_from_html_and_refused_schemes() -> None:
    assert _url('<a href="https://x.example.org/" target="_blank">[Homepage]</a>') == (
        "https://x.example.org/"
    )
    assert _url("javascript:alert(1)") == ""
    assert _url('<a href="javascript:alert(1)">x</a>') == ""


def test_front_matter_email_becomes_a_mailto_link() -> None:
    fields, problems = validate("people", {"title": "Ada", "email": "ada@example.org"}, str)
    assert problems == [] and ("Email", "mailto:ada@example.org") in fields.links
    _, problems = validate("people", {"title": "Ada", "email": "ada@@x"}, str)
    assert [p.key for p in problems] == ["email"]
