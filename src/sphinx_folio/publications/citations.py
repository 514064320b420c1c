"""Citations: sphinxcontrib-bibtex's own parse and resolution, with three additions.

* A syntax error in a bib file stops the build with the file and line (pybtex's
  exception would otherwise surface as a traceback from an event handler).
* A cited key that no bib file has is reported with the key and the citing page.
* Citing one of the owner's papers links to the paper's page: the owner's entries are
  handed to the ``cite`` domain as citations whose target is that page, so ``{cite:p}``
  and ``{cite:t}`` (and every other cite role) resolve them with the domain's own code.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from pybtex.exceptions import PybtexError
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util.nodes import get_node_line
from sphinx.writers.html5 import HTML5Translator
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated, parse_bibdata
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue
from sphinxcontrib.bibtex.domain import Citation

from ..warnings_ import FolioWarning, warn
from .store import bib_domain, get_store

#: Id of the stand-in bibliographies that hold the owner's papers in the cite domain.
PAPER_BIBLIOGRAPHY_ID = "folio-paper"
_NOTHING = ast.parse("False")


class BibSyntaxError(SphinxError):
    category = "BibTeX syntax error"


def bib_paths(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def parse_bib(app: Sphinx) -> None:
    """builder-inited, just before sphinxcontrib-bibtex: its parse, with clear errors."""
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports the missing setting itself
    domain = bib_domain(app.env)
    paths = bib_paths(app)
    encoding = app.config.bibtex_encoding
    if not is_bibdata_outdated(domain.bibdata, paths, encoding):
        return
    try:
        domain.data["bibdata"] = parse_bibdata(paths, encoding)
    except PybtexError as exc:
        raise BibSyntaxError(_syntax_message(exc, paths)) from exc


_ENTRY_START = re.compile(r"^[ \t]*@\s*(\w+)\s*[{(]\s*([^,\s]*)", re.MULTILINE)


def _line_offset(text: str, lineno: int) -> int:
    """Offset of the start of line ``lineno`` (1-based), or the end of ``text``."""
    offset = 0
    for _ in range(lineno - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset


def _syntax_message(exc: PybtexError, paths: list[Path]) -> str:
    """The message: "refs.bib:8: entry 'x': <what pybtex says> (noticed on line 17)"."""
    filename = str(getattr(exc, "filename", None) or (paths[0] if paths else ""))
    lineno = getattr(exc, "lineno", None)
    detail = re.sub(r"^syntax error in line \d+:\s*", "", str(exc))
    if not lineno:
        return f"{filename}: {detail}"
    try:
        text = Path(filename).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return f"{filename}:{lineno}: {detail}"
    # The entry the parser was in: the last one opened outside any braces.
    start, key, depth, position = lineno, "", 0, 0
    limit = _line_offset(text, lineno + 1)
    while position < limit:
        match = _ENTRY_START.search(text, position, limit) if depth == 0 else None
        if match is not None:
            between = text[position : match.start()]
            depth += between.count("{") - between.count("}")
            if depth <= 0:
                depth = 0
                if match.group(1).lower() not in ("comment", "preamble", "string"):
                    start, key = text.count("\n", 0, match.start()) + 1, match.group(2)
                position = match.end()
                depth = 1
                continue
            position = match.start() + 1
            continue
        # Inside an entry: find where its braces close.
        for index in range(position, limit):
            char = text[index]
            if char == "{" and text[index - 1] != "\\":
                depth += 1
            elif char == "}" and text[index - 1] != "\\":
                depth -= 1
                if depth == 0:
                    position = index + 1
                    break
        else:
            break
    if key and start != lineno:
        return f"{filename}:{start}: entry {key!r}: {detail} (noticed on line {lineno})"
    if key:
        return f"{filename}:{lineno}: entry {key!r}: {detail}"
    return f"{filename}:{lineno}: {detail}"


#: env attribute: docname -> {cited key: line of its first citation}. The cite domain
#: keeps no usable line for citations written in MyST.
LINES_ATTR = "folio_citation_lines"


def _lines(env: BuildEnvironment) -> dict[str, dict[str, int]]:
    if not hasattr(env, LINES_ATTR):
        setattr(env, LINES_ATTR, {})
    lines: dict[str, dict[str, int]] = getattr(env, LINES_ATTR)
    return lines


def note_citation_lines(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: where each key is cited, for messages about it."""
    found: dict[str, int] = {}
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") == "cite":
            for target in parse_citation_targets(node["reftarget"]):
                found.setdefault(target.key, get_node_line(node) or 0)
    if found:
        _lines(app.env)[app.env.docname] = found


