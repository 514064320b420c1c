# ruff: noqa: RUF001 (en dashes are what the page shows)
"""The CV page from a JSON Resume file, its resume.json, and the errors bad data gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from sphinx_folio.errors import InputError
from sphinx_folio.resume import SCHEMA_PATH, ResumeError, format_date

from conftest import cv_site, page, warnings_of


def _copy(rootdir: Path, tmp_path: Path, name: str) -> Path:
    """A fresh copy of a test root, so that builds never write into tests/roots."""
    target = tmp_path / name
    if not target.exists():
        shutil.copytree(rootdir / name, target)
    return target


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def _section(app, title):
    for section in page(app, "cv").select("section.folio-cv-section"):
        if section.find("h2").get_text(strip=True).rstrip("#") == title:
            return section
    raise AssertionError(f"no {title} section")


@pytest.mark.sphinx("html", testroot="cv")
def test_sections_in_order_with_headings_in_the_page_toc(app, built):
    built(app)
    cv = page(app, "cv")
    headings = [h.get_text(strip=True).rstrip("#") for h in cv.select("section h2")]
    assert headings == ["Experience", "Education", "Service", "Skills", "Awards", "Publications"]
    toc = [a.get_text(strip=True) for a in cv.select(".bd-toc a, nav.page-toc a")]
    assert toc[:5] == ["Experience", "Education", "Service", "Skills", "Awards"]


@pytest.mark.sphinx("html", testroot="cv")
def test_experience_entries(app, built):
    built(app)
    first, second = _section(app, "Experience").select(".folio-cv-entry")
    head = first.find(class_="folio-cv-entry__head")
    assert _text(head.find(class_="folio-cv-entry__title")) == (
        "Research Engineer , Analytical Engines Ltd"
    )
    assert head.find("a")["href"] == "https://engines.example.com"
    assert _text(head.find(class_="folio-cv-entry__dates")) == "May 2025 – Present"
    assert head.find("time")["datetime"] == "2025-05"
    assert first.find(class_="folio-cv-entry__meta").get_text() == "London"
    assert first.find(class_="folio-cv-entry__summary").find("strong").get_text() == (
        "difference engine"
    )
    highlights = first.select(".folio-cv-entry__highlights li")
    assert [_text(li) for li in highlights] == [
        "Cut gear wear by 35%.",
        "Wrote the operator notes .",
    ]
    assert highlights[1].find("a")["href"] == "https://engines.example.com/notes"
    # Dates as precise as written: a year stays a year, a full date is a full date.
    assert _text(second.find(class_="folio-cv-entry__dates")) == "2021 – 30 Sep 2023"


@pytest.mark.sphinx("html", testroot="cv")
def test_education_service_skills_awards(app, built):
    built(app)
    school = _section(app, "Education").find(class_="folio-cv-entry")
    assert _text(school.find(class_="folio-cv-entry__title")) == (
        "M.S., Mathematics , Example University"
    )
    assert _text(school.find(class_="folio-cv-entry__dates")) == "Sep 2019 – Jun 2021"
    assert [p.get_text() for p in school.select(".folio-cv-entry__meta")] == [
        "Score: 110/110",
        "Courses: Number theory, Mechanics",
    ]
    service = _section(app, "Service").find(class_="folio-cv-entry")
    assert _text(service) == "Reviewer , Engines Workshop 2026 2026"
    skills = [s.get_text().strip() for s in _section(app, "Skills").select(".folio-cv-skill")]
    assert skills == ["Mechanics (Expert): Gears, Cams", "Writing"]
    award = _section(app, "Awards").find(class_="folio-cv-entry")
    assert _text(award) == "Best Engine Award , Royal Society 2 Nov 2024 For the difference engine."


@pytest.mark.sphinx("html", testroot="cv")
def test_contact_line_comes_from_conf_py_and_the_file(app, built):
    built(app)
    contact = page(app, "cv").find(class_="folio-cv__contact")
    assert contact.find(class_="folio-cv__name").get_text() == "Ada Example"
    assert contact.find(class_="folio-cv__label").get_text() == (
        "Research Engineer, analytical engines"
    )
    links = contact.find(class_="folio-cv__links")
    assert links.get_text() == "Turin, Italy · ada@example.org · ada.example.org · GitHub"
    assert [a["href"].replace("%40", "@") for a in links.find_all("a")] == [
        "mailto:ada@example.org",
        "https://ada.example.org/",
        "https://github.com/ada-example",
    ]


@pytest.mark.sphinx("html", testroot="cv")
def test_resume_json_is_linked_and_valid_against_the_json_resume_schema(app, built):
    built(app)
    link = page(app, "cv").find("a", class_="folio-cv__download", string="Download JSON Resume")
    assert link["href"] == "resume.json"
    resume = json.loads((Path(app.outdir) / link["href"]).read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(resume)) == []
    # conf.py fills in what the file leaves out; the file wins where it says something.
    assert resume["basics"]["name"] == "Ada Example"
    assert resume["basics"]["label"] == "Research Engineer, analytical engines"
    assert resume["basics"]["email"] == "ada@example.org"
    assert resume["basics"]["location"] == {"city": "Turin, Italy"}
    assert resume["basics"]["profiles"] == [
        {"network": "GitHub", "url": "https://github.com/ada-example", "username": "ada-example"}
    ]
    # Dates stay the strings the author wrote (YAML would turn 2023-09-30 into a date).
    assert resume["work"][1] == {
        "name": "Example University",
        "position": "Teaching Assistant",
        "startDate": "2021",
        "endDate": "2023-09-30",
    }


def test_schema_rejects_what_json_resume_rejects():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    assert not validator.is_valid({"experience": []})
    assert not validator.is_valid({"work": [{"startDate": "May 2025"}]})
    assert not validator.is_valid({"skills": [{"keywords": "Python"}]})
    assert validator.is_valid({"work": [{"startDate": "2025-05", "x-note": 1}]})


def test_a_json_file_works_too(make_app, rootdir, tmp_path):
    data = {"work": [{"name": "Lab", "position": "Intern", "startDate": "2020-06"}]}
    src = cv_site(tmp_path, rootdir, json.dumps(data), "data/cv.json")
    app = make_app("html", srcdir=src, confoverrides={"folio_cv": "data/cv.json"})
    app.build()
    assert warnings_of(app) == ""
    entry = page(app, "cv").select_one(".folio-cv-entry")
    assert _text(entry) == "Intern , Lab Jun 2020 – Present"


BAD = [
    ("work:\n  - {name: Lab, startDate: 2020}\n", "data/cv.yaml:2: work[0].position is missing"),
    ("education:\n  - {area: Maths}\n", "data/cv.yaml:2: education[0].institution is missing"),
    ("skills:\n  - {keywords: [Python]}\n", "data/cv.yaml:2: skills[0].name is missing"),
    ("awards:\n  - {awarder: Society}\n", "data/cv.yaml:2: awards[0].title is missing"),
    (
        "work:\n  - {company: Lab, position: Intern}\n",
        "data/cv.yaml:2: work[0].company: JSON Resume now calls this field 'name'",
    ),
    (
        "experience:\n  - {position: Intern}\n",
        "data/cv.yaml:1: unknown section 'experience'; JSON Resume has basics, work,",
    ),
    (
        "work:\n  - {position: Intern, highlights: Did things}\n",
        "data/cv.yaml:2: work[0].highlights: expected a list, got 'Did things'",
    ),
    (
        "education:\n  - {institution: U, score: 3.9}\n",
        "data/cv.yaml:2: education[0].score: expected text, got 3.9 (quote it in YAML)",
    ),
    (
        "work:\n  - {position: Intern, startDate: 2024-05, endDate: 2023}\n",
        "data/cv.yaml:2: work[0].endDate: '2023' is before startDate '2024-05'",
    ),
    ("work: [\n", "data/cv.yaml:2: cannot be read: while parsing"),
]


@pytest.mark.parametrize(("cv", "message"), BAD, ids=[m.split(": ", 1)[1][:40] for _, m in BAD])
def test_bad_cv_data_fails_the_build_naming_the_field(make_app, rootdir, tmp_path, cv, message):
    src = cv_site(tmp_path, rootdir, cv)
    with pytest.raises(ResumeError) as error:
        make_app("html", srcdir=src)
    assert message in str(error.value)


def test_missing_name_everywhere_fails_naming_basics_name(make_app, rootdir, tmp_path):
    src = cv_site(tmp_path, rootdir, "work:\n  - {position: Intern}\n")
    with pytest.raises(ResumeError, match=r"data/cv.yaml:1: basics\.name is missing"):
        make_app("html", srcdir=src, confoverrides={"folio_name": ""})


def test_missing_cv_file_names_the_option(make_app, rootdir, tmp_path):
    with pytest.raises(InputError, match=r"folio_cv: 'data/nope.yaml' does not exist"):
        make_app(
            "html",
            srcdir=_copy(rootdir, tmp_path, "test-cv"),
            confoverrides={"folio_cv": "data/nope.yaml"},
        )


def test_cv_directive_without_folio_cv_warns(make_app, rootdir, tmp_path):
    app = make_app(
        "html", srcdir=_copy(rootdir, tmp_path, "test-cv"), confoverrides={"folio_cv": ""}
    )
    app.build()
    assert (
        "cv.md:3: WARNING: the {cv} directive needs folio_cv, the JSON Resume file, in conf.py [folio.cv]"
        in (warnings_of(app))
    )
    assert page(app, "cv").find(class_="folio-cv-section") is None
    assert not (Path(app.outdir) / "resume.json").exists()


@pytest.mark.sphinx("html", testroot="cv")
def test_cv_page_links_the_print_stylesheet(app, built):
    # What printing does with it is checked in a browser (tests/browser/test_behaviour.py).
    built(app)
    sheets = [
        link["href"].split("?")[0] for link in page(app, "cv").select('link[rel="stylesheet"]')
    ]
    assert "_static/sphinx_folio.css" in sheets


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2025", "2025"),
        ("2025-05", "May 2025"),
        ("2025-05-03", "3 May 2025"),
        ("2024-02-29", "29 Feb 2024"),
    ],
)
def test_dates_render_as_precise_as_written(value, shown):
    assert format_date(value) == shown
