"""The real site, built as `make html` builds it, checked as a visitor sees it."""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.search.en import SearchEnglish

from conftest import REPO, RepoBuild, sphinx_build

PAGES = [
    "index",
    "research/index",
    "research/mesa-optimization-probe",
    "research/encoder-archaeology",
    "publications/index",
    "projects/index",
    "projects/backtracking-causal-mechanisms",
    "projects/defake",
    "projects/llm-evaluation-harness",
    "news/index",
    "cv",
]


class Site:
    def __init__(self, build: RepoBuild):
        self.build = build
        self.out = build.out

    def page(self, name: str) -> BeautifulSoup:
        path = self.out / f"{name}.html"
        assert path.exists(), f"{name}.html was not built"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def text(self, name: str) -> str:
        main = self.page(name).find("main") or self.page(name)
        return re.sub(r"\s+", " ", main.get_text(" "))

    def rebuild(self) -> subprocess.CompletedProcess[str]:
        return sphinx_build(REPO, self.out.parent)


@pytest.fixture(scope="module")
def site(repo_build: RepoBuild) -> Site:
    """The session's one build of the real site (tests/conftest.py)."""
    assert repo_build.returncode == 0, repo_build.stderr
    return Site(repo_build)


def test_build_prints_no_warnings(site: Site) -> None:
    assert site.build.stderr.strip() == ""
    assert "build succeeded." in site.build.stdout
    assert not re.search(r"\b(WARNING|ERROR|CRITICAL)\b", site.build.stdout)


def test_build_leaves_the_source_tree_as_it_was(site: Site) -> None:
    assert site.build.status_after == site.build.status_before


def test_second_build_reads_and_writes_nothing(site: Site) -> None:
    again = site.rebuild()
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 changed, 0 removed" in again.stdout
    assert "no targets are out of date" in again.stdout


@pytest.mark.parametrize("name", PAGES)
def test_every_page_exists_with_a_heading(site: Site, name: str) -> None:
    h1 = site.page(name).find("h1")
    assert h1 is not None and h1.get_text(strip=True)


def test_home_introduces_the_owner(site: Site) -> None:
    text = site.text("index")
    assert "Anurag Mishra" in text
    assert "Rochester Institute of Technology" in text
    assert "mechanistic interpretability" in text.lower()
    # Recent news is on the home page, newest first: the 2026 items before May 2025.
    assert text.index("2026") < text.index("May 2025")


def test_research_pages_show_period_tags_and_cards(site: Site) -> None:
    mesa = site.text("research/mesa-optimization-probe")
    assert "Apr 2026" in mesa
    for tag in ("PyTorch", "TransformerLens", "Activation Patching"):
        assert tag in mesa
    encoder = site.page("research/encoder-archaeology")
    cards = encoder.select(".sd-card")
    card_text = " ".join(card.get_text(" ") for card in cards)
    for family in ("BERT", "Mamba", "RWKV", "Hyena", "RetNet", "GLA"):
        assert family in card_text
    for analysis in ("Error Analysis", "Pruning Sensitivity", "Position Sensitivity"):
        assert analysis in card_text


@pytest.mark.parametrize(
    ("name", "title_word"),
    [
        ("research/mesa-optimization-probe", "Gradient Descent"),
        ("research/encoder-archaeology", "BEIR"),
    ],
)
def test_citation_links_to_its_entry(site: Site, name: str, title_word: str) -> None:
    soup = site.page(name)
    citations = soup.select("main a.reference.internal[href^='#']")
    targets = [soup.find(id=link["href"][1:]) for link in citations]
    entries = [target.get_text(" ") for target in targets if target is not None]
    assert any(title_word.lower() in entry.lower() for entry in entries), entries


