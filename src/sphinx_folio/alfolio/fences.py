"""Code fences of al-folio pages that Sphinx cannot highlight, made plain code blocks.

al-folio draws some fences with JavaScript from a CDN (mermaid, chartjs, echarts,
vega_lite, plotly, geojson, typograms, pseudocode, diff2html). The package draws
``pseudocode`` itself (pseudocode.py): those fences are kept. For the others no well-kept
Sphinx extension among the locked dependencies renders them offline, so each becomes a plain
``text`` block, reported once per kind. A fence in a language Pygments does not know,
or whose text Pygments cannot lex (Sphinx warns "Retrying in relaxed mode"), is made
plain too: any of these would fail a build with ``-W``.
"""

from __future__ import annotations

from collections.abc import Callable

from pygments.lexers import get_lexer_by_name
from pygments.token import Error
from pygments.util import ClassNotFound

from .scan import Fence, Lines, fences

#: Fence kinds al-folio draws in the browser, and what draws them.
DRAWN = {
    "mermaid": "Mermaid",
    "chartjs": "Chart.js",
    "echarts": "ECharts",
    "vega_lite": "Vega-Lite",
    "plotly": "Plotly",
    "geojson": "Leaflet",
    "typograms": "Typograms",
    "diff2html": "diff2html",
}

#: Fence kinds the package itself draws at build time: kept as they are.
KEPT = ("pseudocode",)  # sphinx_folio/pseudocode.py


def _lexes(language: str, code: str) -> bool:
    try:
        lexer = get_lexer_by_name(language)
    except ClassNotFound:
        return False
    return not any(token is Error for token, _ in lexer.get_tokens(code))


def plain_fences(text: str, note: Callable[[int, str], None], seen: set[str]) -> str:
    """``text`` with every fence Sphinx cannot highlight made a ``text`` block.

    ``note(line, message)`` reports (line within ``text``); ``seen`` holds the drawn kinds
    already reported, so each kind is reported once per import.
    """

    lines = Lines(text)
    out: list[str] = []
    last = 0
    for fence in fences(text):
        out.append(text[last : fence.start])
        out.append(_one(text, fence, lines, note, seen))
        last = fence.end
    out.append(text[last:])
    return "".join(out)


def _one(
    text: str, fence: Fence, lines: Lines, note: Callable[[int, str], None], seen: set[str]
) -> str:
    info = fence.info.strip(" \t")
    language = info.split(None, 1)[0] if info and not info.startswith("{") else ""
    language = language.split("{", 1)[0]
    body = text[fence.body_start : fence.body_end]
    whole = text[fence.start : fence.end]
    if not language and info.startswith("{"):
        # a directive (a tab of a tab-set): its body may hold fences of its own
        offset = lines.line(fence.body_start) - 1
        inner = plain_fences(body, lambda n, m: note(n + offset, m), seen)
        head = text[fence.start : fence.body_start]
        return head + inner + fence.indent + fence.mark
    if not language or language in ("text", "none", *KEPT):
        return whole
    line = lines.line(fence.start)
    key = language.lower()
    if key in DRAWN:
        if key not in seen:
            seen.add(key)
            note(
                line,
                f"```{language} blocks (drawn in the browser by {DRAWN[key]} from a CDN) "
                "are shown as plain code: no Sphinx extension renders them offline",
            )
    elif _lexes(key, body):
        return whole
    else:
        note(line, f"```{language} block cannot be highlighted; shown as plain code")
    return f"{fence.indent}{fence.mark}text\n" + body + fence.indent + fence.mark
