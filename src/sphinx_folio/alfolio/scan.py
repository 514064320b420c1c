"""Linear-time scanners for the Markdown and Liquid constructs the importer looks for.

Regular expressions with a lazy ``.*?`` up to a closer, a backreference or nested
quantifiers over the same characters (``(?:[-*_][ \\t]*){3,}\\s*``) backtrack without
bound on text that never closes: a page of dashes took minutes. Everything here reads
the text once, line by line or with ``str.find``, so its cost grows with the text and
nothing else (``tests/alfolio/test_linear.py`` times each on adversarial input).
"""

from __future__ import annotations

import bisect
import dataclasses as dc
import re
from collections.abc import Iterator

_SPACE = " \t"
_NEWLINE = re.compile("\n")
#: Lines that may open or close a fence (anchored, bounded: linear).
_FENCE_LINE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.MULTILINE)


class Lines:
    """Offset -> 1-based line number, by bisection (``text.count`` per match is quadratic)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def is_rule(line: str) -> bool:
    """A thematic break (``---``, ``* * *``, ``___``): three or more of one of ``-*_``,
    spaces and tabs between, at most three spaces before (CommonMark)."""
    stripped = line.strip(_SPACE)
    if len(stripped) < 3 or len(line) - len(line.lstrip(" ")) > 3:
        return False
    char = stripped[0]
    if char not in "-*_":
        return False
    count = 0
    for c in stripped:
        if c == char:
            count += 1
        elif c not in _SPACE:
            return False
    return count >= 3


def is_blank(line: str) -> bool:
    return not line.strip()


def strip_edge_rules(text: str) -> str:
    """The text without rules and blank lines at its start and end (docutils refuses a
    document or section that begins or ends with a transition)."""
    lines = text.split("\n")
    start, end = 0, len(lines)
    while start < end and (is_blank(lines[start]) or is_rule(lines[start])):
        start += 1
    while end > start and (is_blank(lines[end - 1]) or is_rule(lines[end - 1])):
        end -= 1
    return "\n".join(lines[start:end])


#: A line that may be a rule (anchored, bounded): a page without one is left as it is.
_RULE_LINE = re.compile(r"^ {0,3}([-*_])[ \t]*\1[ \t]*\1", re.MULTILINE)


def one_rule(text: str) -> str:
    """Rules with only blank lines between them: the last one is kept (docutils refuses
    two transitions in a row)."""
    if not _RULE_LINE.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    pending: list[str] = []  # a rule and the blank lines after it, not yet written
    for line in lines:
        if is_rule(line):
            pending = [line]
        elif pending and is_blank(line):
            pending.append(line)
        else:
            out += pending
            pending = []
            out.append(line)
    out += pending
    return "\n".join(out)


def no_rule_after_heading(text: str) -> str:
    """A rule right after a heading (blank lines between) left out: docutils refuses a
    section that begins with a transition (an HTML ``<h2>`` then ``<hr>``)."""
    if not _RULE_LINE.search(text):
        return text
    out: list[str] = []
    after_heading = False
    for line in text.split("\n"):
        if after_heading and is_rule(line):
            continue
        if atx_heading(line) is not None:
            after_heading = True
        elif not is_blank(line):
            after_heading = False
        out.append(line)
    return "\n".join(out)


@dc.dataclass(frozen=True)
class Fence:
    """A fenced code block: offsets into the text, and its opening line's parts."""

    start: int
    """Offset of the opening line."""
    body_start: int
    body_end: int
    """Offset of the closing line (the body ends with its newline)."""
    end: int
    """Offset just after the closing fence's marks and spaces (before its newline)."""
    indent: str
    mark: str
    info: str
    closed: bool


def _fence_open(line: str) -> tuple[str, str, str] | None:
    indent_len = len(line) - len(line.lstrip(" \t"))
    if indent_len > 3:
        return None
    rest = line[indent_len:]
    if not rest or rest[0] not in "`~":
        return None
    char = rest[0]
    n = len(rest) - len(rest.lstrip(char))
    if n < 3:
        return None
    info = rest[n:]
    if char == "`" and "`" in info:
        return None
    return line[:indent_len], rest[:n], info


def _fence_closes(line: str, mark: str) -> bool:
    stripped = line.lstrip(" \t")
    if len(line) - len(stripped) > 3 or not stripped.startswith(mark):
        return False
    return not stripped.lstrip(mark[0]).strip(_SPACE)


