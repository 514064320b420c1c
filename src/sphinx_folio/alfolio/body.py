"""The body of an al-folio page -> MyST Markdown for the new site."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..urls import refused, safe_url
from .assets import Assets
from .emoji import emojize
from .fences import plain_fences
from .footnotes import fix_footnotes
from .html import html_to_markdown
from .liquid import UNRESOLVED, Translator
from .scan import (
    atx_heading,
    fences,
    no_rule_after_heading,
    one_rule,
    regions_outside,
    strip_edge_rules,
)

# Each part is bounded (text 1,000, URL 2,000 characters, no "[" inside the text): an
# unclosed "[" or "(" then costs a bounded look-ahead, not a scan to the end of the line.
_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,1000})\]"
    r"\((?P<url><[^<>\n]{0,2000}>|(?:[^()\s]|\([^()\s]{0,2000}\)){1,2000}"
    # a file name with spaces, as Jekyll (kramdown) takes it: [slides](/pdf/Week 1.pdf)
    r"|(?:[^()\n<>\"\[\]]|\([^()\n]{0,2000}\)){1,2000}?\.[A-Za-z0-9]{2,5})"
    r"(?P<title>[ \t]+\"[^\"\n]{0,1000}\")?\)"
)
_INNER_IMAGE = re.compile(r"!\[([^\[\]\n]{0,200})\]\(([^()\s]{1,2000})\)")
_EMPTY_LINK = re.compile(r"(?<!!)\[([^\[\]\n]{0,1000})\]\([ \t]*\)")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_HEADING_LINE = re.compile(r"^ {0,3}#[^\n]*", re.MULTILINE)


def convert_body(
    text: str,
    file: str,
    first_line: int,
    doc_dir: str,
    assets: Assets,
    post_page: Callable[[str], str | None],
) -> str:
    """Liquid translated, HTML turned into Markdown, links and images pointed at the copies.

    Notes carry the line of the al-folio file: the line where the reference first
    appears in the original text.
    """
    original = text

    def line_of(needle: str, fallback: int) -> int:
        at = original.find(needle)
        return first_line + original.count("\n", 0, at) if at >= 0 else fallback

    translator = Translator(assets, file, first_line, doc_dir, post_page)
    text = translator(text)
    problems: list[tuple[int, str]] = []
    text = html_to_markdown(text, lambda line, msg: problems.append((line, msg)))
    text = plain_fences(text, lambda line, msg: problems.append((line, msg)), assets.drawn)
    text = _outside_code(
        text, lambda chunk: fix_footnotes(chunk, lambda line, msg: problems.append((line, msg)))
    )
    for line, message in problems:
        assets.report.note(file, first_line + line - 1, message)

    anchors = _anchors(text)

    def inner_image(match: re.Match[str]) -> str:
        """An image inside a link's text, from another host: its alt text (the link stays)."""
        if not _external(match.group(2)):
            return match.group(0)
        assets.report.note(
            file,
            line_of(match.group(2), first_line),
            f"image {match.group(2)!r} is on another host; its alt text is shown instead",
        )
        return match.group(1) or "image"

    def one(match: re.Match[str]) -> str:
        if not match.group("bang") and "![" in match.group("text"):
            text = _INNER_IMAGE.sub(inner_image, match.group("text"))
            if text != match.group("text"):
                start, end = (i - match.start() for i in match.span("text"))
                whole = match.group(0)
                rewritten = whole[:start] + text + whole[end:]
                again = _LINK.fullmatch(rewritten)
                return one(again) if again is not None else rewritten
        url = match.group("url").strip("<>")
        if UNRESOLVED in url:  # reported where the Liquid tag was read
            return match.group("text")
        if url.startswith("#"):
            if url[1:] in anchors:
                return match.group(0)
            assets.report.note(
                file, line_of(url, first_line), f"link to {url!r}: no such heading; left as text"
            )
            return match.group("text")
        if _external(url) and safe_url(url, mailto=True) is None:
            assets.report.note(file, line_of(url, first_line), f"link {refused(url)}; kept as text")
            return match.group("text")
        if match.group("bang") and _external(url):
            # Shown, it would be fetched from that host on every visit: a link instead.
            assets.report.note(
                file,
                line_of(url, first_line),
                f"image {url!r} is on another host; linked, not shown (copy it into the "
                "site to show it)",
            )
            return f"[{match.group('text') or 'image'}]({url})"
        if _external(url) or url in translator.produced:
            return match.group(0)
        line = line_of(url, first_line)
        if match.group("bang"):
            new = assets.copy(url, file, line, doc_dir)
        else:
            new = assets.link(url, file, line, doc_dir)
        if new is None:  # a missing image: never a broken image, keep the alt text
            return match.group("text")
        if re.search(r"\s", new):
            new = f"<{new}>"
        return f"{match.group('bang')}[{match.group('text')}]({new}{match.group('title') or ''})"

    def empty(match: re.Match[str]) -> str:
        assets.report.note(
            file, line_of(match.group(0), first_line), "link with no target; left as text"
        )
        return match.group(1)

    text = _outside_code(text, lambda chunk: re.sub(r"\n{3,}", "\n\n", _LINK.sub(one, chunk)))
    text = _outside_code(text, lambda chunk: _EMPTY_LINK.sub(empty, chunk))
    text = _outside_code(text, lambda chunk: chunk.replace(UNRESOLVED, ""))
    unknown: set[str] = set()
    text = _outside_code(text, lambda chunk: emojize(chunk, unknown))
    for name in sorted(unknown)[:1]:  # one note a page is enough to say what to do
        assets.report.note(
            file,
            line_of(f":{name}:", first_line),
            f"emoji shortcode :{name}: is not one the importer knows; kept as written",
        )
    text = _outside_code(text, lambda chunk: no_rule_after_heading(one_rule(chunk)))
    # A page may neither begin nor end with a rule (docutils refuses a transition there).
    return strip_edge_rules(text).strip("\n") + "\n"


