"""What a visitor sees first (issue 22), as the browser lays it out: the home's news box,
the news rows, the search page, the publication filter, a paper page, the phone's menu
and the navbar of the package's documentation. Texts are checked in tests/test_first_look.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from browser.conftest import Visit
from browser.harness import build_site, serve

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

#: Left edges (px) of what the selector matches that the visitor can see.
LEFTS_JS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length)
  .map((el) => Math.round(el.getBoundingClientRect().left))"""

#: The box of the first element the selector matches: top, bottom, left, height.
BOX_JS = """(selector) => {
  const el = document.querySelector(selector);
  if (!el || !el.getClientRects().length) return null;
  const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, height: r.height, width: r.width};
}"""


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.evaluate(BOX_JS, selector)
    assert box is not None, f"{selector} is not shown"
    return box


# --- home: the news box ----------------------------------------------------------------


def test_the_home_news_box_shows_the_owners_five_on_a_desktop_and_three_on_a_phone(
    base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport=DESKTOP).page()
    page.goto(base_url)
    box = page.locator(".folio-home-news .folio-scroll")
    rows = box.locator(".folio-row")
    expect(rows).to_have_count(5)  # folio_home's limit
    # Nothing hidden under the box's edge: it is as tall as what it holds.
    assert box.evaluate("el => el.scrollHeight - el.clientHeight") <= 1
    # The pinned current position first.
    expect(rows.first.locator(".folio-row-title")).to_have_text("AI Engineer at Eaton Ventures")

    phone = visit(viewport=PHONE).page()
    phone.goto(base_url)
    expect(phone.locator(".folio-home-news .folio-row:visible")).to_have_count(3)
    expect(phone.get_by_role("link", name="All news")).to_be_visible()


#: A site whose news has 44 items and no limit on the home page, as imported from al-folio.
LONG_NEWS = 44