def fences(text: str, unclosed: bool = False) -> list[Fence]:
    """Every fenced code block. One that is never closed runs to the end of the text
    (CommonMark); it is listed only when ``unclosed`` is true."""
    found: list[Fence] = []
    candidates = iter(_fence_lines(text))
    for offset, line in candidates:
        opened = _fence_open(line)
        if opened is None:
            continue
        indent, mark, info = opened
        body_start = offset + len(line) + 1
        for close_at, close in candidates:
            if _fence_closes(close, mark):
                end = close_at + len(close.rstrip(_SPACE))
                found.append(Fence(offset, body_start, close_at, end, indent, mark, info, True))
                break
        else:
            if unclosed:
                end = len(text)
                found.append(
                    Fence(offset, min(body_start, end), end, end, indent, mark, info, False)
                )
            break
    return found


def _fence_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of the lines that start like a fence; the others cannot matter."""
    for match in _FENCE_LINE.finditer(text):
        end = text.find("\n", match.start())
        yield match.start(), text[match.start() : end if end >= 0 else len(text)]


_TICKS = re.compile(r"`+")


def code_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Inline code spans (a run of backticks closed by a run of the same length), as
    (start, end) offsets. Each opener finds its closer by bisection: linear overall."""
    end = len(text) if end is None else end
    runs: dict[int, list[int]] = {}
    order: list[tuple[int, int]] = []
    for match in _TICKS.finditer(text, start, end):
        n = match.end() - match.start()
        runs.setdefault(n, []).append(match.start())
        order.append((match.start(), n))
    spans: list[tuple[int, int]] = []
    after = start
    for at, n in order:
        if at < after:
            continue
        positions = runs[n]
        i = bisect.bisect_right(positions, at)
        if i < len(positions):
            close = positions[i]
            spans.append((at, close + n))
            after = close + n
    return spans


def regions_outside(text: str, regions: list[tuple[int, int]]) -> Iterator[tuple[bool, int, int]]:
    """(inside a region?, start, end) pieces covering the text, in order."""
    last = 0
    for start, end in sorted(regions):
        if start < last:
            continue
        if start > last:
            yield False, last, start
        yield True, start, end
        last = end
    if last < len(text):
        yield False, last, len(text)


@dc.dataclass(frozen=True)
class Tag:
    """A Liquid tag: ``{% block %}`` or ``{{ output }}``."""

    start: int
    end: int
    kind: str
    """``block`` or ``out``."""
    inner: str
    """What is between the delimiters, without the ``-`` of whitespace control, stripped."""


def liquid_tags(text: str, start: int = 0) -> Iterator[Tag]:
    """Liquid tags in order. A ``{%`` (``{{``) with no ``%}`` (``}}``) after it means no
    later one closes either: that kind is done, so each character is looked at a
    bounded number of times."""
    closers = {"{%": "%}", "{{": "}}"}
    kinds = {"{%": "block", "{{": "out"}
    nxt = {o: text.find(o, start) for o in closers}
    pos = start
    while True:
        live = [(at, o) for o, at in nxt.items() if at >= 0]
        if not live:
            return
        at, opener = min(live)
        close = text.find(closers[opener], at + 2)
        if close < 0:
            nxt[opener] = -1
            continue
        inner = text[at + 2 : close]
        inner = inner.removeprefix("-").removesuffix("-").strip()
        end = close + 2
        yield Tag(at, end, kinds[opener], inner)
        pos = end
        for o in closers:
            if nxt[o] >= 0 and nxt[o] < pos:
                nxt[o] = text.find(o, pos)


def find_liquid(text: str, name: str, start: int) -> tuple[int, int] | None:
    """The next ``{% name %}`` (an end tag such as ``endraw``) from ``start``."""
    for tag in liquid_tags(text, start):
        if tag.kind == "block" and tag.inner == name:
            return tag.start, tag.end
    return None


def atx_heading(line: str) -> tuple[int, str] | None:
    """An ATX heading line -> (level, its text without the closing ``#``s), else None."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("#"):
        return None
    level = len(stripped) - len(stripped.lstrip("#"))
    if level > 6:
        return None
    rest = stripped[level:]
    if rest and rest[0] not in _SPACE:
        return None
    rest = rest.strip(_SPACE)
    closing = rest.rstrip("#")
    if closing != rest and (not closing or closing[-1] in _SPACE):
        rest = closing.rstrip(_SPACE)
    return level, rest
