"""Math is MathML written at build time: it shows without a script, a font or a CDN."""

from __future__ import annotations

import json
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


def _with_plain(make_app, tmp_path, text: str):
    """The math root, its page without math replaced by ``text``, built; the app and
    its source folder."""
    src = tmp_path / "math"
    shutil.copytree(ROOTS / "test-math", src)
    (src / "plain.md").write_text(text)
    app = make_app("html", srcdir=src)
    app.build()
    return app, src


def _warning_lines(app) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app)).splitlines()


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

    # The math stylesheet (and through it the font) is linked from pages with math only.
    def stylesheets(name):
        return [link["href"] for link in page(app, name).select("link[rel=stylesheet]")]

    assert any("folio_math.css" in href for href in stylesheets("index"))
    assert not any("folio_math.css" in href for href in stylesheets("plain"))
    css = (Path(app.outdir) / "_static" / "folio_math.css").read_text()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)  # nothing from another host
    fonts = re.findall(r"url\(['\"]?([^'\"()]+\.woff2)", css)
    assert "fonts/NotoSansMath-Regular.woff2" in fonts
    for font in fonts:
        assert (Path(app.outdir) / "_static" / font).is_file(), font


def test_a_formula_temml_cannot_read_is_shown_as_source_and_reported(make_app, tmp_path):
    app, src = _with_plain(make_app, tmp_path, "# Plain\n\nA formula: $\\frobnicate{x} + 1$.\n")
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
    app, _ = _with_plain(
        make_app, tmp_path, "# Plain\n\nA formula: $a \u2212 b \u00d7 c \u2264 d$.\n"
    )
    assert warnings_of(app) == ""
    formula = page(app, "plain").select_one("span.math math")
    assert formula is not None
    assert [mo.get_text() for mo in formula.select("mo")] == ["\u2212", "\u00d7", "\u2264"]


@pytest.mark.sphinx("html", testroot="math")
def test_what_researchers_write_is_drawn(app, built):
    built(app)
    assert warnings_of(app) == ""
    soup = page(app, "features")
    article = soup.select_one("article")
    # No TeX is left for a reader: every formula is MathML, none is shown as source.
    assert article.select("code.folio-math-source") == []
    text = article.get_text(" ")
    for leftover in ("\\(", "\\[", "\\begin", "\\label", "\\eqref", "\\newcommand", "$"):
        assert leftover not in text, leftover
    formulas = article.select("span.math math, div.math math")
    assert len(formulas) >= 12
    # \(..\) is inline math, \[..\] display math.
    first = article.select("p")[0].select("span.math math")
    assert first[0].get_text(" ", strip=True).split() == ["a", "2", "+", "b", "2", "=", "c", "2"]
    assert article.select_one("div.math math[display=block] mi").get_text() == "tr"
    # A \newcommand holds for the rest of the page; site macros (folio_math_macros) everywhere.
    inline = [m.get_text(" ", strip=True) for m in article.select("span.math math")]
    assert "D KL ( q ‖ p )" in inline
    assert "\U0001d53c [ X ]" in inline and "‖ v ‖" in inline  # double-struck E
    # \bm, \mathbb, \boldsymbol, \mathcal, \operatorname, \cancel, braces, arrows, \color.
    assert "\U0001d499" in inline[1] and "\u211d" in inline[1]  # bold italic x, double-struck R
    all_math = str(article)
    for piece in ("⏞", "⏟", "updiagonalstrike", "\U0001d73d", "\u2112", "⟺", "color:"):
        assert piece in all_math, piece
    # Environments: cases, pmatrix, array, split, align, gather drawn as tables.
    assert len(article.select("div.math mtable")) >= 5


@pytest.mark.sphinx("html", testroot="math")
def test_labels_number_equations_and_refs_show_the_number(app, built):
    built(app)
    article = page(app, "features").select_one("article")
    align = article.select_one("div.math.amsmath")
    assert align.select_one(".eqno").get_text(strip=True).startswith("(1)")
    assert article.find(id="equation-eq-square") is not None
    links = [a for a in article.select("a.reference") if "#equation-eq-square" in a["href"]]
    assert [a.get_text() for a in links] == ["(1)", "1"]
    # A second \label in the environment names the same number, and has its own anchor.
    row = [
        a.get_text() for a in article.select("a.reference") if "#equation-eq-cancel" in a["href"]
    ]
    assert row == ["(1)"] and article.find(id="equation-eq-cancel") is not None
    # \eqref inside a larger formula shows the number as text of the formula.
    inside = [m for m in article.select("span.math math") if m.get_text(strip=True) == "x=(1)"]
    assert len(inside) == 1
    # \tag shows its own tag.
    assert "(E)" in article.get_text()


