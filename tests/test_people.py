"""A research group's site as a visitor sees it: people by group, a person's page with
their papers, the members highlighted in the publication list and its filter, talks and
teaching. The site is ``tests/roots/test-lab`` (fictional people); every build must
print no warning."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from sphinx_folio.cli import main
from sphinx_folio.dates import DASH

from conftest import ROOTS, build_copy_of_root, page, sphinx_build, warnings_of

Build = Callable[..., SphinxTestApp]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    for app in build_copy_of_root(tmp_path_factory, "lab"):
        assert warnings_of(app) == "", warnings_of(app)
        yield app


@pytest.fixture
def site(tmp_path: Path, make_app: Callable[..., SphinxTestApp]) -> Callable[..., Any]:
    """A fresh copy of the lab root; ``build(edit)`` returns the app and its warnings."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-lab", src)

    def build(files: dict[str, str]) -> tuple[SphinxTestApp, str]:
        for name, content in files.items():
            (src / name).write_text(content, encoding="utf-8")
        app = make_app("html", srcdir=src)
        app.build()
        return app, warnings_of(app)

    return build


def text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def groups(soup: BeautifulSoup) -> list[tuple[str, list[str]]]:
    """(heading, the names on its cards), in page order."""
    found: list[tuple[str, list[str]]] = []
    for heading in soup.select(".folio-people-group"):
        cards = heading.find_next_sibling("ul", class_="folio-people")
        assert cards is not None
        names = [text(n) for n in cards.select(".folio-person__name")]
        found.append((text(heading), names))
    return found


def test_people_by_group_alumni_last(lab: SphinxTestApp) -> None:
    soup = page(lab, "people/index")
    assert groups(soup) == [
        ("PI", ["Ada Quill"]),
        ("Postdocs", ["Ben Okafor"]),
        ("PhD students", ["Carmen Ruiz"]),
        ("MSc students", ["Dev Patel"]),
        ("Visiting researchers", ["Fay Moreau"]),  # the site's own group
        ("Alumni", ["Eli Novak"]),  # an end date: alumni, apart and last
    ]
    assert all(h.name == "h2" for h in soup.select(".folio-people-group"))


def test_card_photo_or_monogram_role_links(lab: SphinxTestApp) -> None:
    soup = page(lab, "people/index")
    cards = {text(c.select_one(".folio-person__name")): c for c in soup.select(".folio-person")}
    ada, ben, eli = cards["Ada Quill"], cards["Ben Okafor"], cards["Eli Novak"]
    photo = ada.select_one("img.folio-person__photo")
    assert photo is not None and photo["src"] == "../_images/quill.png"
    assert (Path(lab.outdir) / "_images" / "quill.png").is_file()
    assert ada.select_one("svg") is None
    monogram = ben.select_one("svg.folio-person__monogram")
    assert monogram is not None and text(monogram) == "BO"
    assert monogram["aria-hidden"] == "true"  # the name is written beside it
    assert ben.select_one("img") is None
    assert text(ada.select_one(".folio-person__role")) == "Professor"
    links = {text(a): a["href"] for a in ada.select(".folio-person__links a")}
    assert links == {
        "Homepage": "https://quill.example.org/",
        "Email": "mailto:ada.quill@example.org",
        "Google Scholar": "https://scholar.google.com/citations?user=EXAMPLE",
        "ORCID": "https://orcid.org/0000-0000-0000-0001",
        "GitHub": "https://github.com/example-quill",
    }
    assert ada.select_one(".folio-person__name a")["href"] == "ada-quill.html"
    assert text(eli.select_one(".folio-person__now")) == "Now: Research scientist at Example Corp"
    assert text(eli.select_one(".folio-person__period")) == f"Sep 2018 {DASH} Jun 2023"


