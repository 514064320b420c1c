"""The CV data checked with jsonschema against the vendored JSON Resume schema: every fault
names the file, the line and the key path, in YAML and JSON alike, and one fault is one
short message."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sphinx_folio.resume import ResumeError, _read

from conftest import CV_NOT_A_DATE, REPO, cv_site, cv_warnings

_FIX = "see https://jsonresume.org/schema for the fields and their types"


def _fails(make_app, src: Path, **kwargs) -> list[str]:
    with pytest.raises(ResumeError) as error:
        make_app("html", srcdir=src, **kwargs)
    return str(error.value).splitlines()


def test_a_wrong_type_deep_in_yaml_names_its_path_and_line(make_app, rootdir, tmp_path):
    cv = (
        "basics:\n"
        "  name: Ada\n"
        "  profiles:\n"
        "    - network: GitHub\n"
        "      username: [ada, lovelace]\n"
        "work:\n"
        "  - position: Intern\n"
    )
    assert _fails(make_app, cv_site(tmp_path, rootdir, cv)) == [
        (
            "data/cv.yaml:5: basics.profiles[0].username: expected text, "
            "got ['ada', 'lovelace'] (quote it in YAML)"
        ),
        f"    How to fix: {_FIX}",
    ]


def test_a_wrong_type_deep_in_json_names_the_line_of_its_own_entry(make_app, rootdir, tmp_path):
    work = [{"name": f"Lab {i}", "position": "Intern", "highlights": ["Did things"]} for i in range(3)]  # fmt: skip
    work[2]["highlights"] = "Did things"
    text = json.dumps({"work": work}, indent=2)
    line = text.splitlines().index('      "highlights": "Did things"') + 1
    src = cv_site(tmp_path, rootdir, text, "data/cv.json")
    message = _fails(make_app, src, confoverrides={"folio_cv": "data/cv.json"})
    # work[2]'s line, not the first "highlights" in the file (work[0]'s)
    assert message[0] == f"data/cv.json:{line}: work[2].highlights: expected a list, got 'Did things'"  # fmt: skip


def test_an_unknown_section_in_json_names_its_line(make_app, rootdir, tmp_path):
    text = json.dumps({"basics": {"name": "Ada"}, "work": [], "talks": [{"name": "A talk"}]}, indent=2)  # fmt: skip
    src = cv_site(tmp_path, rootdir, text, "data/cv.json")
    message = _fails(make_app, src, confoverrides={"folio_cv": "data/cv.json"})
    assert message[0].startswith("data/cv.json:6: unknown section 'talks'; JSON Resume has basics, work,")  # fmt: skip
    assert message[1] == "    How to fix: rename the section to one JSON Resume has, or remove it"


def test_a_section_of_the_wrong_type_is_one_short_message(make_app, rootdir, tmp_path):
    cv = "education:\n  institution: Uni\n  area: " + "Mathematics " * 30 + "\n"
    message = _fails(make_app, cv_site(tmp_path, rootdir, cv))
    assert len(message) == 2  # the fault and how to fix it: nothing about what is inside
    assert message[0].startswith("data/cv.yaml:1: education: expected a list, got {'area': 'Mathem")  # fmt: skip
    assert len(message[0]) < 150


def test_of_several_faults_the_first_in_the_file_is_reported(make_app, rootdir, tmp_path):
    # The schema lists work before skills; the file has the skills fault first.
    cv = "skills:\n  - name: Python\n    keywords: Python\nwork: Intern at the lab\n"
    message = _fails(make_app, cv_site(tmp_path, rootdir, cv))
    assert message[0] == "data/cv.yaml:3: skills[0].keywords: expected a list, got 'Python'"


@pytest.mark.parametrize(
    ("value", "what", "fix"),
    [
        ("!!binary aGVsbG8=", "b'hello' cannot be written to JSON", _FIX),
        ("{2019: A}", "field names must be text, got 2019", "quote it in YAML: '2019':"),
    ],
    ids=["binary", "number-as-key"],
)
def test_yaml_json_cannot_hold_names_its_path(make_app, rootdir, tmp_path, value, what, fix):
    cv = f"work:\n  - position: Intern\n    x-extra: {value}\n"
    assert _fails(make_app, cv_site(tmp_path, rootdir, cv)) == [
        f"data/cv.yaml:3: work[0].x-extra: {what}",
        f"    How to fix: {fix}",
    ]


def test_a_bad_email_or_a_date_outside_the_schema_is_left_out_with_a_warning(
    make_app, rootdir, tmp_path
):
    cv = (
        "basics:\n"
        "  email: ada(at)example.org\n"
        "work:\n"
        "  - name: Lab\n"
        "    position: Intern\n"
        "    startDate: '3000-01'\n"  # a real month, but the schema's dates are years 1000-2999
    )
    app = make_app("html", srcdir=cv_site(tmp_path, rootdir, cv))
    app.build()
    assert cv_warnings(app) == [
        "data/cv.yaml:2: WARNING: basics.email: 'ada(at)example.org' is not an email address; left out [folio.cv]",
        f"data/cv.yaml:6: WARNING: work[0].startDate: '3000-01' {CV_NOT_A_DATE}; left out [folio.cv]",
    ]
    exported = json.loads((Path(app.outdir) / "resume.json").read_text(encoding="utf-8"))
    assert exported["basics"]["email"] == "ada@example.org"  # conf.py's, as if none were given
    assert exported["work"] == [{"name": "Lab", "position": "Intern"}]


def test_the_sites_own_cv_has_no_fault_and_no_warning():
    name = re.search(r'^folio_cv = "([^"]+)"', (REPO / "conf.py").read_text(), re.MULTILINE)
    assert name is not None
    data, checker = _read(REPO / name[1], name[1])
    checker.required(data)
    assert checker.problems == []
    assert data["work"] and data["education"]
