"""al-folio's ``_pages/``: each page converted to a page of the new site, or named in the report.

The about page is the home page (importer). Pages whose permalink is one of al-folio's
indexes (publications, projects, news, blog, CV) map onto sphinx-folio's generated pages.
A page built by Liquid loops over ``site.data`` or a collection, a profiles page and a
dropdown menu cannot be converted as they are: the report says what to do instead. Any
other page (teaching, people written by hand, a workshop's call) is converted.
"""

from __future__ import annotations

import dataclasses as dc
import re
from pathlib import Path

from .assets import PAGES, inside
from .files import Page, excluded, read_page_or_report
from .html import html_to_text
from .items import first_heading
from .report import Report

_LOOP = re.compile(r"\{%-?\s*for\s+\w+\s+in\s+")
_SITE = re.compile(r"\bsite\.(data\.\w+|\w+)")
_NOT_LISTS = {"baseurl", "url", "title", "description", "time", "github", "email"}
_OURS = {"posts": "posts", "news": "news", "projects": "projects"}


@dc.dataclass
class PagePlan:
    page: Page
    target: str
    title: str


def _key(page: Page, path: Path) -> str:
    permalink = str(page.meta.get("permalink") or "").strip().strip("/")
    permalink = re.sub(r"(/index)?\.html$", "", permalink)
    return permalink or path.stem


def plan_pages(
    source: Path, about: Path | None, taken: set[str], report: Report
) -> tuple[list[PagePlan], dict[str, str]]:
    """Pages to convert, and every al-folio permalink -> new page (for links)."""
    folder = source / "_pages"
    plans: list[PagePlan] = []
    permalinks: dict[str, str] = {}
    if not folder.is_dir():
        return plans, permalinks
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in (".md", ".markdown", ".html"):
            continue
        if about is not None and path.resolve() == about.resolve():
            continue
        rel = path.relative_to(source).as_posix()
        if not inside(source, path):
            report.note(rel, None, "symbolic link to a file outside the al-folio site; not read")
            continue
        if excluded(source, rel):
            report.note(rel, None, "listed in _config.yml's exclude:; not imported")
            continue
        page = read_page_or_report(path, rel, report)
        if page is None:
            continue
        meta = page.meta
        if meta.get("published") is False:
            report.note(rel, page.line_of("published"), "draft (published: false); not imported")
            continue
        key = _key(page, path)
        title = html_to_text(
            str(
                meta.get("title") or first_heading(page.body) or path.stem.replace("_", " ").title()
            )
        )
        layout = str(meta.get("layout") or "")
        mapped = PAGES.get(key) or PAGES.get(path.stem)
        if key in ("404", "404.html") or path.stem == "404":
            report.note(rel, None, "404 page not converted: the new site has its own")
            continue
        if mapped is not None and mapped != "index.md":
            permalinks[key] = permalinks[path.stem] = mapped
            permalinks[f"_pages/{path.name}"] = mapped
            report.done(f"{rel} -> {mapped} (sphinx-folio's own {key or 'home'} page)")
            continue
        if meta.get("dropdown") or layout == "dropdown" or "children" in meta:
            children = [
                str(c.get("title")) for c in meta.get("children") or [] if isinstance(c, dict)
            ]
            shown = ", ".join(c for c in children if c and c != "divider")
            report.note(
                rel,
                page.line_of("children") if "children" in meta else None,
                "dropdown menu not converted: the navbar lists pages, not menus"
                + (
                    f"; its entries ({shown}) are imported as pages where they exist"
                    if shown
                    else ""
                ),
            )
            continue
        if layout == "profiles" or "profiles" in meta:
            report.note(
                rel,
                page.line_of("profiles") if "profiles" in meta else page.line_of("layout"),
                "profiles page (layout: profiles) not converted: write each profile as a "
                "section of a Markdown page, or put the owner's on the home page",
            )
            continue
        if meta.get("redirect"):
            report.note(rel, page.line_of("redirect"), "redirect page not converted")
            continue
        if not page.body.strip():
            data = [k for k, v in meta.items() if isinstance(v, list | dict)]
            report.note(
                rel,
                page.line_of(data[0]) if data else page.line_of("layout"),
                f"page has no text of its own (layout {layout or 'none'!r} draws it"
                + (f" from front matter {', '.join(data)}" if data else "")
                + "); not converted: write its content as Markdown",
            )
            continue
        loop = _LOOP.search(page.body)
        if loop:
            line = page.body_line + page.body.count("\n", 0, loop.start())
            report.note(rel, line, _loop_advice(page.body))
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", (key.rsplit("/", 1)[-1] or path.stem).lower()).strip("-")
        target = f"{slug or 'page'}.md"
        while target in taken:
            target = f"page-{target}"
        taken.add(target)
        permalinks[key] = permalinks[path.stem] = target
        permalinks[f"_pages/{path.name}"] = target
        plans.append(PagePlan(page, target, title))
    return plans, permalinks


def _loop_advice(body: str) -> str:
    """What a page built by Liquid loops reads, and what to do instead."""
    read = [w for w in dict.fromkeys(_SITE.findall(body)) if w not in _NOT_LISTS]
    advice: list[str] = []
    for what in read:
        if what.startswith("data."):
            advice.append(f"write _data/{what[5:]}.yml as Markdown (a section or row per entry)")
        elif what in _OURS:
            advice.append(f"a {{listing}} {_OURS[what]} directive lists site.{what}")
        else:
            advice.append(f"write the _{what}/ collection's entries as sections of a page")
    shown = ", ".join(f"site.{w}" for w in read) or "the page's own data"
    return f"page built by Liquid loops over {shown}; not converted: " + (
        "; ".join(advice) or "write its content as Markdown"
    )
