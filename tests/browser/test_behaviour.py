"""What a visitor does: switch the theme, search, open an entry, copy BibTeX, follow a citation."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from browser.conftest import Visit
from browser.test_every_page import AXE, violations

pytestmark = pytest.mark.browser


def _soup(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def _publication_list(site: Path, pages: list[str]) -> str:
    """The page listing the owner's publications (the publications page if there is one)."""
    ordered = sorted(pages, key=lambda p: not p.startswith("publications/index"))
    for name in ordered:
        if _soup(site, name).select("li.folio-pub"):
            return name
    pytest.fail("no page lists publications (li.folio-pub)")


def test_theme_switch_changes_the_mode_and_it_persists(
    base_url: str, visit: Callable[..., Visit]
) -> None:
    visitor = visit(color_scheme="light", viewport={"width": 1280, "height": 900})
    page = visitor.page()
    page.goto(base_url)
    html = page.locator("html")
    expect(html).to_have_attribute("data-theme", "light")

    page.get_by_role("button", name="Color mode").click()
    page.get_by_role("button", name="Dark", exact=True).click()
    expect(html).to_have_attribute("data-theme", "dark")

    # Another page, through the navigation bar: still dark, though the system is light.
    nav = page.locator(".navbar-header-items a.nav-link.nav-internal").first
    target = urljoin(page.url, nav.get_attribute("href") or "")
    nav.click()
    page.wait_for_url(target)
    expect(html).to_have_attribute("data-theme", "dark")
    expect(html).to_have_attribute("data-mode", "dark")

    page.get_by_role("button", name="Color mode").click()
    page.get_by_role("button", name="Light", exact=True).click()
    expect(html).to_have_attribute("data-theme", "light")
    page.goto(base_url)
    expect(html).to_have_attribute("data-theme", "light")
    assert not visitor.console_errors


def test_search_finds_a_publication_by_a_word_of_its_title(
    site: Path, pages: list[str], base_url: str, visit: Callable[..., Visit]
) -> None:
    listing = _publication_list(site, pages)
    title = (
        _soup(site, listing).select_one("li.folio-pub .folio-pub-title").get_text(" ", strip=True)
    )
    word = max(re.findall(r"[A-Za-z]{4,}", title), key=len)
    showing = {name for name in pages if title in _soup(site, name).get_text(" ", strip=True)}

    page = visit(viewport={"width": 1280, "height": 900}).page()
    page.goto(base_url)
    # As a visitor does: the search button opens the dialog; Enter goes to the results.
    page.locator(".search-button__button:visible").first.click()
    field = page.locator("#pst-search-dialog input[name=q]")
    expect(field).to_be_focused()
    field.fill(word)
    field.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q="))
    results = page.locator("#search-results ul.search li a")
    expect(results.first).to_be_visible()
    found = {
        urlsplit(href).path.lstrip("/")
        for href in results.evaluate_all("links => links.map(a => a.href)")
    }
    assert found & showing, f"searching {word!r} did not find {title!r}: {sorted(found)}"
    # The paper's own page is among the results (it is not a Sphinx document).
    paper = _soup(site, listing).select_one("li.folio-pub .folio-pub-title a")["href"]
    paper_path = urlsplit(urljoin(base_url + listing, paper)).path.lstrip("/")
    assert paper_path in found, f"{paper_path} not found by {word!r}: {sorted(found)}"
    # Snippets are text with spaces between blocks, without BibTeX.
    snippets = page.locator("#search-results ul.search li p.context")
    expect(snippets.first).to_be_visible()
    text = " ".join(snippets.all_inner_texts())
    assert not re.search(r"pubstate|booktitle|@\w+\{|\}\d{4}", text), text


