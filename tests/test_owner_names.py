"""The owner is recognised however a bibliography writes the name; every listed entry stays
listed; a second bib file drives a list of its own."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Person

from sphinx_folio.alfolio.importer import import_alfolio
from sphinx_folio.publications.coauthors import CoauthorLinks
from sphinx_folio.publications.names import OwnerMatcher

from conftest import build_imported, page, sphinx_build, warnings_of

JIAXIN = OwnerMatcher(["Jiaxin Zhang"])


@pytest.mark.parametrize(
    "name",
    [
        "Zhang, Jia-Xin",  # hyphen inside the given name
        "Zhang, Jia Xin",  # space inside the given name
        "Jia-Xin Zhang",
        "Zhang, Jiaxin",
        "Zhang, J.-X.",
        "Zhang, JX",  # initials without dots or spaces
        "Zhang, J. X.",
        "Zhang†, Jia-Xin",  # contribution marks, on either part
        "Zhang, Jia-Xin*",
        "Zhang$^\\dagger$, Jiaxin",
        "Zhang\\textsuperscript{1,2}, Jiaxin",
        "Zhang¹, Jiaxin",
        "Zhang, Jiaxin #",
        "Ｚｈａｎｇ, Ｊｉａｘｉｎ",  # noqa: RUF001 - full-width letters
        "Zhang Jiaxin",  # family name first, no comma
    ],
)
def test_the_owner_is_recognised_however_the_name_is_written(name):
    assert JIAXIN(Person(name))


@pytest.mark.parametrize(
    "name",
    [
        "Zhang, Jiayi",
        "Zhang, Jia",  # a part of the given name is not the name
        "Zhang, Y.",
        "Zhang, YX",  # initials must be the given names' initials
        "Zhang",  # a bare family name is not enough
        "Jiaxin, Z.",  # family name first only in full
        "Wang, Jiaxin",
    ],
)
def test_other_people_are_not_the_owner(name):
    assert not JIAXIN(Person(name))


@pytest.mark.parametrize(
    ("owner", "yes", "no"),
    [
        ("Jiaye Wu", ["Wu†, Jia-Ye", "Wu, Jia-Ye‡", "Wu, Jiaye§"], ["Wu, Jie", "Wu†, Jia"]),
        ("Andrés Peters", ["Peters, AA", "Peters, A.A.", "Peters, Andres"], ["Peters, BA"]),
        (
            "张佳欣",
            ["张佳欣", "张 佳欣", "佳欣 张", "张, 佳欣"],
            ["张佳", "王佳欣", "Zhang, Jiaxin"],
        ),
        ("김민수", ["김민수", "민수 김"], ["김민"]),
        # A stray comma before "and": pybtex reads the given name as a "Jr." part.
        ("Antoine Collas", ["Collas*, Antoine,", "\\textbf{A. {Collas}}"], ["Collas, Bruno,"]),
        # Every capital braced: pybtex tells no given name from the family name.
        (
            "John A. ZuHone",
            ["{J}ohn {A}. {Z}u{H}one", "{{J}ohn {Z}u{H}one}"],
            ["{J}ane {Z}u{H}one"],
        ),
        # A family name of two words, split elsewhere than in folio_name.
        (
            "Giulia Garcia Lorenzana",
            ["Garcia Lorenzana, Giulia", "Garcia Lorenzana, G.", "Lorenzana, Giulia Garcia"],
            ["Garcia Lorenzana, Maria", "G. Garcia"],
        ),
        (
            "Fidel I. Schaposnik Massolo",
            ["Schaposnik Massolo, Fidel I.", "Massolo, Fidel I. Schaposnik"],
            ["Schaposnik, Fidel I."],
        ),
    ],
)
def test_names_from_real_bibliographies(owner, yes, no):
    matcher = OwnerMatcher([owner])
    assert [n for n in yes if not matcher(Person(n))] == []
    assert [n for n in no if matcher(Person(n))] == []


def test_co_authors_are_matched_as_tolerantly_as_the_owner():
    links = CoauthorLinks({"Jia-Xin Zhang": "https://example.org/jx"})
    assert links(Person("Zhang†, Jiaxin")) == ("Jia-Xin Zhang", "https://example.org/jx")
    assert links(Person("Zhang, Jiayi")) is None


_PART = st.text(alphabet="aAjJxX-. ,*†{}\\$^¹Ｚ张佳\t", max_size=2000)


@settings(max_examples=60, deadline=None)
@given(_PART, st.integers(min_value=1, max_value=40))
def test_matching_takes_time_in_proportion_to_the_name(part, repeat):
    name = (part * repeat)[:40_000]
    matcher = OwnerMatcher(["Jiaxin Zhang", "张佳欣", "Peters, AA"])
    start = time.perf_counter()
    try:
        person = Person(name)
    except Exception:  # noqa: BLE001 - pybtex refuses some strings ("Too many commas")
        return
    matcher(person)
    assert time.perf_counter() - start < 2.0


def test_a_long_run_of_initials_and_marks_is_quick():
    matcher = OwnerMatcher(["Jiaxin Zhang"])
    for name in ("Zhang, " + "J." * 50_000, "Zhang, " + "†-" * 50_000, "张" * 100_000):
        start = time.perf_counter()
        matcher(Person(name))
        assert time.perf_counter() - start < 2.0, name[:20]


@pytest.mark.sphinx("html", testroot="pub-names")
def test_the_built_list_highlights_the_owner_in_every_form(app, built):
    built(app)
    assert warnings_of(app) == ""
    items = page(app, "publications/index").select("li.folio-pub")
    owners = {li["id"]: [o.get_text() for o in li.select(".folio-owner")] for li in items}
    assert owners == {
        "pub-hyphen2024": ["Jia-Xin Zhang"],
        "pub-spaced2023": ["Jia Xin Zhang"],
        "pub-initials2022": ["JX Zhang"],
        "pub-mark2021": ["Jia-Xin Zhang"],
        "pub-fullwidth2020": ["Ｊｉａｘｉｎ Ｚｈａｎｇ"],  # noqa: RUF001
        "pub-familyfirst2019": ["Zhang Jiaxin"],
        "pub-cjk2018": ["张佳欣"],
        "pub-cjkorder2017": ["佳欣 张"],
        "pub-alt2016": ["Jessie Zhang"],  # folio_name_variants (al-folio's *_alt names)
    }  # "other2015" (Jiayi Zhang and Y. Zhang) is someone else's paper


@pytest.mark.sphinx("html", testroot="pub-every")
def test_every_entry_is_listed_and_a_second_file_has_its_own_list(app, built):
    built(app)
    # An entry without author or year is listed, not warned about.
    assert warnings_of(app) == ""
    papers = page(app, "publications/index")
    ids = [li["id"] for li in papers.select("li.folio-pub")]
    assert ids == ["refs-peters2024", "refs-student2022", "refs-toolkit"]
    owner = papers.select_one("li#refs-peters2024 .folio-owner")
    assert owner is not None and owner.get_text() == "AA Peters"
    assert not papers.select("li#refs-student2022 .folio-owner")
    undated = papers.select_one("li#refs-toolkit").find_parent("section").h2.get_text()
    assert undated == "Undated"
    talks = page(app, "publications/talks")
    assert [li["id"] for li in talks.select("li.folio-pub")] == [
        "talks-talk2023",
        "talks-talk2021",
    ]
    # A list of one file offers no download of all the site's papers.
    assert not talks.select(".folio-pub-export")


def test_a_list_of_a_file_that_is_not_a_bib_file_of_the_site_is_a_warning(tmp_path, rootdir):
    src = tmp_path / "site"
    import shutil

    shutil.copytree(rootdir / "test-pub-every", src)
    (src / "publications" / "talks.md").write_text(
        "# Talks\n\n```{publication-list}\n:file: theses.bib\n```\n", encoding="utf-8"
    )
    result = sphinx_build(src, tmp_path / "out", "-q")
    assert result.returncode == 1
    assert (
        f"{src / 'publications' / 'talks.md'}:3: WARNING: {{publication-list}} :file: "
        "'theses.bib' is not one of bibtex_bibfiles (refs.bib, talks.bib)"
    ) in result.stderr


def _alfolio(root: Path, pages: dict[str, str], bibs: dict[str, str], config: str) -> Path:
    src = root / "alfolio"
    (src / "_pages").mkdir(parents=True)
    (src / "_bibliography").mkdir()
    (src / "_config.yml").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        (src / "_pages" / name).write_text(text, encoding="utf-8")
    for name, text in bibs.items():
        (src / "_bibliography" / name).write_text(text, encoding="utf-8")
    return src


def test_an_imported_site_lists_every_entry_and_each_bibliography_file(tmp_path):
    config = (
        "first_name: Jiaye\nlast_name: Wu\n"
        "scholar:\n  last_name: [Wu]\n  first_name: [Jiaye, J.]\n"
        "  last_name_alt: [吴]\n  first_name_alt: [佳烨]\n"
    )
    papers = (
        "@article{a2024, author={Wu†, Jia-Ye and Li, Bo}, title={Marked}, journal={J}, year=2024}\n"
        "@article{b2023, author={Li, Bo}, title={A student's paper}, journal={J}, year=2023}\n"
        "@misc{tool, title={Software with no author and no year}}\n"
        "@article{c2022, author={吴佳烨}, title={In Chinese}, journal={J}, year=2022}\n"
    )
    talks = "@misc{t1, author={Wu, Jiaye}, title={A talk}, year=2024}\n"
    pages = {
        "publications.md": (
            "---\nlayout: page\npermalink: /publications/\ntitle: publications\n---\n"
            "{% bibliography %}\n\n## Theses\n{% bibliography -f theses %}\n"
        ),
        "talks.md": "---\nlayout: page\ntitle: talks\n---\nMy talks.\n\n{% bibliography -f talks %}\n",
    }
    src = _alfolio(
        tmp_path,
        pages,
        {
            "papers.bib": papers,
            "talks.bib": talks,
            "theses.bib": "@phdthesis{th, author={Wu, Jiaye}, title={Thesis}, school={U}, year=2020}\n",
            "old.bib": "@misc{x, title={A backup nobody lists}, year=2000}\n",
        },
        config,
    )
    out = tmp_path / "site"
    import_alfolio(src, out)
    result = build_imported(out)
    assert result.returncode == 0, result.stderr
    html = out / "_build" / "html"
    from bs4 import BeautifulSoup

    def soup(name: str) -> BeautifulSoup:
        return BeautifulSoup((html / f"{name}.html").read_text(encoding="utf-8"), "html.parser")

    pubs = soup("publications/index")
    listed = {
        li["id"]: [o.get_text() for o in li.select(".folio-owner")]
        for li in pubs.select("li.folio-pub")
    }
    assert listed == {
        "refs-a2024": ["Jia-Ye Wu"],
        "refs-b2023": [],
        "refs-c2022": ["吴佳烨"],
        "refs-tool": [],
        "theses-th": ["Jiaye Wu"],
    }
    talks_page = soup("talks")
    assert [li["id"] for li in talks_page.select("li.folio-pub")] == ["talks-t1"]
    assert "My talks." in talks_page.get_text()
    report = (out / "IMPORT-REPORT.md").read_text(encoding="utf-8")
    # Said once each, in the report, not as build warnings.
    assert report.count("entry 'tool' has no author") == 1
    assert report.count("entry 'tool' has no year") == 1
    assert "_bibliography/old.bib" in report and "not converted" in report
    assert "_bibliography/talks.bib -> talks.bib" in report


def test_a_missing_file_named_like_its_field_leaves_the_field_name_alone(tmp_path):
    # `html={html}` with no such file: the value goes, not the "html" of the field name.
    papers = "@misc{k,\n  author={Li, Bo},\n  title={T},\n  year=2020,\n  html={html},\n  pdf={x.pdf},\n}\n"
    src = _alfolio(tmp_path, {}, {"papers.bib": papers}, "first_name: Bo\nlast_name: Li\n")
    out = tmp_path / "site"
    import_alfolio(src, out)
    refs = (out / "refs.bib").read_text(encoding="utf-8")
    assert "  html={},\n  pdf={},\n" in refs
    result = build_imported(out)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("every", [False, True])
def test_a_year_written_as_a_status_is_the_status(every):
    from pybtex.database import parse_string

    from sphinx_folio.publications.records import build

    entry = parse_string(
        "@article{k, author={Li, Bo}, title={T}, journal={J}, year={In press}}", "bibtex"
    ).entries["k"]
    pub = build("k", entry, "x", OwnerMatcher(["Bo Li"]), every_entry=every)
    assert (pub.status, pub.year, pub.problems) == ("In press", "", ())
    odd = parse_string(
        "@article{k, author={Li, Bo}, title={T}, journal={J}, year={Spring}}", "bibtex"
    ).entries["k"]
    problems = build("k", odd, "x", OwnerMatcher(["Bo Li"]), every_entry=every).problems
    # Listed as it is when every entry is listed; else a warning, as before.
    assert problems == (
        ()
        if every
        else ("entry 'k': year 'Spring' is not a year (a number from 1 to 9999); left out",)
    )


def test_a_link_the_site_refuses_is_left_out_and_reported_by_the_import(tmp_path):
    # Every entry is listed, a co-author's too: its links are checked and must not fail -W.
    papers = (
        "@article{k,\n  author={Li, Bo},\n  title={T},\n  journal={J},\n  year=2020,\n"
        '  html={<a href="https://doi.org/10.1/x">10.1/x</a>},\n'
        "  pdf={https://example.org/a\\_b.pdf},\n}\n"
    )
    src = _alfolio(tmp_path, {}, {"papers.bib": papers}, "first_name: Ada\nlast_name: Lovelace\n")
    out = tmp_path / "site"
    import_alfolio(src, out)
    report = (out / "IMPORT-REPORT.md").read_text(encoding="utf-8")
    assert "_bibliography/papers.bib:6: entry 'k': field 'html': " in report
    assert report.count("papers.bib:6") == 1
    result = build_imported(out)
    assert result.returncode == 0, result.stderr
    html = (out / "_build" / "html" / "publications" / "index.html").read_text(encoding="utf-8")
    # The escaped underscore of a link is read as "_".
    assert 'href="https://example.org/a_b.pdf"' in html
