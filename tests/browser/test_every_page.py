"""Every built page, in light and dark mode, at desktop and phone width, as a visitor gets it.

Each test loads each of its pages in the two combinations of its pair (below) and reports
everything wrong on all of them together:
axe-core violations, console errors, failed requests, requests that leave 127.0.0.1,
Font Awesome downloads, horizontal scrolling, cards whose text touches their border, a
content column that starts elsewhere than on the home page (desktop), a site title that
runs over the navbar's links and, on a phone, a profile picture wider than 40% of the
screen or a scroll box that clips.

Every page is checked in both modes and at both widths, by two of the four mode and width
combinations: light at 1280 px with dark at 390 px, or dark at 1280 px with light at 390 px,
alternating from page to page, so each combination sees half of the pages, and what every
page shares (navbar, sidebars, footer) is seen in all four. The home page is seen in all
four. Tag pages and paper pages are made by one template from different data: for each
kind, the three longest pages and the one with the longest name (a heading that could
run off a phone) stand for them. The search page, the general index and the 404 page
are the same template on every site: they are surveyed on this repository's site; on
the others, the site's own navbar, sidebars and footer are seen on all its other pages.
With ``FOLIO_SCREENSHOTS=1`` a screenshot of each page visited, in its mode and width, goes to the
git-ignored ``screenshots/`` folder (``make screenshots`` shoots the main pages anyway).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser.conftest import SITES, Visit

pytestmark = pytest.mark.browser

PHONE = 390
DESKTOP = 1280

#: The elements sticking out to the right, for a readable report of horizontal scrolling.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && getComputedStyle(el).position !== "fixed") {
      const inner = [...el.children].some((c) => c.getBoundingClientRect().right > width + 1);
      if (!inner) out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}` +
        `${el.className && typeof el.className === "string" ? "." + el.className.trim()
          .split(/\\s+/).join(".") : ""} (right edge ${Math.round(box.right)} px)`);
    }
  }
  return out.slice(0, 5);
}"""

#: The layout as computed: where the content column starts, the cards' padding, how big
#: the profile picture is and whether a scroll box clips on this width.
LAYOUT_JS = """() => {
  const px = (v) => parseFloat(v) || 0;
  const column = document.querySelector(".bd-article-container");
  const cards = [...document.querySelectorAll(".folio-card > .sd-card-body")].map((el) => {
    const style = getComputedStyle(el);
    return Math.min(px(style.paddingLeft), px(style.paddingRight));
  });
  const aside = document.querySelector(".folio-profile__aside");
  const scroll = document.querySelector(".folio-scroll");
  return {
    x: column ? Math.round(column.getBoundingClientRect().left) : null,
    cardPadding: cards,
    picture: aside ? aside.getBoundingClientRect().width : 0,
    scrollMaxHeight: scroll ? getComputedStyle(scroll).maxHeight : null,
    wide: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  };
}"""

#: What the site title's text covers in the navbar, and every control it runs into (an
#: imported site's title can be a whole sentence; it must not run over the links).
TITLE_OVERLAP_JS = """() => {
  const title = document.querySelector(".bd-header .logo__title");
  if (!title) return {lines: 0, overlaps: []};
  const box = title.getBoundingClientRect();
  const clipped = getComputedStyle(title).overflow !== "visible";
  const range = document.createRange();
  range.selectNodeContents(title);
  const rects = [...range.getClientRects()].map((r) => clipped ? {
    left: Math.max(r.left, box.left), right: Math.min(r.right, box.right),
    top: Math.max(r.top, box.top), bottom: Math.min(r.bottom, box.bottom)} : r)
    .filter((r) => r.right > r.left && r.bottom > r.top);
  const controls = [...document.querySelectorAll(
    ".bd-header .nav-link, .bd-header button, .bd-header .navbar-icon-links a")]
    .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden");
  const overlaps = [];
  for (const el of controls) {
    const b = el.getBoundingClientRect();
    if (rects.some((r) => r.left < b.right - 1 && b.left < r.right - 1 &&
                          r.top < b.bottom - 1 && b.top < r.bottom - 1)) {
      overlaps.push((el.getAttribute("aria-label") || el.textContent).trim());
    }
  }
  return {lines: rects.length, overlaps};
}"""

#: All of the above in one call: the mode shown, the site title, the overflow, the layout.
SHOWN_JS = f"""() => ({{
  theme: document.documentElement.dataset.theme,
  title: ({TITLE_OVERLAP_JS})(),
  overflow: ({OVERFLOW_JS})(),
  layout: ({LAYOUT_JS})(),
}})"""

#: axe-core, as axe-playwright-python ships it; loaded into every page before its scripts.
AXE = Axe().axe_script


