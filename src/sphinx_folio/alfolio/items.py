"""``_news``, ``_posts`` and ``_projects`` -> collection items of the new site."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..dates import DateError, PartialDate
from ..urls import refused, safe_url
from .assets import Assets, inside
from .emoji import emojize
from .files import Page, excluded, read_page_or_report
from .html import html_to_text
from .report import Report
from .scan import atx_heading

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


#: Written-out forms Jekyll reads (Ruby's Time.parse): "February 23, 2017", "23 Feb 2017",
#: "2017/02/23", "Feb 23 2017 10:00".
_WRITTEN = (
    "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%d %B, %Y",
    "%d %b, %Y", "%Y/%m/%d", "%Y.%m.%d", "%A, %B %d, %Y", "%a, %d %b %Y", "%B %Y", "%b %Y",
)  # fmt: skip


def _written_out(text: str) -> str | None:
    """A date written out in words -> YYYY-MM-DD (YYYY-MM for "March 2020"), else None."""
    text = text[:80]  # no date is longer; the patterns below then see a bounded text
    words = " ".join(text.replace(".", " ").split()) if not re.match(r"^\d", text) else text
    words = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", words.strip())
    # a time after the date (Feb 23 2017 10:00 +0100) does not change the day
    words = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*([+-]\d{2}:?\d{2}|[A-Z]{2,4}))?$", "", words)
    for form in _WRITTEN:
        try:
            parsed = dt.datetime.strptime(words[:40], form)
        except ValueError:
            continue
        return parsed.date().isoformat()[:7] if "%d" not in form else parsed.date().isoformat()
    return None


def date_of(
    value: Any, file: str, report: Report, line: int | None, fallback: str | None = None
) -> str | None:
    """An al-folio date or datetime -> YYYY-MM-DD (or the YYYY / YYYY-MM it gives).

    As Jekyll reads it: the forms of YAML and of Ruby's Time.parse; when the value is
    no date, ``fallback`` (the date of the file's name), reported.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    text = "" if value is None else str(value)
    try:
        return PartialDate.parse_prefix(text).iso
    except DateError as error:
        written = _written_out(text)
        if written is not None:
            return written
        what = "a real date" if error.impossible else "a date"
        if fallback:
            report.note(
                file,
                line,
                f"date {value!r} is not {what} ({error.reason}); the date of the file's "
                f"name ({fallback}) is used, as Jekyll does",
            )
            return fallback
        report.note(file, line, f"date {value!r} is not {what} ({error.reason}); left out")
        return None


def first_heading(body: str) -> str:
    """The text of the page's first heading (``# x`` or ``<h1>x</h1>``), as plain text."""
    for line in body.split("\n")[:200]:
        heading = atx_heading(line)
        if heading and heading[1]:
            return html_to_text(heading[1]).strip("*_ ")
        html = re.match(r"^\s*<h([1-6])[^<>]*>(.{1,300}?)</h\1>", line)
        if html:
            return html_to_text(html.group(2))
    return ""


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
    text = re.sub(r"[*_`]+", "", emojize(text))
    return " ".join(text.split())


def read_items(source: Path, assets: Assets, report: Report) -> list[Item]:
    items: list[Item] = []
    for folder, collection in COLLECTIONS.items():
        base = source / folder
        if not base.is_dir():
            continue
        found: list[tuple[Path, Item]] = []
        for path in sorted(base.rglob("*")):
            if path.suffix.lower() not in (".md", ".markdown", ".html") or not path.is_file():
                continue
            rel = path.relative_to(source).as_posix()
            if any(part.startswith(".") for part in path.relative_to(base).parts):
                continue
            if not inside(source, path):
                report.note(
                    rel, None, "symbolic link to a file outside the al-folio site; not read"
                )
                continue
            if excluded(source, rel):
                report.note(rel, None, "listed in _config.yml's exclude:; not imported")
                continue
            item = _read(path, rel, collection, assets, report)
            if item is not None:
                found.append((path.relative_to(base), item))
        _unique_stems(found, report)
        items += [item for _, item in found]
    return items


def _unique_stems(found: list[tuple[Path, Item]], report: Report) -> None:
    """One page per item: ``_projects/a/index.md`` and ``_projects/b/index.md`` become
    ``projects/a.md`` and ``projects/b.md``, never one file written twice (nor the
    collection's own ``index.md``)."""
    taken: set[str] = {"index"}
    for below, item in found:
        stem = item.stem
        if stem.lower() in ("index", "readme") and len(below.parts) > 1:
            stem = below.parts[-2]
        if stem.lower() in taken and len(below.parts) > 1:
            stem = "-".join((*below.parts[:-1], below.stem))
        base, number = stem, 2
        while stem.lower() in taken:
            stem = f"{base}-{number}"
            number += 1
        taken.add(stem.lower())
        if stem != item.stem:
            report.note(
                item.source,
                None,
                f"written as {item.collection}/{stem}.md: another file of the collection "
                "has the same name",
            )
            item.stem = stem


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
    if not title:  # Jekyll's rule: the first heading, else the file's name
        title = first_heading(page.body)
    if not title:
        title = stem.replace("_", " ").replace("-", " ")
        report.note(rel, 1, f"no title; used {title!r}")
    out["title"] = title

    # date
    if meta.get("date") is not None:
        fallback = file_date.group(1) if file_date else None
        date = date_of(meta["date"], rel, report, page.line_of("date"), fallback)
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
