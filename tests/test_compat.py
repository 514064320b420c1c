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
    # A word no page holds any longer is dropped, as a clean build never has it.
    other = IndexBuilder(app.env, "en", {}, "")
    other.feed("papers/a", "papers/a.bib", "Engines that Compose", document)
    kept = new_document("<kept>", get_default_settings())
    kept += nodes.section("", nodes.title("Lighthouses", "Lighthouses"), ids=["top"])
    other.feed("kept", "kept.md", "Lighthouses", kept)
    _compat.keep_when_pruned(other, set())
    other.prune({"kept"})
    frozen = other.freeze()
    words = {*frozen["terms"], *frozen["titleterms"]}
    assert words == {"lighthous"}, f"entry 7: words of no page are kept: {words}"


# --- entries 20 to 25 ----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="basic")
def test_20_the_builder_has_the_theme_and_its_options(app) -> None:
    options = _compat.theme_options(app.builder)
    assert isinstance(options, dict), "entry 20: builder.theme_options is gone"
    assert _compat.theme_declares(app.builder, "icon_links"), "entry 20: Theme.get_options"
    assert not _compat.theme_declares(app.builder, "no_such_option")
    assert _compat.theme_options(object()) is None
    assert not _compat.theme_declares(object(), "icon_links")


@pytest.mark.sphinx("html", testroot="basic")
def test_21_toctree_children_are_added_for_a_while_and_restored(app) -> None:
    app.build()
    env = app.env
    before = _compat.toctree_includes(env)
    root = app.config.root_doc
    with _compat.toctree_children(env, root, ["papers/a"]):
        assert env.toctree_includes[root][-1] == "papers/a", "entry 21: toctree_includes"
    with _compat.toctree_children(env, "no-children", ["papers/a"]):
        assert env.toctree_includes["no-children"] == ["papers/a"]
    assert _compat.toctree_includes(env) == before


@pytest.mark.sphinx("html", testroot="basic")
def test_22_the_html_builder_has_a_search_indexer_while_writing(app) -> None:
    from sphinx.search import IndexBuilder

    seen = []

    def collect(app):
        seen.append(_compat.search_indexer(app.builder))
        return []

    app.connect("html-collect-pages", collect)
    app.build()
    assert isinstance(seen[0], IndexBuilder), f"entry 22: builder.indexer is {seen[0]!r}"
    assert _compat.search_indexer(object()) is None


def test_23_a_script_tag_gets_one_more_attribute() -> None:
    from sphinx.builders.html._assets import _JavaScript

    script = _JavaScript("doctools.js", priority=200, id="x")
    deferred = _compat.with_attribute(script, "defer", "defer")
    assert type(deferred) is _JavaScript, "entry 23: _JavaScript changed"
    assert deferred.filename == "doctools.js" and deferred.priority == 200
    assert deferred.attributes == {"id": "x", "defer": "defer"}
    assert script.attributes == {"id": "x"}, "entry 23: the original was changed"


@pytest.mark.sphinx("html", testroot="basic")
def test_24_bibdata_is_outdated_when_a_bib_file_or_the_encoding_changes(app) -> None:
    import os

    bibdata = app.env.get_domain("cite").bibdata
    paths, encoding = list(bibdata.bibfiles), bibdata.encoding
    assert not _compat.bibdata_outdated(bibdata, paths, encoding), "entry 24"
    assert _compat.bibdata_outdated(bibdata, paths, "latin-1"), "entry 24: encoding"
    assert _compat.bibdata_outdated(bibdata, [], encoding), "entry 24: paths"
    stat = paths[0].stat()
    os.utime(paths[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert _compat.bibdata_outdated(bibdata, paths, encoding), "entry 24: mtime"


@pytest.mark.sphinx("html", testroot="basic")
def test_25_cited_keys_and_a_citation_the_domain_resolves(app) -> None:
    from pybtex.richtext import Text
    from pybtex.style import FormattedEntry

    assert _compat.cited_keys("a,b") == ["a", "b"], "entry 25: parse_citation_targets"
    domain = app.env.get_domain("cite")
    key = next(iter(domain.bibdata.data.entries))
    bib_key, _ = _compat.empty_bibliography("papers/a", "folio-test", "folio")
    text = FormattedEntry(key, Text("A paper."), "1")
    _compat.add_citation(domain, bib_key, key, domain.bibdata.data.entries[key], text, None)
    citation = domain.citations[-1]
    assert (citation.key, citation.bibliography_key, citation.citation_id) == (key, bib_key, "")


def test_26_a_build_knows_whether_sphinx_build_runs_it(tmp_path) -> None:
    import shutil

    from sphinx_process import run_sphinx

    from conftest import ROOTS

    assert not _compat.command_line_build(), "entry 26: pytest is not sphinx-build"
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-basic", src)
    probe = (
        "\ndef setup(app):\n"
        "    from sphinx_folio import _compat\n"
        "    print('command line:', _compat.command_line_build())\n"
    )
    (src / "conf.py").write_text((src / "conf.py").read_text() + probe)
    result = run_sphinx(["-q", "-b", "html", src, tmp_path / "out"])
    assert result.returncode == 0, result.stderr
    assert "command line: True" in result.stdout, "entry 26: build_main is not on the stack"
