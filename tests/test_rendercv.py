# ruff: noqa: RUF001 (en dashes are what RenderCV files and the page write)
"""RenderCV's YAML (al-folio v1's ``_data/cv.yml``): converted by the importer, and read
directly as a CV source (``folio_cv``)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_folio.alfolio import import_alfolio
from sphinx_folio.alfolio.rendercv import KINDS, _period, convert

from conftest import cv_site, cv_warnings, page

#: A RenderCV file in al-folio v1's form, written for these tests (no real person).
RENDERCV = """\
cv:
  name: Ada Example
  headline: Research Engineer
  email: ada@example.org
  location: Turin, Italy
  website: https://ada.example.org/
  social_networks:
    - network: GitHub
      username: ada-example
    - network: Friendster
      username: ada
  sections:
    Education:
      - institution: University of Turin
        area: Mathematics
        degree: PhD
        start_date: 2019-09
        end_date: 2023-06
        highlights:
          - "Thesis: Looms that count"
    Teaching Experience:
      - company: University of Turin
        position: Teaching Assistant
        start_date: 2020-09
        end_date: present
        highlights:
          - Analysis I
    Service:
      - bullet: Reviewer for the Journal of Analytical Machines
      - name: Turin Maths Circle
        date: 2019–2026
    Honors and Awards:
      - label: Best Thesis Prize
        details: University of Turin, for the thesis on looms
      - name: Travel grant
        date: Oct. 2025
    Language Skills:
      - label: Italian
        details: Native
    Technical Skills:
      - label: Programming
        details: Python, C++, Typst
    Publications:
      - title: Engines That Weave
        authors: ["**Ada Example**", Charles Babbage]
        doi: 10.1234/jam.2024.1
        journal: Journal of Analytical Machines
        date: 2024-05-01
    Invited Talks:
      - name: Looms and numbers
        date: 2024-03
      - name: Counting with cards
        date: 2023
design:
  theme: classic
"""


def _converted() -> tuple[dict[str, Any], list[tuple[str, str]]]:
    return convert(yaml.safe_load(RENDERCV))


def test_basics_and_profiles() -> None:
    resume, notes = _converted()
    assert resume["basics"] == {
        "name": "Ada Example",
        "label": "Research Engineer",
        "email": "ada@example.org",
        "url": "https://ada.example.org/",
        "location": {"city": "Turin, Italy"},
        "profiles": [
            {
                "network": "GitHub",
                "username": "ada-example",
                "url": "https://github.com/ada-example",
            }
        ],
    }
    assert ("network: Friendster", "social network 'Friendster' not converted") in notes


def test_sections_by_title_and_entries_by_shape() -> None:
    resume, _ = _converted()
    assert resume["education"] == [
        {
            "institution": "University of Turin",
            "area": "Mathematics",
            "studyType": "PhD",
            "startDate": "2019-09",
            "endDate": "2023-06",
            "highlights": ["Thesis: Looms that count"],
        }
    ]
    # "Teaching Experience" is work; "present" is an ongoing entry (no endDate).
    assert resume["work"] == [
        {
            "name": "University of Turin",
            "position": "Teaching Assistant",
            "startDate": "2020-09",
            "highlights": ["Analysis I"],
        }
    ]
    assert resume["volunteer"] == [
        {"organization": "Reviewer for the Journal of Analytical Machines"},
        {"organization": "Turin Maths Circle", "startDate": "2019", "endDate": "2026"},
    ]
    assert resume["awards"] == [
        {"title": "Best Thesis Prize", "summary": "University of Turin, for the thesis on looms"},
        {"title": "Travel grant", "date": "2025-10"},
    ]
    assert resume["languages"] == [{"language": "Italian", "fluency": "Native"}]
    assert resume["skills"] == [{"name": "Programming", "keywords": ["Python", "C++", "Typst"]}]
    assert resume["publications"] == [
        {
            "name": "Engines That Weave",
            "publisher": "Journal of Analytical Machines",
            "releaseDate": "2024-05-01",
            "url": "https://doi.org/10.1234/jam.2024.1",
        }
    ]


def test_what_has_no_place_is_named_not_dropped() -> None:
    _, notes = _converted()
    assert (
        "Invited Talks:",
        "CV section 'Invited Talks' (2 entries) has no place in JSON Resume; not converted",
    ) in notes
    assert any("'Publications' kept in cv.yaml" in message for _, message in notes)


def test_the_importer_converts_an_al_folio_v1_cv(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "_data").mkdir(parents=True)
    (source / "_pages").mkdir()
    (source / "_pages" / "about.md").write_text("---\nlayout: about\n---\nHi.\n")
    (source / "_config.yml").write_text("first_name: Ada\nlast_name: Example\n")
    (source / "_data" / "cv.yml").write_text(RENDERCV, encoding="utf-8")
    report = import_alfolio(source, tmp_path / "out")
    written = yaml.safe_load((tmp_path / "out" / "cv.yaml").read_text(encoding="utf-8"))
    assert written["basics"]["name"] == "Ada Example"
    assert [job["position"] for job in written["work"]] == ["Teaching Assistant"]
    notes = [str(n) for n in report.notes_for("_data/cv.yml")]
    line = RENDERCV.splitlines().index("    Invited Talks:") + 1
    assert any(n.startswith(f"_data/cv.yml:{line}: CV section 'Invited Talks'") for n in notes)


def test_folio_cv_reads_a_rendercv_file(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    app = make_app("html", srcdir=cv_site(tmp_path, rootdir, RENDERCV))
    app.build()
    cv = page(app, "cv")
    headings = [
        h.get_text(strip=True).rstrip("#") for h in cv.select("section.folio-cv-section h2")
    ]
    assert headings == ["Experience", "Education", "Service", "Skills", "Awards"]
    titles = [" ".join(t.get_text().split()) for t in cv.select(".folio-cv-entry__title")]
    assert "Teaching Assistant, University of Turin" in titles
    assert "Thesis: Looms that count" in cv.get_text()  # education highlights are shown
    line = RENDERCV.splitlines().index("    Invited Talks:") + 1
    assert (
        f"data/cv.yaml:{line}: WARNING: CV section 'Invited Talks' (2 entries) has no place "
        "in JSON Resume; not converted [folio.cv]"
    ) in cv_warnings(app)


# --- adversarial input: the patterns see untrusted text --------------------------------------

FAST = settings(max_examples=200, deadline=None)
PIECES = st.sampled_from(["2019", "-", "\u2013", " ", "Oct.", "present", "a", "1", ". "])


@FAST
@given(st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=200).map("".join)))
def test_periods_and_titles_take_linear_time(text: str) -> None:
    started = time.perf_counter()
    start, end = _period(text)
    for _, pattern in KINDS:
        pattern.search(text * 50)
    assert time.perf_counter() - started < 0.5
    assert isinstance(start, str) and isinstance(end, str)


def test_a_date_object_is_an_iso_date() -> None:
    assert _period(dt.date(2014, 4, 1)) == ("2014-04-01", "")


def test_a_long_date_field_is_read_in_linear_time() -> None:
    # An entry's date was searched for a dash with a pattern that began and ended with runs
    # of spaces: 20,000 spaces took 11 s.
    entry = {"name": "X", "date": "2019" + " " * 200_000 + "x"}
    start = time.process_time()
    convert({"cv": {"name": "Ada", "sections": {"Experience": [entry]}}})
    assert time.process_time() - start < 1.0
