"""`sphinx-folio import-alfolio` on a lab's site: members from ``_data/*.yml`` lists and
from a ``_group_members`` collection become the ``people`` collection, ``_teachings``
becomes ``teaching``, and what has no place is reported. The fixture is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_folio.alfolio import import_alfolio

from conftest import build_imported

CURRENT = """\
- name: Ada Quill
  role: Principal Investigator
  url: "https://quill.example.org/"
  pubs: "https://scholar.google.com/citations?user=EXAMPLE"
  github: example-quill
  photo: quill.png
- name: Ben Okafor
  info: Ph.D. student
  email: ben (at) example.org
  homepage: <a href="https://okafor.example.org/" target="_blank">[Homepage]</a>
  joined: 2022
  shoe_size: 42
- name: Dev Patel
  role: Master student
- name: Carmen Ruiz
  role: Postdoc
  url: https://ruiz.example.org/
"""
FORMER = """\
- name: Eli Novak
  role: PhD 2023
  now: Research scientist at Example Corp
"""
VENUES = """\
- name: Example Conference
  abbr: EXC
"""
MEMBER = """\
---
layout: member
name: Carmen Ruiz
position: Postdoc
image: /assets/img/missing.jpg
github: example-ruiz
---

Carmen Ruiz studies example birds.
"""
COURSE = """\
---
title: "Birdsong Analysis"
collection: teachings
type: "Undergraduate course"
venue: "Example University"
date: 2024-09-01
location: "Exampleville"
---

A fictional course.
"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    source = tmp_path_factory.mktemp("lab") / "site"
    files = {
        "_config.yml": "title: Vireo Lab\nfirst_name: Vireo\nlast_name: Lab\n",
        "_pages/about.md": "---\nlayout: about\npermalink: /\n---\n\nA fictional lab.\n",
        "_data/current_members.yml": CURRENT,
        "_data/former_members.yml": FORMER,
        "_data/venues.yml": VENUES,
        "_group_members/carmen.md": MEMBER,
        "_teachings/2024-birdsong.md": COURSE,
    }
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    (source / "assets/img").mkdir(parents=True)
    (source / "assets/img/quill.png").write_bytes(
        (Path(__file__).parent / "roots/test-lab/_static/quill.png").read_bytes()
    )
    out = source.parent / "out"
    report = import_alfolio(source, out)
    return out, report.render()


def test_every_member_becomes_a_person(lab: tuple[Path, str]) -> None:
    out, _ = lab
    people = sorted(p.name for p in (out / "people").glob("*.md"))
    assert people == [
        "ada-quill.md",
        "ben-okafor.md",
        "carmen-ruiz.md",
        "dev-patel.md",
        "eli-novak.md",
        "index.md",
    ]
    ben = (out / "people/ben-okafor.md").read_text()
    assert "email: ben@example.org" in ben
    assert "homepage: https://okafor.example.org/" in ben
    assert "group: PhD" in ben and "role: Ph.D. student" in ben
    assert "start: 2022\n" in ben
    ada = (out / "people/ada-quill.md").read_text()
    assert "group: PI" in ada and "github: https://github.com/example-quill" in ada
    assert "scholar: https://scholar.google.com/citations?user=EXAMPLE" in ada
    assert "photo: ../_static/img/quill.png" in ada
    assert "group: alumni" in (out / "people/eli-novak.md").read_text()
    # In a data list and in _group_members: one page, with the values of both.
    carmen = (out / "people/carmen-ruiz.md").read_text()
    assert "Carmen Ruiz studies example birds." in carmen
    assert "homepage: https://ruiz.example.org/" in carmen
    assert "github: https://github.com/example-ruiz" in carmen


def test_what_has_no_place_is_reported(lab: tuple[Path, str]) -> None:
    _, report = lab
    assert "'shoe_size' of 1 people has no place in people" in report
    assert "photo '/assets/img/missing.jpg' not found" in report
    assert "'location' has no place in teaching" in report
    assert "_data/venues.yml" not in report  # no list of people: not this module's


def test_lab_builds_and_lists_people_and_teaching(lab: tuple[Path, str]) -> None:
    out, _ = lab
    result = build_imported(out)
    assert result.returncode == 0, result.stdout + result.stderr
    html = out / "_build" / "html"
    soup = BeautifulSoup((html / "people/index.html").read_text(), "html.parser")
    headings = [" ".join(h.get_text().split()) for h in soup.select(".folio-people-group")]
    assert headings == ["PI", "Postdocs", "PhD students", "MSc students", "Alumni"]
    names = [" ".join(n.get_text().split()) for n in soup.select(".folio-person__name")]
    assert len(names) == 5
    teaching = BeautifulSoup((html / "teaching/index.html").read_text(), "html.parser")
    assert "Birdsong Analysis" in teaching.get_text()
