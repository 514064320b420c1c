"""LaTeX in BibTeX fields to readable Unicode text.

The common constructs (accents, dashes, escaped characters, ``~``, braces, formatting
commands, inline math) are handled here with regular expressions; latexcodec (pybtex's
own dependency) is asked only about the rare leftover command such as ``\\alpha`` or
``\\textregistered``, one command at a time, because decoding whole fields with it costs
milliseconds each. The result is text, never markup: callers escape it for HTML.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

#: Commands whose braced argument is the text to keep.
_TEXT_COMMANDS = (
    "emph|textit|textbf|textsc|texttt|textrm|textsf|textup|textmd|textsl|textnormal|"
    "mbox|hbox|text|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|operatorname|"
    "url|uppercase|MakeUppercase|lowercase|MakeLowercase|ensuremath|boldsymbol|bm|"
    "underline|NoCaseChange|nocase|enquote|textquote"
)
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_TEXT_CMD = re.compile(r"\\(?:" + _TEXT_COMMANDS + r")(?![A-Za-z])\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_SUPER = re.compile(r"\\textsuperscript\s*\{([^{}]*)\}")
_SUB = re.compile(r"\\textsubscript\s*\{([^{}]*)\}")
_MATH = re.compile(r"(?<!\\)\$\$?(.+?)(?<!\\)\$?\$", re.DOTALL)
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|(\\?[A-Za-z0-9+\-=()]))")
_ACCENT = re.compile(
    r"\\([\'\"`^~=.uvHckrbd])(?:\s*\{\s*(\\[ij]|[A-Za-z])\s*\}|(?<=[\'\"`^~=.])\s*(\\[ij]|[A-Za-z])"
    r"|\s+(\\[ij]|[A-Za-z]))"
)
_COMMAND = re.compile(r"\\([A-Za-z]+)(?:\{\})?")
_SYMBOL = re.compile(r"\\([&%_#${}])")
_SPACES = re.compile(r"\s+")

_COMBINING = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "b": "\u0331",
    "d": "\u0323",
}
_LETTERS = {
    "i": "i",
    "j": "j",
    "o": "ø",
    "O": "Ø",
    "ss": "ß",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "dots": "\u2026",
    "ldots": "\u2026",
    "textendash": "\u2013",
    "textemdash": "\u2014",
    "textquoteleft": "\u2018",
    "textquoteright": "\u2019",
    "textquotedblleft": "\u201c",
    "textquotedblright": "\u201d",
    "textasciitilde": "~",
    "S": "\u00a7",
}
_SUPERSCRIPTS = dict(zip("0123456789+-=()niT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ", strict=True))
_SUBSCRIPTS = dict(zip("0123456789+-=()aeijknmtx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₙₘₜₓ", strict=True))
_SPACING = {r"\,": " ", r"\;": " ", r"\:": " ", r"\!": "", r"\ ": " ", "\\\\": " ", r"\/": ""}
#: Stand-ins for escaped characters while braces and math are handled.
_PROTECT = {"$": "\ufff0", "{": "\ufff1", "}": "\ufff2", "&": "&", "%": "%", "_": "_", "#": "#"}
_LATEX_CHARS = frozenset("\\{}$~-")


@lru_cache(maxsize=1024)
def _command(name: str, math: bool) -> str:
    """A leftover command: latexcodec's reading of it, else its name (``\\LaTeX`` -> LaTeX)."""
    if name in _LETTERS:
        return _LETTERS[name]
    source = ("$\\" + name + "$") if math else "\\" + name
    try:
        decoded: str = codecs.decode(source, "ulatex")  # type: ignore[call-overload]
    except (UnicodeDecodeError, ValueError, IndexError):  # pragma: no cover - odd input
        return name
    decoded = decoded.strip("$ ")
    return name if "\\" in decoded or not decoded else decoded


def _accent(match: re.Match[str]) -> str:
    base = match.group(2) or match.group(3) or match.group(4)
    base = base.lstrip("\\")
    return unicodedata.normalize("NFC", base + _COMBINING[match.group(1)])


def _scripted(text: str, table: dict[str, str], mark: str) -> str:
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return mark + (text if len(text) == 1 else f"({text})")


def _math(match: re.Match[str]) -> str:
    def script(m: re.Match[str]) -> str:
        text = m.group(2) if m.group(2) is not None else m.group(3)
        text = _COMMAND.sub(lambda c: _command(c.group(1), True), text).strip()
        table = _SUPERSCRIPTS if m.group(1) == "^" else _SUBSCRIPTS
        return _scripted(text, table, m.group(1))

    body = _SCRIPT.sub(script, match.group(1))
    body = _TEXT_CMD.sub(r"\1", body)
    return _COMMAND.sub(lambda c: _command(c.group(1), True), body)


@lru_cache(maxsize=8192)
def to_text(value: str) -> str:
    """``value`` (a BibTeX field) as readable text: accents, dashes, math, braces."""
    if not value:
        return ""
    if not _LATEX_CHARS.intersection(value):
        return _SPACES.sub(" ", value).strip()
    text = _SYMBOL.sub(lambda m: _PROTECT[m.group(1)], value)
    text = _HREF.sub(r"\2", text)
    text = _ACCENT.sub(_accent, text)
    text = _MATH.sub(_math, text)
    text = _SUPER.sub(lambda m: _scripted(m.group(1), _SUPERSCRIPTS, "^"), text)
    text = _SUB.sub(lambda m: _scripted(m.group(1), _SUBSCRIPTS, "_"), text)
    for _ in range(3):  # nested formatting, e.g. \textbf{\emph{x}}
        text, count = _TEXT_CMD.subn(r"\1", text)
        if not count:
            break
    for command, replacement in _SPACING.items():
        text = text.replace(command, replacement)
    text = _COMMAND.sub(lambda c: _command(c.group(1), False), text)
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", " ")
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    text = text.replace("\ufff0", "$").replace("\ufff1", "{").replace("\ufff2", "}")
    return _SPACES.sub(" ", text).strip()