def test_a_formula_that_cannot_be_drawn_warns_once_and_never_raises(make_app, tmp_path):
    app, src = _with_plain(
        make_app,
        tmp_path,
        "# Plain\n\nBroken: $\\frac{a$ and $x^{$, then fine: $a+b$.\n\n"
        "$$\n\\def\\loop{\\loop}\\loop\n$$\n",
    )
    lines = _warning_lines(app)
    assert len(lines) == 3, lines
    assert [line.split(": WARNING")[0] for line in lines] == [
        f"{src / 'plain.md'}:3",
        f"{src / 'plain.md'}:3",
        f"{src / 'plain.md'}:5",
    ]
    soup = page(app, "plain")
    shown = [c.get_text() for c in soup.select("code.folio-math-source")]
    assert shown == ["\\frac{a", "x^{", "\\def\\loop{\\loop}\\loop"]
    assert soup.select_one("span.math math") is not None


def test_formulas_are_cached_across_builds(make_app, tmp_path):
    src = tmp_path / "math"
    shutil.copytree(ROOTS / "test-math", src)
    app = make_app("html", srcdir=src)
    app.build()
    cache = Path(app.doctreedir) / "folio-math.json"
    assert cache.is_file()
    stored = json.loads(cache.read_text())["results"]
    assert len(stored) >= 12
    # A second build of a changed page reads its formulas from the cache.
    (src / "features.md").write_text((src / "features.md").read_text() + "\nMore.\n")
    again = make_app("html", srcdir=src)
    again.build()
    from sphinx_folio.math import _CONVERTERS

    converter = _CONVERTERS[again.env]
    assert converter.hits >= 10


@pytest.mark.sphinx("html", testroot="math")
def test_pseudocode_fence_is_drawn_as_an_algorithm(app, built):
    built(app)
    algorithm = page(app, "algorithm").select_one("article .folio-pseudocode .ps-root")
    assert algorithm is not None
    lines = [" ".join(p.get_text(" ", strip=True).split()) for p in algorithm.select("p.ps-line")]
    assert lines[0] == "Algorithm 1 Quicksort"
    assert lines[1].startswith("procedure Quicksort")
    assert lines[-1] == "end procedure"
    # Its formulas are MathML, like the page's; no script draws anything.
    assert algorithm.select("math") and not page(app, "algorithm").select("script[src*=pseudo]")


def test_pseudocode_that_cannot_be_read_stays_code_reported_once(make_app, tmp_path):
    src = tmp_path / "math"
    shutil.copytree(ROOTS / "test-math", src)
    broken = "```pseudocode\n\\begin{algorithmic}\n\\IF{$x$}\n\\end{algorithmic}\n```\n"
    (src / "plain.md").write_text(f"# Plain\n\n{broken}\nAgain:\n\n{broken}")
    app = make_app("html", srcdir=src)
    app.build()
    lines = _warning_lines(app)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{src / 'plain.md'}:3: WARNING: this pseudocode block cannot")
    blocks = page(app, "plain").select("article pre")
    assert len(blocks) == 2 and "\\IF{$x$}" in blocks[0].get_text()


def test_ensuremath_and_declaremathoperator_read_as_latex_reads_them(make_app, tmp_path):
    app, _ = _with_plain(
        make_app,
        tmp_path,
        "# Plain\n\n"
        "$n \\ensuremath{\\rightarrow} \\ensuremath{\\infty}$\n\n"
        "$$\n\\DeclareMathOperator*{\\argmin}{arg\\,min}\n\\argmin_x f(x)\n$$\n\n"
        "Later on the page: $\\argmin_y g$.\n",
    )
    assert warnings_of(app) == ""
    formulas = page(app, "plain").select("article math")
    assert [m.get_text(" ", strip=True) for m in formulas] == [
        "n → ∞",
        "arg\u2009min x \u2061 f ( x )",  # \\, is a thin space
        "arg\u2009min y \u2061 g",
    ]


@pytest.mark.sphinx("html", testroot="math")
def test_display_math_in_a_sentence_stays_inside_the_paragraph(app, built):
    built(app)
    sentence = next(
        p for p in page(app, "features").select("article p") if "In a sentence" in p.get_text()
    )
    box = sentence.select_one("span.folio-math math[display=block]")
    assert box is not None and box.get_text(" ", strip=True) == "det \u2061 ( I ) = 1"
    assert "is display math" in sentence.get_text()


def test_a_reference_to_no_equation_shows_a_question_mark_and_is_reported(make_app, tmp_path):
    text = "# Plain\n\nSee $x = \\eqref{nowhere}$.\n\nAnd $\\eqref{nowhere}$.\n"
    app, src = _with_plain(make_app, tmp_path, text)
    lines = _warning_lines(app)
    assert [line.split(": WARNING: ")[0] for line in lines] == [
        f"{src / 'plain.md'}:{n}" for n in (3, 5)
    ]
    assert all("no equation is labelled 'nowhere'" in line for line in lines)
    formulas = page(app, "plain").select("article span.math math")
    assert [f.get_text(" ", strip=True) for f in formulas] == ["x = (?)", "(?)"]
