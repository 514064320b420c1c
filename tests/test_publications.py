"""The owner's publications as a visitor sees them: lists, paper pages, exports, citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pybtex.database import parse_string

from conftest import page

pytestmark = pytest.mark.sphinx("html", testroot="pub")


def _entries(app):
    return page(app, "publications/index").select("li.folio-pub")


def _entry(app, key):
    (item,) = page(app, "publications/index").select(f"li#pub-{key}")
    return item


def test_list_groups_in_progress_first_then_years_newest_first(app, built):
    built(app)
    groups = page(app, "publications/index").select("section.folio-pub-group")
    headings = [g.find("h2").get_text(strip=True) for g in groups]
    assert headings == ["In progress", "2024", "1843"]
    keys = [[li["id"].removeprefix("pub-") for li in g.select("li.folio-pub")] for g in groups]
    # Within 2024, May before January; in progress keeps each paper's status.
    assert keys == [
        ["lovelace2026weaving", "lovelace2026draft"],
        ["lovelace2024engines", "lovelace2024poetical"],
        ["lovelace1843notes"],
    ]
    statuses = [li.select_one(".folio-status").get_text() for li in groups[0].select("li")]
    assert statuses == ["Submitted", "In preparation"]
    # Someone else's paper is not the owner's publication.
    assert "babbage1864passages" not in str(groups)


def test_entry_shows_title_authors_venue_year_badge_award(app, built):
    built(app)
    item = _entry(app, "lovelace1843notes")
    title = item.select_one(".folio-pub-title a")
    assert title.get_text() == "Notes on the Analytical Engine: Sketch of Menabrea's Memoir"
    assert title["href"] == "../publications/lovelace1843notes.html"
    authors = item.select_one(".folio-pub-authors")
    assert authors.get_text() == "Ada Lovelace and Charles Babbage"
    assert [s.get_text() for s in authors.select("strong.folio-owner")] == ["Ada Lovelace"]
    assert item.select_one(".folio-pub-venue").get_text() == "Scientific Memoirs, 1843"
    assert item.select_one(".folio-pub-venue em").get_text() == "Scientific Memoirs"
    assert item.select_one(".folio-badge").get_text() == "SciMem"
    award = item.select_one(".folio-pub-award")
    assert award.select_one(".folio-award").get_text() == "First Algorithm"
    assert "Recognised as the first published algorithm." in award.get_text()


def test_owner_matched_by_initials_and_variants_and_others_is_et_al(app, built):
    built(app)
    engines = _entry(app, "lovelace2024engines").select_one(".folio-pub-authors")
    assert [s.get_text() for s in engines.select("strong.folio-owner")] == ["A. Lovelace"]
    assert engines.get_text() == "A. Lovelace, Mary Somerville, et al."
    poetical = _entry(app, "lovelace2024poetical").select_one(".folio-pub-authors")
    assert [s.get_text() for s in poetical.select("strong.folio-owner")] == ["Augusta Ada King"]


def test_a_button_for_every_al_folio_link_field(app, built):
    built(app)
    links = {
        a.get_text(): a["href"]
        for a in _entry(app, "lovelace2024engines").select(".folio-pub-links a.folio-btn")
    }
    assert links == {
        "arXiv": "https://arxiv.org/abs/2405.01234",
        "HTML": "https://example.org/engines.html",
        "PDF": "../publications/files/papers/engines.pdf",
        "Supp": "https://example.org/supp.zip",
        "Slides": "https://example.org/slides.pdf",
        "Poster": "https://example.org/poster.pdf",
        "Video": "https://example.org/video",
        "Website": "https://example.org/engines",
        "Blog": "https://example.org/blog/engines",
        "OpenReview": "https://openreview.net/forum?id=abc",
    }
    assert (
        (Path(app.outdir) / "publications/files/papers/engines.pdf").read_text().startswith("%PDF")
    )
    notes = {
        a.get_text(): a["href"] for a in _entry(app, "lovelace1843notes").select("a.folio-btn")
    }
    assert notes == {
        "DOI": "https://doi.org/10.1000/notes.1843",
        "Code": "https://github.com/ada/notes",
    }
    url = _entry(app, "lovelace2024poetical").select_one("a.folio-btn")
    assert (url.get_text(), url["href"]) == ("URL", "https://example.org/poetical")


def test_abstract_and_clean_bibtex_toggle_without_javascript(app, built):
    built(app)
    item = _entry(app, "lovelace1843notes")
    abstract, bib = item.find_all("details")
    assert abstract.summary.get_text() == "Abstract"
    assert abstract.p.get_text() == (
        "We describe the Analytical Engine & its use for computing Bernoulli numbers "
        "in O(n²) steps."
    )
    assert bib.summary.get_text() == "BibTeX"
    text = bib.select_one("pre[data-folio-copy]").get_text()
    entry = parse_string(text, "bibtex").entries["lovelace1843notes"]
    assert set(entry.fields.keys()) == {
        "title",
        "journal",
        "volume",
        "pages",
        "year",
        "month",
        "doi",
    }
    for site_only in ("selected", "abbr", "award", "award_name", "abstract", "code"):
        assert site_only not in text
    # An entry without an abstract has no abstract toggle.
    assert [d.summary.get_text() for d in _entry(app, "lovelace2026draft").find_all("details")] == [
        "BibTeX"
    ]


def test_copy_script_only_on_pages_that_show_bibtex(app, built):
    built(app)

    def scripts(name):
        return [s.get("src", "") for s in page(app, name).find_all("script")]

    assert any("sphinx_folio_publications.js" in s for s in scripts("publications/index"))
    assert any(
        "sphinx_folio_publications.js" in s for s in scripts("publications/lovelace1843notes")
    )
    assert not any("sphinx_folio_publications.js" in s for s in scripts("notes"))


def test_list_markup_is_lists_not_aria_roles(app, built):
    built(app)
    soup = page(app, "publications/index")
    for item in soup.select("li.folio-pub"):
        assert item.parent.name == "ul"
        assert not item.has_attr("role")
    assert not soup.select('[role="doc-biblioentry"]')
    # The site's own bibliography (sphinxcontrib-bibtex) is a list of list items too.
    notes = page(app, "notes")
    assert not notes.select('[role="doc-biblioentry"]')
    bibliography = notes.select_one('[role="list"]')
    assert bibliography.find_all("div", recursive=False)
    assert all(d["role"] == "listitem" for d in bibliography.find_all("div", recursive=False))


def test_selected_publications_on_home(app, built):
    built(app)
    section = page(app, "index").select_one("section.folio-selected-publications")
    assert section.find("h2").get_text() == "Selected publications"
    items = section.select("li.folio-pub")
    assert [li["id"] for li in items] == ["sel-lovelace1843notes"]
    assert (
        items[0].select_one(".folio-pub-title a")["href"] == "publications/lovelace1843notes.html"
    )


@pytest.mark.sphinx(
    "html",
    testroot="pub",
    srcdir="pub-no-selected",
    confoverrides={"folio_home": {"selected_papers": {"enabled": False}}},
)
def test_selected_publications_switched_off_renders_nothing(app, built):
    built(app)
    main = page(app, "index").select_one("article.bd-article")
    assert not main.select(".folio-selected-publications, .folio-pub, .folio-pub-list")
    assert "Selected publications" not in main.get_text()


def test_paper_page_shows_everything(app, built):
    built(app)
    soup = page(app, "publications/lovelace1843notes")
    paper = soup.select_one(".folio-paper")
    assert (
        paper.find("h1").get_text() == "Notes on the Analytical Engine: Sketch of Menabrea's Memoir"
    )
    assert soup.title.get_text().startswith("Notes on the Analytical Engine")
    assert paper.select_one(".folio-pub-authors").get_text() == "Ada Lovelace and Charles Babbage"
    facts = dict(
        zip(
            [dt.get_text() for dt in paper.select("dt")],
            [dd.get_text() for dd in paper.select("dd")],
            strict=True,
        )
    )
    assert facts == {"Venue": "Scientific Memoirs", "Date": "1843-10", "DOI": "10.1000/notes.1843"}
    abstract = paper.select_one(".folio-paper-abstract")
    assert abstract.find("details") is None  # visible, as Google Scholar requires
    assert "Bernoulli numbers" in abstract.get_text()
    assert {a.get_text() for a in paper.select(".folio-pub-links a")} == {"DOI", "Code"}
    assert "@article{lovelace1843notes," in paper.select_one("pre.folio-bibtex").get_text()
    download = paper.find("a", string="Download .bib")
    assert download["href"] == "../publications/lovelace1843notes.bib"
    bib = (Path(app.outdir) / "publications/lovelace1843notes.bib").read_text()
    assert list(parse_string(bib, "bibtex").entries) == ["lovelace1843notes"]
    cited = paper.select_one(".folio-paper-cited")
    assert cited.find("h2").get_text() == "Cited on this site"
    assert [(a.get_text(), a["href"]) for a in cited.select("a")] == [("Notes", "../notes.html")]
    back = paper.select_one(".folio-paper-back a")
    assert (back.get_text(), back["href"]) == ("All publications", "index.html")


def test_paper_page_status_and_no_cited_section_when_uncited(app, built):
    built(app)
    paper = page(app, "publications/lovelace2026weaving").select_one(".folio-paper")
    # The status is shown once, as the badge under the title (issue 22), not as a fact too.
    assert [b.get_text() for b in paper.select(".folio-pub-badges .folio-status")] == ["Submitted"]
    assert "Status" not in [dt.get_text() for dt in paper.select("dt")]
    assert paper.select_one(".folio-paper-cited") is None


def _meta(soup, name):
    return [m["content"] for m in soup.head.find_all("meta", attrs={"name": name})]


def _property(soup, name):
    return [m["content"] for m in soup.head.find_all("meta", attrs={"property": name})]


def test_paper_page_google_scholar_tags_journal(app, built):
    built(app)
    soup = page(app, "publications/lovelace1843notes")
    assert _meta(soup, "citation_title") == [
        "Notes on the Analytical Engine: Sketch of Menabrea's Memoir"
    ]
    assert _meta(soup, "citation_author") == ["Lovelace, Ada", "Babbage, Charles"]
    assert _meta(soup, "citation_publication_date") == ["1843/10"]
    assert _meta(soup, "citation_journal_title") == ["Scientific Memoirs"]
    assert _meta(soup, "citation_conference_title") == []
    assert _meta(soup, "citation_volume") == ["3"]
    assert _meta(soup, "citation_firstpage") == ["666"]
    assert _meta(soup, "citation_lastpage") == ["731"]
    assert _meta(soup, "citation_doi") == ["10.1000/notes.1843"]
    assert _meta(soup, "citation_pdf_url") == []  # no PDF link, no tag
    url = "https://ada.example.org/publications/lovelace1843notes.html"
    assert _meta(soup, "citation_abstract_html_url") == [url]
    assert _property(soup, "og:title") == [
        "Notes on the Analytical Engine: Sketch of Menabrea's Memoir"
    ]
    assert _property(soup, "og:type") == ["article"]
    assert _property(soup, "og:url") == [url]
    (script,) = soup.head.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "ScholarlyArticle"
    assert data["name"] == "Notes on the Analytical Engine: Sketch of Menabrea's Memoir"
    assert [a["name"] for a in data["author"]] == ["Ada Lovelace", "Charles Babbage"]
    assert data["datePublished"] == "1843-10"
    assert data["url"] == url
    assert data["sameAs"] == "https://doi.org/10.1000/notes.1843"


def test_paper_page_google_scholar_tags_conference_pdf_arxiv(app, built):
    built(app)
    soup = page(app, "publications/lovelace2024engines")
    # "and others" is not an author.
    assert _meta(soup, "citation_author") == ["Lovelace, A.", "Somerville, Mary"]
    assert _meta(soup, "citation_publication_date") == ["2024/05"]
    assert _meta(soup, "citation_conference_title") == [
        "Proceedings of the Conference on Poetical Science (CPS)"
    ]
    assert _meta(soup, "citation_journal_title") == []
    assert _meta(soup, "citation_pdf_url") == [
        "https://ada.example.org/publications/files/papers/engines.pdf"
    ]
    assert _meta(soup, "citation_arxiv_id") == ["2405.01234"]


def test_only_the_owners_papers_get_pages(app, built):
    built(app)
    out = Path(app.outdir) / "publications"
    assert sorted(p.stem for p in out.glob("*.html")) == [
        "index",
        "lovelace1843notes",
        "lovelace2024engines",
        "lovelace2024poetical",
        "lovelace2026draft",
        "lovelace2026weaving",
    ]


def test_export_of_all_publications_from_the_list_page(app, built):
    built(app)
    link = page(app, "publications/index").select_one(".folio-pub-export a")
    assert link["href"] == "../publications/ada-lovelace-publications.bib"
    assert link.has_attr("download")
    text = (Path(app.outdir) / "publications/ada-lovelace-publications.bib").read_text()
    data = parse_string(text, "bibtex")
    assert set(data.entries) == {
        "lovelace1843notes",
        "lovelace2024engines",
        "lovelace2024poetical",
        "lovelace2026weaving",
        "lovelace2026draft",
    }
    engines = data.entries["lovelace2024engines"]
    assert engines.fields["eprint"] == "2405.01234"
    for site_only in ("pdf", "slides", "preview", "bibtex_show", "html", "openreview"):
        assert site_only not in {name.lower() for name in engines.fields}


def test_citing_owners_papers_links_to_their_pages(app, built):
    built(app)
    notes = page(app, "notes")
    cites = {a.get_text(): a["href"] for a in notes.select(".bibtex-citation a")}
    assert cites == {
        "Lovelace and Babbage, 1843": "publications/lovelace1843notes.html",
        "2024": "publications/lovelace2024engines.html",
        "Babbage, 1864": "#" + notes.select_one('[role="listitem"]')["id"],
    }
    # {cite:t} keeps its textual form.
    assert "Lovelace et al. [2024]" in notes.get_text()


@pytest.mark.sphinx("html", testroot="pub", srcdir="pub-parallel", parallel=2)
def test_parallel_build_gives_the_same_pages(app, built):
    built(app)
    assert len(_entries(app)) == 5
    assert page(app, "notes").select_one(".bibtex-citation a")["href"] == (
        "publications/lovelace1843notes.html"
    )
