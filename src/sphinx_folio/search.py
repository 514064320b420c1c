"""What Sphinx's search finds, and what its result snippets show.

- A publication list is raw HTML, which Sphinx's indexer reads by stripping the tags: the
  BibTeX behind each "BibTeX" toggle would be indexed as words (``pubstate``,
  ``inpreparation``). The list is kept out of the indexer (class ``no-search``), and a node
  that draws nothing gives it the list's words without the BibTeX.
- Paper pages are not Sphinx documents (see ``publications/pages.py``), so the indexer
  never sees them: each is put into it here, on every build, with its title, authors,
  venue, year and abstract, tokenised and stemmed once per entry content (kept in the
  publications cache). Tag pages are left out: they only repeat the items' words.
- A result's snippet is the text of the page it points to. ``sphinx_folio_search.js``
  (on the search page only) leaves out the BibTeX and puts spaces between blocks.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import TYPE_CHECKING, Any

import sphinx
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.docutils import SphinxTranslator

from . import _compat

if TYPE_CHECKING:
    from .publications.records import Publication

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


def _paper_document(pub: Publication, settings: Any) -> nodes.document:
    """What the search index reads of a paper page: its title, authors, venue, year,
    status and abstract."""
    authors = ", ".join(author.name for author in pub.authors)
    words = " ".join(
        part for part in (authors, pub.venue, pub.year, pub.status, pub.abstract) if part
    )
    title = pub.title
    document = new_document("<folio-paper>", settings)
    section = nodes.section(ids=["top"])
    section += nodes.title(title, title)
    section += nodes.paragraph(words, words)
    document += section
    return document


def _search_salt(app: Sphinx, indexer: Any) -> str:
    """What a page's stemmed words depend on besides its text."""
    lang = indexer.lang
    language = [type(lang).__module__, type(lang).__qualname__, lang.lang]
    options = app.config.html_search_options
    return json.dumps([sphinx.__version__, language, options], sort_keys=True, default=str)


def _index_paper_pages(app: Sphinx) -> list[Any]:
    """html-collect-pages: put every paper page into the search index (no page of our own).

    On every build, not only when a page is rewritten: the indexer keeps nothing from
    the last build but Sphinx's own documents. What a page puts in is kept in the
    publications cache by the entry's content hash, so only new or edited entries are
    tokenised and stemmed (the cost of a no-change rebuild of a long list).
    """
    from .publications.store import get_store

    indexer = _compat.search_indexer(app.builder)
    if indexer is None or app.builder.name not in ("html", "dirhtml"):
        return []
    store = get_store(app.env)
    cache = store.cache
    salt = _search_salt(app, indexer)
    if cache.search_salt != salt:
        cache.search, cache.search_salt, cache.dirty = {}, salt, True
    fed: dict[str, str] = {}  # content hash -> page name
    settings = None
    with _compat.stem_cache(indexer):
        for formatted in store.owner():
            pub = formatted.pub
            pagename = store.paper_page(pub.key)
            if pagename in app.env.found_docs:
                continue  # the user's own page, indexed as a document
            page = cache.search.get(pub.digest)
            if page is None:
                # Made once: docutils' default settings cost a millisecond a page.
                settings = settings or get_default_settings()
                page = _compat.index_page(indexer, pub.title, _paper_document(pub, settings))
                cache.search[pub.digest] = page
                cache.dirty = True
            _compat.add_indexed_page(indexer, pagename, f"{pagename}.bib", page)
            fed[pub.digest] = pagename
    for stale in cache.search.keys() - fed.keys():
        del cache.search[stale]
        cache.dirty = True
    _compat.keep_when_pruned(indexer, set(fed.values()))
    return []


def _search_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename == "search":
        app.add_js_file("sphinx_folio_search.js", loading_method="defer")
        # A title, as every page has: the theme's breadcrumb ("Home > Search") shows then.
        context.setdefault("title", _("Search"))


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
