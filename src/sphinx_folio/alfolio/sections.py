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
from .items import first_heading
from .report import Report
from .writer import Output, toctree


def unique_stems(paths: list[Path]) -> list[str]:
    """A page name for each file, never one twice nor ``index`` (the section's own page):
    ``_classes/e91/index.md`` is ``e91``; a second ``talk.md`` in another folder is
    ``<folder>-talk``."""
    taken = {"index"}
    out: list[str] = []
    for path in paths:
        stem = path.stem
        if stem.lower() in ("index", "readme"):
            stem = path.parent.name
        if stem.lower() in taken:
            stem = f"{path.parent.name}-{path.stem}"
        base, number = stem, 2
        while stem.lower() in taken:
            stem, number = f"{base}-{number}", number + 1
        taken.add(stem.lower())
        out.append(stem)
    return out


def write_section(
    name: str,
    files: list[tuple[Path, Page]],
    assets: Assets,
    report: Report,
    output: Output,
) -> str:
    """A collection of its own (``_people``) -> ``name/<entry>.md`` pages and their index."""
    entries: list[tuple[str, str]] = []
    stems = unique_stems([path for path, _ in files])
    for (path, page), stem in zip(files, stems, strict=True):
        rel = page.rel
        meta = page.meta
        title = html_to_text(
            str(meta.get("title") or meta.get("name") or first_heading(page.body) or path.stem)
        )
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
        output.add(f"{name}/{stem}.md", "\n".join(lines), (rel, page.body_line))
        entries.append((stem, title))
        report.done(f"{rel} -> {name}/{stem}.md")
    heading = name.replace("_", " ").replace("-", " ").capitalize()
    links = "".join(f"- [{markdown_text(title)}]({stem}.md)\n" for stem, title in entries)
    return f"# {heading}\n\n{links}\n" + toctree([stem for stem, _ in entries])
