"""``_news``, ``_posts`` and ``_projects`` -> collection items of the new site."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..dates import DateError, PartialDate
from ..urls import refused, safe_url
from .assets import Assets
from .files import Page, read_page_or_report
from .html import html_to_text
from .report import Report

COLLECTIONS = {"_news": "news", "_posts": "posts", "_projects": "projects"}

#: Front matter keys that only steer al-folio's layout; nothing to carry over.
PRESENTATION = {
    "layout", "permalink", "inline", "show", "giscus_comments", "disqus_comments",
    "related_posts", "related_publications", "toc", "featured", "pretty_table", "tabs",
    "mermaid", "chart", "tikzjax", "typograms", "pseudocode", "code_diff", "map",
    "images", "pagination", "sitemap", "comments", "og_image", "toc_sidebar", "nav",
    "nav_order", "horizontal", "hidden", "enable_math", "math", "_styles", "scrollable",
}  # fmt: skip

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


@dc.dataclass
class Item:
    collection: str
    stem: str
    source: str
    meta: dict[str, Any]
    page: Page

    @property
    def target(self) -> str:
        return f"{self.collection}/{self.stem}.md"


def date_of(value: Any, file: str, report: Report, line: int | None) -> str | None:
    """An al-folio date or datetime -> YYYY-MM-DD (or the YYYY / YYYY-MM it gives)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    try:
        return PartialDate.parse_prefix("" if value is None else str(value)).iso
    except DateError as error:
        what = "a real date" if error.impossible else "a date"
        report.note(file, line, f"date {value!r} is not {what} ({error.reason}); left out")
        return None


def _words(value: Any) -> list[str]:
    """al-folio tags/categories: a space-separated string or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _short(text: str, limit: int = 100) -> str:
    """The first sentence of ``text``, cut at a word when longer than ``limit``."""
    text = " ".join(text.split())
    sentence = re.match(r"^(.+?[.!?])(\s|$)", text)
    if sentence and len(sentence.group(1)) <= limit:
        return sentence.group(1)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _plain(markdown: str) -> str:
    """Markdown (and HTML) of a short announcement -> plain text for a title."""
    # A title is one sentence: the first lines are enough, and a bounded input keeps
    # the HTML parser and the patterns below linear whatever the announcement holds.
    text = html_to_text(markdown[:2000])
    text = re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", text)
    text = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", text)
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", "", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def read_items(source: Path, assets: Assets, report: Report) -> list[Item]:
    items: list[Item] = []
    for folder, collection in COLLECTIONS.items():
        base = source / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix.lower() not in (".md", ".markdown", ".html") or not path.is_file():
                continue
            rel = path.relative_to(source).as_posix()
            if any(part.startswith(".") for part in path.relative_to(base).parts):
                continue
            item = _read(path, rel, collection, assets, report)
            if item is not None:
                items.append(item)
    return items


def _read(path: Path, rel: str, collection: str, assets: Assets, report: Report) -> Item | None:
    page = read_page_or_report(path, rel, report)
    if page is None:
        return None
    meta = page.meta
    if meta.get("published") is False:
        report.note(rel, page.line_of("published"), "draft (published: false); not imported")
        return None
    stem = path.stem
    file_date = _FILE_DATE.match(stem)
    out: dict[str, Any] = {}
    used = {"published", "title", "date", "description", "tags", "categories", "category"}

    # title
    title = html_to_text(str(meta["title"])) if meta.get("title") else ""
    if not title and collection == "news":
        title = _short(_plain(page.body))
    if not title:
        title = stem.replace("_", " ").replace("-", " ")
        report.note(rel, 1, f"no title; used {title!r}")
    out["title"] = title

    # date
    if meta.get("date") is not None:
        date = date_of(meta["date"], rel, report, page.line_of("date"))
    elif file_date:
        date = file_date.group(1)
    else:
        date = None
        if collection != "projects":
            report.note(rel, 1, "no date; the item is listed without one")
    if date:
        out["date"] = date

    if meta.get("description"):
        out["summary"] = html_to_text(str(meta["description"]))

    tags = _words(meta.get("tags")) + _words(meta.get("categories")) + _words(meta.get("category"))
    if tags:
        out["tags"] = list(dict.fromkeys(tags))

    doc_dir = collection
    image_key = "img" if collection == "projects" else "thumbnail"
    for key in ("img", "thumbnail", "preview"):
        if meta.get(key):
            used.add(key)
            if key != image_key and "image" in out:
                continue
            copied = assets.copy(str(meta[key]), rel, page.line_of(key), doc_dir, "assets/img")
            if copied is not None:
                out["image"] = copied

    if meta.get("github"):
        used.add("github")
        repo = str(meta["github"]).strip()
        url = (
            repo
            if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:|//", repo)
            else f"https://github.com/{repo}"
        )
        if safe_url(url, relative=False) is not None:
            out["repository"] = url
        else:
            report.note(rel, page.line_of("github"), f"github: {refused(url)}; left out")

    if meta.get("redirect"):
        used.add("redirect")
        target = str(meta["redirect"]).strip()
        web = safe_url(target, relative=False) is not None
        if web and collection == "posts":
            out["external_url"] = target
        elif web:
            out["links"] = {"Website": target}
        else:
            report.note(
                rel,
                page.line_of("redirect"),
                f"redirect to {target!r} inside the al-folio site; not converted",
            )

    if collection == "projects" and "importance" in meta:
        used.add("importance")
        report.note(
            rel, page.line_of("importance"), "importance (card order) has no counterpart; left out"
        )

    for key in meta:
        if key not in used and key not in PRESENTATION:
            report.note(
                rel, page.line_of(key), f"front matter key {key!r} has no counterpart; left out"
            )

    return Item(collection, stem, rel, out, page)