def test_abstract_and_bibtex_open_and_copy_puts_the_bibtex_on_the_clipboard(
    site: Path, pages: list[str], base_url: str, visit: Callable[..., Visit]
) -> None:
    listing = _publication_list(site, pages)
    visitor = visit(
        permissions=["clipboard-read", "clipboard-write"], viewport={"width": 1280, "height": 900}
    )
    page = visitor.page()
    page.goto(base_url + listing)
    entry = page.locator("li.folio-pub", has=page.locator("summary", has_text="Abstract")).first

    abstract = entry.locator("details", has=page.locator("summary", has_text="Abstract"))
    expect(abstract.locator("p")).to_be_hidden()
    entry.locator("summary", has_text="Abstract").click()
    expect(abstract.locator("p")).to_be_visible()

    bibtex = entry.locator("pre")
    expect(bibtex).to_be_hidden()
    entry.locator("summary", has_text="BibTeX").click()
    expect(bibtex).to_be_visible()
    expect(bibtex).to_contain_text("@")

    entry.get_by_role("button", name=re.compile("copy", re.IGNORECASE)).click()
    expect(entry.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == bibtex.text_content()
    assert not visitor.console_errors


def test_a_citation_link_lands_on_its_entry(
    site: Path, pages: list[str], base_url: str, visit: Callable[..., Visit]
) -> None:
    citing = [name for name in pages if _soup(site, name).select(".bibtex-citation a[href]")]
    assert citing, "no page cites anything (.bibtex-citation)"
    page = visit(viewport={"width": 390, "height": 800}).page()
    for name in citing:
        page.goto(base_url + name)
        link = page.locator(".bibtex-citation a[href]").first
        href = link.get_attribute("href") or ""
        link.click()
        target = urlsplit(urljoin(base_url + name, href))
        page.wait_for_url(re.compile(re.escape(target.path) + r"(#.*)?$"))
        if target.fragment:
            entry = page.locator(f"[id='{target.fragment}']")
            expect(entry).to_be_in_viewport()
            expect(entry).to_be_visible()


#: True once no transition or animation is running: a drawer sliding in is checked as it
#: comes to rest, not half-way with its colours faded.
SETTLED = "() => document.getAnimations().every((a) => a.playState !== 'running')"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_opened_menus_and_dialogs_have_no_axe_violations(
    mode: str, base_url: str, visit: Callable[..., Visit]
) -> None:
    # What the every-page survey cannot see: the parts that open on a click. The rest of
    # the page is as the survey saw it, so axe looks at the opened part.
    problems = []
    phone = visit(color_scheme=mode, viewport={"width": 390, "height": 800})
    phone.context.add_init_script(script=AXE)
    page = phone.page()
    page.goto(base_url)
    page.get_by_role("button", name="Site navigation").click()
    drawer = "#pst-primary-sidebar-modal"
    expect(page.locator(drawer)).to_be_visible()
    page.wait_for_function(SETTLED)
    problems += [f"navigation drawer: {v}" for v in violations(page, drawer)]
    page.keyboard.press("Escape")
    page.locator(".search-button__button:visible").first.click()
    expect(page.locator("#pst-search-dialog")).to_be_visible()
    page.wait_for_function(SETTLED)
    problems += [f"search dialog: {v}" for v in violations(page, "#pst-search-dialog")]

    desktop = visit(color_scheme=mode, viewport={"width": 1280, "height": 900})
    desktop.context.add_init_script(script=AXE)
    page = desktop.page()
    page.goto(base_url)
    page.get_by_role("button", name="Color mode").click()
    menu = "#pst-header .theme-switch-container"
    expect(page.locator(f"{menu} .dropdown-menu")).to_be_visible()
    page.wait_for_function(SETTLED)
    problems += [f"theme menu: {v}" for v in violations(page, menu)]
    assert not problems, "\n".join(problems)


#: Every visible Font Awesome icon: its drawn box, and how it is drawn (mask or glyph).
ICONS_JS = """() => [...document.querySelectorAll(".fa-solid, .fa-regular, .fa-brands, .fas, .fab")]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .map((el) => {
    const before = getComputedStyle(el, "::before");
    return {
      icon: el.className,
      width: parseFloat(before.width) || 0,
      mask: before.maskImage || before.webkitMaskImage || "none",
      glyph: before.content,
    };
  })"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_theme_icons_are_drawn(
    width: int, site: Path, pages: list[str], base_url: str, visit: Callable[..., Visit]
) -> None:
    # Without fontawesome.js and the webfont, each icon the theme shows must still be drawn.
    page = visit(viewport={"width": width, "height": 900}).page()
    blank = []
    for name in [pages[0], next(p for p in pages if "/" in p)]:  # home and a page below it
        page.goto(base_url + name)
        icons = page.evaluate(ICONS_JS)
        assert icons, f"{name}: no icon on show"
        blank += [
            f"{name}: {i['icon']}"
            for i in icons
            if not (i["width"] > 0 and "svg" in i["mask"]) and i["glyph"] in ("none", '""')
        ]
    assert not blank, "icons drawn as nothing:\n" + "\n".join(blank)


#: The status badges a page shows, with their colours.
STATUS_JS = """() => [...document.querySelectorAll(".folio-status")].map((el) => {
  const style = getComputedStyle(el);
  return {status: el.textContent.trim(), bg: style.backgroundColor, fg: style.color};
})"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_active_and_completed_badges_differ(
    mode: str, site: Path, base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport={"width": 1280, "height": 900}, color_scheme=mode).page()
    colours: dict[str, str] = {}
    for name in ("research/index.html", "projects/index.html"):
        page.goto(base_url + name)
        for badge in page.evaluate(STATUS_JS):
            colours[badge["status"]] = badge["bg"]
    assert {"active", "completed"} <= set(colours), colours
    assert colours["active"] != colours["completed"]
    # Each has AA contrast: axe's color-contrast rule is run on every page
    # (test_every_page), so only the difference is checked here.


