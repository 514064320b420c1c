"""The one way input text becomes HTML, JSON-LD or BibTeX output.

Every string from refs.bib, front matter, the CV file or conf.py that the package writes
into a page goes through :func:`html` (text and attribute values alike), into a
``<script type="application/ld+json">`` through :func:`json_script`, and into a ``.bib``
export through :func:`bibtex_value`. Sphinx templates take ``title`` as HTML, so a
generated page's title is passed through :func:`html` too.
"""

from __future__ import annotations

import json
import re
from typing import Any

from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx


def html(text: object) -> str:
    """``text`` safe as HTML text and as a quoted attribute value (``& < > " '``)."""
    return str(escape(str(text)))


#: What docutils' HTML writer escapes in text and attribute values ("@" against harvesters).
_DOCUTILS = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", ">": "&gt;", "@": "&#64;"})
#: Characters docutils turns into spaces in an attribute value.
_ATTRIBUTE_SPACE = re.compile("[\n\r\t\v\f]")


def as_docutils(text: object, *, attribute: bool = False) -> Markup:
    """``text`` escaped exactly as docutils' HTML writer escapes it, for a template.

    Templates that draw what doctree nodes drew before (cards, rows, the profile card)
    get their values this way, so the default templates write the same bytes the nodes
    did. Safe as HTML text and as a double-quoted attribute value (``& < > "``).
    """
    value = str(text)
    if attribute:
        value = _ATTRIBUTE_SPACE.sub(" ", value)
    return Markup(value.translate(_DOCUTILS))


def json_script(data: Any, *, indent: int | None = None) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u`` escapes, so that no
    value can close the element (``</script>``) or open a comment (``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def bibtex_value(text: str) -> str:
    """``{text}`` with its braces balanced, so that a value cannot end early and add fields.

    BibTeX counts braces without regard to backslashes, so a stray ``}`` cannot be escaped
    as ``\\}``; it becomes ``\\textbraceright{}`` and an unclosed ``{`` is closed at the end.
    """
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                out.append(r"\textbraceright{}")
                continue
            depth -= 1
        out.append(char)
    return "{" + "".join(out) + "}" * depth + "}"


def _title_as_text(app: Sphinx, doctree: nodes.document) -> None:
    """A page's title is text: MyST turns front matter ``title`` into a heading parsed as
    Markdown, so ``title: "<script>..."`` would become raw HTML in the heading, the
    ``<title>``, the breadcrumbs and the navigation. Raw HTML there is kept as text."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    for raw in list(section[0].findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))


def setup_escaping(app: Sphinx) -> None:
    # Before Sphinx's TitleCollector (priority 500) copies the title for the navigation.
    app.connect("doctree-read", _title_as_text, priority=400)


def json_ld(data: Any, *, indent: int | None = None) -> str:
    """A ``<script type="application/ld+json">`` element no value can end early."""
    text = json_script(data, indent=indent)
    if indent is None:
        return f'<script type="application/ld+json">{text}</script>'
    return f'<script type="application/ld+json">\n{text}\n</script>\n'
