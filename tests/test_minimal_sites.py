"""The smallest sites build: ``extensions = ["sphinx_folio"]`` and any of the optional parts.

Each test writes a tiny site holding some of five optional parts (a bibliography, a theme
named in conf.py, a CV, the site's address, the owner's name) and builds it in its own
process with ``-W -n``, as a new user's ``make html`` would: every one of the 32
combinations must build without a warning, and each part that is there must show.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import sphinx_build

PARTS = ("bib", "theme", "cv", "baseurl", "name")

BIB = """\
@article{lovelace1843notes,
  author = {Lovelace, Ada},
  title = {Notes on the Analytical Engine},
  journal = {Scientific Memoirs},
  year = {1843},
}
"""

CV = """\
basics:
  name: Ada Lovelace
work:
  - name: Analytical Engines Ltd
    position: Translator
    startDate: 1842
"""


def write_site(folder: Path, parts: frozenset[str]) -> None:
    conf = ['extensions = ["sphinx_folio"]']
    home = ["# A small site", "", "Some text."]
    toctree = []
    if "bib" in parts:
        # Not named in conf.py: refs.bib next to it is the default bibliography.
        (folder / "refs.bib").write_text(BIB, encoding="utf-8")
        home += ["", "The notes {cite:p}`lovelace1843notes`.", "", "```{bibliography}", "```"]
    if "theme" in parts:
        conf.append('html_theme = "pydata_sphinx_theme"')
    if "cv" in parts:
        conf.append('folio_cv = "cv.yaml"')
        (folder / "cv.yaml").write_text(CV, encoding="utf-8")
        (folder / "cv.md").write_text("# CV\n\n```{cv}\n```\n", encoding="utf-8")
        toctree.append("cv")
    if "baseurl" in parts:
        conf.append('html_baseurl = "https://ada.example.org/"')
    if "name" in parts:
        conf.append('folio_name = "Ada Lovelace"')
        (folder / "publications.md").write_text(
            "# Publications\n\n```{publication-list}\n```\n", encoding="utf-8"
        )
        toctree.append("publications")
    if toctree:
        home += ["", "```{toctree}", ":hidden:", "", *toctree, "```"]
    (folder / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    (folder / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")


COMBINATIONS = [
    frozenset(chosen)
    for size in range(len(PARTS) + 1)
    for chosen in itertools.combinations(PARTS, size)
]


def label(parts: frozenset[str]) -> str:
    return "+".join(p for p in PARTS if p in parts) or "nothing"


@pytest.mark.parametrize("parts", COMBINATIONS, ids=label)
def test_builds_with_any_optional_part_left_out(parts: frozenset[str], tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    write_site(site, parts)
    result = sphinx_build(site, tmp_path / "out", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr
    assert "Traceback" not in result.stdout

    html = tmp_path / "out/html"
    home = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Some text." in home.get_text()
    # Named or not, the theme is pydata-sphinx-theme (its navbar is on every page).
    assert home.select_one(".bd-header") is not None
    # The site's title is its owner's (or its project's) name, never "... documentation".
    title = home.select_one(".navbar-brand").get_text(strip=True)
    assert "documentation" not in title and "documentation" not in home.title.get_text()
    if "name" in parts:
        assert title == "Ada Lovelace"
    if "bib" in parts:
        entry = home.select_one(".citation-list .citation")
        assert entry is not None and "Notes on the Analytical Engine" in entry.get_text()
    assert (html / "cv.html").is_file() == ("cv" in parts)
    if "cv" in parts:
        assert "Analytical Engines Ltd" in (html / "cv.html").read_text(encoding="utf-8")
    assert (html / "sitemap.xml").is_file() == ("baseurl" in parts)
    if "name" in parts:
        papers = (html / "publications.html").read_text(encoding="utf-8")
        if "bib" in parts:
            assert "Notes on the Analytical Engine" in papers
            assert (html / "publications/lovelace1843notes.html").is_file()
        else:
            assert "No publications of Ada Lovelace in the bibliography." in papers


def test_a_bibliography_named_in_conf_py_wins_over_refs_bib(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    write_site(site, frozenset({"bib"}))
    (site / "refs.bib").rename(site / "papers.bib")
    (site / "refs.bib").write_text("@misc{broken,\n", encoding="utf-8")  # must not be read
    conf = site / "conf.py"
    conf.write_text(conf.read_text() + 'bibtex_bibfiles = ["papers.bib"]\n', encoding="utf-8")
    result = sphinx_build(site, tmp_path / "out", "-q")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    home = (tmp_path / "out/html/index.html").read_text(encoding="utf-8")
    assert "Notes on the Analytical Engine" in home


@pytest.mark.parametrize("value", ['"refs.bib"', '["refs.bib", 3]'])
def test_a_bibliography_option_that_is_not_a_list_of_names_is_one_clear_error(
    value: str, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    write_site(site, frozenset({"bib"}))
    conf = site / "conf.py"
    conf.write_text(conf.read_text() + f"bibtex_bibfiles = {value}\n", encoding="utf-8")
    result = sphinx_build(site, tmp_path / "out", "-q")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "crash" not in result.stderr
    assert f"{conf}:2: bibtex_bibfiles" in result.stderr, result.stderr
    assert 'How to fix: a list of file names: ["refs.bib"]' in result.stderr