def purge_citation_lines(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _lines(env).pop(docname, None)


def merge_citation_lines(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    for docname, found in _lines(other).items():
        if docname in docnames:
            _lines(env)[docname] = found


def check_keys(app: Sphinx, env: BuildEnvironment) -> None:
    """Report every cited key that is in no bib file, with the page that cites it."""
    domain = bib_domain(env)
    entries = domain.bibdata.data.entries
    names = ", ".join(Path(name).name for name in app.config.bibtex_bibfiles or []) or "refs.bib"
    reported: set[tuple[str, str]] = set()
    for ref in domain.citation_refs:
        for target in ref.targets:
            if target.key not in entries and (ref.docname, target.key) not in reported:
                reported.add((ref.docname, target.key))
                line = ref.line or _lines(env).get(ref.docname, {}).get(target.key)
                warn(
                    FolioWarning.CITATION,
                    f'citation key "{target.key}" is not in {names}',
                    (ref.docname, line),
                )


def cited_on(env: BuildEnvironment) -> dict[str, list[str]]:
    """Key -> documents citing it, in document order."""
    pages: dict[str, dict[str, None]] = defaultdict(dict)
    for ref in bib_domain(env).citation_refs:
        for target in ref.targets:
            pages[target.key][ref.docname] = None
    return {key: sorted(docs) for key, docs in pages.items()}


def remove_paper_bibliographies(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated, before the cite domain's: take out last build's stand-ins.

    They are kept in the pickled environment, and the domain would otherwise look up a
    pybtex style (slow: an entry point scan) for each of them on every build.
    """
    domain = bib_domain(env)
    for bib_key in [k for k in domain.bibliographies if k.id_ == PAPER_BIBLIOGRAPHY_ID]:
        del domain.bibliographies[bib_key]


def add_paper_citations(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated, after the cite domain's: make the owner's papers citable as pages."""
    domain = bib_domain(env)
    store = get_store(env)
    remove_paper_bibliographies(app, env)
    if app.builder.format != "html":
        return
    tooltips = app.config.bibtex_tooltips
    entries = domain.bibdata.data.entries
    owner = store.owner()
    for number, formatted in enumerate(owner, start=1):
        key = formatted.pub.key
        bib_key = BibliographyKey(docname=store.paper_page(key), id_=PAPER_BIBLIOGRAPHY_ID)
        domain.bibliographies[bib_key] = BibliographyValue(
            line=0,
            bibfiles=[],  # no entries of its own: the domain formats nothing for it
            style=app.config.bibtex_default_style,
            list_="citation",
            enumtype="arabic",
            start=1,
            labelprefix="",
            keyprefix="",
            filter_=_NOTHING,
            citation_nodes={},
            keys=[],
        )
        text = FormattedEntry(key, Text(formatted.tooltip), str(number))
        domain.citations.append(
            Citation(
                citation_id="",  # the page itself, no fragment
                bibliography_key=bib_key,
                key=key,
                entry=entries[key],
                formatted_entry=text,
                tooltip_entry=text if tooltips else None,
            )
        )


def visit_citation(self: HTML5Translator, node: nodes.citation) -> None:
    """A bibliography as a list of list items.

    docutils writes ``role="list"`` holding ``role="doc-biblioentry"`` children, which
    axe rejects (``aria-required-children``: a list must own list items).
    """
    previous = node.previous_sibling()
    if not isinstance(previous, nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=["citation"], role="listitem"))


def depart_citation(self: HTML5Translator, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


def outdated_citing_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """env-get-outdated: pages citing an entry whose content changed are re-read."""
    store = get_store(env)
    if not store.changed:
        return []
    docs = {
        ref.docname
        for ref in bib_domain(env).citation_refs
        if any(target.key in store.changed for target in ref.targets)
    }
    return sorted(docs & env.found_docs - changed - removed)