def test_publications_newest_year_first_with_work_in_progress_on_top(site: Site) -> None:
    text = site.text("publications/index")
    titles = [
        "TITAN",
        "Emergent Features in Large Language Models",
        "Dissecting Chronos",
        "Mechanistic Interpretability of GPT-like Models",
        "Advancing Explainability in Neural Machine Translation",
        "Analyzing the Impact of Climate Change",
        "Automatic Short Answer Grading",
    ]
    positions = [text.find(title) for title in titles]
    assert all(p >= 0 for p in positions), dict(zip(titles, positions, strict=True))
    # In progress first, then 2026, 2025, 2024, 2023.
    assert positions[0] < positions[2] and positions[1] < positions[2]
    assert positions[2] < positions[3] < positions[4]
    assert max(positions[4], positions[5]) < positions[6]
    years = [int(y) for y in re.findall(r"\b(20[12]\d)\b", text[positions[2] :])]
    headings = [y for y in years if y in (2023, 2024, 2025, 2026)]
    assert headings[0] == 2026
    assert "Submitted" in text or "submitted" in text


def test_projects_and_cv_show_their_figures(site: Site) -> None:
    assert "18,000" in site.text("projects/defake")
    assert "35%" in site.text("projects/llm-evaluation-harness")
    cv = site.text("cv")
    assert "3.89" in cv
    assert "Sikkim Manipal Institute of Technology" in cv
    assert "AI Engineer" in cv


def test_writing_has_no_page_and_no_navbar_entry_until_a_post_exists(site: Site) -> None:
    # posts/ holds only its index: the collection is empty, so nothing announces it.
    stub = (site.out / "posts" / "index.html").read_text(encoding="utf-8")
    assert 'content="noindex"' in stub
    assert "Writing" not in stub and "Substack" not in stub
    navbar = [a.get_text(strip=True) for a in site.page("index").select(".bd-header a.nav-link")]
    assert "Publications" in navbar
    assert "Writing" not in navbar
    assert (
        "posts/index" not in (site.out / "sitemap.xml").read_text(encoding="utf-8")
        if (site.out / "sitemap.xml").exists()
        else True
    )


def test_home_title_once_and_its_sections_in_on_this_page(site: Site) -> None:
    home = site.page("index")
    assert home.title.get_text() == "Anurag Mishra"
    assert len(home.find_all("meta", attrs={"name": "viewport"})) == 1
    toc = [a.get_text(strip=True) for a in home.select("#pst-page-toc-nav a")]
    assert toc == ["Research interests", "News", "Selected publications"]
    # Every listed section is on the page.
    for link in home.select("#pst-page-toc-nav a"):
        assert home.find(id=link["href"].lstrip("#")) is not None, link["href"]
    # Nothing repeats the navbar: no list of links to the sections under the content.
    assert home.find(id="links") is None
    assert site.page("cv").title.get_text() == "CV \u2014 Anurag Mishra"


def test_every_page_has_the_right_hand_column(site: Site) -> None:
    # So the content column starts at the same place on every page (the browser suite
    # measures it); a page without sections holds the column open with an empty spacer.
    for name in [*PAGES, "publications/mishra2026dissecting", "tags/beir", "404"]:
        column = site.page(name).select_one("#pst-secondary-sidebar")
        assert column is not None, name
        has_toc = column.select_one("#pst-page-toc-nav") is not None
        has_spacer = column.select_one(".folio-sidebar-spacer") is not None
        assert has_toc != has_spacer, name
    assert site.page("research/index").select_one(".folio-sidebar-spacer") is not None
    # The publications page lists its groups; the CV its own sections, not the groups.
    toc = site.page("publications/index").select("#pst-page-toc-nav a")
    assert [a.get_text(strip=True) for a in toc][:2] == ["In progress", "2026"]
    toc = site.page("cv").select("#pst-page-toc-nav a")
    assert "2026" not in [a.get_text(strip=True) for a in toc]


