"""Property tests: the LaTeX decoder and the bib intake never raise on any input, and a
broken entry never costs an entry that can be read on its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.textutils import normalize_whitespace

from sphinx_folio.publications import intake
from sphinx_folio.publications.latex import to_text

FAST = settings(max_examples=150, deadline=None)
LATEXISH = st.text(alphabet="\\{}$^_~-'\"`.=&%#@ abcdeiouAEOSLnrvHct12\n", max_size=60)


@FAST
@given(st.one_of(st.text(max_size=80), LATEXISH))
def test_latex_decoder_never_raises_and_leaves_no_markup(value):
    text = to_text(value)
    assert isinstance(text, str)
    assert text == text.strip() and "\n" not in text


@FAST
@given(st.text(alphabet=st.characters(exclude_characters="\\{}$~-"), max_size=80))
def test_latex_decoder_keeps_plain_text(value):
    assert to_text(value) == " ".join(value.split())


@FAST
@given(st.binary(max_size=400))
def test_intake_never_raises_on_random_bytes(data):
    text, _ = intake.decode(data, "refs.bib")
    result = intake.read_files([("refs.bib", text)])
    assert len(result.data.entries) <= result.counts["refs.bib"][1]


@FAST
@given(LATEXISH.map(lambda s: "@article{" + s))
def test_intake_never_raises_on_broken_entries(text):
    intake.read_files([("refs.bib", text)])


_VALUE = st.text(alphabet="abcdefXYZ0123456789 .:-é", max_size=15)
_FIELDS = st.dictionaries(
    st.sampled_from(["title", "year", "journal", "note", "abbr", "pages"]),
    _VALUE,
    min_size=1,
    max_size=4,
)


def _entry(number: int, fields: dict[str, str]) -> str:
    # Keys that no single edit turns into one another.
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@article{{k{number}x{number},\n{body}}}"


@st.composite
def _mutated_file(draw):
    entries = draw(st.lists(_FIELDS, min_size=2, max_size=6))
    texts = [_entry(n, fields) for n, fields in enumerate(entries)]
    target = draw(st.integers(0, len(texts) - 1))
    original = texts[target]
    position = draw(st.integers(0, len(original) - 1))
    kind = draw(st.sampled_from(["delete", "insert", "replace"]))
    char = draw(st.sampled_from(list('{}()"@,=#% \nx1')))
    if kind == "delete":
        mutated = original[:position] + original[position + 1 :]
    elif kind == "insert":
        mutated = original[:position] + char + original[position:]
    else:
        mutated = original[:position] + char + original[position + 1 :]
    texts[target] = mutated
    return entries, texts, target


@settings(max_examples=300, deadline=None)
@given(_mutated_file())
def test_one_broken_entry_never_costs_another(case):
    entries, texts, target = case
    result = intake.read_files([("refs.bib", "\n\n".join(texts))])
    read = result.data.entries
    for number, fields in enumerate(entries):
        if number == target:
            continue
        key = f"k{number}x{number}"
        assert key in read, f"{key} lost"
        assert dict(read[key].fields) == {k: normalize_whitespace(v) for k, v in fields.items()}
    alone = intake.read_files([("alone.bib", texts[target])]).data.entries
    for key, entry in alone.items():  # the broken one is kept if it can be read alone
        assert key in read
        assert dict(read[key].fields) == dict(entry.fields)
