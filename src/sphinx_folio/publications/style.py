"""pybtex styles for the site's ``{bibliography}`` lists and ``{cite}`` labels.

pybtex's ``plain`` style lowercases every title ("BERT: pre-training of deep
bidirectional transformers") and prints a BibTeX ``and others`` literally ("B. Peng and
others"); sphinxcontrib-bibtex's author-year labels do the same ("Peng and others,
2023"). The ``folio`` formatting style keeps titles as the author wrote them and writes
"et al."; the ``folio_author_year`` referencing style does the same for labels. The
extension makes both the defaults unless ``conf.py`` names other styles; both are
registered as entry points in ``pyproject.toml``, the way pybtex finds styles.
"""

from __future__ import annotations

import dataclasses as dc
from typing import Any

from pybtex.richtext import Tag, Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import (
    FieldIsMissing,
    field,
    first_of,
    join,
    node,
    optional,
    sentence,
    tag,
)
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join as join_et_al

from .names import is_others

FORMATTING_STYLE = "folio"
REFERENCING_STYLE = "folio_author_year"


def _persons(data: dict[str, Any], role: str) -> tuple[list[Any], bool]:
    """The named persons of ``role`` and whether the list ended with ``and others``."""
    try:
        persons = list(data["entry"].persons[role])
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    if persons and is_others(persons[-1]):
        return persons[:-1], True
    return persons, False


@node
def _entry_names(children: list[Any], data: dict[str, Any], role: str, **join_args: Any) -> Text:
    """Names in a bibliography entry: "B. Peng et al." for ``Peng, B. and others``."""
    assert not children
    persons, et_al = _persons(data, role)
    style = data["style"]
    formatted = [style.format_name(person, style.abbreviate_names) for person in persons]
    text = join(**join_args)[formatted].format_data(data)
    return Text(text, " ", Tag("em", "et al.")) if et_al else text


class AuthorYearLabels(BaseLabelStyle):
    """Labels as the text cites: "Garg et al., 2022", "Hubinger and Skalse, 2019".

    With the author-year citations the extension uses by default, a list numbered [1]-[7]
    under text that says "(Garg et al., 2022)" makes the reader match two systems; with
    these labels the list says what the text says. Equal labels get "a", "b".
    """

    def format_labels(self, sorted_entries: Any) -> Any:
        labels = [self._label(entry) for entry in sorted_entries]
        counts: dict[str, int] = {}
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
        seen: dict[str, int] = {}
        for label in labels:
            if counts[label] == 1:
                yield label
                continue
            seen[label] = seen.get(label, 0) + 1
            name, _, year = label.rpartition(", ")
            yield f"{name}, {year}{chr(ord('a') + seen[label] - 1)}"

    @staticmethod
    def _label(entry: Any) -> str:
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        named = [p for p in persons if not is_others(p)]
        lasts = [
            Text.from_latex(" ".join(p.prelast_names + p.last_names)).render_as("text")
            for p in named
        ]
        if not lasts:
            who = Text.from_latex(entry.fields.get("title", entry.key)).render_as("text")
        elif len(lasts) > 2 or len(named) < len(persons):
            who = f"{lasts[0]} et al."
        else:
            who = " and ".join(lasts)
        year = entry.fields.get("year", "n.d.")
        return f"{who}, {year}"


class FolioStyle(UnsrtStyle):
    """``unsrt`` with titles as written and ``and others`` as "et al.", sorted by author,
    labelled by author and year (:class:`AuthorYearLabels`)."""

    default_sorting_style = "author_year_title"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kwargs.get("label_style") is None:
            self.label_style = AuthorYearLabels()
            self.format_labels = self.label_style.format_labels

    def format_names(self, role: str, as_sentence: bool = True) -> Any:
        names = _entry_names(role, sep=", ", sep2=" and ", last_sep=", and ")
        return sentence[names] if as_sentence else names

    def format_title(self, e: Any, which_field: str, as_sentence: bool = True) -> Any:
        title = field(which_field)
        return sentence[title] if as_sentence else title


@node
def _label_names(
    children: list[Any], data: dict[str, Any], role: str, other: Any = None, **join_args: Any
) -> Text:
    """Names in a citation label: "Peng et al." for ``Peng, B. and others``."""
    assert not children
    persons, et_al = _persons(data, role)
    person_style = data["style"].person
    formatted = [
        person_style.style_plugin.format(person, person_style.abbreviate) for person in persons
    ]
    if et_al:
        return Text(formatted[0].format_data(data), person_style.other or " et al.")
    return join_et_al(other=other, **join_args)[formatted].format_data(data)


@node
def _author_or_editor_or_title(children: list[Any], data: dict[str, Any], **join_args: Any) -> Text:
    assert not children
    return first_of[
        optional[_label_names("author", **join_args)],
        optional[_label_names("editor", **join_args)],
        tag("em")[field("title")],
    ].format_data(data)


@dc.dataclass
class FolioPersonStyle(PersonStyle):
    """Labels that read "et al." whether or not the bib says ``and others``."""

    def names(self, role: str, full: bool) -> Any:
        return _label_names(role=role, **self._join_args(full))

    def author_or_editor_or_title(self, full: bool) -> Any:
        return _author_or_editor_or_title(**self._join_args(full))

    def _join_args(self, full: bool) -> dict[str, Any]:
        return {
            "sep": self.sep,
            "sep2": self.sep2,
            "last_sep": self.last_sep,
            "other": None if full else self.other,
        }


@dc.dataclass
class FolioAuthorYearReferenceStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations with :class:`FolioPersonStyle`."""

    person: PersonStyle = dc.field(default_factory=FolioPersonStyle)
