"""LaTeX in BibTeX fields to readable Unicode text.

Accents and symbols are decoded with latexcodec (pybtex's own dependency); what it
leaves behind (formatting commands, braces, inline math) is reduced to plain text here.
The result is text, never markup: callers escape it for HTML.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

#: Commands whose (last) braced argument is the text to keep.
_TEXT_COMMANDS = (
    "emph|textit|textbf|textsc|texttt|textrm|textsf|textup|textmd|textsl|textnormal|"
    "mbox|hbox|text|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|operatorname|"
    "url|uppercase|MakeUppercase|lowercase|MakeLowercase|textsuperscript|textsubscript|"
    "ensuremath|boldsymbol|bm|underline|NoCaseChange|nocase"
)
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_TEXT_CMD = re.compile(r"\\(?:" + _TEXT_COMMANDS + r")\b\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_SUPER = re.compile(r"\\textsuperscript\s*\{([^{}]*)\}")
_SUB = re.compile(r"\\textsubscript\s*\{([^{}]*)\}")
_DOTLESS = re.compile(r"\{?\\([ij])\}?(?![A-Za-z])")
_MATH = re.compile(r"(?<!\\)\$\$?(.+?)(?<!\\)\$?\$", re.DOTALL)
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|(\\?[A-Za-z0-9+\-=()]))")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_SPACES = re.compile(r"\s+")

_SUPERSCRIPTS = dict(zip("0123456789+-=()niT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ", strict=True))
_SUBSCRIPTS = dict(zip("0123456789+-=()aeijknmtx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₙₘₜₓ", strict=True))
_SPACING = {r"\,": " ", r"\;": " ", r"\:": " ", r"\!": "", r"\ ": " ", "\\\\": " ", r"\/": ""}
_DOLLAR = "\ufff0"  # stands in for an escaped dollar sign while math is handled


def _scripted(text: str, table: dict[str, str], mark: str) -> str:
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return mark + (text if len(text) == 1 else f"({text})")


def _math(match: re.Match[str]) -> str:
    body = match.group(1)

    def script(m: re.Match[str]) -> str:
        text = m.group(2) if m.group(2) is not None else m.group(3)
        text = _decode(text).strip()
        table = _SUPERSCRIPTS if m.group(1) == "^" else _SUBSCRIPTS
        return _scripted(text, table, m.group(1))

    body = _SCRIPT.sub(script, body)
    # latexcodec decodes symbols such as \alpha only in math mode.
    return _decode(f"${body}$").strip("$")


def _decode(text: str) -> str:
    try:
        decoded: str = codecs.decode(text, "ulatex")  # type: ignore[call-overload]
        return decoded
    except (UnicodeDecodeError, ValueError, IndexError):  # pragma: no cover - odd input
        return text


@lru_cache(maxsize=4096)
def to_text(value: str) -> str:
    """``value`` (a BibTeX field) as readable text: accents, dashes, math, braces."""
    if not value:
        return ""
    text = value.replace(r"\$", _DOLLAR)
    text = _DOTLESS.sub(r"\1", text)
    text = _HREF.sub(r"\2", text)
    text = _MATH.sub(_math, text)
    text = _SUPER.sub(lambda m: _scripted(m.group(1), _SUPERSCRIPTS, "^"), text)
    text = _SUB.sub(lambda m: _scripted(m.group(1), _SUBSCRIPTS, "_"), text)
    for _ in range(3):  # nested formatting, e.g. \textbf{\emph{x}}
        text, count = _TEXT_CMD.subn(r"\1", text)
        if not count:
            break
    for command, replacement in _SPACING.items():
        text = text.replace(command, replacement)
    text = _decode(text)
    text = _TEXT_CMD.sub(r"\1", text)
    text = _COMMAND.sub(r"\1", text)  # unknown commands: keep their name (\LaTeX -> LaTeX)
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    text = text.replace(_DOLLAR, "$")
    return _SPACES.sub(" ", text.replace("\xa0", " ")).strip()
