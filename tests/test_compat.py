"""One test per entry of src/sphinx_folio/_compat.py: each fails, naming the entry, when
the upstream internal it relies on changes."""

from __future__ import annotations

import ast

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives
from myst_parser.parsers.docutils_ import Parser as MystParser
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from sphinx_folio import _compat

from conftest import page, warnings_of


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"author": "Ada"})
def test_1_user_set_tells_conf_and_overrides_from_defaults(app) -> None:
    assert _compat.user_set(app.config, "folio_name"), "entry 1: Config._raw_config changed"
    assert _compat.user_set(app.config, "author"), "entry 1: Config.overrides changed"
    assert not _compat.user_set(app.config, "html_baseurl")


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"html_baseurl": "https://a.org/"})
def test_2_sitemap_queue_is_filled_and_its_handler_can_be_disconnected(app) -> None:
    from sphinx_sitemap import create_sitemap

    app.build()
    links = _compat.sitemap_queue(app)
    # A multiprocessing manager's Queue proxy: the queue.Queue methods the sitemap uses.
    assert links is not None, "entry 2: app.sitemap_links is gone"
    assert callable(links.get_nowait) and callable(links.put), "entry 2: not a queue"
    assert (app.outdir / "sitemap.xml").is_file()
    listeners = app.events.listeners["build-finished"]
    assert any(l.handler is create_sitemap for l in listeners), "entry 2: listener changed"
    assert _compat.sitemap_excluded("404.html", ["404.html"])
    assert not _compat.sitemap_excluded("index.html", ["404.html"])
    _compat.disconnect_sitemap(app)
    listeners = app.events.listeners["build-finished"]
    assert not any(l.handler is create_sitemap for l in listeners)


class _Probe(Directive):
    has_content = False
    seen: list[nodes.Node | None] = []

    def run(self) -> list[nodes.Node]:
        _Probe.seen.append(_compat.directive_parent(self.state))
        return []


def test_3_myst_directive_parent_is_the_node_being_filled() -> None:
    directives.register_directive("compat-probe", _Probe)
    _Probe.seen.clear()
    source = "# Title\n\n:::{note}\n```{compat-probe}\n```\n:::\n"
    publish_doctree(
        source, parser=MystParser(), settings_overrides={"myst_enable_extensions": ["colon_fence"]}
    )
    (parent,) = _Probe.seen
    assert isinstance(parent, nodes.note), f"entry 3: MyST's state._renderer changed: {parent!r}"


@pytest.mark.sphinx("html", testroot="basic")
def test_4_bibtex_keeps_installed_bibdata_and_takes_an_empty_bibliography(app) -> None:
    domain = app.env.get_domain("cite")
    bibdata = domain.bibdata
    paths = list(bibdata.bibfiles)
    keys = {str(p): dict(bibdata.bibfiles[p].keys) for p in paths}
    _compat.install_bibdata(domain, paths, "utf-8", bibdata.data, keys)
    assert not is_bibdata_outdated(domain.bibdata, paths, "utf-8"), "entry 4: BibData changed"
    key, value = _compat.empty_bibliography("index", "folio-test", "folio")
    assert (key.docname, key.id_) == ("index", "folio-test")
    assert value.bibfiles == [] and ast.unparse(value.filter_) == "False"


@pytest.mark.sphinx("html", testroot="notheme")
def test_5_bibliography_is_a_list_of_list_items(app) -> None:
    app.build()
    bibliography = page(app, "index").select_one('main div[role="list"]')
    assert bibliography is not None, "entry 5: the citation visitor is not ours"
    assert bibliography.select('div.citation[role="listitem"]')


@pytest.mark.sphinx("html", testroot="notheme")
def test_6_a_site_without_html_theme_gets_pydata_sphinx_theme(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = page(app, "index")
    head = soup.find("head")
    hrefs = [link["href"].split("?")[0] for link in head.select('link[rel="stylesheet"]')]
    # The _webpack macros ran (entry 6): theme.css is replaced by basic.css.
    assert "_static/basic.css" in hrefs, hrefs
    assert "_static/styles/theme.css" not in hrefs
    assert soup.select_one('script[src*="pydata-sphinx-theme.js"]') is not None


@pytest.mark.sphinx("html", testroot="notheme", confoverrides={"html_theme": "alabaster"})
def test_6_another_theme_builds_with_its_own_head(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = page(app, "index")
    assert soup.find("h1").get_text(strip=True).startswith("Ada Example")
    assert soup.select_one('head link[href*="sphinx_folio.css"]') is not None


@pytest.mark.sphinx("html", testroot="basic")
def test_7_a_page_put_in_from_its_parts_is_indexed_as_if_fed(app) -> None:
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from sphinx.search import IndexBuilder

    document = new_document("<probe>", get_default_settings())
    section = nodes.section(ids=["top"])
    section += nodes.title("Engines that Compose", "Engines that Compose")
    section += nodes.paragraph("", "Computing Bernoulli numbers with engines")
    document += section
    indexer = IndexBuilder(app.env, "en", {}, "")
    indexer.feed("papers/a", "papers/a.bib", "Engines that Compose", document)
    fed = indexer.freeze()
    assert fed["docnames"] == ("papers/a",), "entry 7: feed stores pages elsewhere"

    stem = indexer.lang.stem
    with _compat.stem_cache(indexer):
        page = _compat.index_page(indexer, "Engines that Compose", document)
    assert indexer.lang.stem == stem, "entry 7: the stemmer was not given back"
    assert "engin" in page.title_terms and "bernoulli" in page.terms, f"entry 7: {page}"
    assert "engin" not in page.terms, "entry 7: title words are no longer left out of terms"
    indexer.prune(set())
    _compat.add_indexed_page(indexer, "papers/a", "papers/a.bib", page)
    assert indexer.freeze() == fed, "entry 7: IndexBuilder's tables changed"

    _compat.keep_when_pruned(indexer, {"papers/a"})
    indexer.prune(app.env.all_docs)
    assert indexer.freeze() == fed, "entry 7: prune changed"


def test_8_a_build_in_this_process_collects_every_warning_twice_over(tmp_path) -> None:
    import io

    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
    (site / "index.md").write_text("# X\n\n```{no-such-directive}\n```\n", encoding="utf-8")
    for _ in range(2):  # roles and directives of one build must not leak into the next
        stream = io.StringIO()
        _compat.build_collecting_warnings(site, tmp_path / "build", stream)
        text = stream.getvalue()
        assert "index.md:3" in text and "WARNING" in text, "entry 8: patch_docutils changed"
