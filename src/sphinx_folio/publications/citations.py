"""Citations: sphinxcontrib-bibtex's own parse and resolution, with three additions.

* The bib files are read by :mod:`.intake`, which keeps every entry it can read and
  names file and line of each problem (pybtex stops at a repeated key or field).
* A cited key that no bib file has is reported with the key and the citing page.
* Citing one of the owner's papers links to the paper's page: the owner's entries are
  handed to the ``cite`` domain as citations whose target is that page, so ``{cite:p}``
  and ``{cite:t}`` (and every other cite role) resolve them with the domain's own code.
"""

from __future__ import annotations

import codecs
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import get_node_line
from sphinx.writers.html5 import HTML5Translator

from .. import _compat
from ..errors import InputError, conf_location
from ..state import folio
from ..warnings_ import FolioWarning, warn
from . import intake
from .store import bib_domain, get_store

logger = logging.getLogger(__name__)

#: Id of the stand-in bibliographies that hold the owner's papers in the cite domain.
PAPER_BIBLIOGRAPHY_ID = "folio-paper"


def bib_paths(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]


def parse_bib(app: Sphinx) -> None:
    """builder-inited, just before sphinxcontrib-bibtex: read the bib files tolerantly."""
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports the missing setting itself
    domain = bib_domain(app.env)
    paths = bib_paths(app)
    encoding = app.config.bibtex_encoding
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            conf_location(app.confdir, "bibtex_encoding"),
            f"bibtex_encoding = {encoding!r} is not an encoding Python knows",
            "use 'utf-8'",
        ) from None
    if _compat.bibdata_outdated(domain.bibdata, paths, encoding):
        try:
            result = intake.read_paths(paths, encoding)
        except OSError as exc:
            raise InputError(
                str(exc.filename or paths[0]),
                f"the bibliography cannot be read ({exc.strerror or exc})",
                "check that it is a readable file",
            ) from None
        _compat.install_bibdata(domain, paths, encoding, result.data, result.keys)
        # Kept in the state: reported on every build (so that -W keeps failing until the
        # file is fixed, also when it was not re-read).
        folio(app.env).data["bib_intake"] = (result.problems, result.counts, result.lines)
    problems, counts, _lines = folio(app.env).data["bib_intake"]
    for path, (read, written) in counts.items():
        logger.info("reading bibliography %s... read %d of %d entries", path, read, written)
    for problem in problems:
        warn(problem.kind, problem.message, problem.location)


def note_citation_lines(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: where each key is cited, for messages about it."""
    found: dict[str, int] = {}
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") == "cite":
            for key in _compat.cited_keys(node["reftarget"]):
                found.setdefault(key, get_node_line(node) or 0)
    if found:
        folio(app.env).citation_lines[app.env.docname] = found


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
                line = ref.line or folio(env).citation_lines.get(ref.docname, {}).get(target.key)
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
        bib_key, value = _compat.empty_bibliography(
            store.paper_page(key), PAPER_BIBLIOGRAPHY_ID, app.config.bibtex_default_style
        )
        domain.bibliographies[bib_key] = value
        text = FormattedEntry(key, Text(formatted.tooltip), str(number))
        _compat.add_citation(domain, bib_key, key, entries[key], text, text if tooltips else None)


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
    """env-get-outdated: pages citing an entry whose content changed are re-read, and the
    pages with a publication list, which show every entry (an entry's content changes
    without refs.bib changing: coauthors.yaml, a local file, an option)."""
    store = get_store(env)
    if not store.changed:
        return []
    docs = {
        ref.docname
        for ref in bib_domain(env).citation_refs
        if any(target.key in store.changed for target in ref.targets)
    }
    docs.update(folio(env).publication_lists)
    return sorted(docs & env.found_docs - changed - removed)
