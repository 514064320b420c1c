"""cv.pdf: typeset at build time from the CV data and the owner's papers (the [pdf] extra),
remade only when they change; without the extra, no PDF and no link to one."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from sphinx_folio import cv_pdf
from sphinx_folio.cv_markdown import inline, part

from conftest import RepoBuild, SiteCopy, page, warnings_of

TYPESETTING = "typesetting cv.pdf"


def _text(pdf: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)


def _uris(pdf: PdfReader) -> set[str]:
    found = set()
    for p in pdf.pages:
        for annotation in p.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.add(str(action["/URI"]))
    return found


def _fonts(pdf: PdfReader) -> dict[str, bool]:
    """Base font name -> whether the font program is embedded in the file."""
    fonts: dict[str, bool] = {}
    for p in pdf.pages:
        for font in (p["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            inner = descendants[0].get_object() if descendants else font
            descriptor = inner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def _runs(pdf: PdfReader) -> list[tuple[str, str]]:
    """(text, base font) of every piece of text as it is drawn."""
    runs: list[tuple[str, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip() and font is not None:
            runs.append((text.strip(), str(font.get("/BaseFont", ""))))

    for p in pdf.pages:
        p.extract_text(visitor_text=visit)
    return runs


@pytest.fixture(scope="module")
def cvpdf(tmp_path_factory: pytest.TempPathFactory) -> SiteCopy:
    site = SiteCopy.of_root("test-cvpdf", tmp_path_factory.mktemp("cvpdf"))
    assert TYPESETTING in site.build()
    return site


def test_the_pdf_holds_the_cv_and_the_owners_papers(cvpdf: SiteCopy) -> None:
    pdf = PdfReader(cvpdf.out / "cv.pdf")
    assert len(pdf.pages) == 1
    text = _text(pdf)
    for expected in (
        "Ada Example",
        "Research Engineer, Analytical Engines Ltd",
        "May 2025 \u2013 Present",
        "University of Turin",
        "Engines That Weave Algebraic Patterns",
        "Journal of Analytical Machines, 2024",
        "A Loom for Numbers",
        "(Submitted)",  # work in progress is marked
        "equal contribution",  # what the contribution mark means
    ):
        assert expected in text, expected
    assert "A Book by Somebody Else" not in text  # not the owner's
    # In progress first, then the newest.
    assert text.index("A Loom") < text.index("Engines That Weave") < text.index("Notes on")


def test_the_owner_is_in_bold_with_contribution_marks(cvpdf: SiteCopy) -> None:
    runs = _runs(PdfReader(cvpdf.out / "cv.pdf"))
    owner = [font for text, font in runs if text.startswith("Ada Example")]
    other = [font for text, font in runs if "Charles Babbage" in text]
    assert len(owner) == 4, runs  # the name at the top, and in each of the three papers
    assert all("Bold" in font for font in owner), owner
    assert other and not any("Bold" in font for font in other), other
    assert "Ada Example*, Charles Babbage*." in _text(PdfReader(cvpdf.out / "cv.pdf"))


def test_markdown_in_the_cv_is_typeset_as_on_the_page(cvpdf: SiteCopy) -> None:
    pdf = PdfReader(cvpdf.out / "cv.pdf")
    assert "Patented the card reader, with the loom guild." in _text(pdf)
    fonts = dict(_runs(pdf))
    assert "Bold" in fonts["Patented"] and "Italic" in fonts["with"]
    assert "https://loom.example.org" in _uris(pdf)
    page_text = " ".join(cvpdf.page("cv").get_text().split())
    assert "Patented the card reader, with the loom guild." in page_text


def test_metadata_links_fonts_and_paper(cvpdf: SiteCopy) -> None:
    pdf = PdfReader(cvpdf.out / "cv.pdf")
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Ada Example \u2013 Curriculum Vitae"
    assert pdf.metadata.author == "Ada Example"
    assert {
        "mailto:ada@example.org",
        "https://doi.org/10.1234/jam.2024.1",
        "https://arxiv.org/abs/2301.01234",
    } <= _uris(pdf)
    fonts = _fonts(pdf)
    assert fonts and all(fonts.values()), fonts  # every font is embedded
    # Nothing to download while typesetting: no Typst package is imported.
    assert "#import" not in cv_pdf.TEMPLATE.read_text(encoding="utf-8")
    # The wheel's fonts (the theme's, and a monospace one for identifiers), not the system's.
    assert all("LibertinusSerif" in name or "DejaVuSansMono" in name for name in fonts), fonts
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_the_cv_page_lists_papers_one_line_each_and_links_both_files(cvpdf: SiteCopy) -> None:
    cv = cvpdf.page("cv")
    links = {a.get_text(): a["href"] for a in cv.select("a.folio-cv__download")}
    assert links == {"Download PDF": "cv.pdf", "Download JSON Resume": "resume.json"}
    assert cv.select_one("article :is(button, form, details, select, input)") is None
    items = cv.select(".folio-pub-compact > li")
    lines = [" ".join(li.get_text().split()) for li in items]
    assert lines == [
        "Ada Example, Luigi Menabrea. A Loom for Numbers. 2026. Submitted",
        (
            "Ada Example*, Charles Babbage*. Engines That Weave Algebraic Patterns. "
            "Journal of Analytical Machines, 2024. doi:10.1234/jam.2024.1"
        ),
        (
            "Ada Example. Notes on Counting with Cards. arXiv preprint arXiv:2301.01234, 2023. "
            "arXiv:2301.01234"
        ),
    ]
    assert [li.find("strong").get_text() for li in items] == ["Ada Example"] * 3
    assert items[0].find("a")["href"] == "publications/example2026loom.html"
    assert cv.select_one(".folio-pub-legend").get_text(" ", strip=True) == "* equal contribution"
    # One heading hierarchy: nothing below "Publications" but the list.
    headings = [h.name for h in cv.select("article :is(h1, h2, h3, h4, h5, h6)")]
    assert headings == ["h1", "h2", "h2", "h2", "h2"], headings
    assert cv.select_one(".folio-pub-badges, .folio-pub-tags, [data-folio-filter]") is None


def test_a_rebuild_without_changes_does_not_typeset(cvpdf: SiteCopy) -> None:
    target = cvpdf.out / "cv.pdf"
    before = target.stat().st_mtime_ns, target.read_bytes()
    assert TYPESETTING not in cvpdf.build()
    assert (target.stat().st_mtime_ns, target.read_bytes()) == before


@pytest.mark.parametrize(
    ("name", "old", "new", "changed"),
    [
        ("cv.yaml", "Built the first loom", "Built the second loom", "Built the second loom"),
        ("refs.bib", "Notes on Counting", "Notes on Weaving", "Notes on Weaving"),
        ("conf.py", "folio_cv =", 'folio_cv_pdf_theme = "modern"\nfolio_cv =', "NewCM"),
        ("conf.py", "folio_cv =", 'folio_cv_pdf_paper = "us-letter"\nfolio_cv =', "612x792"),
    ],
)
def test_the_pdf_is_remade_when_its_data_or_theme_changes(
    tmp_path: Path, name: str, old: str, new: str, changed: str
) -> None:
    site = SiteCopy.of_root("test-cvpdf", tmp_path)
    site.build()
    site.edit(name, old, new)
    assert TYPESETTING in site.build()
    pdf = PdfReader(site.out / "cv.pdf")
    box = pdf.pages[0].mediabox
    seen = f"{_text(pdf)} {' '.join(_fonts(pdf))} {round(box.width)}x{round(box.height)}"
    assert changed in seen


@pytest.mark.sphinx("html", testroot="cvpdf")
def test_without_the_extra_no_pdf_no_link_and_one_line_saying_how(
    app_params: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cv_pdf, "available", lambda: False)  # before the app starts
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    assert warnings_of(app) == ""
    assert not (Path(app.outdir) / "cv.pdf").exists()
    links = [a.get_text() for a in page(app, "cv").select("a.folio-cv__download")]
    assert links == ["Download JSON Resume"]
    said = [line for line in app.status.getvalue().splitlines() if "cv.pdf" in line]
    assert said == [
        (
            "cv.pdf is not made: the PDF extra is not installed "
            "(pip install 'sphinx-folio[pdf]', or set folio_cv_pdf = False)"
        )
    ]


@pytest.mark.sphinx("html", testroot="cvpdf", confoverrides={"folio_cv_pdf": False})
def test_folio_cv_pdf_false_leaves_it_out_silently(app: Any) -> None:
    app.build()
    assert not (Path(app.outdir) / "cv.pdf").exists()
    assert "cv.pdf" not in app.status.getvalue()
    assert [a.get_text() for a in page(app, "cv").select("a.folio-cv__download")] == [
        "Download JSON Resume"
    ]


def test_this_sites_pdf_fits_two_a4_pages(repo_build: RepoBuild) -> None:
    assert repo_build.returncode == 0, repo_build.stderr
    pdf = PdfReader(repo_build.out / "cv.pdf")
    assert 1 <= len(pdf.pages) <= 2
    text = _text(pdf)
    for expected in (
        "Anurag Mishra",
        "Rochester Institute of Technology",
        "Dissecting Chronos: Sparse Autoencoders Reveal Causal Feature Hierarchies",
        "am2552@rit.edu",
    ):
        assert expected in text, expected
    assert "https://arxiv.org/abs/2505.17073" in _uris(pdf)
    assert pdf.metadata is not None and pdf.metadata.author == "Anurag Mishra"


@pytest.mark.sphinx("html", testroot="cvpdf")
def test_a_template_typst_cannot_read_is_one_warning_not_a_traceback(
    app_params: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "cv.typ"
    broken.write_text("#let data = (\n", encoding="utf-8")
    monkeypatch.setattr(cv_pdf, "TEMPLATE", broken)
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    assert not (Path(app.outdir) / "cv.pdf").exists()
    warnings = [
        re.sub(r"\x1b\[[0-9;]*m", "", line) for line in warnings_of(app).splitlines() if line
    ]
    assert warnings == [
        f"{broken}:1: WARNING: cv.pdf could not be typeset: unclosed delimiter [folio.cv]"
    ]


def test_cv_values_are_text_never_typst_markup(tmp_path: Path) -> None:
    site = SiteCopy.of_root("test-cvpdf", tmp_path)
    hostile = '#set page(paper: "a5") $x^2$ #strong[no] <label> @ref \\\\ ] )'
    site.edit("cv.yaml", "Built the first loom that counts.", f"'{hostile}'")
    site.build()
    pdf = PdfReader(site.out / "cv.pdf")
    assert (round(float(pdf.pages[0].mediabox.width)), len(pdf.pages)) == (595, 1)  # still A4
    assert '#set page(paper: "a5") $x^2$ #strong[no] <label> @ref' in _text(pdf)


MARKDOWNISH = st.lists(
    st.sampled_from(["**", "*", "_", "[", "]", "(", ")", "a", " ", "https://x.org", "\n"]),
    max_size=400,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), MARKDOWNISH))
def test_inline_markdown_is_linear_and_keeps_plain_text(text: str) -> None:
    started = time.perf_counter()
    parts = inline(text * 20)
    assert time.perf_counter() - started < 0.5
    if not any(c in text for c in "*_[]"):
        assert "".join(p["text"] for p in parts) == text * 20


def test_inline_markdown_links_only_what_the_site_links() -> None:
    assert inline("[x](javascript:void) and [y](https://y.org)") == [
        part("x"),
        part(" and "),
        part("y", url="https://y.org"),
    ]


def test_a_site_template_replaces_ours(tmp_path: Path) -> None:
    site = SiteCopy.of_root("test-cvpdf", tmp_path)
    (site.src / "_templates" / "folio").mkdir(parents=True)
    (site.src / "_templates" / "folio" / "cv.typ").write_text(
        "#let data = json(bytes(sys.inputs.data))\n"
        "#set document(title: data.title, author: data.basics.name)\n"
        "Custom CV of #data.basics.name, #data.papers.len() papers.\n",
        encoding="utf-8",
    )
    site.edit("conf.py", "folio_cv =", 'templates_path = ["_templates"]\nfolio_cv =')
    assert TYPESETTING in site.build()
    assert _text(PdfReader(site.out / "cv.pdf")) == "Custom CV of Ada Example, 3 papers."
    assert TYPESETTING not in site.build()  # the site's template is part of the fingerprint
