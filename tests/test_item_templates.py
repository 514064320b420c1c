"""A site changes how cards, rows and tag pages look with its own templates; every value
from front matter stays text, whichever template shows it."""

from __future__ import annotations

import pytest

from conftest import page

SUMMARY = "Gears & <script>alert('summary')</script>"
TAG = "<img src=x onerror=alert('tag')>"


@pytest.mark.sphinx("html", testroot="item-templates")
def test_a_site_card_template_replaces_every_card_and_keeps_escaping(app, built):
    built(app)
    projects = page(app, "projects/index")
    assert projects.select("li.folio-card") == []
    (card,) = projects.select("li.site-card")
    assert card.select_one(".site-card-title a").get_text() == "Analytical Engine"
    assert card.select_one(".site-card-title a")["href"] == "engine.html"
    assert card.select_one(".site-card-stars").get_text() == "Status: active"
    assert card.select_one(".site-card-summary").get_text() == SUMMARY
    assert [t.get_text() for t in card.select(".site-card-tag")] == ["Engines", TAG]
    assert card.select("script, img") == []
    # Tag pages draw their items with the same template (newest first).
    tag_page = page(app, "tags/engines")
    assert [c.select_one("a").get_text() for c in tag_page.select("li.site-card")] == [
        "Talk given",
        "Analytical Engine",
    ]


@pytest.mark.sphinx("html", testroot="item-templates")
def test_the_default_row_template_shows_front_matter_as_text(app, built):
    built(app)
    (row,) = page(app, "news/index").select("ul.folio-rows > li.folio-row")
    assert row.select_one(".folio-row-date time")["datetime"] == "2025-05-03"
    assert row.select_one(".folio-row-title a").get_text() == "Talk given"
    assert (
        row.select_one(".sd-card-text").get_text() == "A talk <script>alert('news')</script> & more"
    )
    assert row.select_one(".folio-tags a").get_text() == "Engines"
    assert row.select("script") == []


@pytest.mark.sphinx("html", testroot="item-templates")
def test_the_default_profile_card_shows_conf_values_as_text(app, built):
    built(app)
    card = page(app, "index").select_one("div.folio-profile")
    # Drawn through profile-card.html, around the bio Sphinx drew.
    assert card.select_one(".folio-profile__role").get_text() == (
        "Analyst <script>alert(\u2018role\u2019)</script>"  # smart quotes, as read
    )
    assert card.select_one(".folio-profile__bio").get_text(strip=True) == (
        "Ada writes about engines."
    )
    assert card.select_one(".folio-profile__aside svg title").get_text() == "Ada Example"
    assert card.select("script") == []
