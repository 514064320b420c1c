"""A collection of the site's own (a lab's ``_people``, ``_books``, ``_talks``) -> pages.

Each entry becomes ``<name>/<entry>.md`` (its title, position or description, photo and
text); ``<name>/index.md`` links them all.
"""

from __future__ import annotations

from pathlib import Path

from .assets import Assets
from .body import convert_body, heading_levels
from .files import Page
from .html import html_to_text, markdown_text
from .report import Report
from .writer import Output, toctree


def write_section(
    name: str,
    files: list[tuple[Path, Page]],
    assets: Assets,
    report: Report,
    output: Output,
) -> str:
    """A collection of its own (``_people``) -> ``name/<entry>.md`` pages and their index."""
    entries: list[tuple[str, str]] = []
    for path, page in files:
        rel = page.rel
        meta = page.meta
        title = html_to_text(str(meta.get("title") or meta.get("name") or path.stem))
        lines = [f"# {markdown_text(title)}\n"]
        for key in ("position", "role", "subtitle", "description"):
            if isinstance(meta.get(key), str) and meta[key].strip():
                lines.append(markdown_text(html_to_text(meta[key])) + "\n")
                break
        for key in ("image", "img", "photo", "thumbnail"):
            if isinstance(meta.get(key), str) and meta[key].strip():
                copied = assets.copy(meta[key], rel, page.line_of(key), name, "assets/img")
                if copied is not None:
                    lines.append(f"![{markdown_text(title)}]({copied})\n")
                break
        body = convert_body(page.body, rel, page.body_line, name, assets, lambda _stem: None)
        if body.strip():
            lines.append(heading_levels(body, 2))
        output.add(f"{name}/{path.stem}.md", "\n".join(lines), (rel, page.body_line))
        entries.append((path.stem, title))
        report.done(f"{rel} -> {name}/{path.stem}.md")
    heading = name.replace("_", " ").replace("-", " ").capitalize()
    links = "".join(f"- [{markdown_text(title)}]({stem}.md)\n" for stem, title in entries)
    return f"# {heading}\n\n{links}\n" + toctree([stem for stem, _ in entries])