def violations(page: Any, within: str | None = None) -> list[str]:
    """axe-core's violations on ``page`` (every rule it runs by default), one line each;
    only in the element ``within`` (a CSS selector) if given."""
    found = []
    context = "document" if within is None else json.dumps({"include": [[within]]})
    script = f"axe.run({context}, {{resultTypes: ['violations']}})"
    for rule in page.evaluate(script)["violations"]:
        for node in rule["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            found.append(f"axe {rule['id']} ({rule['impact']}): {target}: {rule['help']}")
    return found


#: The two pairs of the survey: each page is loaded in both combinations of one pair.
#: Each combination loads the page afresh, as that visitor would: the theme makes what
#: scrolls sideways focusable as the page loads, and its colours ease from one mode to
#: the other, so a page switched in place is not what a visitor in that mode gets.
PAIRS = [(("light", DESKTOP), ("dark", PHONE)), (("dark", DESKTOP), ("light", PHONE))]
PAIR_IDS = ["light-desktop+dark-phone", "dark-desktop+light-phone"]
#: Pages made by one template from data, of which a sample is surveyed: the few longest,
#: and the one with the longest name (a heading that could run off a phone).
SAMPLE = 3


#: Pages Sphinx and the theme make from one template on every site, whatever its content.
GENERIC = {"404.html", "genindex.html", "search.html"}


def _sampled(site: Path, family: list[str]) -> set[str]:
    """The pages of ``family`` (one template, different data) that the survey visits."""
    if len(family) <= SAMPLE + 1:
        return set(family)
    by_size = sorted(family, key=lambda name: (site / name).stat().st_size, reverse=True)
    return set(by_size[:SAMPLE]) | {max(family, key=len)}


def surveyed(site: Path, pages: list[str], pair: int, site_name: str = "repo") -> list[str]:
    """The home page, and every other page of ``pages`` (from ``pair``) with the tag and
    paper pages sampled and the generic pages left to this repository's site (see the
    module's docstring)."""
    if site_name != "repo":
        pages = [name for name in pages if name not in GENERIC]
    tags = [name for name in pages if name.startswith("tags/") and name != "tags/index.html"]
    papers = [name for name in pages if 'class="folio-paper"' in (site / name).read_text("utf-8")]
    skipped = set(tags) - _sampled(site, tags) | set(papers) - _sampled(site, papers)
    pages = [name for name in pages if name not in skipped]
    return [name for index, name in enumerate(pages) if index == 0 or index % 2 == pair]


def check(page: Any, visitor: Visit, mode: str, width: int) -> tuple[list[str], int | None]:
    """What is wrong with the page as shown now, and where its content column starts."""
    found = []
    shown = page.evaluate(SHOWN_JS)
    if shown["theme"] != mode:
        found.append(f"shown in {shown['theme']!r} mode, not {mode!r}")
    found += violations(page)
    if shown["title"]["lines"] < 1:
        found.append("no site title in the navbar")
    found += [f"the site title runs over {control!r}" for control in shown["title"]["overlaps"]]
    # No element wider than the viewport, at either width.
    found += [f"scrolls sideways: {el}" for el in shown["overflow"]]
    layout = shown["layout"]
    found += [
        f"a card's text touches its border (padding {padding} px)"
        for padding in layout["cardPadding"]
        if padding <= 0
    ]
    if width == PHONE:
        if layout["picture"] > 0.4 * PHONE:
            found.append(f"the profile picture is {layout['picture']:.0f} px wide")
        if layout["scrollMaxHeight"] not in (None, "none"):
            found.append(f"a scroll box clips the news ({layout['scrollMaxHeight']})")
    found += [f"console error: {error}" for error in visitor.console_errors]
    found += [f"request left 127.0.0.1: {url}" for url in visitor.external]
    found += [f"request failed: {response}" for response in visitor.failed]
    # The theme's icons are SVG masks (sphinx_folio_icons.css): Font Awesome's script
    # and 112 KB webfont would be fetched for nothing.
    found += [f"fetched {url}" for url in visitor.requested if "fontawesome" in url]
    for record in (visitor.console_errors, visitor.external, visitor.failed):
        record.clear()
    visitor.requested.clear()
    return found, layout["x"]


@pytest.mark.parametrize("pair", [0, 1], ids=PAIR_IDS)
@pytest.mark.parametrize("site", SITES, indirect=True)
def test_every_page(
    pair: int,
    site_name: str,
    site: Path,
    pages: list[str],
    base_url: str,
    visit: Callable[..., Visit],
    screenshots: Path,
) -> None:
    shoot = os.environ.get("FOLIO_SCREENSHOTS") == "1"
    (mode, width), _ = PAIRS[pair]
    # The theme follows the system setting: the context's, then the page's emulation.
    visitor = visit(viewport={"width": width, "height": 900}, color_scheme=mode)
    visitor.context.add_init_script(script=AXE)
    page = visitor.page()
    problems: list[str] = []
    column_x: dict[str, int] = {}
    for name in surveyed(site, pages, pair, site_name):
        for shown_mode, shown_width in PAIRS[pair]:
            page.emulate_media(color_scheme=shown_mode)
            page.set_viewport_size({"width": shown_width, "height": 900})
            page.goto(base_url + name, wait_until="load")
            found, x = check(page, visitor, shown_mode, shown_width)
            if shown_width == DESKTOP and x is not None:
                column_x[name] = x
            if shoot:
                slug = name.removesuffix(".html").replace("/", "--")
                if site_name != "repo":
                    slug = f"{site_name}--{slug}"
                shot = screenshots / f"{slug}-{shown_mode}-{shown_width}.png"
                page.screenshot(path=shot, full_page=True)
            problems += [f"{name} ({shown_mode}, {shown_width} px): {p}" for p in found]
    if len(set(column_x.values())) > 1:
        # One content column: at desktop width it starts at the same x on every page.
        home = column_x.get(pages[0])
        problems += [
            f"{name}: the content column starts at x={x}, not {home} as on the home page"
            for name, x in column_x.items()
            if x != home
        ]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
