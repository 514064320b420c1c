"""The MathJax macros an al-folio site defines -> ``folio_math_macros``.

al-folio configures MathJax in a script (``_includes/scripts/mathjax.liquid`` in 2024-2025
sites, ``assets/js/mathjax-setup.js`` or a layout in others): ``tex: {macros: {R:
"\\mathbb{R}", norm: ["\\lVert #1 \\rVert", 1]}}``. The object is read with a small scanner
(JavaScript string escapes, nested brackets), not evaluated: nothing of the site runs.
"""

from __future__ import annotations

import re
from pathlib import Path

from .report import Report

#: Where al-folio versions configure MathJax.
FILES = (
    "_includes/scripts/mathjax.liquid",
    "_includes/scripts/mathjax.html",
    "_includes/mathjax.html",
    "assets/js/mathjax-setup.js",
    "_layouts/default.liquid",
    "_layouts/default.html",
    "_includes/head.liquid",
    "_includes/head.html",
    "_includes/scripts.liquid",
    "_includes/scripts.html",
)

_START = re.compile(r"\bmacros\s*:\s*\{")
_KEY = re.compile(r"\s*(?:([A-Za-z]+)|\"([A-Za-z]+)\"|'([A-Za-z]+)')\s*:\s*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _string(text: str, at: int) -> tuple[str, int] | None:
    """The JavaScript string literal starting at ``at`` and the index after it."""
    quote = text[at]
    out: list[str] = []
    i = at + 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if char == quote:
            return "".join(out), i + 1
        if char == "\n":
            return None
        out.append(char)
        i += 1
    return None


def _value(text: str, at: int) -> tuple[str, int] | None:
    """``"body"`` or ``["body", n]``: the body and the index after the value."""
    i = at
    if i < len(text) and text[i] in "\"'":
        return _string(text, i)
    if i < len(text) and text[i] == "[":
        i += 1
        while i < len(text) and text[i].isspace():
            i += 1
        if i < len(text) and text[i] in "\"'":
            found = _string(text, i)
            if found is None:
                return None
            close = text.find("]", found[1])
            return (found[0], close + 1) if close >= 0 else None
    return None


def parse_macros(text: str) -> tuple[dict[str, str], list[str]]:
    """The macros of every ``macros: {...}`` in ``text``; names it could not read."""
    macros: dict[str, str] = {}
    skipped: list[str] = []
    for start in _START.finditer(text):
        i = start.end()
        while True:
            key = _KEY.match(text, i)
            if not key:
                break
            name = key.group(1) or key.group(2) or key.group(3)
            found = _value(text, key.end())
            if found is None:
                skipped.append(name)
                break
            macros[name] = found[0]
            i = found[1]
            comma = re.compile(r"\s*,").match(text, i)
            if not comma:
                break
            i = comma.end()
    return macros, skipped


def mathjax_macros(source: Path, report: Report) -> dict[str, str]:
    """The site's MathJax macros, noted in the report with the file they came from."""
    macros: dict[str, str] = {}
    for name in FILES:
        path = source / name
        if not path.is_file():
            continue
        found, skipped = parse_macros(path.read_text(encoding="utf-8", errors="replace"))
        if found:
            macros.update(found)
            report.done(f"{name} -> folio_math_macros ({len(found)} MathJax macros)")
        for macro in skipped:
            report.note(
                name, None, f"the MathJax macro {macro!r} could not be read; define it again"
            )
    return macros
