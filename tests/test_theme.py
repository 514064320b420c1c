"""The theme layer: every pydata-sphinx-theme feature, without the weight it does not need."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import page


def _sources(soup, tag: str, attribute: str) -> list[str]:
    return [str(el[attribute]).split("?")[0] for el in soup.find_all(tag, attrs={attribute: True})]


@pytest.mark.sphinx("html", testroot="theme")
def test_pages_leave_out_what_they_do_not_use(app, built):
    built(app)
    home = page(app, "index")
    scripts = _sources(home, "script", "src")
    styles = _sources(home, "link", "href")
    # Font Awesome's script is not needed: the stylesheets draw every icon.
    assert not [s for s in scripts + styles if "fontawesome" in s]
    # The search dialog sends the query to search.html, which loads the search scripts.
    assert not [s for s in scripts if s.endswith(("searchtools.js", "searchindex.js"))]
    # No sphinx-design component and no code on the home page: none of their assets.
    assert "_static/design-tabs.js" not in scripts
    assert "_static/sphinx-design.min.css" not in styles
    assert "_static/pygments.css" not in styles
    # Sphinx's own scripts wait for the DOM anyway: deferred, they do not block the paint.
    deferred = [str(s["src"]).split("?")[0] for s in home.find_all("script", defer=True)]
    assert {"_static/doctools.js", "_static/sphinx_highlight.js"} <= set(deferred)
    # basic.css directly, not through theme.css's @import.
    assert "_static/basic.css" in styles
    assert "_static/styles/theme.css" not in styles
    assert "_static/sphinx_folio_icons.css" in styles


@pytest.mark.sphinx("html", testroot="theme")
def test_features_stay(app, built):
    built(app)
    notes, search = page(app, "notes"), page(app, "search")
    assert "_static/pygments.css" in _sources(notes, "link", "href")  # it has code
    assert "_static/sphinx-design.min.css" in _sources(notes, "link", "href")  # and a card
    assert notes.select_one("button.theme-switch-button")  # dark mode
    assert notes.select_one("button.search-button__button")  # search
    assert notes.select_one("i.fa-house")  # breadcrumbs, drawn by sphinx_folio_icons.css
    assert "_static/searchtools.js" in _sources(search, "script", "src")
    assert (Path(app.outdir) / "_static" / "sphinx_folio_icons.css").is_file()


@pytest.mark.sphinx("html", testroot="theme")
def test_first_visit_starts_in_auto_mode(app, built):
    # pydata-sphinx-theme's default is an empty mode, which its script logs as an error.
    built(app)
    home = page(app, "index")
    assert home.body["data-default-mode"] == "auto"
    mode_script = next(s.string for s in home.head.find_all("script") if "localStorage" in str(s))
    assert '|| "auto"' in mode_script


@pytest.mark.sphinx(
    "html", testroot="theme", confoverrides={"html_context": {"default_mode": "dark"}}
)
def test_a_site_can_choose_its_default_mode(app, built):
    built(app)
    assert page(app, "index").body["data-default-mode"] == "dark"


@pytest.mark.sphinx(
    "html", testroot="theme", confoverrides={"html_theme_options": {"search_as_you_type": True}}
)
def test_search_as_you_type_still_gets_its_scripts(app, built):
    built(app)
    assert "searchindex.js" in _sources(page(app, "index"), "script", "src")


@pytest.mark.sphinx("html", testroot="collection")
def test_a_site_that_sets_no_theme_options_gets_a_research_sites_defaults(app, built):
    # An imported site's conf.py sets none of these; its pages must not show an empty
    # "Section Navigation" sidebar, a pager repeating the site title, or "Show Source".
    built(app)
    news = page(app, "news/index")
    assert "Section Navigation" not in news.get_text()
    assert news.select(".bd-sidebar-primary .bd-sidebar-primary__section, nav.bd-links") == []
    assert news.select(".prev-next-area a") == []
    assert news.find("a", string=lambda s: s and "Show Source" in s) is None
    assert news.select(".folio-rows li")  # the page itself is all there


@pytest.mark.sphinx(
    "html",
    testroot="collection",
    confoverrides={
        "html_theme_options": {"show_prev_next": True},
        "html_sidebars": {"**": ["sidebar-nav-bs"]},
    },
)
def test_a_sites_own_theme_options_win(app, built):
    built(app)
    news = page(app, "news/index")
    assert news.select(".prev-next-area a")
    assert news.select("nav.bd-docs-nav")
