# ruff: noqa: RUF001 (en dashes are what the page shows)
"""What messy and hostile CV data gives: open end dates, impossible dates, unsafe URLs,
a file that is not UTF-8."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sphinx_folio.resume import ResumeError

from conftest import CV_NOT_A_DATE, cv_site, cv_warnings, page, warnings_of


def _entries(app) -> list[str]:
    return [
        " ".join(entry.get_text(" ").split()) for entry in page(app, "cv").select(".folio-cv-entry")
    ]


@pytest.mark.parametrize("end", ["current", "Present", "now", '""'])
def test_an_open_end_date_means_ongoing(make_app, rootdir, tmp_path, end):
    cv = f"work:\n  - name: Lab\n    position: Intern\n    startDate: 2020-06\n    endDate: {end}\n"
    app = make_app("html", srcdir=cv_site(tmp_path, rootdir, cv))
    app.build()
    assert warnings_of(app) == ""
    assert _entries(app) == ["Intern , Lab Jun 2020 – Present"]
    exported = json.loads((Path(app.outdir) / "resume.json").read_text(encoding="utf-8"))
    assert exported["work"] == [{"name": "Lab", "position": "Intern", "startDate": "2020-06"}]


def test_an_impossible_date_is_a_warning_and_is_left_out(make_app, rootdir, tmp_path):
    cv = (
        "work:\n"
        "  - name: Lab\n"
        "    position: Intern\n"
        "    startDate: 2025-17-01\n"
        "    endDate: 2024\n"  # no false "before startDate" after the bad start
        "awards:\n"
        "  - {title: Prize, date: 2023-02-30}\n"
    )
    app = make_app("html", srcdir=cv_site(tmp_path, rootdir, cv))
    app.build()
    why = f"{CV_NOT_A_DATE}; left out [folio.cv]"
    assert cv_warnings(app) == [
        f"data/cv.yaml:4: WARNING: work[0].startDate: '2025-17-01' {why}",
        f"data/cv.yaml:7: WARNING: awards[0].date: '2023-02-30' {why}",
    ]
    assert _entries(app) == ["Intern , Lab 2024", "Prize"]


def test_a_cv_url_that_is_not_http_is_text_not_a_link(make_app, rootdir, tmp_path):
    cv = (
        "basics:\n"
        "  url: 'javascript:alert(1)'\n"
        "  profiles:\n"
        "    - {network: Mastodon, url: 'data:text/html,<script>alert(1)</script>'}\n"
        "work:\n"
        "  - name: Lab\n"
        "    position: Intern\n"
        '    url: "java\\tscript:alert(1)"\n'
    )
    app = make_app("html", srcdir=cv_site(tmp_path, rootdir, cv))
    app.build()
    why = (
        "is not a link this site publishes (expected an http(s) URL or a link inside the "
        "site); left out [folio.cv]"
    )
    assert cv_warnings(app) == [
        f"data/cv.yaml:2: WARNING: basics.url: 'javascript:alert(1)' {why}",
        (
            "data/cv.yaml:4: WARNING: basics.profiles[0].url: "
            f"'data:text/html,<script>alert(1)</script>' {why}"
        ),
        f"data/cv.yaml:8: WARNING: work[0].url: 'java\\tscript:alert(1)' {why}",
    ]
    cv_page = page(app, "cv")
    hrefs = [a.get("href", "") for a in cv_page.select("a")]
    assert not [h for h in hrefs if re.match(r"\s*(java|data|vb)", h, re.IGNORECASE)]
    assert _entries(app) == ["Intern , Lab"]  # the name stays, as text
    exported = (Path(app.outdir) / "resume.json").read_text(encoding="utf-8")
    assert "alert" not in exported


def test_an_empty_url_or_email_is_simply_not_given(make_app, rootdir, tmp_path):
    # JSON Resume templates (and al-folio's resume.json) ship "url": "" for fields not filled.
    cv = 'basics:\n  url: ""\n  email: ""\nwork:\n  - {name: Lab, position: Intern, url: ""}\n'
    app = make_app("html", srcdir=cv_site(tmp_path, rootdir, cv))
    app.build()
    assert warnings_of(app) == ""
    assert _entries(app) == ["Intern , Lab"]
    exported = json.loads((Path(app.outdir) / "resume.json").read_text(encoding="utf-8"))
    assert exported["work"] == [{"name": "Lab", "position": "Intern"}]


def test_a_cv_file_that_is_not_utf8_names_the_file_and_line(make_app, rootdir, tmp_path):
    cv = "work:\n  - name: Lab\n    position: Ing\xe9nieur\n".encode("latin-1")
    with pytest.raises(ResumeError) as error:
        make_app("html", srcdir=cv_site(tmp_path, rootdir, cv))
    assert str(error.value) == (
        "data/cv.yaml:3: is not UTF-8 text (byte 0xe9)\n    How to fix: save the file as UTF-8"
    )
