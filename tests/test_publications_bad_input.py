"""Bad input in refs.bib or in citations: clear errors, and nothing injected."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sphinx_process import run_sphinx

from conftest import ROOTS, page, warnings_of


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def _plain(app) -> list[str]:
    lines = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app)).splitlines()
    # A second app in one process warns that Sphinx's own nodes are registered again.
    return [line for line in lines if "[app.add_" not in line]


def test_bib_syntax_error_loses_only_the_broken_entry(make_app, tmp_path):
    src = _copy("pub-syntax", tmp_path)
    app = make_app("html", srcdir=src)
    app.build()
    # The entry on line 8 is never closed: it alone is skipped, the one after it is kept.
    assert _plain(app) == [
        (
            f"{src / 'refs.bib'}:8: WARNING: entry 'broken2021': its braces never close; "
            "skipped lines 8-12 [folio.bibsyntax]"
        )
    ]
    items = [li["id"] for li in page(app, "index").select("li[id^=pub-]")]
    assert items == ["pub-after2022", "pub-good2020"]
    assert "read 2 of 3 entries" in app.status.getvalue()


def test_a_missing_comma_between_fields_is_read_as_if_it_were_there(make_app, tmp_path):
    src = _copy("pub-syntax", tmp_path)
    (src / "refs.bib").write_text(
        "@article{good2020,\n  author = {Lovelace, Ada},\n  title = {Good},\n  year = 2020,\n}\n\n"
        "@article{bad2021,\n  author = {Lovelace, Ada},\n  title = {Bad}\n  year = {2021},\n}\n"
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert _plain(app) == [
        (
            f"{src / 'refs.bib'}:9: WARNING: entry 'bad2021': ',' missing after field 'title'; "
            "read as if it were there [folio.bibsyntax]"
        )
    ]
    item = page(app, "index").select_one("li#pub-bad2021")
    assert item.select_one(".folio-pub-title").get_text() == "Bad"
    assert "2021" in item.get_text()


def test_missing_fields_unsafe_links_and_unknown_keys_are_reported(make_app, tmp_path):
    src = _copy("pub-bad", tmp_path)
    app = make_app("html", srcdir=src)
    app.build()
    bib = src / "refs.bib"
    index = src / "index.md"
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app))
    lines = [line for line in text.splitlines() if "could not find bibtex" not in line]
    assert lines == [
        f"{bib}:1: WARNING: entry 'notitle2020' has no title [folio.bibtex]",
        f"{bib}:7: WARNING: entry 'noyear2021' has no year [folio.bibtex]",
        f"{bib}:13: WARNING: entry 'noauthor2022' has no author [folio.bibtex]",
        (
            f"{bib}:18: WARNING: entry 'unsafe2023': field 'url': 'javascript:alert(1)' is not a "
            "link this site publishes (expected an http(s) URL or a link inside the site); "
            "no button [folio.bibtex]"
        ),
        f'{index}:6: WARNING: citation key "nosuchkey2020" is not in refs.bib [folio.citation]',
    ]
    # The unsafe link is left out; the safe one stays.
    item = page(app, "index").select_one("li#pub-unsafe2023")
    assert [a["href"] for a in item.select("a.folio-btn")] == ["https://example.org/code"]
    assert not page(app, "index").select('[href^="javascript"], [src^="javascript"]')
    # An entry without a title is still listed, under its key.
    titles = [a.get_text() for a in page(app, "index").select(".folio-pub-title a")]
    assert "notitle2020" in titles


def test_unknown_citation_key_fails_a_build_with_warnings_as_errors(make_app, tmp_path):
    src = _copy("pub-bad", tmp_path)
    (src / "refs.bib").write_text(
        "@article{fine2020, author = {Lovelace, Ada}, title = {Fine}, year = {2020}}\n"
    )
    # -W --keep-going (make html): the build finishes, then fails.
    app = make_app("html", srcdir=src, warningiserror=True)
    app.build()
    assert app.statuscode == 1
    # sphinx-build -W, as a user runs it: the build fails, naming key and page.
    out = tmp_path / "out"
    result = run_sphinx(["-W", "-q", "-b", "html", src, out])
    assert result.returncode == 1
    assert f'{src / "index.md"}:6: WARNING: citation key "nosuchkey2020" is not in refs.bib' in (
        result.stderr
    )


@pytest.mark.sphinx("html", testroot="pub-latex")
def test_latex_renders_as_readable_text(app, built):
    built(app)
    item = page(app, "index").select_one("li#pub-latex2024")
    assert item.select_one(".folio-pub-title").get_text() == (
        "Schrödinger's GPUs: Pages 1\u201310, & O(n²) Bounds for \u03b1-Nets"
    )
    assert item.select_one(".folio-pub-authors").get_text() == (
        "Ada Lovelace, Kurt Gödel, and Jürgen Mísra"
    )
    assert item.select_one(".folio-pub-venue em").get_text() == (
        "Proc. of the Conference on Café Science—CS"
    )
    assert item.select_one(".folio-pub-abstract p").get_text() == (
        "We show xᵢⱼ ≤ 3 for all bold claims, with 50% fewer braces here."
    )
    soup = page(app, "publications/latex2024")
    assert soup.select_one('meta[name="citation_author"]')["content"] == "Lovelace, Ada"
    assert [m["content"] for m in soup.select('meta[name="citation_author"]')][1] == "Gödel, Kurt"


@pytest.mark.sphinx("html", testroot="pub-latex")
def test_html_in_fields_is_shown_as_text(app, built):
    built(app)
    for name in ("index", "publications/latex2024", "publications/inject2023"):
        html = (Path(app.outdir) / f"{name}.html").read_text()
        scripts = page(app, name).find_all("script")
        code = [s.get_text() for s in scripts if s.get("type") != "application/ld+json"]
        assert "alert(" not in "".join(code)
        assert "<b>Mallory" not in html and "<img src=x" not in html and "<u>Best" not in html
    item = page(app, "index").select_one("li#pub-inject2023")
    assert item.select_one(".folio-pub-title").get_text() == (
        '<script>alert("title")</script> and <img src=x onerror=alert(1)>'
    )
    assert item.select_one(".folio-pub-authors").get_text() == "Ada Lovelace and <b>Mallory</b>"
    assert item.select_one(".folio-pub-venue em").get_text() == 'Journal of "Quotes" & <i>Tags</i>'
    assert item.select_one(".folio-badge").get_text() == "<em>X</em>"
    assert item.select_one(".folio-award").get_text() == "<u>Best</u>"
    assert item.select_one(".folio-pub-abstract p").get_text() == (
        '</script><script>alert("abstract")</script>'
    )
    # A URL with < > " is refused (tests/test_hostile_input.py); a valid one is escaped.
    assert (
        item.select_one("a.folio-btn-url")["href"]
        == "https://example.org/?a=1&b='2'&c=%3Cscript%3E"
    )
    soup = page(app, "publications/inject2023")
    title = '<script>alert("title")</script> and <img src=x onerror=alert(1)>'
    assert soup.title.get_text().startswith(title)
    assert soup.select_one(".breadcrumb-item.active").get_text(strip=True) == title
    assert soup.select_one(".folio-paper h1").get_text() == title
    assert soup.head.select_one('meta[name="citation_title"]')["content"].startswith("<script>")
    ld = soup.head.find("script", type="application/ld+json").string
    assert "</script" not in ld and "<script" not in ld
    assert json.loads(ld)["name"].startswith('<script>alert("title")</script>')


def _unmatched_lines(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app))
    return [line for line in text.splitlines() if "[folio.publications]" in line]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "folio_name is not set"),
        ("Nobody Here", "folio_name = 'Nobody Here' matches no author"),
    ],
)
def test_a_publication_list_matching_no_entry_names_folio_name(make_app, tmp_path, name, says):
    # An imported site whose owner was not found used to list 0 of N papers in silence.
    src = _copy("pub", tmp_path)
    entries = (src / "refs.bib").read_text().count("\n@")
    app = make_app(
        "html", srcdir=src, confoverrides={"folio_name": name, "folio_name_variants": []}
    )
    app.build()
    where = src / "publications" / "index.md"
    assert _unmatched_lines(app) == [
        (
            f"{where}:3: WARNING: {{publication-list}} lists none of the {entries} entries in "
            f"the bibliography: {says}; set folio_name (or folio_name_variants) in conf.py to "
            "the owner's name as refs.bib writes it [folio.publications]"
        )
    ]
    listing = page(app, "publications/index")
    assert listing.select("li.folio-pub") == []
    # Silenced like any other folio warning.
    quiet = make_app(
        "html",
        srcdir=src,
        confoverrides={
            "folio_name": name,
            "folio_name_variants": [],
            "suppress_warnings": ["folio.publications"],
        },
    )
    quiet.build(force_all=True)
    assert _unmatched_lines(quiet) == []


def test_an_empty_bibliography_is_not_a_mistake(make_app, tmp_path):
    src = _copy("pub", tmp_path)
    (src / "refs.bib").write_text("% nothing yet\n")
    app = make_app("html", srcdir=src, confoverrides={"folio_name": ""})
    app.build()
    assert _unmatched_lines(app) == []


def test_a_matching_owner_is_not_warned_about(make_app, tmp_path):
    src = _copy("pub", tmp_path)
    app = make_app("html", srcdir=src)
    app.build()
    assert _unmatched_lines(app) == []
    assert page(app, "publications/index").select("li.folio-pub")


# ("In press" is not here: it is a status, as biblatex's pubstate says; test_owner_names.)
@pytest.mark.parametrize("year", ["20224", "0", "²⁰²⁴", "2020a"])
def test_a_year_that_is_not_1_to_9999_is_one_warning_and_the_feed_is_written(
    make_app, tmp_path, year
):
    src = _copy("pub-syntax", tmp_path)
    (src / "refs.bib").write_text(
        "@article{good2020,\n  author = {Lovelace, Ada},\n  title = {Good},\n  year = 2020,\n}\n\n"
        f"@article{{odd,\n  author = {{Lovelace, Ada}},\n  title = {{Odd}},\n  year = {{{year}}},\n}}\n",
        encoding="utf-8",
    )
    # The papers' feed is written only when the site's address is known: the deploy build.
    app = make_app("html", srcdir=src, confoverrides={"html_baseurl": "https://ada.example.org/"})
    app.build()
    assert _plain(app) == [
        (
            f"{src / 'refs.bib'}:7: WARNING: entry 'odd': year {year!r} is not a year "
            "(a number from 1 to 9999); left out [folio.bibtex]"
        )
    ]
    feed = (Path(app.outdir) / "publications" / "atom.xml").read_text(encoding="utf-8")
    assert "Good" in feed and "Odd" not in feed  # a paper without a year is left out
    assert page(app, "index").select_one("li#pub-odd .folio-pub-title").get_text() == "Odd"
