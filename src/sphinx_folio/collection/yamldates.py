"""Front matter dates reach the schema as the author wrote them.

YAML turns ``date: 2026-05-01`` into a date object, and fails on ``date: 2026-02-30``:
MyST then drops the whole front matter with "Malformed YAML", and every key after it
seems missing ("front matter key 'title' is required"), which is not what is wrong.
So, before MyST reads a page, a bare date in its front matter is quoted: YAML keeps it
as the string it was, and :mod:`.schema` names an impossible one as what it is. Only
the front matter changes, line for line, so every line number stays right.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..dates import quote_yaml_dates


def quote_dates(text: str) -> str:
    """``text`` with bare dates in its front matter (if any) in double quotes."""
    if not text.startswith("---"):
        return text
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return text
    end = next(
        (n for n, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")),
        None,
    )
    if end is None:
        return text  # no front matter, only a rule at the top
    front = quote_yaml_dates("\n".join(lines[1:end]))
    return "\n".join([lines[0], front, *lines[end:]])


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    suffix = Path(app.env.doc2path(docname)).suffix
    if app.config.source_suffix.get(suffix) == "markdown":  # reST has no front matter
        source[0] = quote_dates(source[0])


def setup_yamldates(app: Sphinx) -> None:
    app.connect("source-read", _source_read)