def test_the_cv_prints_on_two_a4_pages_at_most_without_buttons(
    site: Path, base_url: str, visit: Callable[..., Visit], tmp_path: Path
) -> None:
    page = visit(viewport={"width": 1280, "height": 900}).page()
    page.goto(base_url + "cv.html")
    page.emulate_media(media="print")
    # Nothing to click on paper, and the owner's name heads it.
    assert (
        page.locator("details, button, .folio-btn").evaluate_all(
            "els => els.filter(el => el.getClientRects().length > 0).length"
        )
        == 0
    )
    first = page.locator(".bd-article :is(h1, p)").evaluate_all(
        "els => els.filter(el => el.getClientRects().length > 0)[0].textContent.trim()"
    )
    assert first == "Anurag Mishra"
    # Every publication on one line (plus at most one for a long title): no toggles, links.
    heights = page.locator(".folio-pub-compact > li").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().height /"
        " parseFloat(getComputedStyle(el).lineHeight))"
    )
    assert heights and max(heights) < 3.5, heights
    pdf = tmp_path / "cv.pdf"
    page.pdf(path=str(pdf), format="A4")
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    assert 1 <= pages <= 2, f"the CV prints on {pages} A4 pages"


def test_printing_a_page_shows_one_column_without_chrome_and_spells_out_links(
    base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport={"width": 1280, "height": 900}).page()
    # A research page cites papers by their arXiv links; the CV alone keeps its lines short.
    page.goto(urljoin(base_url, "research/encoder-archaeology.html"))
    page.emulate_media(media="print")
    for chrome in (".bd-header", ".bd-sidebar-secondary", ".bd-footer"):
        for element in page.locator(chrome).all():
            expect(element).to_be_hidden()
    after = page.evaluate(
        """() => {
            const a = document.querySelector('main a[href^="http"]');
            return a ? getComputedStyle(a, '::after').content : null;
        }"""
    )
    assert after is not None and "(" in after, after
