"""What Sphinx's search finds, and what its result snippets show.

- A publication list is raw HTML, which Sphinx's indexer reads by stripping the tags: the
  BibTeX behind each "BibTeX" toggle would be indexed as words (``pubstate``,
  ``inpreparation``). The list is kept out of the indexer (class ``no-search``), and a node
  that draws nothing gives it the list's words without the BibTeX.
- Paper pages are not Sphinx documents (see ``publications/pages.py``), so the indexer
  never sees them: each is fed to it here, on every build, with its title, authors,
  venue, year and abstract. Tag pages are left out: they only repeat the items' words.
- A result's snippet is the text of the page it points to. ``sphinx_folio_search.js``
  (on the search page only) leaves out the BibTeX and puts spaces between blocks.
"""

from __future__ import annotations

import html as html_lib
import re
from functools import cache
from typing import Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

#: The parts of a publication list that are not for reading: BibTeX, buttons, scripts.
NOT_WORDS = re.compile(
    r'<pre class="folio-bibtex.*?</pre>|<button.*?</button>|<script.*?</script>',
    re.DOTALL | re.IGNORECASE,
)
TAG = re.compile(r"<[^>]+>")


class search_words(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils style)
    """Words for the search index that the page already shows in another form (raw HTML).
    Every builder draws nothing for it."""


def _skip(self: SphinxTranslator, node: nodes.Node) -> None:
    raise nodes.SkipNode


def words_of(raw_html: str) -> str:
    """The readable words of a publication list's HTML, without its BibTeX."""
    text = TAG.sub(" ", NOT_WORDS.sub(" ", raw_html))
    return " ".join(html_lib.unescape(text).split())


def text_runs(raw_html: str) -> list[str]:
    """The text between the tags of ``raw_html`` (unescaped, without BibTeX), run by run,
    as the text nodes of the doctree it stands for would hold it."""
    runs = TAG.split(NOT_WORDS.sub("", raw_html))
    return [html_lib.unescape(run) for run in runs if run.strip()]


def _index_lists_without_bibtex(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: after the publication lists are put in as raw HTML."""
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if "html" not in raw.get("format", "").split() or 'class="folio-bibtex' not in text:
            continue
        raw["classes"].append("no-search")
        words = words_of(text)
        raw.parent.insert(raw.parent.index(raw) + 1, search_words(words, words))


def _paper_document(title: str, words: str, settings: Any) -> nodes.document:
    document = new_document("<folio-paper>", settings)
    section = nodes.section(ids=["top"])
    section += nodes.title(title, title)
    section += nodes.paragraph(words, words)
    document += section
    return document


def _index_paper_pages(app: Sphinx) -> list[Any]:
    """html-collect-pages: feed every paper page to the search index (no page of our own).

    On every build, not only when a page is rewritten: the indexer keeps nothing from
    the last build but Sphinx's own documents.
    """
    from .publications.store import get_store

    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or app.builder.name not in ("html", "dirhtml"):
        return []
    store = get_store(app.env)
    fed: set[str] = set()
    # Made once: docutils' default settings cost a millisecond a page, and the stemmer
    # meets the same words on most paper pages (the cost of a no-change rebuild).
    settings = get_default_settings()
    lang = indexer.lang
    stem = lang.stem
    lang.stem = cache(stem)  # this indexer is made anew for each build
    for formatted in store.owner():
        pub = formatted.pub
        pagename = store.paper_page(pub.key)
        if pagename in app.env.found_docs:
            continue  # the user's own page, indexed as a document
        authors = ", ".join(author.name for author in pub.authors)
        words = " ".join(
            part for part in (authors, pub.venue, pub.year, pub.status, pub.abstract) if part
        )
        document = _paper_document(pub.title, words, settings)
        indexer.feed(pagename, f"{pagename}.bib", pub.title, document)
        fed.add(pagename)
    lang.stem = stem
    if fed:
        _keep_when_pruned(indexer, fed)
    return []


def _keep_when_pruned(indexer: Any, pagenames: set[str]) -> None:
    """The builder prunes the index to Sphinx's documents just before writing it; keep ours.

    Sphinx has no event between the two, so this indexer's ``prune`` (one object, made
    for this build) is wrapped.
    """
    prune = indexer.prune

    def prune_keeping_papers(docnames: Any) -> None:
        prune(set(docnames) | pagenames)

    indexer.prune = prune_keeping_papers


def _search_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename == "search":
        app.add_js_file("sphinx_folio_search.js", loading_method="defer")


def setup_search(app: Sphinx) -> None:
    visitors = (_skip, None)
    app.add_node(
        search_words,
        html=visitors,
        latex=visitors,
        text=visitors,
        man=visitors,
        texinfo=visitors,
    )
    # The lists are in by then: placeholders are filled by a post-transform, which runs
    # before doctree-resolved (placeholders.py). Late, after any other handler's changes.
    app.connect("doctree-resolved", _index_lists_without_bibtex, priority=900)
    app.connect("html-collect-pages", _index_paper_pages)
    app.connect("html-page-context", _search_page_script)
