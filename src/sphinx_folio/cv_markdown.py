"""The inline Markdown of a CV's text (summaries, highlights) as parts for cv.pdf.

The CV page renders these fields with MyST (cv.py); the PDF's template gets them as parts,
``{"text", "strong", "emph", "url"}`` each, so that ``**strong**``, ``*emphasis*`` (or
``_emphasis_``) and ``[links](https://...)`` look the same in both, and every other
character stays text (Typst never reads it as markup: see cv_pdf.py). A link the site
would not publish (``javascript:``, see urls.py) is its text alone.
"""

from __future__ import annotations

import re
from typing import Any

from .urls import safe_url

#: One inline element. Every quantifier is bounded, so a search is linear in the text's
#: length however the text is made (tests/test_cv_pdf.py feeds it adversarial input).
_INLINE = re.compile(
    r"\*\*(?P<strong>[^*\n]{1,300})\*\*"
    r"|\[(?P<label>[^\]\n]{1,300})\]\((?P<url>[^)\s]{1,500})\)"
    r"|(?<![\w*])\*(?P<star>[^*\n]{1,300})\*(?![\w*])"
    r"|(?<![\w_])_(?P<under>[^_\n]{1,300})_(?![\w_])"
)


def part(text: str, *, strong: bool = False, emph: bool = False, url: str = "") -> dict[str, Any]:
    return {"text": text, "strong": strong, "emph": emph, "url": url}


def inline(text: str) -> list[dict[str, Any]]:
    """``text`` as parts; plain text is one part."""
    out: list[dict[str, Any]] = []
    end = 0
    for match in _INLINE.finditer(text):
        if match.start() > end:
            out.append(part(text[end : match.start()]))
        if match.group("strong"):
            out.append(part(match.group("strong"), strong=True))
        elif match.group("label"):
            url = match.group("url")
            out.append(part(match.group("label"), url=url if safe_url(url, mailto=True) else ""))
        else:
            out.append(part(match.group("star") or match.group("under"), emph=True))
        end = match.end()
    if end < len(text):
        out.append(part(text[end:]))
    return out
