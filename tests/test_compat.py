"""One test per entry of src/sphinx_folio/_compat.py: each fails, naming the entry, when
the upstream internal it relies on changes."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives
from myst_parser.parsers.docutils_ import Parser as MystParser
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from sphinx_folio import _compat

from conftest import ROOTS, page, warnings_of


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


def test_8_the_two_chatty_lines_come_from_the_loggers_named() -> None:
    import inspect
    import logging

    from myst_parser.sphinx_ext import main as myst_main
    from sphinx.util import fileutil
    from sphinx.util.logging import VERBOSE

    source = inspect.getsource(myst_main.create_myst_config)
    assert 'bold("myst v%s:")' in source, "entry 8: MyST logs its configuration otherwise"
    assert myst_main.__name__ == "myst_parser.sphinx_ext.main", "entry 8: MyST's module moved"
    assert "template_evaluation" in inspect.getsource(fileutil), "entry 8: Sphinx's subtype"
    _compat.quiet_chatter()
    _compat.quiet_chatter()  # once per process, however many apps are made
    logger = logging.getLogger("sphinx.myst_parser.sphinx_ext.main")
    (demote,) = [f for f in logger.filters if isinstance(f, _compat._Verbose)]
    record = logger.makeRecord(logger.name, logging.INFO, "", 0, "myst v%s: %s", ("5", ""), None)
    assert demote.filter(record) and record.levelno == VERBOSE
    other = logger.makeRecord(logger.name, logging.INFO, "", 0, "something else", (), None)
    assert demote.filter(other) and other.levelno == logging.INFO


@pytest.mark.sphinx("html", testroot="math")
def test_9_math_domain_numbers_equations_and_takes_an_alias(app) -> None:
    app.build()
    env = app.env
    assert _compat.equation(env, "gauss") == ("index", 1), "entry 9: equations changed"
    assert _compat.equation(env, "eq:square") == ("features", 1), "entry 9: alias lost"
    assert _compat.equation(env, "nowhere") is None
    number = _compat.number_equation(env, "plain", "new-label", None)
    assert number == 1, "entry 9: note_equation/get_equation_number_for changed"
    _compat.alias_equation(env, "plain", "other", 7)
    assert _compat.equation(env, "other") == ("plain", 7)


# --- entries 10 to 12 (build speed; see _compat.py) ----------------------------------------


def test_10_pybtex_scans_installed_plugins_once_and_run_time_plugins_still_win(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.metadata

    import pybtex.plugin
    from pybtex.style.formatting import BaseStyle

    assert pybtex.plugin.entry_points is not None, "entry 10: pybtex no longer has entry_points"
    scans: list[dict[str, str]] = []
    scan = importlib.metadata.entry_points

    def counted(**query: str) -> object:
        scans.append(query)
        return scan(**query)

    monkeypatch.setattr(pybtex.plugin, "entry_points", counted)  # undone after the test
    _compat.remember_pybtex_plugins()
    folio_style = pybtex.plugin.find_plugin("pybtex.style.formatting", "folio")
    for _ in range(5):
        assert pybtex.plugin.find_plugin("pybtex.style.formatting", "folio") is folio_style
        pybtex.plugin.find_plugin("pybtex.backends", "docutils")
        pybtex.plugin.find_plugin("pybtex.database.input", filename="refs.bib")
    assert folio_style.__module__.startswith("sphinx_folio"), "entry 10: wrong plugin found"
    assert len(scans) == 1, f"entry 10: pybtex scanned {len(scans)} times"

    class Probe(BaseStyle):
        pass

    monkeypatch.setitem(pybtex.plugin._RUNTIME_PLUGINS, "pybtex.style.formatting", {})
    pybtex.plugin.register_plugin("pybtex.style.formatting", "folio", Probe, force=True)
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "folio") is Probe, (
        "entry 10: plugins registered at run time no longer come first"
    )


@pytest.mark.sphinx("html", testroot="basic")
def test_11_the_html_builder_renders_pages_through_a_jinja_environment(app) -> None:
    from jinja2 import Environment

    env = _compat.builder_jinja_environment(app.builder)
    assert isinstance(env, Environment), "entry 11: builder.templates.environment is gone"
    assert env.get_template("page.html") is not None
    assert _compat.builder_jinja_environment(object()) is None


def _metadata_app(make_app: Any, tmp_path: Path) -> Any:
    """The test-metadata root, copied: the build writes into its source folder."""
    shutil.copytree(ROOTS / "test-metadata", tmp_path / "metadata")
    return make_app("html", srcdir=tmp_path / "metadata")


def test_12_sitemap_upstream_records_the_builder_and_a_manager_queue(
    make_app: Any, tmp_path: Path
) -> None:
    """Upstream's handler, which entry 12 stands in for, still does the two things."""
    import sphinx_sitemap

    app = _metadata_app(make_app, tmp_path)
    sphinx_sitemap.record_builder_type(app)
    assert app.env.is_directory_builder is False, "entry 12: is_directory_builder changed"
    assert callable(app.sitemap_links.put) and callable(app.sitemap_links.get_nowait)


