"""`sphinx-folio import-alfolio` repairs papers.bib where the repair is mechanical.

Each repair and each entry left out is in the import report with file and line, and the
imported site builds with -W at once.
"""

from __future__ import annotations

from pathlib import Path

from sphinx_folio.alfolio import import_alfolio
from sphinx_folio.publications import intake

from conftest import build_imported

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
PAPERS = """---
---

@article{lovelace2020,
  author = {Lovelace, Ada},
  title = {First},
  year = {2020},
  bibtex_show=true,
  keywords = {engines},
  keywords = {again},
}

@article{lovelace2020,
  author = {Lovelace, Ada},
  title = {Same Key},
  year = {2021},
}

@article{broken2021,
  author = {Lovelace, Ada},
  title = {Broken} junk here,
  year = {2021},
}

@article{lovelace2022,
  author = {Lovelace, Ada},
  title = {No Comma}
  year = {2022},
}
"""


def _import(tmp_path: Path, papers: bytes) -> tuple[Path, list[str]]:
    source = tmp_path / "src"
    (source / "_bibliography").mkdir(parents=True)
    (source / "_config.yml").write_text("first_name: Ada\nlast_name: Lovelace\n")
    (source / "_bibliography" / "papers.bib").write_bytes(papers)
    out = tmp_path / "out"
    report = import_alfolio(source, out)
    return out, [str(note) for note in report.notes if note.file.endswith("papers.bib")]


def test_bib_repairs_are_written_and_reported(tmp_path):
    out, notes = _import(tmp_path, PAPERS.encode())
    assert notes == [
        "_bibliography/papers.bib:8: repaired: entry 'lovelace2020': bibtex_show = {true} braced",
        (
            "_bibliography/papers.bib:10: repaired: entry 'lovelace2020': repeated field "
            "'keywords' removed"
        ),
        (
            "_bibliography/papers.bib:13: repaired: repeated entry key 'lovelace2020' renamed to "
            "'lovelace2020-2'"
        ),
        (
            "_bibliography/papers.bib:19: entry 'broken2021' left out: ',' expected after field "
            "'title' (line 21)"
        ),
        "_bibliography/papers.bib:27: repaired: entry 'lovelace2022': ',' added after 'title'",
        "_bibliography/papers.bib:1: Jekyll front matter (---) at the top removed",
    ]
    bib = (out / "refs.bib").read_text(encoding="utf-8")
    assert "bibtex_show={true}," in bib
    assert bib.count("keywords") == 1
    assert "@article{lovelace2020-2," in bib
    assert "broken2021" not in bib
    assert "title = {No Comma},\n" in bib
    # What is written reads without a single problem.
    result = intake.scan(bib, "refs.bib")
    assert result.problems == []
    assert [e.key for e in result.entries] == [
        "lovelace2020",
        "lovelace2020-2",
        "lovelace2022",
    ]
    # The site builds with -W, every readable paper listed.
    build = build_imported(out)
    assert build.returncode == 0, build.stderr
    listing = (out / "_build" / "html" / "publications" / "index.html").read_text()
    for title in ("First", "Same Key", "No Comma"):
        assert f">{title}<" in listing


def test_bib_not_utf8_is_reported_by_line(tmp_path):
    out, notes = _import(tmp_path, b"@misc{a, title = {Caf\xe9}, year = 2020}\n")
    assert notes[0] == (
        "_bibliography/papers.bib:1: bytes that are not UTF-8 on line 1; shown as \ufffd "
        "(save the file as UTF-8)"
    )
    assert "Caf\ufffd" in (out / "refs.bib").read_text(encoding="utf-8")


def test_bib_names_separated_by_commas_are_joined_with_and(tmp_path):
    out, notes = _import(tmp_path, (FIXTURES / "comma-authors.bib").read_bytes())
    # The fixture's authors are not the imported owner: that is a note of its own.
    assert [note for note in notes if "repaired" in note] == [
        "_bibliography/papers.bib:1: repaired: entry 'quan2019': 'and' between the authors"
    ]
    bib = (out / "refs.bib").read_text(encoding="utf-8")
    assert "author = {Quan Qiu and Na Sun and He Bai and Ning Wang}," in bib


def test_a_link_to_a_missing_file_and_an_unreadable_month_are_left_out(tmp_path):
    # al-folio's 2024 demo links html = {relativity.html}, a file it does not have; a month
    # no calendar has would be a warning too. Either would fail the new site's -W build.
    papers = (
        "@article{lovelace2020,\n"
        "  author = {Lovelace, Ada},\n"
        "  title = {First},\n"
        "  year = {2020},\n"
        "  month = {Spring},\n"
        "  html = {relativity.html},\n"
        "  date = {2020-13-45},\n"
        "}\n"
    )
    out, notes = _import(tmp_path, papers.encode())
    assert sorted(notes) == [
        ("_bibliography/papers.bib:5: month 'Spring' is not a date the site can read; left out"),
        (
            "_bibliography/papers.bib:6: html file 'relativity.html' not found in the al-folio "
            "site; left out"
        ),
        "_bibliography/papers.bib:7: date '2020-13-45' is not a date the site can read; left out",
    ]
    bib = (out / "refs.bib").read_text(encoding="utf-8")
    assert "Spring" not in bib and "relativity" not in bib and "2020-13-45" not in bib
    assert "title = {First}" in bib