def test_alumni_option(site: Callable[..., Any]) -> None:
    app, warnings = site(
        {
            "people/index.md": "# People\n\n```{people}\n:alumni: hide\n```\n\n"
            "## Former members\n\n```{people}\n:alumni: only\n:level: 3\n```\n\n"
            "```{toctree}\n:hidden:\n:glob:\n\n*\n```\n"
        }
    )
    assert warnings == ""
    soup = page(app, "people/index")
    headings = [(h.name, text(h)) for h in soup.select(".folio-people-group")]
    assert ("h3", "Alumni") in headings
    assert ("h2", "Alumni") not in headings and len(headings) == 6


def test_person_page_lists_their_papers(lab: SphinxTestApp) -> None:
    soup = page(lab, "people/ada-quill")
    header = soup.select_one(".folio-person-header")
    assert header is not None and header.select_one("img.folio-person-header__photo")
    assert "Role: Professor" in text(header)
    papers = soup.select(".folio-person-papers .folio-pub-title")
    assert [text(p) for p in papers] == [
        "Sparrow: Counting Birds from Their Songs",
        "Finch Beaks as Sorting Networks",  # "Quill, A." is Ada Quill
    ]
    # Other spellings, from the person's front matter ("names").
    carmen = page(lab, "people/carmen-ruiz")
    assert [text(p) for p in carmen.select(".folio-person-papers .folio-pub-title")] == [
        "Sparrow: Counting Birds from Their Songs"
    ]
    assert carmen.select_one(".folio-person-header svg") is not None  # no photo: initials
    # No papers, no heading.
    assert page(lab, "people/fay-moreau").select_one(".folio-person-papers") is None


def test_group_publications_highlight_every_member(lab: SphinxTestApp) -> None:
    soup = page(lab, "publications/index")
    titles = [text(t) for t in soup.select(".folio-pub-title")]
    # The site's owner is the lab: its papers are those of its members, no one else's.
    assert titles == [
        "Wren: A Tiny Dataset",
        "Sparrow: Counting Birds from Their Songs",
        "Finch Beaks as Sorting Networks",
    ]
    entry = soup.select(".folio-pub")[2]
    assert [text(s) for s in entry.select(".folio-owner")] == ["E. Novak", "A. Quill"]
    assert "Xavier Stranger" in text(entry.select_one(".folio-pub-authors"))
    sparrow = soup.select(".folio-pub")[1]
    assert [text(s) for s in sparrow.select(".folio-owner")] == [
        "Ada Quill",
        "Ben Okafor",
        "Carmen Ruiz-Vega",
    ]


def test_filter_narrows_to_one_member(lab: SphinxTestApp) -> None:
    soup = page(lab, "publications/index")
    select = soup.select_one("select[name=author]")
    assert select is not None
    label = soup.select_one(f"label[for={select['id']}]")
    assert text(label) == "Author"
    options = {o["value"]: text(o) for o in select.select("option") if o["value"]}
    assert options["ada-quill"] == "Ada Quill"
    assert options["carmen-ruiz"] == "Carmen Ruiz"  # the member, however refs.bib spells her
    # The entries carry the member's key, which publications.js matches ?author= against.
    keyed = [li for li in soup.select(".folio-pub") if "Ada Quill" in li.get("data-authors", "")]
    assert len(keyed) == 2


def test_talks_newest_first_with_event_and_links(lab: SphinxTestApp) -> None:
    soup = page(lab, "talks/index")
    rows = soup.select(".folio-row")
    assert [text(r.select_one(".folio-row-title")) for r in rows] == [
        "Counting birds from their songs",
        "Finch beaks as sorting networks",
    ]
    assert text(rows[0].select_one(".folio-row-date")) == "12 Jun 2025"
    assert text(rows[0].select_one(".folio-details")) == (
        "Event: Example Conference on Birdsong · Location: Lisbon, Portugal"
    )
    assert "How a small model counts" in text(rows[0])  # the abstract
    talk = page(lab, "talks/sparrow-keynote")
    # The abstract is under the title and the talk's details, not above the title.
    article = talk.select_one("article")
    assert article is not None
    order = article.select("h1, .folio-item-header, .abstract")
    assert [t.name if t.name == "h1" else t["class"][0] for t in order] == [
        "h1",
        "folio-item-header",
        "topic",  # the abstract
    ]
    links = {text(a): a["href"] for a in talk.select(".folio-item-header .folio-links a")}
    assert links == {
        "Slides": "https://vireo.example.org/slides/sparrow.pdf",
        "Video": "https://video.example.org/sparrow",
    }


