"""Math is MathML written at build time: it shows without a script, a font or a CDN."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOTS, page, warnings_of


def _off_site(soup) -> list[str]:
    """Every script, stylesheet, font or image the page would fetch from another host."""
    found = []
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            url = str(element[attribute])
            if tag == "link" and not {"stylesheet", "preload", "icon"} & set(element["rel"]):
                continue
            if re.match(r"(https?:)?//", url):
                found.append(url)
    return found


@pytest.mark.sphinx("html", testroot="math")
def test_inline_display_and_directive_math_render_as_mathml(app, built):
    built(app)
    home = page(app, "index")
    inline = home.select_one("p span.math math")
    assert inline is not None and inline.get("display") != "block"
    assert inline.get_text(" ", strip=True).split() == ["E", "=", "m", "c", "2"]

    blocks = home.select("div.math")
    assert len(blocks) == 3
    gauss, aligned, two = blocks
    assert gauss.select_one("math[display=block] msubsup mo").get_text() == "∫"
    assert gauss.select_one("math mfrac msqrt") is not None
    # {eq}`gauss` links to the numbered equation, which keeps its number and anchor.
    assert gauss.select_one(".eqno").get_text(strip=True).startswith("(1)")
    ref = home.find("a", href=re.compile(r"#equation-gauss$"))
    assert ref is not None and gauss.get("id") == "equation-gauss"
    # "\\" lines are aligned rows, as MathJax's split would draw them.
    rows = aligned.select("mtable mtr")
    assert [row.get_text(" ", strip=True) for row in rows] == ["a = b + c", "d = e"]
    # Equations separated by a blank line stand one under the other.
    stack = two.select(".folio-math-stack > math[display=block]")
    assert [m.get_text(" ", strip=True) for m in stack] == ["x = 1", "y = 2"]
    # Nothing is left for a script to typeset: no TeX delimiters in the text.
    assert "\\(" not in home.get_text() and "$$" not in home.get_text()


@pytest.mark.sphinx("html", testroot="math")
def test_no_page_fetches_math_from_another_site(app, built):
    built(app)
    for name in ("index", "plain"):
        soup = page(app, name)
        assert _off_site(soup) == [], name
        scripts = " ".join(str(s.get("src", "")) + s.get_text() for s in soup.find_all("script"))
        assert "mathjax" not in scripts.lower(), name
    # No MathJax file is shipped either.
    assert not list(Path(app.outdir).rglob("*mathjax*"))


def test_a_formula_docutils_cannot_read_is_shown_as_source_and_reported(make_app, tmp_path):
    src = tmp_path / "math"
    shutil.copytree(ROOTS / "test-math", src)
    (src / "plain.md").write_text("# Plain\n\nA formula: $\\frobnicate{x} + 1$.\n")
    app = make_app("html", srcdir=src)
    app.build()
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app))
    assert text.splitlines() == [
        (
            f"{src / 'plain.md'}:3: WARNING: this formula cannot be shown as MathML, its LaTeX "
            "source is shown instead (Unsupported function name: \\frobnicate): "
            "'\\\\frobnicate{x} + 1' [folio.math]"
        )
    ]
    shown = page(app, "plain").select_one("span.math code.folio-math-source")
    assert shown is not None and shown.get_text() == "\\frobnicate{x} + 1"


def test_unicode_operators_read_as_mathjax_reads_them(make_app, tmp_path):
    # al-folio posts write minus, times and less-or-equal signs straight into formulas.
    src = tmp_path / "math"
    shutil.copytree(ROOTS / "test-math", src)
    (src / "plain.md").write_text("# Plain\n\nA formula: $a \u2212 b \u00d7 c \u2264 d$.\n")
    app = make_app("html", srcdir=src)
    app.build()
    assert warnings_of(app) == ""
    formula = page(app, "plain").select_one("span.math math")
    assert formula is not None
    assert [mo.get_text() for mo in formula.select("mo")] == ["\u2212", "\u00d7", "\u2264"]
