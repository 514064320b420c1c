"""The body of an al-folio page -> MyST Markdown for the new site."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..urls import refused, safe_url
from .assets import Assets
from .fences import plain_fences
from .footnotes import fix_footnotes
from .html import html_to_markdown
from .liquid import UNRESOLVED, Translator

_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]"
    r"\((?P<url><[^>\n]*>|(?:[^()\s]|\([^()\s]*\))+"
    # a file name with spaces, as Jekyll (kramdown) takes it: [slides](/pdf/Week 1.pdf)
    r"|(?:[^()\n<>\"\[\]]|\([^()\n]*\))+?\.[A-Za-z0-9]{2,5})(?P<title>\s+\"[^\"\n]*\")?\)"
)
_CODE = re.compile(r"^(```+|~~~+)[^\n]*\n.*?^\1[ \t]*$|`[^`\n]+`", re.DOTALL | re.MULTILINE)


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

    def one(match: re.Match[str]) -> str:
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

    text = _outside_code(text, lambda chunk: re.sub(r"\n{3,}", "\n\n", _LINK.sub(one, chunk)))
    text = _outside_code(text, lambda chunk: chunk.replace(UNRESOLVED, ""))
    text = _outside_code(text, _one_rule)
    # A page may neither begin nor end with a rule (docutils refuses a transition there).
    rule = r"(?:[ \t]*(?:[-*_][ \t]*){3,}\n|\s*\n)*"
    text = re.sub(r"\A" + rule, "", text.strip("\n") + "\n")
    text = re.sub(r"\n(?:[ \t]*(?:[-*_][ \t]*){3,}\s*)+\Z", "\n", text)
    return text.strip("\n") + "\n"


def _anchors(text: str) -> set[str]:
    """Anchors of the page's headings, as MyST makes them (``myst_heading_anchors``)."""
    from myst_parser.mdit_to_docutils.base import default_slugify

    found = re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, flags=re.MULTILINE)
    found += re.findall(r"\(\s*#([\w-]+)\s*\)=", text)
    return {default_slugify(h) for h in found} | set(found)


def _one_rule(chunk: str) -> str:
    """Rules (---, ***) with nothing between them: one is enough (docutils refuses two)."""
    return re.sub(
        r"^([-*_])(?:[ \t]*\1){2,}[ \t]*\n(?:\s*\n)*(?=[-*_](?:[ \t]*[-*_]){2,}[ \t]*$)",
        "",
        chunk,
        flags=re.MULTILINE,
    )


def _external(url: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^#", url))


def _outside_code(text: str, fn: Callable[[str], str]) -> str:
    out: list[str] = []
    last = 0
    for match in _CODE.finditer(text):
        out.append(fn(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(fn(text[last:]))
    return "".join(out)


_HEADING = re.compile(r"^(#{1,6})(\s.*)$")


def _headings(lines: list[str]) -> list[re.Match[str] | None]:
    """For each line, its ATX heading match, or None: markdown-it-py's CommonMark parse
    says which lines are headings (not those in code fences, code blocks or HTML blocks)."""
    from markdown_it import MarkdownIt

    starts = {
        token.map[0]
        for token in MarkdownIt("commonmark").parse("\n".join(lines))
        if token.type == "heading_open" and token.markup.startswith("#") and token.map
    }
    return [_HEADING.match(line) if i in starts else None for i, line in enumerate(lines)]


def heading_levels(text: str, top: int) -> str:
    """Shift ATX headings so the body starts at level ``top`` and never skips a level."""
    lines = text.split("\n")
    headings = _headings(lines)
    levels = [len(m.group(1)) for m in headings if m]
    if not levels:
        return text
    low = min(levels)
    out: list[str] = []
    previous = top - 1
    for line, m in zip(lines, headings, strict=True):
        if m:
            level = min(len(m.group(1)) - low + top, previous + 1, 6)
            previous = level
            line = "#" * level + m.group(2)
        out.append(line)
    return "\n".join(out)