def test_teaching_by_term(lab: SphinxTestApp) -> None:
    soup = page(lab, "teaching/index")
    rows = soup.select(".folio-row")
    assert [text(r.select_one(".folio-row-title")) for r in rows] == [
        "Introduction to Birdsong Analysis",
        "Signal Processing for Ecologists",
    ]
    # The term names the row's date; the date orders the rows.
    assert [text(r.select_one(".folio-row-date")) for r in rows] == ["Fall 2025", "Spring 2024"]
    assert rows[0].select_one(".folio-row-date time")["datetime"] == "2025-09"
    assert text(rows[0].select_one(".folio-details")) == (
        "Code: BIO 101 · Role: Instructor · Institution: Example University"
    )
    header = page(lab, "teaching/cs101").select_one(".folio-item-header .folio-details")
    assert "Term: Fall 2025" in text(header)  # the course's own page says it in words
    course = page(lab, "teaching/cs101")
    links = {text(a): a["href"] for a in course.select(".folio-item-header .folio-links a")}
    assert links == {"Materials": "https://vireo.example.org/bio101/"}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("homepage", "javascript:alert(1)", "front matter key 'homepage': 'javascript:alert(1)'"),
        ("email", "not an address", "front matter key 'email': 'not an address'"),
        ("photo", "../_static/missing.png", "front matter key 'photo' names a file that does not"),
        ("names", "{a: 1}", "front matter key 'names' must be a list of names"),
        ("shoe_size", "42", "unknown front matter key 'shoe_size' in the people collection"),
    ],
)
def test_bad_person_front_matter_is_named(
    site: Callable[..., Any], key: str, value: str, message: str
) -> None:
    person = f"---\ntitle: Ben Okafor\ngroup: postdoc\n{key}: {value}\n---\n\nBen.\n"
    app, warnings = site({"people/ben-okafor.md": person})
    assert message in warnings
    assert "ben-okafor.md:4" in warnings  # the file and the line of the key
    soup = page(app, "people/index")
    card = next(c for c in soup.select(".folio-person") if "Ben Okafor" in text(c))
    assert "javascript" not in str(card)
    assert card.select_one("svg") is not None  # the card is still drawn, with initials


def test_people_directive_needs_the_collection(site: Callable[..., Any]) -> None:
    conf = (ROOTS / "test-lab" / "conf.py").read_text().replace('"people": "people", ', "")
    _app, warnings = site({"conf.py": conf})
    assert "no people collection; add 'people': 'people'" in warnings


def json_lds(soup: BeautifulSoup) -> list[dict[str, Any]]:
    return [json.loads(s.string or "") for s in soup.select('script[type="application/ld+json"]')]


def test_json_ld_person_per_member_and_the_group(lab: SphinxTestApp) -> None:
    (ada,) = json_lds(page(lab, "people/ada-quill"))
    group = {"@type": "Organization", "name": "Vireo Lab", "url": "https://vireo.example.org/"}
    assert ada["@type"] == "Person" and ada["name"] == "Ada Quill"
    assert ada["url"] == "https://vireo.example.org/people/ada-quill.html"
    assert ada["memberOf"] == group
    assert ada["affiliation"] == {"@type": "Organization", "name": "Example University"}
    assert ada["image"] == "https://vireo.example.org/_images/quill.png"
    assert ada["email"] == "ada.quill@example.org"
    assert "https://orcid.org/0000-0000-0000-0001" in ada["sameAs"]
    (ben,) = json_lds(page(lab, "people/ben-okafor"))
    assert ben["affiliation"] == group  # none of his own: the group's
    (eli,) = json_lds(page(lab, "people/eli-novak"))
    assert eli["alumniOf"] == group and "memberOf" not in eli and "affiliation" not in eli
    # The owner is the lab: the home page describes an Organization, not a Person.
    (home,) = json_lds(page(lab, "index"))
    assert home["@type"] == "Organization" and home["name"] == "Vireo Lab"
    assert [m["name"] for m in home["member"]] == [
        "Ada Quill",
        "Ben Okafor",
        "Carmen Ruiz",
        "Dev Patel",
        "Fay Moreau",
    ]
    assert [m["name"] for m in home["alumni"]] == ["Eli Novak"]


