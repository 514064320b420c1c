"""A group's site in a browser: the publication filter narrows to one member, from its
menu and from a shared ``?author=`` link."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from browser.conftest import Visit

pytestmark = pytest.mark.browser

LIST = "publications/index.html"


@pytest.mark.parametrize("site", ["test-lab"], indirect=True)
def test_filter_narrows_to_one_member(
    site: object, base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport={"width": 1280, "height": 900}).page()
    page.goto(urljoin(base_url, LIST))
    count = page.locator(".folio-pub-count")
    expect(count).to_have_text("Showing all 3 papers")
    page.get_by_label("Author", exact=True).select_option("ada-quill")
    expect(count).to_have_text("Showing 2 of 3 papers")
    assert page.url.endswith("?author=ada-quill")
    # A member whom refs.bib spells otherwise ("Ruiz-Vega, Carmen") is still one member.
    page.goto(urljoin(base_url, LIST) + "?author=carmen-ruiz")
    expect(count).to_have_text("Showing 1 of 3 papers")
    expect(page.locator("li.folio-pub:visible .folio-pub-title")).to_have_text(
        "Sparrow: Counting Birds from Their Songs"
    )
