"""The real site, built as `make html` builds it, checked as a visitor sees it."""

from __future__ import annotations

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import RepoBuild, sphinx_build

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
    "posts/index",
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
        return sphinx_build(self.out, self.build.doctrees)


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


def test_writing_page_points_to_substack(site: Site) -> None:
    assert "Substack" in site.text("posts/index")