def _anchors(text: str) -> set[str]:
    """Anchors of the page's headings, as MyST makes them (``myst_heading_anchors``)."""
    from myst_parser.mdit_to_docutils.base import default_slugify

    lines = (m.group(0) for m in _HEADING_LINE.finditer(text))
    found = [h[1] for h in map(atx_heading, lines) if h and h[1]]
    found += re.findall(r"^\([ \t]*#([\w-]+)[ \t]*\)=", text, flags=re.MULTILINE)
    return {default_slugify(h) for h in found} | set(found)


def _external(url: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^#", url))


def _code_regions(text: str) -> list[tuple[int, int]]:
    """Fenced blocks (an unclosed one runs to the end) and one-line code spans."""
    regions = [(f.start, f.end) for f in fences(text, unclosed=True)]
    spans: list[tuple[int, int]] = []
    for inside, start, end in regions_outside(text, regions):
        if not inside:
            spans += [m.span() for m in _INLINE_CODE.finditer(text, start, end)]
    return regions + spans


def _outside_code(text: str, fn: Callable[[str], str]) -> str:
    out: list[str] = []
    for inside, start, end in regions_outside(text, _code_regions(text)):
        out.append(text[start:end] if inside else fn(text[start:end]))
    return "".join(out)


def _headings(lines: list[str]) -> list[tuple[int, str] | None]:
    """For each line, its ATX heading (level, text), or None: lines inside fenced code
    and indented code are no headings. Read line by line (linear; markdown-it's parse
    of a whole page took seconds on 200 kB of brackets)."""
    out: list[tuple[int, str] | None] = []
    mark = ""
    blank_before = True
    for line in lines:
        if mark:
            out.append(None)
            stripped = line.lstrip(" \t")
            if stripped.startswith(mark) and not stripped.lstrip(mark[0]).strip():
                mark = ""
            continue
        opened = fences(line + "\n", unclosed=True)
        if opened and opened[0].start == 0 and not opened[0].closed:
            mark = opened[0].mark
            out.append(None)
            continue
        indented = line.startswith(("    ", "\t")) and blank_before
        heading = None if indented else atx_heading(line)
        out.append(heading if heading and heading[1] else None)
        blank_before = not line.strip() or (blank_before and indented)
    return out


def heading_levels(text: str, top: int) -> str:
    """Shift ATX headings so the body starts at level ``top`` and never skips a level."""
    if not _HEADING_LINE.search(text):
        return text
    lines = text.split("\n")
    headings = _headings(lines)
    levels = [h[0] for h in headings if h]
    if not levels:
        return text
    low = min(levels)
    out: list[str] = []
    previous = top - 1
    for line, h in zip(lines, headings, strict=True):
        if h:
            level = min(h[0] - low + top, previous + 1, 6)
            previous = level
            line = "#" * level + " " + h[1]
        out.append(line)
    return "\n".join(out)
