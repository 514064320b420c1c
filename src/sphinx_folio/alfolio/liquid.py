"""Liquid in al-folio pages: the common tags translated, every other one reported.

Translated: ``{{ site.baseurl }}`` and ``{{ site.url }}`` (dropped: links become
relative), ``{{ 'x' | relative_url }}`` (-> ``x``), ``{% include figure.liquid path=...
%}`` (-> a MyST figure), ``{% raw %}``, ``{% comment %}``, ``{% highlight lang %}`` (->
a code fence) and ``{% post_url name %}`` / ``{% link _posts/name.md %}`` (-> the
post's new page). Anything else is removed and reported with its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .assets import Assets
from .bib import bib_target
from .html import html_to_markdown
from .scan import Lines, find_liquid, liquid_tags

_BASE = re.compile(r"^site\.(base)?url$")
_FILTERED = re.compile(
    r"""^(['"])(?P<path>[^'"]*)\1\s*\|\s*(relative_url|absolute_url|prepend:\s*site\.baseurl)\s*$"""
)
_ARG = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
#: Stands for a link target that could not be resolved: the link becomes its text.
UNRESOLVED = "folio-unresolved-link"
_PAIRS = {
    "raw": "endraw",
    "comment": "endcomment",
    "highlight": "endhighlight",
    "tabs": "endtabs",
}


def _tabs_of(inner: str) -> list[tuple[str, int, int]]:
    """jekyll-tabs' ``{% tab group name %}...{% endtab %}`` -> (name, body start, body end)."""
    found: list[tuple[str, int, int]] = []
    opened: tuple[str, int] | None = None
    for tag in liquid_tags(inner):
        words = tag.inner.split(None, 2)
        if words and words[0] == "tab" and len(words) == 3 and opened is None:
            opened = (words[2], tag.end)
        elif words == ["endtab"] and opened is not None:
            found.append((opened[0], opened[1], tag.start))
            opened = None
    return found


def _args(text: str) -> dict[str, str]:
    return {
        m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _ARG.finditer(text)
    }


class Translator:
    """Translates one file's body; ``doc_dir`` is the folder of the page being written."""

    def __init__(
        self,
        assets: Assets,
        file: str,
        first_line: int,
        doc_dir: str,
        post_page: Callable[[str], str | None],
    ) -> None:
        self.assets = assets
        self.report = assets.report
        self.file = file
        self.first_line = first_line
        self.doc_dir = doc_dir
        self.post_page = post_page
        self.produced: set[str] = set()
        """Link targets this translation wrote: already the new site's, not to resolve again."""

    def untranslated(self, line: int, tag: str) -> None:
        shown = " ".join(tag.split())
        self.report.note(self.file, line, f"Liquid tag {shown} not converted; left out")

    def __call__(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        lines = Lines(text)
        missing: set[str] = set()  # end tags already looked for in vain
        tags = liquid_tags(text)
        while (tag := next(tags, None)) is not None:
            line = self.first_line + lines.line(tag.start) - 1
            start_of_line = text.rfind("\n", 0, tag.start) + 1
            end_of_line = text.find("\n", tag.end)
            end_of_line = len(text) if end_of_line < 0 else end_of_line
            alone = (
                not text[start_of_line : tag.start].strip()
                and not text[tag.end : end_of_line].strip()
            )
            before = text[pos : start_of_line if alone else tag.start]
            out.append(before)
            pos = end_of_line if alone else tag.end
            whole = text[tag.start : tag.end]

            if tag.kind == "out":
                out.append(self.output(tag.inner, whole, line))
                continue
            words = tag.inner.split(None, 1)
            name = words[0] if words else ""
            rest = words[1] if len(words) > 1 else ""
            if name in _PAIRS:
                end = None if _PAIRS[name] in missing else find_liquid(text, _PAIRS[name], tag.end)
                if end is None:
                    missing.add(_PAIRS[name])
                    self.untranslated(line, whole)
                    continue
                inner = text[tag.end : end[0]]
                if name == "raw":
                    out.append(inner)
                elif name == "highlight":
                    language = rest.split()[0] if rest.split() else ""
                    out.append(f"\n```{language}\n{inner.strip(chr(10))}\n```\n")
                elif name == "tabs":
                    first = self.first_line + lines.line(tag.end) - 1
                    out.append(self.tabs(inner, first))
                pos = end[1]
                tags = liquid_tags(text, pos)  # what the pair held is done
                continue
            out.append(self.block(name, rest, whole, line, alone))
        out.append(text[pos:])
        return "".join(out)

    def tabs(self, inner: str, first_line: int) -> str:
        """jekyll-tabs' ``{% tabs %}`` / ``{% tab group name %}`` -> sphinx-design's tab-set."""
        items: list[tuple[str, str]] = []
        lines = Lines(inner)
        for name, start, end in _tabs_of(inner):
            line = first_line + lines.line(start) - 1
            sub = Translator(self.assets, self.file, line, self.doc_dir, self.post_page)
            body = sub(inner[start:end]).strip("\n")
            self.produced |= sub.produced
            items.append((name.strip().strip("'\"") or "Tab", body))
        if not items:
            return inner
        runs = [
            len(m.group(0)) for _, b in items for m in re.finditer(r"^\s*`{3,}", b, re.MULTILINE)
        ]
        inner_ticks = max([3, *(n + 1 for n in runs)])
        item_ticks = "`" * inner_ticks
        set_ticks = "`" * (inner_ticks + 1)
        parts = [f"\n{set_ticks}{{tab-set}}"]
        for name, body in items:
            parts.append(f"{item_ticks}{{tab-item}} {name}\n{body}\n{item_ticks}")
        parts.append(f"{set_ticks}\n")
        return "\n".join(parts)

    def output(self, expr: str, tag: str, line: int) -> str:
        if _BASE.match(expr):
            return ""
        filtered = _FILTERED.match(expr)
        if filtered:
            return filtered.group("path")
        self.untranslated(line, tag)
        return ""

    def block(self, name: str, rest: str, tag: str, line: int, alone: bool) -> str:
        if name == "include" and re.match(r"figure\.(liquid|html)\b", rest):
            return self.figure(_args(rest), line, alone) or ""
        media = re.match(r"(video|audio)\.(liquid|html)\b", rest) if name == "include" else None
        if media:
            return self.media(media.group(1), _args(rest), line)
        if name == "bibliography":
            return self.bibliography(rest, tag, line)
        if name == "twitter" and re.match(r"https?://\S+$", rest.strip()):
            url = rest.strip()
            self.report.note(self.file, line, f"embedded tweet {url} shown as a link")
            return f"[{url}]({url})"
        if name in ("post_url", "link") and rest:
            path = rest.strip().strip("'\"")
            stem = path.rsplit("/", 1)[-1].removesuffix(".md").removesuffix(".markdown")
            target = self.post_page(stem) if name == "post_url" or "_posts/" in path else None
            if target is None and name == "link":
                target = self.assets.page_link(path, self.doc_dir)
            if target is None and name == "link" and self.assets.exists(path):
                target = self.assets.copy(path, self.file, line, self.doc_dir)
            if target is not None:
                self.produced.add(target)
                return target
            self.report.note(
                self.file,
                line,
                f"{' '.join(tag.split())}: no such page in the new site; the link is left as text",
            )
            return UNRESOLVED
        self.untranslated(line, tag)
        return ""

    def bibliography(self, rest: str, tag: str, line: int) -> str:
        """jekyll-scholar's ``{% bibliography -f talks %}`` -> a list of talks.bib's entries."""
        found = re.search(r"(?:^|\s)(?:-f|--file)\s+['\"]?([\w.-]+)", rest)
        stem = (found.group(1) if found else "papers").removesuffix(".bib")
        if not (self.assets.source / "_bibliography" / f"{stem}.bib").is_file():
            self.report.note(
                self.file, line, f"{' '.join(tag.split())}: no _bibliography/{stem}.bib; left out"
            )
            return ""
        if re.search(r"(?:^|\s)(?:-q|--query)\s", rest):
            self.report.note(
                self.file,
                line,
                f"{' '.join(tag.split())}: the query is not carried over; "
                f"the list shows every entry of {stem}.bib",
            )
        self.assets.bib_lists.setdefault(stem, (self.file, line))
        return f"\n```{{publication-list}}\n:file: {bib_target(stem)}\n```\n"

    def media(self, kind: str, args: dict[str, str], line: int) -> str:
        """``{% include video.liquid path=... %}``: no player in Markdown; a link to it."""
        path = re.sub(r"\{\{-?\s*site\.(base)?url\s*-?\}\}", "", args.get("path", "")).strip()
        label = args.get("caption") or args.get("title") or kind.capitalize()
        label = " ".join(html_to_markdown(label).split()) or kind.capitalize()
        if re.match(r"^https?://", path):
            self.report.note(self.file, line, f"{kind} {path} shown as a link (no player)")
            return f"[{label}]({path})"
        copied = self.assets.copy(path, self.file, line, self.doc_dir) if path else None
        if copied is None:
            if not path:
                self.report.note(self.file, line, f"{kind} include without a path; left out")
            return ""
        self.produced.add(copied)
        self.report.note(self.file, line, f"{kind} {path} shown as a link to the file (no player)")
        return f"[{label}]({copied})"

    def figure(self, args: dict[str, str], line: int, alone: bool) -> str | None:
        path = args.get("path", "")
        path = re.sub(r"\{\{-?\s*site\.(base)?url\s*-?\}\}", "", path)
        copied = self.assets.copy(path, self.file, line, self.doc_dir) if path else None
        if copied is None:
            if not path:
                self.report.note(self.file, line, "figure include without a path; left out")
            return None
        alt = args.get("alt") or args.get("title") or ""
        if not alone:
            self.produced.add(copied)
            return f"![{alt}]({copied})"
        caption = html_to_markdown(args.get("caption", "")).strip()
        caption = " ".join(caption.split())
        lines = [f"```{{figure}} {copied}"]
        if alt:
            lines.append(f":alt: {' '.join(alt.split())}")
        if caption:
            lines += ["", caption]
        lines.append("```")
        return "\n" + "\n".join(lines) + "\n"
