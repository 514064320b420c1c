"""HTML in al-folio content, converted to Markdown or plain text (never passed through raw).

al-folio pages mix Markdown with HTML (``<a>``, ``<p>``, ``<div class="row">`` around
figures, ``<br>``...). The common tags become Markdown; layout-only tags (``div``,
``span``) disappear and keep their text; tags with no Markdown form (``iframe``,
``script``, ``table``...) are reported by line through ``problem``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser

from .scan import code_spans, fences, regions_outside

Problem = Callable[[int, str], None]
Rewrite = Callable[[str, int], str]

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|<!--")
#: Openers of the Markdown spans the HTML parser must not see: code, math, autolinks.
_OPENERS = re.compile(r"`+|\$\$|\$|\\\(|\\\[|<(?:https?://|mailto:)")
_INLINE_MATH = re.compile(r"\$[^$\n]+\$")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]+>")
_DROP_WITH_CONTENT = {
    "script", "style", "iframe", "video", "audio", "object", "embed", "form", "svg",
    "canvas", "noscript", "select", "textarea", "button",
}  # fmt: skip
_LAYOUT = {
    "div", "span", "section", "article", "main", "header", "footer", "nav", "center",
    "font", "small", "big", "u", "abbr", "figure", "picture", "source", "mark", "ins",
    "aside", "label", "tbody", "thead",
}  # fmt: skip
_BLOCK = {"p", "div", "li", "ul", "ol", "blockquote", "section", "article", "figure",
          "figcaption", "td", "th", "tr", "table", "center", "h1", "h2", "h3", "h4",
          "h5", "h6", "details", "summary", "dl", "dd", "dt", "header", "footer", "main"}  # fmt: skip
_BR = "\ue000"
#: Classes (Bootstrap's) of the controls of components Markdown cannot carry: a
#: carousel's arrows and dots, a tab set's tab labels, a modal's buttons, screen-reader
#: labels of icons. Left out with their text: what the component shows (its pictures,
#: its panes' text) is kept, in order, as a gallery of images or plain sections.
_CHROME = {
    "sr-only", "visually-hidden", "carousel-indicators", "carousel-control-prev",
    "carousel-control-next", "nav-tabs", "nav-pills", "modal-footer", "modal-header",
    "close", "btn-close",
}  # fmt: skip
_COMPONENTS = {"carousel": "carousel", "tab-content": "tab set", "modal": "modal"}


def looks_like_html(text: str) -> bool:
    return _TAG.search(text) is not None


class _Converter(HTMLParser):
    def __init__(self, problem: Problem, rewrite: Rewrite, text_only: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.problem = problem
        self.rewrite = rewrite
        self.text_only = text_only
        self.buffers: list[list[str]] = [[]]
        self.links: list[str | None] = []
        self.lists: list[str] = []
        self.items: list[int] = []
        """For each open <li>, the depth of the buffer stack below it."""
        self.block_depth = 0
        self.pre = 0
        self.skip: list[str] = []
        self.reported: set[str] = set()

    # --- output helpers
    def out(self, text: str) -> None:
        self.buffers[-1].append(text)

    def push(self) -> None:
        self.buffers.append([])

    def pop(self) -> str:
        return "".join(self.buffers.pop())

    def line(self) -> int:
        return self.getpos()[0]

    def report_tag(self, tag: str, message: str) -> None:
        if tag not in self.reported:
            self.reported.add(tag)
            self.problem(self.line(), message)

    # --- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            self.skip.append(tag)
            self.report_tag(tag, f"HTML <{tag}> has no Markdown form; left out")
            return
        classes = set(attr.get("class", "").split())
        toggles = attr.get("data-toggle") or attr.get("data-bs-toggle") or attr.get("role")
        if classes & _CHROME or toggles in ("tab", "pill", "tablist", "modal"):
            self.skip.append(tag)
            return
        for css, what in _COMPONENTS.items():
            if css in classes:
                self.report_tag(
                    what,
                    f"HTML {what} shown as what it holds (its pictures and text, one after "
                    "another); its controls are left out",
                )
        if tag in _BLOCK:
            self.block_depth += 1
        md = not self.text_only
        if tag == "a":
            href = attr.get("href", "").strip()
            target = self.rewrite(href, self.line()) if href and href != "#" else None
            self.links.append(target if md else None)
            self.push()
        elif tag in ("b", "strong") and md:
            self.out("**")
        elif tag in ("i", "em") and md:
            self.out("*")
        elif tag == "code" and md and not self.pre:
            self.out("`")
        elif tag == "pre":
            self.pre += 1
            self.out("\n\n```\n" if md else "\n")
        elif tag in ("sup", "sub") and md:
            self.out(f"{{{tag}}}`")
        elif tag == "br":
            self.out(_BR)
        elif tag in ("p", "figcaption", "dl", "dd", "dt", "details", "summary", "tr"):
            self.out("\n\n")
        elif tag == "hr":
            self.out("\n\n---\n\n" if md else "\n")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.push()
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self.out("\n\n")
        elif tag == "li":
            self.items.append(len(self.buffers))
            self.push()
        elif tag == "blockquote":
            self.push()
        elif tag == "img":
            src = attr.get("src", "").strip()
            if src and md:
                alt = attr.get("alt") or attr.get("title") or ""
                self.out(f"![{alt}]({self.rewrite(src, self.line())})")
        elif tag in ("table", "td", "th"):
            self.report_tag("table", "HTML table flattened to text; rebuild it as a Markdown table")
            self.out(" ")
        elif tag not in _LAYOUT:
            self.report_tag(tag, f"HTML <{tag}> has no Markdown form; kept its text only")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _BLOCK:
            self.block_depth = max(self.block_depth - 1, 0)
        md = not self.text_only
        if tag == "a" and self.links:
            target = self.links.pop()
            text = " ".join(self.pop().split())
            self.out(f"[{text}]({target})" if target and text else text)
        elif tag in ("b", "strong") and md:
            self.out("**")
        elif tag in ("i", "em") and md:
            self.out("*")
        elif tag == "code" and md and not self.pre:
            self.out("`")
        elif tag == "pre" and self.pre:
            self.pre -= 1
            self.out("\n```\n\n" if md else "\n")
        elif tag in ("sup", "sub") and md:
            self.out("`")
        elif tag in ("p", "figcaption", "dl", "dd", "dt", "details", "summary", "tr"):
            self.out("\n\n")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and len(self.buffers) > 1:
            text = " ".join(self.pop().split())
            self.out(f"\n\n{'#' * int(tag[1])} {text}\n\n" if md else f"\n{text}\n")
        elif tag == "li" and self.items and self.items[-1] == len(self.buffers) - 1:
            self.items.pop()
            inner = self.pop()
            if inner.strip():  # an empty item (a carousel's dot) is no item at all
                depth = max(len(self.lists), 1)
                bullet = "1. " if self.lists and self.lists[-1] == "ol" else "* "
                self.out("\n" + "  " * (depth - 1) + (bullet if md else "") + inner)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.out("\n\n")
        elif tag == "blockquote" and len(self.buffers) > 1:
            inner = _tidy(self.pop()).strip("\n")
            quoted = "\n".join(f"> {line}".rstrip() for line in inner.split("\n"))
            self.out(f"\n\n{quoted}\n\n" if md else f"\n{inner}\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            self.out(data)
            return
        if self.lists and not data.strip():
            return
        if self.block_depth or self.text_only:
            # Text inside HTML blocks carries the HTML's indentation, which would
            # make an indented code block in Markdown.
            data = re.sub(r"\n[ \t]+", "\n", data)
        if self.links or len(self.buffers) > 1:
            data = data.replace("\n", " ") if self.links else data
        self.out(data)

    def handle_entityref(self, name: str) -> None:
        if not self.skip:
            self.out(unescape(f"&{name};") if self.text_only else f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skip:
            self.out(unescape(f"&#{name};") if self.text_only else f"&#{name};")

    def handle_comment(self, data: str) -> None:
        return

    def result(self) -> str:
        while len(self.buffers) > 1:
            inner = self.pop()
            self.out(inner)
        return "".join(self.buffers[0])


_LT = re.compile("<")


def _complete_tags(text: str) -> str:
    """Every ``<`` that opens no complete tag or comment written ``&lt;``: Python's
    HTMLParser re-reads an unclosed ``<a ...`` for each later one (quadratic)."""
    out: list[str] = []
    last = 0
    comments_close = True
    for match in _LT.finditer(text):
        at = match.start()
        if _TAG.match(text, at) and not text.startswith("<!--", at):
            continue
        if text.startswith("<!--", at) and comments_close:
            close = text.find("-->", at + 4)
            if close >= 0:
                continue
            comments_close = False  # no later comment closes either
        if re.match(r"<![A-Za-z][^<>]*>", text[at : at + 200]):
            continue
        out.append(text[last:at])
        out.append("&lt;")
        last = at + 1
    out.append(text[last:])
    return "".join(out)


def _tidy(text: str) -> str:
    """Line breaks, whitespace-only lines and runs of blank lines."""
    text = re.sub(_BR + r"[ \t]*(\n[ \t]*)?(?=\S)", "\\\\\n", text)
    text = text.replace(_BR, "\n")
    text = re.sub(r"^[ \t]+$", "", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text)


def _keep(url: str, line: int) -> str:
    return url


def _ignore(line: int, message: str) -> None:
    return


def html_to_markdown(
    text: str, problem: Problem = _ignore, rewrite: Rewrite = _keep, first_line: int = 1
) -> str:
    """Markdown with embedded HTML -> Markdown. Code, math and autolinks are untouched."""
    if not looks_like_html(text):
        return text
    pieces: list[str] = []
    protected: list[str] = []
    for inside, start, end in regions_outside(text, _protected(text)):
        if inside:
            pieces.append(f"\ue001{len(protected)}\ue001")
            protected.append(text[start:end])
        else:
            pieces.append(text[start:end])
    masked = "".join(pieces)

    def shifted(line: int, message: str) -> None:
        problem(first_line + line - 1, message)

    def rewrite_at(url: str, line: int) -> str:
        return rewrite(url, first_line + line - 1)

    parser = _Converter(shifted, rewrite_at, text_only=False)
    parser.feed(_complete_tags(masked))
    parser.close()
    converted = _tidy(parser.result())
    return re.sub("\ue001(\\d+)\ue001", lambda m: protected[int(m.group(1))], converted)


def _protected(text: str) -> list[tuple[int, int]]:
    """Fenced code, code spans, math (``$$``, ``$``, ``\\(``, ``\\[``) and autolinks, as
    (start, end). Found left to right, each closer with ``str.find`` or a bisection: a
    closer that is missing once is missing for every later opener of its kind."""
    regions = [(f.start, f.end) for f in fences(text, unclosed=True)]
    found: list[tuple[int, int]] = []
    closers = {"$$": "$$", "\\(": "\\)", "\\[": "\\]"}
    for inside, start, end in regions_outside(text, regions):
        if inside:
            continue
        exhausted: set[str] = set()
        spans = dict(code_spans(text, start, end))
        pos = start
        while pos < end:
            match = _OPENERS.search(text, pos, end)
            if match is None:
                break
            at, opener = match.start(), match.group(0)
            close = -1
            if opener.startswith("`"):
                close = spans.get(at, -1)
            elif opener in closers and opener not in exhausted:
                found_at = text.find(closers[opener], at + len(opener), end)
                if found_at < 0:
                    exhausted.add(opener)
                else:
                    close = found_at + len(closers[opener])
            elif opener == "$":
                one = _INLINE_MATH.match(text, at, end)
                close = one.end() if one else -1
            elif opener.startswith("<"):
                link = _AUTOLINK.match(text, at, end)
                close = link.end() if link else -1
            if close > at:
                found.append((at, close))
                pos = close
            else:
                pos = match.end()
    return regions + found


def html_to_lines(text: str) -> list[str]:
    """Plain text lines of an HTML fragment (``<p>a</p><p>b</p>`` -> ``["a", "b"]``)."""
    parser = _Converter(_ignore, _keep, text_only=True)
    parser.feed(_complete_tags(text))
    parser.close()
    plain = _tidy(parser.result()).replace("\\\n", "\n")
    return [" ".join(line.split()) for line in plain.split("\n") if line.strip()]


def html_to_text(text: str) -> str:
    """One line of plain text (links keep their text, tags go, entities are decoded)."""
    return " ".join(" ".join(html_to_lines(text)).split())


#: Characters that would make Markdown (or HTML inside it) of a plain text.
_MARKUP = re.compile(r"([\\`*_\[\]{}<>$|~#!&])")


def markdown_text(text: str) -> str:
    """Plain text written into Markdown so that it stays text: a decoded ``&lt;details&gt;``
    or ``<img onerror=...>`` from front matter shows as those characters, never as HTML;
    ``*``, ``[``, ``$``, ... are escaped too."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))
