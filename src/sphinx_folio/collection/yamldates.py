"""Front matter dates reach the schema as the author wrote them.

YAML turns ``date: 2026-05-01`` into a date object, and fails on ``date: 2026-02-30``:
MyST then drops the whole front matter with "Malformed YAML", and every key after it
seems missing ("front matter key 'title' is required"), which is not what is wrong.
So, before MyST reads a page, a bare date in its front matter is quoted: YAML keeps it
as the string it was, and :mod:`.schema` names an impossible one as what it is. Only
the front matter changes, line for line, so every line number stays right.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

#: A top-level key whose value YAML would read as a timestamp (YAML 1.1's pattern,
#: loosely), with an optional trailing comment.
_TIMESTAMP = re.compile(
    r"^(?P<key>[^\s#'\"\-][^:#]*:[ \t]+)"
    r"(?P<value>\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d[^#]*?)?)"
    r"(?P<rest>[ \t]*(?:#.*)?)$"
)


def quote_dates(text: str) -> str:
    """``text`` with bare dates in its front matter (if any) in double quotes."""
    if not text.startswith("---"):
        return text
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return text
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            break
        match = _TIMESTAMP.match(line)
        if match:
            lines[number] = f'{match["key"]}"{match["value"]}"{match["rest"]}'
    return "\n".join(lines)


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = quote_dates(source[0])


def setup_yamldates(app: Sphinx) -> None:
    app.connect("source-read", _source_read)
