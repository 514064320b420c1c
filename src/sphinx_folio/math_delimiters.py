r"""``\(...\)`` and ``\[...\]`` in Markdown pages, read as ``$...$`` and ``$$...$$``.

MathJax reads both pairs of delimiters, and posts written for it use them; myst-parser's
dollarmath reads only dollars and shows ``\(`` as a plain parenthesis. So each Markdown page
is rewritten as Sphinx reads it, outside code: fenced blocks and inline code are left alone.
The scan is linear: each delimiter is looked for once, with ``str.find``.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_PAIRS = (("\\(", "\\)", "$", "$"), ("\\[", "\\]", "$$", "$$"))


def _run(text: str, at: int) -> int:
    """How many backslashes stand right before ``at``."""
    run = 0
    while at - run - 1 >= 0 and text[at - run - 1] == "\\":
        run += 1
    return run


def _rewrite_text(text: str) -> str:
    """Delimiters outside inline code, in text that holds no fenced block."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        tick = text.find("`", i)
        end = n if tick < 0 else tick
        out.append(_rewrite_math(text[i:end]))
        if tick < 0:
            break
        run = tick
        while run < n and text[run] == "`":
            run += 1
        fence = text[tick:run]
        close = text.find(fence, run)
        if close < 0:
            out.append(text[tick:])
            break
        out.append(text[tick : close + len(fence)])
        i = close + len(fence)
    return "".join(out)


def _rewrite_math(text: str) -> str:
    """kramdown posts (al-folio) write ``\\\\(`` for ``\\(``, Markdown eating one
    backslash: both forms are read. Three or more backslashes are left as they are."""
    for open_, close, new_open, new_close in _PAIRS:
        if open_ not in text:
            continue
        out: list[str] = []
        i = 0
        search = 0
        while True:
            start = text.find(open_, search)
            if start < 0:
                break
            extra = _run(text, start)
            if extra > 1 or start - extra < i:
                search = start + 2
                continue
            end = text.find(close, start + 2)
            if end < 0:
                break
            body = text[start + 2 : end]
            if "\n\n" in body or not body.strip():  # a paragraph ends first: not math
                search = start + 2
                continue
            body = body.removesuffix("\\")  # the kramdown form of the closing delimiter
            out.append(text[i : start - extra])
            out.append(f"{new_open}{body.strip() if new_open == '$' else body}{new_close}")
            i = search = end + 2
        out.append(text[i:])
        text = "".join(out)
    return text


def brackets_to_dollars(source: str) -> str:
    """``source`` with ``\\(..\\)``/``\\[..\\]`` outside code rewritten as dollar math."""
    if "\\(" not in source and "\\[" not in source:
        return source
    lines = source.split("\n")
    out: list[str] = []
    prose: list[str] = []
    fence = ""
    for line in lines:
        match = _FENCE.match(line)
        if fence:
            out.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        if match:
            if prose:
                out.append(_rewrite_text("\n".join(prose)))
            prose = []
            fence = match.group(1)
            out.append(line)
            continue
        prose.append(line)
    if prose:
        out.append(_rewrite_text("\n".join(prose)))
    return "\n".join(out)


def rewrite_source(app: Sphinx, docname: str, source: list[str]) -> None:
    path = app.env.doc2path(docname)
    if str(path).endswith(".md"):
        source[0] = brackets_to_dollars(source[0])


def setup_math_delimiters(app: Sphinx) -> None:
    app.connect("source-read", rewrite_source)
