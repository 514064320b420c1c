"""Random and adversarial TeX: the converter never raises anything but TexError, and every
pattern that reads a page's text runs in linear time."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import wait

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_folio.alfolio.mathjax import parse_macros
from sphinx_folio.math_delimiters import brackets_to_dollars
from sphinx_folio.tex import Converter, TexError, drawn, normalise_definitions

TOKENS = [
    "\\frac", "\\sqrt", "\\left", "\\right", "\\begin{align}", "\\end{align}",
    "\\begin{", "\\end{", "\\newcommand", "\\def", "\\renewcommand", "\\DeclareMathOperator",
    "\\text{", "\\label{", "\\eqref{", "\\tag{", "\\color{", "\\\\", "{", "}", "[", "]",
    "^", "_", "&", "#1", "#", "$", "%", "\\", "a", "x_", "1", " ", "\n", "\\mathbb{R}",
    "\\over", "\\over\\over", "\\hline", "\\cancel", "\\xrightarrow", "\\bm", "\\operatorname",
    "\\foo", "\\let", "\\relax", "\\csname", "\\gdef", "\\href{", "\\url{", "javascript:",
    "<script>", "\u2212", "\U0001d400", "\x00",
]  # fmt: skip

TEX = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join) | st.text(max_size=60)

CONVERTER = Converter({"\\R": "\\mathbb{R}"})


@settings(max_examples=400, deadline=None)
@given(TEX, st.booleans())
@example("\\eqref{}", False)  # Temml drew it as an empty link, not as MathML (found in CI)
@example("\\ref{}", True)
def test_random_tex_never_raises_but_tex_error(source, display):
    try:
        out = CONVERTER.convert(source, display, page="random")
    except TexError as error:
        assert "\n" not in str(error)  # one line, for one warning
        return
    assert out.startswith("<math") and out.endswith("</math>")
    assert "<script" not in out.lower() and "javascript:" not in out.lower()
    drawn(out)  # never raises either


@settings(max_examples=200, deadline=None)
@given(TEX)
def test_random_definitions_never_break_the_next_page(source):
    with contextlib.suppress(TexError):
        CONVERTER.convert(source, True, page="defines")
    CONVERTER.forget_page("defines")
    assert drawn(CONVERTER.convert("x^2 + \\R", False, page="defines"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="\\()[]$`~\n x", max_size=300))
def test_bracket_rewrite_never_raises_and_keeps_text_without_delimiters(text):
    out = brackets_to_dollars(text)
    if "\\(" not in text and "\\[" not in text:
        assert out == text


ADVERSARIAL = [
    "\\(" * 20000,
    "\\[" * 20000,
    "\\(" * 10000 + "`" * 10000,
    "`" * 20000,
    "```\n" * 5000 + "\\(x",
    "\\\\" * 20000 + "\\(",
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_bracket_rewrite_is_linear(text):
    start = time.perf_counter()
    brackets_to_dollars(text)
    brackets_to_dollars(text + text)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    "text",
    [
        "\\DeclareMathOperator{" * 20000,
        "\\newcommand{\\" + "a" * 40000,
        "\\text{" + "_" * 40000,
        "\\DeclareMathOperator*{\\x}{" + "a" * 40000,
    ],
)
def test_definition_rewrites_are_linear(text):
    start = time.perf_counter()
    normalise_definitions(text)
    assert time.perf_counter() - start < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="macros:{}[]\"',\\ ab1\n", max_size=300))
def test_mathjax_macro_reader_never_raises(text):
    found, skipped = parse_macros(text)
    assert all(isinstance(v, str) for v in found.values())
    assert all(isinstance(name, str) for name in skipped)


def test_mathjax_macro_reader_is_linear():
    start = time.perf_counter()
    parse_macros("macros: {" + "a: 'x', " * 20000)
    parse_macros("macros: {" * 20000)
    parse_macros('macros: {a: "' + "\\" * 40000)
    assert time.perf_counter() - start < 2.0


def test_prefetched_formulas_equal_converted_ones_and_are_taken_from_the_thread():
    formulas = [(f"\\frac{{a_{i}}}{{b}} + \\sqrt{{{i}}}", i % 2 == 0) for i in range(40)]
    fresh = Converter()
    expected = [fresh.convert(tex, display) for tex, display in formulas]
    converter = Converter()
    converter.prefetch([*formulas, ("\\frac{a", True)])
    wait(list(converter._pending.values()))  # let the thread finish, to count its work
    got = [converter.convert(tex, display, page="p") for tex, display in formulas]
    assert got == expected
    assert converter.hits == len(formulas)  # every one came from the second thread
    with pytest.raises(TexError):
        converter.convert("\\frac{a", True, page="p")
    converter.close()


def test_a_long_run_of_spaces_in_a_definition_is_read_in_linear_time():
    # \DeclareMathOperator's pattern had two optional parts between runs of spaces: 8,000
    # spaces took 0.12 s and 100,000 would take about 20 s.
    start = time.process_time()
    normalise_definitions("\\DeclareMathOperator" + " " * 200_000 + "x")
    assert time.process_time() - start < 1.0
    for written in (
        "\\DeclareMathOperator*{\\argmax}{arg\\,max}",
        "\\DeclareMathOperator*\\argmax{arg\\,max}",
    ):
        out = normalise_definitions(written)
        assert "{\\argmax}{\\operatorname*{arg\\,max}}" in out and "Declare" not in out
