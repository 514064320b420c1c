"""al-folio's per-entry features and ours: co-authors, marks, long author lists, thumbnails,
annotations, Scholar links, hand-counted citations, tags shared with collections, the feed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pybtex.database import parse_string

from sphinx_folio.alfolio.coauthors import convert_coauthors
from sphinx_folio.alfolio.report import Report
from sphinx_folio.publications.names import OwnerMatcher
from sphinx_folio.publications.records import build

from conftest import page

pytestmark = pytest.mark.sphinx("html", testroot="pub-features")


def _entry(app, key, doc="publications/index"):
    (item,) = page(app, doc).select(f"li#pub-{key}")
    return item


def test_co_authors_link_everywhere_they_appear_even_behind_and_k_more(app, built):
    built(app)
    links = {
        a.get_text(): a["href"]
        for a in _entry(app, "lovelace2024engines").select("a.folio-coauthor")
    }
    assert links == {
        "Charles Babbage": "https://example.org/babbage",
        "Mary Somerville": "https://example.org/somerville",
        # Written "Nu{\~n}ez, J." in refs.bib, "José Núñez" in coauthors.yaml; behind "more".
        "J. Nuñez": "https://example.org/nunez",
    }
    thesis = _entry(app, "lovelace2023thesis")  # "Babbage, C.": initials match
    assert [a["href"] for a in thesis.select("a.folio-coauthor")] == ["https://example.org/babbage"]
    paper = page(app, "publications/lovelace2024engines")
    assert len(paper.select(".folio-paper a.folio-coauthor")) == 3
    assert paper.select(".folio-paper details") == []  # a paper's page names every author


def test_long_author_list_shows_the_first_n_and_the_owner_with_counts_either_side(app, built):
    built(app)
    authors = _entry(app, "lovelace2024engines").select_one(".folio-pub-authors")
    runs = [d.select_one("summary").get_text() for d in authors.select("details")]
    assert runs == ["and 1 more", "and 3 more"]  # Faraday before the owner; three after
    hidden = [d.get_text(" ", strip=True) for d in authors.select("details")]
    assert "Michael Faraday" in hidden[0]
    assert "Charles Darwin" in hidden[1] and "George Boole" in hidden[1]
    owner = authors.select_one("strong.folio-owner")
    assert owner.get_text() == "Ada Lovelace" and owner.find_parent("details") is None
    for name in ("Charles Babbage", "John Herschel", "Mary Somerville"):
        assert name in authors.get_text() and name not in " ".join(hidden)
    # Two authors fit: no "more".
    assert _entry(app, "lovelace2023workshop").select("details.folio-more-authors") == []


def test_contribution_marks_are_superscripts_explained_once_and_kept_out_of_metadata(app, built):
    built(app)
    item = _entry(app, "lovelace2024engines")
    marks = [sup.get_text() for sup in item.select("sup.folio-mark")]
    assert marks == ["*", "*†"]
    assert item.select_one("strong.folio-owner").get_text() == "Ada Lovelace"  # still the owner
    listing = page(app, "publications/index")
    (legend,) = listing.select(".folio-pub-legend")
    assert legend.get_text() == "* equal contribution; † corresponding author"
    assert len(page(app, "index").select(".folio-pub-legend")) == 1  # selected papers
    paper = page(app, "publications/lovelace2024engines")
    assert len(paper.select(".folio-pub-legend")) == 1
    authors = [m["content"] for m in paper.select('meta[name="citation_author"]')]
    assert authors[0] == "Babbage, Charles" and "Lovelace, Ada" in authors
    assert not any(set(a) & set("*†") for a in authors)
    data = json.loads(paper.select_one('script[type="application/ld+json"]').string)
    assert "Ada Lovelace" in [p["name"] for p in data["author"]]
    # No marks on the paper: no legend.
    assert page(app, "publications/lovelace2022preprint").select(".folio-pub-legend") == []


def test_thumbnail_annotation_scholar_citations_and_hidden_bibtex(app, built):
    built(app)
    item = _entry(app, "lovelace2024engines")
    img = item.select_one("img.folio-pub-preview")
    assert img["loading"] == "lazy"
    assert img["alt"] == "Preview of “Engines that Compose Music”"
    assert (Path(app.outdir) / "publications" / img["src"]).is_file()
    # Every list with a thumbnail indents all its entries alike.
    lists = page(app, "publications/index").select("ul.folio-pub-list")
    assert all("folio-with-previews" in ul["class"] for ul in lists)
    assert _entry(app, "lovelace2023thesis").select("img") == []
    assert item.select_one(".folio-pub-annotation").get_text() == (
        "Written with the engine's first users."
    )
    scholar = item.select_one("a.folio-btn-scholar")
    assert scholar["href"] == "https://scholar.google.com/scholar?cluster=1234567890"
    assert item.select_one(".folio-pub-citations").get_text() == "Cited by 42 (counted 2026-05-01)"
    assert "citations" not in item.select_one("pre.folio-bibtex").get_text()
    assert _entry(app, "lovelace2023thesis").select("details.folio-pub-bib") == []
    assert page(app, "publications/lovelace2023thesis").select("pre.folio-bibtex") == []


def test_keywords_and_tags_join_the_tag_pages_of_collections(app, built):
    built(app)
    item = _entry(app, "lovelace2024engines")
    badges = {a.get_text(): a["href"] for a in item.select(".folio-pub-tags a")}
    assert badges == {
        "Interpretability": "../tags/interpretability.html",
        "Time Series": "../tags/time-series.html",
    }
    tag = page(app, "tags/interpretability")
    assert "Probing Engines" in tag.get_text()  # a research item
    keys = [li["id"] for li in tag.select("li.folio-pub")]
    assert keys == ["tag-lovelace2024engines", "tag-lovelace2023thesis"]
    assert tag.select_one("li.folio-pub .folio-pub-title a")["href"] == (
        "../publications/lovelace2024engines.html"
    )
    index = page(app, "tags/index").get_text()
    assert "Interpretability (3)" in index and "Summarization (1)" in index


def test_filter_data_says_type_tags_and_co_authors(app, built):
    built(app)
    kinds = {
        li["id"]: li.get("data-kind")
        for li in page(app, "publications/index").select("li")
        if "folio-pub" in li.get("class", [])
    }
    assert kinds == {
        "pub-lovelace2024engines": "conference",
        "pub-lovelace2023thesis": "thesis",
        "pub-lovelace2023workshop": "workshop",
        "pub-lovelace2022preprint": "preprint",
    }
    # One co-author, however refs.bib spells them.
    assert _entry(app, "lovelace2023thesis")["data-authors"] == "Charles Babbage"
    assert page(app, "publications/index").select_one("[data-folio-filter]") is not None


def test_feed_lists_the_owners_papers_newest_first_linked_from_the_list(app, built):
    built(app)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(Path(app.outdir) / "publications" / "atom.xml").getroot()
    links = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)]
    base = "https://ada.example.org/publications/"
    assert links[0] == base + "lovelace2024engines.html"
    assert links[-1] == base + "lovelace2022preprint.html"
    assert len(links) == 4
    head = page(app, "publications/index").select('link[type="application/atom+xml"]')
    assert [link["href"] for link in head if "Publications" in link["title"]] == ["atom.xml"]


def _record(bib: str, files: dict[str, tuple[str | None, str]] | None = None):
    data = parse_string(bib, "bibtex")
    ((key, entry),) = data.entries.items()
    return build(key, entry, "x", OwnerMatcher(["Ada Lovelace"]), (files or {}).get)


def test_bad_preview_and_citations_are_reported_and_left_out():
    pub = _record(
        "@misc{k, author={Lovelace, Ada}, title={T}, year={2024}, preview={../secret.png},"
        " citations={many}}",
        {"../secret.png": (None, "points outside the folder of conf.py")},
    )
    assert pub.preview == "" and pub.citations == ""
    assert any("preview file '../secret.png' points outside" in p for p in pub.problems)
    assert any("citations 'many' is not a number" in p for p in pub.problems)
    assert (
        _record(
            "@misc{k, author={Lovelace, Ada}, title={T}, year={2024}, preview={javascript:x}}"
        ).preview
        == ""
    )


def test_importer_turns_alfolio_coauthors_into_one_line_per_person(tmp_path):
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "coauthors.yml").write_text(
        '"adams":\n  - firstname: ["Edwin", "E.", "E. P.", "Edwin Plimpton"]\n'
        "    url: https://en.wikipedia.org/wiki/Edwin_Plimpton_Adams\n"
        '"bad":\n  - firstname: ["X"]\n    url: javascript:alert(1)\n',
        encoding="utf-8",
    )
    report = Report(tmp_path, tmp_path / "out")
    text = convert_coauthors(tmp_path, report)
    assert text is not None
    assert "Edwin Plimpton Adams: https://en.wikipedia.org/wiki/Edwin_Plimpton_Adams" in text
    assert "javascript" not in text


def test_importer_keeps_max_author_limit(tmp_path):
    from sphinx_folio.alfolio.assets import Assets
    from sphinx_folio.alfolio.settings import build_settings

    (tmp_path / "_config.yml").write_text("title: T\nmax_author_limit: 3\n", encoding="utf-8")
    report = Report(tmp_path, tmp_path / "out")
    settings, _ = build_settings(tmp_path, None, Assets(tmp_path, report), report)
    assert settings.folio["max_authors"] == 3


def test_the_publications_script_is_ours_small_and_requests_nothing():
    import gzip

    import sphinx_folio

    script = Path(sphinx_folio.__file__).parent / "static" / "sphinx_folio_publications.js"
    text = script.read_text(encoding="utf-8")
    assert len(gzip.compress(text.encode(), 9)) < 6000
    for call in ("fetch(", "XMLHttpRequest", "import(", "http://", "https://"):
        assert call not in text


@pytest.mark.sphinx("html", testroot="pub-coauthors-bad")
def test_a_bad_line_of_the_coauthors_file_is_reported_and_skipped(app):
    from conftest import warnings_of

    app.build()
    warnings = warnings_of(app)
    assert "'Charles Babbage': 'javascript:alert(1)' is not a link" in warnings
    assert "'John Herschel': expected 'Name: https://...'; skipped" in warnings
    assert warnings.count("[folio.coauthors]") == 2
    links = [a["href"] for a in page(app, "index").select("a.folio-coauthor")]
    assert links == ["https://example.org/somerville"]
