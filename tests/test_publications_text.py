"""Names and LaTeX: the text rules behind every entry; and papers in non-HTML output."""

from __future__ import annotations

import pytest
from pybtex.database import Person
from sphinx_process import run_sphinx

from sphinx_folio.publications.latex import to_text
from sphinx_folio.publications.names import (
    OwnerMatcher,
    citation_name,
    display_name,
    is_others,
)

from conftest import ROOTS


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Schr\"{o}dinger", "Schrödinger"),
        (r"{\"U}ber {\o}l \ss{}", "Über øl ß"),
        (r"M{\'{\i}}shra", "Míshra"),
        (r"\c{c}a \v{s} \'e \^o \~n \u{g} \k{a}", "ça š é ô ñ ğ ą"),
        ("pages 1--10, a---b", "pages 1\u201310, a\u2014b"),
        (r"A \& B, 50\% \_x \#1 \$5", "A & B, 50% _x #1 $5"),
        (r"in $O(n^2)$ for $\alpha$ and $x_{ij} \leq 3$", "in O(n²) for \u03b1 and xᵢⱼ ≤ 3"),
        (r"{GPT}-like {{Models}}", "GPT-like Models"),
        (r"\emph{a} \textbf{\textit{b}} \texttt{c}", "a b c"),
        (r"\href{https://x.org}{the site} and \url{https://y.org}", "the site and https://y.org"),
        ("Proc.~of", "Proc. of"),
        (r"\LaTeX{} and \dots", "LaTeX and \u2026"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # text; escaped later
        ("  many   spaces \n here ", "many spaces here"),
    ],
)
def test_latex_to_text(latex, text):
    assert to_text(latex) == text


OWNER = OwnerMatcher(["Anurag Mishra", "Mishra, Anurag K."])


@pytest.mark.parametrize(
    ("name", "is_owner"),
    [
        ("Mishra, Anurag", True),
        ("Anurag Mishra", True),
        ("A. Mishra", True),
        ("Mishra, A.", True),
        ("Mishra, A.K.", True),
        ("A. K. Mishra", True),
        ("{M}ishra, {A}nurag", True),
        (r"M{\'i}shra, Anurag", True),  # accents folded
        ("Míshra, Anurag", True),
        ("Anurag Kumar Mishra", True),
        ("Mishra, Arjun", False),
        ("Mishra, B. A.", False),
        ("Mishra", False),  # a bare last name is not enough
        ("Anurag Sharma", False),
        ("others", False),
    ],
)
def test_owner_matching(name, is_owner):
    assert OWNER(Person(name)) is is_owner


def test_display_and_citation_names():
    person = Person(r"de la Fontaine, Jr., J{\'e}r{\^o}me")
    assert display_name(person) == "Jérôme de la Fontaine, Jr."
    assert citation_name(person) == "de la Fontaine, Jr., Jérôme"
    assert is_others(Person("others"))
    assert not is_others(Person("Others, Jane"))


@pytest.mark.parametrize("builder", ["latex", "text", "man", "texinfo"])
def test_a_site_with_papers_builds_for_every_output_format(builder, tmp_path):
    """Paper pages exist only in HTML; other builders list the papers as text, and must
    not fail looking for those pages' addresses."""
    result = run_sphinx(["-W", "--keep-going", "-q", "-b", builder, ROOTS / "test-pub", tmp_path])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in tmp_path.rglob("*")
        if p.suffix in {".tex", ".txt", ".1", ".texi"}
    )
    assert "Engines that Compose Music" in written