def test_a_members_own_site_keeps_the_owner_a_person(site: Callable[..., Any]) -> None:
    conf = (ROOTS / "test-lab" / "conf.py").read_text()
    app, warnings = site(
        {"conf.py": conf.replace('folio_name = "Vireo Lab"', 'folio_name = "Ada Quill"')}
    )
    assert warnings == ""
    (home,) = json_lds(page(app, "index"))
    assert home["@type"] == "Person" and home["name"] == "Ada Quill"
    (ben,) = json_lds(page(app, "people/ben-okafor"))
    assert ben["memberOf"]["name"] == "Vireo Lab"  # the project's name


def test_new_lab_starts_a_group_site(tmp_path: Path) -> None:
    folder = tmp_path / "lab"
    flags = ["--name", "Example Lab", "--role", "", "--affiliation", "Example University"]
    assert main(["new", str(folder), *flags, "--email", "lab@example.org", "--lab"]) == 0
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {
        "people/example-member.md",
        "talks/example-talk.md",
        "teaching/example-course.md",
    } <= files
    assert not {"cv.yaml", "cv.md", "research/index.md"} & files  # one person's parts
    out = tmp_path / "out"
    result = sphinx_build(folder, out, "-q")
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    home = BeautifulSoup((out / "html" / "index.html").read_text(), "html.parser")
    nav = " ".join(a["href"] for a in home.select("nav a[href]"))
    for section in ("people/index.html", "talks/index.html", "teaching/index.html"):
        assert section in nav
    people = BeautifulSoup((out / "html" / "people/index.html").read_text(), "html.parser")
    assert [text(n) for n in people.select(".folio-person__name")] == ["Example Member"]
    smoke = subprocess.run(
        [sys.executable, "-m", "unittest", "discover", "-s", "tests"],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr


def test_a_new_member_is_highlighted_on_the_next_build(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-lab", src)
    first = SphinxTestApp("html", srcdir=src)
    try:
        first.build()
        stranger = page(first, "publications/index")
        assert "Crows Nobody in the Lab Wrote About" not in text(stranger.select_one("main"))
    finally:
        first.cleanup()
    person = "---\ntitle: Xavier Stranger\ngroup: postdoc\n---\n\nA fictional newcomer.\n"
    (src / "people/xavier-stranger.md").write_text(person, encoding="utf-8")
    second = SphinxTestApp("html", srcdir=src)
    try:
        second.build()
        assert warnings_of(second) == ""
        soup = page(second, "publications/index")
        titles = [text(t) for t in soup.select(".folio-pub-title")]
        assert "Crows Nobody in the Lab Wrote About" in titles
        assert "Xavier Stranger" in [text(s) for s in soup.select(".folio-owner")]
        (home,) = json_lds(page(second, "index"))
        assert "Xavier Stranger" in [m["name"] for m in home["member"]]
    finally:
        second.cleanup()


def test_a_group_whose_members_wrote_nothing_is_told_how_to_fix_it(
    site: Callable[..., Any],
) -> None:
    bib = "@article{x2020, title = {T}, author = {Nobody, Xavier}, journal = {J}, year = {2020}}\n"
    _app, warnings = site({"refs.bib": bib})
    assert "folio_name = 'Vireo Lab' matches no author" in warnings
    assert "or add the members as pages in people/" in warnings