def test_12_one_process_build_lists_every_page_with_an_in_process_queue(
    make_app: Any, tmp_path: Path
) -> None:
    import queue

    from bs4 import BeautifulSoup

    app = _metadata_app(make_app, tmp_path)
    assert isinstance(app.sitemap_links, queue.Queue), "entry 12: still a manager's queue"
    app.build()
    sitemap = BeautifulSoup((app.outdir / "sitemap.xml").read_text(), "xml")
    listed = {loc.get_text() for loc in sitemap.find_all("loc")}
    pages = {
        p.relative_to(app.outdir).as_posix()
        for p in app.outdir.glob("**/*.html")
        if "_static" not in p.parts
    }
    missing = {p for p in pages if not any(link.endswith(p) for link in listed)}
    assert missing <= {"404.html", "search.html", "genindex.html"}, missing


# --- entries 13 to 19 ----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="basic")
def test_13_the_builder_has_the_theme_and_its_options(app) -> None:
    options = _compat.theme_options(app.builder)
    assert isinstance(options, dict), "entry 13: builder.theme_options is gone"
    assert _compat.theme_declares(app.builder, "icon_links"), "entry 13: Theme.get_options"
    assert not _compat.theme_declares(app.builder, "no_such_option")
    assert _compat.theme_options(object()) is None
    assert not _compat.theme_declares(object(), "icon_links")


@pytest.mark.sphinx("html", testroot="basic")
def test_14_toctree_children_are_added_for_a_while_and_restored(app) -> None:
    app.build()
    env = app.env
    before = _compat.toctree_includes(env)
    root = app.config.root_doc
    with _compat.toctree_children(env, root, ["papers/a"]):
        assert env.toctree_includes[root][-1] == "papers/a", "entry 14: toctree_includes"
    with _compat.toctree_children(env, "no-children", ["papers/a"]):
        assert env.toctree_includes["no-children"] == ["papers/a"]
    assert _compat.toctree_includes(env) == before


@pytest.mark.sphinx("html", testroot="basic")
def test_15_the_html_builder_has_a_search_indexer_while_writing(app) -> None:
    from sphinx.search import IndexBuilder

    seen = []

    def collect(app):
        seen.append(_compat.search_indexer(app.builder))
        return []

    app.connect("html-collect-pages", collect)
    app.build()
    assert isinstance(seen[0], IndexBuilder), f"entry 15: builder.indexer is {seen[0]!r}"
    assert _compat.search_indexer(object()) is None


def test_16_a_script_tag_gets_one_more_attribute() -> None:
    from sphinx.builders.html._assets import _JavaScript

    script = _JavaScript("doctools.js", priority=200, id="x")
    deferred = _compat.with_attribute(script, "defer", "defer")
    assert type(deferred) is _JavaScript, "entry 16: _JavaScript changed"
    assert deferred.filename == "doctools.js" and deferred.priority == 200
    assert deferred.attributes == {"id": "x", "defer": "defer"}
    assert script.attributes == {"id": "x"}, "entry 16: the original was changed"


@pytest.mark.sphinx("html", testroot="basic")
def test_17_bibdata_is_outdated_when_a_bib_file_or_the_encoding_changes(app) -> None:
    import os

    bibdata = app.env.get_domain("cite").bibdata
    paths, encoding = list(bibdata.bibfiles), bibdata.encoding
    assert not _compat.bibdata_outdated(bibdata, paths, encoding), "entry 17"
    assert _compat.bibdata_outdated(bibdata, paths, "latin-1"), "entry 17: encoding"
    assert _compat.bibdata_outdated(bibdata, [], encoding), "entry 17: paths"
    stat = paths[0].stat()
    os.utime(paths[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert _compat.bibdata_outdated(bibdata, paths, encoding), "entry 17: mtime"


@pytest.mark.sphinx("html", testroot="basic")
def test_18_cited_keys_and_a_citation_the_domain_resolves(app) -> None:
    from pybtex.richtext import Text
    from pybtex.style import FormattedEntry

    assert _compat.cited_keys("a,b") == ["a", "b"], "entry 18: parse_citation_targets"
    domain = app.env.get_domain("cite")
    key = next(iter(domain.bibdata.data.entries))
    bib_key, _ = _compat.empty_bibliography("papers/a", "folio-test", "folio")
    text = FormattedEntry(key, Text("A paper."), "1")
    _compat.add_citation(domain, bib_key, key, domain.bibdata.data.entries[key], text, None)
    citation = domain.citations[-1]
    assert (citation.key, citation.bibliography_key, citation.citation_id) == (key, bib_key, "")


def test_19_a_build_knows_whether_sphinx_build_runs_it(tmp_path) -> None:
    import shutil

    from sphinx_process import run_sphinx

    from conftest import ROOTS

    assert not _compat.command_line_build(), "entry 19: pytest is not sphinx-build"
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
    assert "command line: True" in result.stdout, "entry 19: build_main is not on the stack"


def test_20_a_build_in_this_process_collects_every_warning_twice_over(tmp_path) -> None:
    import io

    site = tmp_path / "site"
    site.mkdir()
    (site / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
    (site / "index.md").write_text("# X\n\n```{no-such-directive}\n```\n", encoding="utf-8")
    for _ in range(2):  # roles and directives of one build must not leak into the next
        stream = io.StringIO()
        _compat.build_collecting_warnings(site, tmp_path / "build", stream)
        text = stream.getvalue()
        assert "index.md:3" in text and "WARNING" in text, "entry 20: patch_docutils changed"
