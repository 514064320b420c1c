"""The publication filter: narrows the list, keeps its state in the URL, and stays accessible."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from browser.conftest import Visit
from browser.test_every_page import AXE, violations

pytestmark = pytest.mark.browser

LIST = "publications/index.html"


@pytest.mark.parametrize("site", ["test-pub-features"], indirect=True)
# Both modes and both widths, in two runs, as the survey of every page sees them.
@pytest.mark.parametrize(("mode", "width"), [("light", 1280), ("dark", 390)])
def test_filter_narrows_the_list_keeps_state_in_the_url_and_has_no_axe_violations(
    site: object, mode: str, width: int, base_url: str, visit: Callable[..., Visit]
) -> None:
    visitor = visit(color_scheme=mode, viewport={"width": width, "height": 900})
    visitor.context.add_init_script(script=AXE)
    page = visitor.page()
    page.goto(urljoin(base_url, LIST))
    count = page.locator(".folio-pub-count")
    expect(count).to_have_text("Showing all 4 papers")
    assert count.get_attribute("aria-live") == "polite"
    show_all = page.get_by_role("button", name="Show all")
    expect(show_all).to_be_hidden()  # nothing to show: every paper is shown

    page.get_by_label("Tag", exact=True).select_option("interpretability")
    expect(page.locator("li.folio-pub:visible")).to_have_count(2)
    expect(count).to_have_text("Showing 2 of 4 papers")
    assert page.url.endswith("?tag=interpretability")
    expect(page.locator("#pub-year-2022")).to_be_hidden()  # no paper of 2022 left
    problems = [f"filtered by tag: {v}" for v in violations(page)]

    page.get_by_label("Year", exact=True).select_option("2023")
    expect(count).to_have_text("Showing 1 of 4 papers")
    expect(page.locator("#pub-lovelace2023thesis")).to_be_visible()
    page.go_back()  # the back button undoes the last choice
    expect(count).to_have_text("Showing 2 of 4 papers")
    expect(page.get_by_label("Year", exact=True)).to_have_value("")

    show_all.click()
    expect(count).to_have_text("Showing all 4 papers")
    expect(show_all).to_be_hidden()
    page.get_by_label("Search papers").fill("bernoulli")
    expect(page.locator("li.folio-pub:visible")).to_have_count(1)
    expect(page.locator("#pub-lovelace2022preprint")).to_be_visible()

    # A shared view opens as it was shared: type and co-author from the URL.
    page.goto(urljoin(base_url, LIST + "?type=workshop"))
    expect(count).to_have_text("Showing 1 of 4 papers")
    expect(page.get_by_label("Type", exact=True)).to_have_value("workshop")
    page.goto(urljoin(base_url, LIST + "?author=charles-babbage"))
    expect(count).to_have_text("Showing 2 of 4 papers")

    # The hidden authors open from the keyboard, and their co-author links work.
    page.goto(urljoin(base_url, LIST))
    more = page.locator("#pub-lovelace2024engines summary", has_text="and 3 more")
    more.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="J. Nuñez").first).to_be_visible()
    problems += [f"authors opened: {v}" for v in violations(page)]
    assert not problems, "\n".join(problems)
    assert not visitor.console_errors and not visitor.external


@pytest.mark.parametrize("site", ["test-pub-features"], indirect=True)
def test_without_javascript_every_paper_shows_and_no_filter_is_shown(
    site: object, base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(java_script_enabled=False).page()
    page.goto(urljoin(base_url, LIST + "?tag=interpretability"))
    expect(page.locator("li.folio-pub:visible")).to_have_count(4)
    # Drawn by the build (no layout shift when the script runs), hidden without a script.
    expect(page.locator(".folio-pub-filter")).to_have_count(1)
    expect(page.locator(".folio-pub-filter")).to_be_hidden()
    expect(page.locator(".folio-pub-count")).to_be_hidden()


@pytest.mark.parametrize("site", ["test-pub-every"], indirect=True)
def test_the_filter_of_a_list_of_one_bib_file_comes_before_its_entries(
    site: object, base_url: str, visit: Callable[..., Visit]
) -> None:
    # A list of talks.bib has no "Download all" line, after which the filter goes.
    page = visit(viewport={"width": 1280, "height": 900}).page()
    page.goto(urljoin(base_url, "publications/talks.html"))
    expect(page.locator(".folio-pub-count")).to_have_text("Showing all 2 papers")
    first = page.evaluate(
        "document.querySelector('[data-folio-filter]').firstElementChild.classList[0]"
    )
    assert first == "folio-pub-filter"