def _search_index(site: Site) -> dict[str, Any]:
    text = (site.out / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_search_index_holds_paper_pages_and_no_bibtex(site: Site) -> None:
    index = _search_index(site)
    docnames = index["docnames"]
    page = docnames.index("publications/mishra2026dissecting")
    title = index["titles"][page]
    assert title.startswith("Dissecting Chronos")
    # By a word of the title, the venue and the abstract, stemmed as this Sphinx stems
    # English ("CRPS" is "crps" for Sphinx 9's stemmer, "crp" for 8.2's).
    stem = SearchEnglish({}).stem
    for word in (stem(w).lower() for w in ("Chronos", "TSALM", "autoencoders", "CRPS")):
        found = index["terms"].get(word, [])
        found = found if isinstance(found, list) else [found]
        assert page in found or page in _as_list(index["titleterms"].get(word)), word
    # BibTeX's words are not indexed: they were in the lists' toggles.
    for word in ("pubstate", "inpreparation", "booktitle", "archiveprefix"):
        assert not _as_list(index["terms"].get(word)), word
    # Tag pages are not in it.
    assert not [name for name in docnames if name.startswith("tags/")]


def _as_list(value: Any) -> list[int]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def test_404_offers_home_sections_and_search(site: Site) -> None:
    page = site.page("404")
    hrefs = [a["href"] for a in page.select("article a")]
    assert "/index.html" in hrefs
    assert "/publications/index.html" in hrefs
    assert "/posts/index.html" not in hrefs  # the empty collection
    form = page.select_one("form.folio-404-search")
    assert form["action"] == "/search.html"
    assert form.select_one("input[name=q]") is not None
    # No "Hide Search Matches" can appear on it: the highlighting script is not loaded.
    assert not page.find("script", src=re.compile("sphinx_highlight"))


def test_paper_page_breadcrumb_and_navbar_lead_to_publications(site: Site) -> None:
    page = site.page("publications/mishra2026dissecting")
    crumbs = [li.get_text(" ", strip=True) for li in page.select(".bd-breadcrumbs li")]
    assert crumbs[1] == "Publications"
    assert crumbs[2].startswith("Dissecting Chronos: Sparse Autoencoders")
    assert len(crumbs) == 3
    current = page.select(".bd-header li.nav-item.current a")
    assert [a.get_text(strip=True) for a in current] == ["Publications"]


def test_research_bibliography_is_labelled_as_the_text_cites(site: Site) -> None:
    page = site.page("research/encoder-archaeology")
    labels = [s.get_text("", strip=True) for s in page.select(".citation-list .label")]
    assert "[Devlin et al., 2019]" in labels
    assert "[Gu and Dao, 2023]" in labels
    assert not [label for label in labels if re.fullmatch(r"\[[A-Z]?\d+\]", label)]
    text = site.text("research/encoder-archaeology")
    assert re.search(r"Devlin\s*et al\.\s*,\s*2019", text.split("References")[0])


def test_cv_links_its_typeset_pdf_and_its_json_resume(site: Site) -> None:
    cv = site.page("cv")
    links = {a.get_text(): a["href"] for a in cv.select("a.folio-cv__download")}
    assert links == {"Download PDF": "cv.pdf", "Download JSON Resume": "resume.json"}
    assert (site.out / "cv.pdf").read_bytes().startswith(b"%PDF-")
    assert cv.select_one("article button") is None  # no print button: the PDF is typeset
    crumbs = [li.get_text(strip=True) for li in cv.select(".bd-breadcrumbs li")]
    assert crumbs[-1] == "CV"


def test_the_climate_paper_names_its_co_authors(site: Site) -> None:
    """arXiv 2405.15835's three authors, in order, on its page and in its BibTeX."""
    paper = site.text("publications/mishra2024analyzing")
    assert re.search(r"Anurag Mishra\W+Ronen Gold\W+(and\W+)?Sanjeev Vijayakumar", paper), paper
    assert "et al" not in paper
    bib = (site.out / "publications/mishra2024analyzing.bib").read_text(encoding="utf-8")
    assert "Mishra, Anurag and Gold, Ronen and Vijayakumar, Sanjeev" in bib
