"""The site's {bibliography} lists and {cite} labels, as a reader sees them."""

from __future__ import annotations

import re

import pytest

from conftest import page


def _text(soup, selector: str) -> list[str]:
    return [re.sub(r"\s+", " ", node.get_text(" ")).strip() for node in soup.select(selector)]


@pytest.mark.sphinx("html", testroot="bibstyle")
def test_and_others_reads_et_al_in_labels_and_entries(app, built):
    soup = page(built(app), "index")
    (sentence,) = _text(soup, "main section > p")
    sentence = re.sub(r"\s+([,.\]])|(\[)\s+", r"\1\2", sentence)
    assert "Textual Peng et al. [2023]" in sentence
    assert "three authors [Alpha et al., 2021]" in sentence
    assert "others" not in sentence
    entries = " ".join(_text(soup, "main .citation, main [role=listitem]"))
    assert "B. Peng et al." in entries
    assert "and others" not in entries


@pytest.mark.sphinx("html", testroot="bibstyle")
def test_titles_keep_the_capitals_the_author_wrote(app, built):
    soup = page(built(app), "index")
    entries = " ".join(_text(soup, "main .citation, main [role=listitem]"))
    assert "Linear-Time Sequence Modeling with Selective State Spaces" in entries
    assert "RWKV: Reinventing RNNs for the Transformer Era" in entries


@pytest.mark.sphinx("html", testroot="bibstyle")
def test_entries_are_sorted_by_author(app, built):
    soup = page(built(app), "index")
    entries = _text(soup, "main .citation, main [role=listitem]")
    firsts = [re.sub(r"^\[\S+\]\s*", "", entry).split()[1] for entry in entries]
    assert firsts == sorted(firsts), firsts


@pytest.mark.sphinx(
    "html",
    testroot="bibstyle",
    confoverrides={"bibtex_default_style": "plain", "bibtex_reference_style": "author_year"},
)
def test_a_site_can_choose_other_styles(app, built):
    soup = page(built(app), "index")
    entries = " ".join(_text(soup, "main .citation, main [role=listitem]"))
    # pybtex's own plain style, as the site asked: lowercased titles, literal "others".
    assert "Linear-time sequence modeling" in entries
    assert "and others" in entries


def test_bibliography_labels_read_as_the_author_year_citations() -> None:
    from pybtex.database import Entry, Person

    from sphinx_folio.publications.style import AuthorYearLabels

    def entry(year: str, *authors: str) -> Entry:
        made = Entry("article", fields={"title": "A title", "year": year})
        for author in authors:
            made.add_person(Person(author), "author")
        return made

    entries = [
        entry("2022", "Garg, Shivam"),
        entry("2023", "Gu, Albert", "Dao, Tri"),
        entry("2023", "Peng, Bo", "others"),
        entry("2024", "Poli, M.", "Massaroli, S.", "Nguyen, E."),
        entry("2023", "von Oswald, Johannes", "Niklasson, E."),
        entry("2020", "Smith, Ann"),
        entry("2020", "Smith, Bob"),
        entry("2021", 'M{\\"u}ller, Jan'),
    ]
    assert list(AuthorYearLabels().format_labels(entries)) == [
        "Garg, 2022",
        "Gu and Dao, 2023",
        "Peng et al., 2023",
        "Poli et al., 2024",
        "von Oswald and Niklasson, 2023",
        "Smith, 2020a",  # the same label twice: told apart in the list
        "Smith, 2020b",
        "Müller, 2021",
    ]
