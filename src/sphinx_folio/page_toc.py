"""The page's frame: one content column on every page, and an "On this page" that is complete.

- pydata-sphinx-theme drops the right-hand column on a page without sections, and then
  centres the content column, so the column starts at another x position on every other
  page. Here a page whose column would be empty gets an invisible spacer instead, so the
  column is there on every page, or (a site that turns it off) on none.
- The home page's sections drawn by directives (``{announcements}``, ``{latest-posts}``,
  ``{selected-publications}``) are not docutils sections (a directive cannot make
  one), so Sphinx's table of contents misses them. They are added here, in page order,
  from the page as written, so a section left out at write time (no news yet) is not listed.
  A publication list's groups (the years) are listed too, on a page with no sections of
  its own.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from bs4 import BeautifulSoup
from sphinx.application import Sphinx

from .escaping import html

SPACER = "folio-sidebar-spacer.html"

#: A section a directive draws: an element with one of these classes whose first child is
#: a heading; the element or the heading carries the id.
DRAWN_SECTION = re.compile(
    r'<(?:div|section) class="(?:folio-home-section|folio-selected-publications)[^"]*"'
    r"(?P<attrs>[^>]*)>\s*<h[2-6](?P<hattrs>[^>]*)>(?P<title>.*?)</h[2-6]>",
    re.DOTALL,
)
ID = re.compile(r'\bid="([^"]+)"')
#: A publication list's groups ("In progress", the years): listed on a page that has no
#: sections of its own (the publications page), not nested in another page's sections.
GROUP = re.compile(
    r'<section class="folio-pub-group"(?P<attrs>[^>]*)>\s*<h[2-6](?P<hattrs>[^>]*)>'
    r"(?P<title>.*?)</h[2-6]>",
    re.DOTALL,
)
SECTION_ID = re.compile(r'<section id="([^"]+)"')
TAG = re.compile(r"<[^>]+>")


def _keep_column(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if context.get("secondary_sidebar_items") == [] and context.get(
        "theme_secondary_sidebar_items"
    ):
        context["secondary_sidebar_items"] = [SPACER]


def _drawn_sections(
    body: str, pattern: re.Pattern[str] = DRAWN_SECTION
) -> list[tuple[int, str, str]]:
    """(position, id, title as text) of each section a directive drew into ``body``."""
    found = []
    for match in pattern.finditer(body):
        anchor = ID.search(match["hattrs"]) or ID.search(match["attrs"])
        if anchor is not None:
            title = unescape(TAG.sub("", match["title"])).strip()
            found.append((match.start(), unescape(anchor.group(1)), title))
    return found


def _complete_toc(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = str(context.get("body", ""))
    toc = context.get("toc")
    if not toc or not any(
        name in body
        for name in ("folio-home-section", "folio-selected-publications", "folio-pub-group")
    ):
        return
    soup = BeautifulSoup(toc, "html.parser")
    top = soup.find("ul")
    if top is None:
        return
    # The page's own title is the one top entry; its sections are the list under it.
    first = top.find("li", recursive=False)
    if first is None:
        return
    inner = first.find("ul", recursive=False)
    if inner is None:
        inner = soup.new_tag("ul")
        first.append(inner)
    entries = {}
    for li in inner.find_all("li", recursive=False):
        link = li.find("a")
        href = str(link.get("href", "")) if link else ""
        entries[href.lstrip("#")] = li.extract()
    drawn = _drawn_sections(body)
    if not entries:
        drawn += _drawn_sections(body, GROUP)
    if not drawn:
        return
    positions = {m.group(1): m.start() for m in SECTION_ID.finditer(body)}
    ordered: list[tuple[int, Any]] = []
    for anchor, li in entries.items():
        ordered.append((positions.get(anchor, len(body)), li))
    for position, anchor, title in drawn:
        new = BeautifulSoup(
            f'<li><a class="reference internal" href="#{html(anchor)}">{html(title)}</a></li>',
            "html.parser",
        ).li
        ordered.append((position, new))
    for _position, li in sorted(ordered, key=lambda pair: pair[0]):
        inner.append(li)
    context["toc"] = str(soup)


def setup_page_toc(app: Sphinx) -> None:
    # After pydata-sphinx-theme has chosen the page's sidebar items (priority 500).
    app.connect("html-page-context", _keep_column, priority=800)
    # Before it, too: it renders the page's contents once to see whether they are empty,
    # and the theme caches that rendering.
    app.connect("html-page-context", _complete_toc, priority=450)
