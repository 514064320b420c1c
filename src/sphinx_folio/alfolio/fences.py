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

import re
from collections.abc import Callable

from pygments.lexers import get_lexer_by_name
from pygments.token import Error
from pygments.util import ClassNotFound

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

_FENCE = re.compile(
    r"^(?P<indent>[ \t]{0,3})(?P<mark>`{3,}|~{3,})[ \t]*(?P<lang>[^\s`{}]+)?(?P<rest>[^\n]*)\n"
    r"(?P<body>.*?)^(?P=indent)(?P=mark)[ \t]*$",
    re.DOTALL | re.MULTILINE,
)


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

    def one(match: re.Match[str]) -> str:
        language = (match.group("lang") or "").strip()
        if not language and match.group("rest").lstrip().startswith("{"):
            # a directive (a tab of a tab-set): its body may hold fences of its own
            offset = text.count("\n", 0, match.start("body"))
            inner = plain_fences(match.group("body"), lambda n, m: note(n + offset, m), seen)
            head = match.group(0)[: match.start("body") - match.start()]
            return head + inner + match.group("indent") + match.group("mark")
        if not language or language in ("text", "none", *KEPT):
            return match.group(0)
        line = text.count("\n", 0, match.start()) + 1
        key = language.lower()
        if key in DRAWN:
            if key not in seen:
                seen.add(key)
                note(
                    line,
                    f"```{language} blocks (drawn in the browser by {DRAWN[key]} from a CDN) "
                    "are shown as plain code: no Sphinx extension renders them offline",
                )
        elif _lexes(key, match.group("body")):
            return match.group(0)
        else:
            note(line, f"```{language} block cannot be highlighted; shown as plain code")
        head = f"{match.group('indent')}{match.group('mark')}text\n"
        return head + match.group("body") + match.group("indent") + match.group("mark")

    return _FENCE.sub(one, text)