@pytest.fixture(scope="module")
def long_news(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    source = tmp_path_factory.mktemp("long-news") / "site"
    (source / "news").mkdir(parents=True)
    (source / "conf.py").write_text(
        'extensions = ["sphinx_folio"]\nproject = "Long News"\nfolio_name = "Ada Example"\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        'folio_home = {"announcements": {"enabled": True, "scrollable": True, "limit": None}}\n',
        encoding="utf-8",
    )
    (source / "refs.bib").write_text("", encoding="utf-8")
    home = "# Ada Example\n\n```{announcements}\n```\n\n```{toctree}\n:hidden:\n\nnews/index\n```\n"
    (source / "index.md").write_text(home, encoding="utf-8")
    (source / "news" / "index.md").write_text("# News\n\n```{listing} news\n```\n", "utf-8")
    for n in range(LONG_NEWS):
        year, month = 2020 + n // 12, n % 12 + 1
        (source / "news" / f"item-{n:02d}.md").write_text(
            f"---\ntitle: News item {n}\ndate: {year}-{month:02d}\n---\n\n"
            "A sentence of news, long enough to wrap onto a second line on a phone.\n",
            encoding="utf-8",
        )
    html = source.parent / "html"
    result = build_site(source, html)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(html) as url:
        yield url


def test_a_long_news_list_keeps_the_home_short_on_a_phone_and_scrolls_on_a_desktop(
    long_news: str, visit: Callable[..., Visit]
) -> None:
    phone = visit(viewport=PHONE).page()
    phone.goto(long_news)
    expect(phone.locator(".folio-home-news .folio-row")).to_have_count(LONG_NEWS)
    expect(phone.locator(".folio-home-news .folio-row:visible")).to_have_count(3)
    expect(phone.get_by_role("link", name="All news")).to_be_visible()
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < 2000, f"the phone's home page is {height} px tall"

    desktop = visit(viewport=DESKTOP).page()
    desktop.goto(long_news)
    box = _box(desktop, ".folio-home-news .folio-scroll")
    assert box["height"] <= 40 * 16 + 2  # 40rem at most, then it scrolls
    assert desktop.locator(".folio-scroll").evaluate("el => el.scrollHeight > el.clientHeight")


# --- news: one column of titles ----------------------------------------------------------


def test_news_titles_line_up_whether_dated_or_not(
    base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport=DESKTOP).page()
    for name in ("news/index.html", "index.html"):
        page.goto(base_url + name)
        lefts = page.evaluate(LEFTS_JS, ".folio-row-title")
        assert len(lefts) >= 5 and len(set(lefts)) == 1, f"{name}: titles start at {lefts}"


# --- search ------------------------------------------------------------------------------

#: For each result: its snippet, and the text of the page it points to as the search
#: page reads it (the same function), to see where the snippet was cut.
SNIPPETS_JS = """async () => {
  const out = [];
  for (const li of document.querySelectorAll("#search-results ul.search > li")) {
    const a = li.querySelector("a"), p = li.querySelector("p.context");
    if (!p) continue;
    const html = await (await fetch(a.href.split("#")[0])).text();
    out.push({snippet: p.textContent, text: Search.htmlToText(html, "")});
  }
  return out;
}"""

#: Each highlight, with the characters before and after it.
HIGHLIGHTS_JS = """() => [...document.querySelectorAll("#search-results span.highlighted")]
  .map((span) => {
    const before = span.previousSibling;
    return {
      word: span.textContent,
      before: before && before.nodeType === Node.TEXT_NODE ? before.nodeValue.slice(-1) : "",
    };
  })"""


def test_the_search_page_is_laid_out_as_every_page_with_whole_word_snippets(
    base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport=DESKTOP).page()
    page.goto(base_url + "news/index.html")
    title_left = _box(page, ".bd-article h1")["left"]

    page.goto(base_url + "search.html?q=time")
    expect(page.locator("nav[aria-label=Breadcrumb]")).to_contain_text("Search")
    results = page.locator("#search-results ul.search > li p.context")
    expect(results.first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert _box(page, ".bd-article h1")["left"] == title_left
    lefts = page.evaluate(LEFTS_JS, "#search-results ul.search > li")
    assert lefts and set(lefts) == {round(title_left)}, (lefts, title_left)

    # "time" is in "runtime" on the home page: no highlight starts inside a word.
    highlights = page.evaluate(HIGHLIGHTS_JS)
    assert highlights
    inside = [h for h in highlights if h["before"].isalnum()]
    assert not inside, inside
    for found in page.evaluate(SNIPPETS_JS):
        core = found["snippet"].strip("\u2026").strip()
        at = found["text"].find(core)
        assert at >= 0, found
        end = at + len(core)
        assert at == 0 or not found["text"][at - 1].isalnum(), f"starts mid-word: {core[:40]}"
        assert end == len(found["text"]) or not found["text"][end].isalnum(), (
            f"ends mid-word: {core[-40:]}"
        )


# --- publications: the filter ------------------------------------------------------------

#: Layout shifts while the page loads, as Lighthouse counts them.
SHIFTS_JS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_filter_is_one_row_of_styled_fields_drawn_before_the_script_runs(
    mode: str, base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport=DESKTOP, color_scheme=mode).page()
    page.goto(base_url + "publications/index.html")
    expect(page.locator(".folio-pub-count")).to_have_text("Showing all 7 papers")
    assert page.evaluate(SHIFTS_JS) < 0.01
    search = _box(page, ".folio-pub-filter input[type=search]")
    style = """(el) => { const s = getComputedStyle(el);
      return [s.appearance, s.borderTopColor, s.borderRadius, s.backgroundColor, s.height]; }"""
    looks = page.locator(".folio-pub-filter select").evaluate_all(f"els => els.map({style})")
    field = page.locator(".folio-pub-filter input[type=search]").evaluate(style)
    assert looks, "no dropdowns"
    for look in looks:
        assert look[0] == "none" and look[1:] == field[1:], (look, field)
    for index in range(len(looks)):
        select = page.locator(".folio-pub-filter select").nth(index).bounding_box()
        assert abs(select["y"] - search["top"]) < 1 and abs(select["height"] - search["height"]) < 1
    expect(page.get_by_role("button", name="Show all")).to_be_hidden()


# --- a paper page ------------------------------------------------------------------------


def test_a_paper_page_has_its_buttons_in_one_row_and_a_title_as_wide_as_the_column(
    base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport=DESKTOP).page()
    page.goto(base_url + "publications/mishra2024analyzing.html")  # the longest title
    copy = page.get_by_role("button", name="Copy BibTeX").bounding_box()
    download = page.get_by_role("link", name="Download .bib").bounding_box()
    assert copy and download
    assert abs(copy["y"] - download["y"]) < 1 and abs(copy["height"] - download["height"]) < 1
    back = page.get_by_role("link", name="All publications").bounding_box()
    assert back and back["y"] >= download["y"] + download["height"] + 24
    # The title's lines fill the column: the widest is most of its width.
    widths = page.evaluate(
        """() => { const h1 = document.querySelector(".folio-paper > h1");
          const range = document.createRange(); range.selectNodeContents(h1);
          return [h1.getBoundingClientRect().width,
                  Math.max(...[...range.getClientRects()].map((r) => r.width))]; }"""
    )
    assert widths[1] >= 0.8 * widths[0], widths


# --- the phone's menu --------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_phone_menu_marks_the_current_page(
    mode: str, base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport=PHONE, color_scheme=mode).page()
    page.goto(urljoin(base_url, "news/index.html"))
    page.get_by_role("button", name="Site navigation").click()
    drawer = page.locator("#pst-primary-sidebar-modal")
    expect(drawer).to_be_visible()
    look = """(el) => { const s = getComputedStyle(el);
      return [s.color, s.fontWeight, s.borderLeftColor]; }"""
    current = drawer.locator(".nav-item.current > .nav-link").evaluate(look)
    other = drawer.get_by_role("link", name="CV").evaluate(look)
    assert drawer.locator(".nav-item.current > .nav-link").inner_text().strip() == "News"
    assert current[0] != other[0] and int(current[1]) >= 600 > int(other[1]), (current, other)
    assert current[2] != other[2]


# --- the package's documentation: the navbar is one row ------------------------------------


@pytest.mark.parametrize("site", ["docs"], indirect=True)
def test_the_docs_navbar_is_one_row_at_desktop_width(
    site: Path, base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport=DESKTOP).page()
    page.goto(base_url)
    links = _box(page, ".bd-header .navbar-header-items__center")
    for end in (".bd-header .search-button-field", ".bd-header .theme-switch-button"):
        box = _box(page, end)
        assert box["top"] < links["bottom"] and box["bottom"] > links["top"], (end, box, links)
    assert _box(page, ".bd-header")["height"] <= 82
