"""Footnotes Jekyll (kramdown) accepts and MyST refuses, made to build.

kramdown ignores a footnote defined but never referenced, and prints a reference to a
footnote never defined as it is. docutils warns about both ("Footnote [#] is not
referenced"), which fails a ``-W`` build: an unused definition is left out, a reference
with no definition is written as plain text, and each is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .scan import Lines

_DEF = re.compile(
    r"^\[\^([^\[\]\s]+)\]:[^\n]*(?:\n(?:[ \t]+[^\n]*|[ \t]*(?=\n[ \t]+\S)))*", re.MULTILINE
)
_REF = re.compile(r"\[\^([^\[\]\s]+)\](?!:)")


def fix_footnotes(text: str, note: Callable[[int, str], None]) -> str:
    """``note(line, message)`` gets a line within ``text``."""
    lines = Lines(text)
    defined = {m.group(1): m for m in _DEF.finditer(text)}
    body = _DEF.sub("", text)
    used = {m.group(1) for m in _REF.finditer(body)}
    for label, match in defined.items():
        if label not in used:
            note(
                lines.line(match.start()),
                f"footnote [^{label}] is defined but never referenced; left out",
            )
    text = _DEF.sub(lambda m: m.group(0) if m.group(1) in used else "", text)
    lines = Lines(text)

    def ref(match: re.Match[str]) -> str:
        if match.group(1) in defined:
            return match.group(0)
        note(
            lines.line(match.start()),
            f"footnote reference [^{match.group(1)}] has no definition; left as text",
        )
        return f"\\[^{match.group(1)}\\]"

    return _REF.sub(ref, text)
