"""`sphinx-folio import-alfolio`: one test per kind of al-folio file, then a real build.

The al-folio tree under tests/alfolio/ is fictional test data (Jane Doe, example.org).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from sphinx_folio.alfolio import AlfolioError, Report, import_alfolio
from sphinx_folio.cli import main

from conftest import build_imported, conf_values

FIXTURE = Path(__file__).parent / "alfolio"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def front(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    head, body = text[4:].split("\n---\n", 1)
    return yaml.load(head, Loader=yaml.BaseLoader), body  # dates stay as written


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    out = tmp_path_factory.mktemp("alfolio") / "site"
    before = snapshot(FIXTURE)
    report = import_alfolio(FIXTURE, out)
    assert snapshot(FIXTURE) == before, "the import wrote into the al-folio folder"
    return out, report


def notes(report: Report) -> list[str]:
    return [str(note) for note in report.notes]


# --- _config.yml, about page front matter, socials -> conf.py ---------------------------


def test_conf_settings_from_config_and_about(imported):
    site, _ = imported
    conf = conf_values(site)
    assert conf["extensions"] == ["sphinx_folio"]
    assert conf["html_theme"] == "pydata_sphinx_theme"
    assert conf["bibtex_bibfiles"] == ["refs.bib"]
    assert "_build" in conf["exclude_patterns"]
    assert conf["folio_name"] == "Jane Q. Doe"
    assert conf["project"] == conf["html_title"] == "Jane Q. Doe"  # title: blank -> the name
    assert conf["folio_name_variants"] == ["Jane Doe", "J. Doe"]  # scholar first/last names
    assert conf["html_baseurl"] == "https://jane.example.org/site/"
    assert conf["folio_bio"] == "Jane Doe builds example systems at the Example Institute."
    # subtitle HTML -> text
    assert conf["folio_role"] == "Example Lab, Example University. Tester of importers."
    assert conf["folio_profile"]["align"] == "right"
    assert conf["folio_profile"]["image_circular"] is False
    assert conf["folio_profile"]["more_info"] == "555 Example Street\nExampleville"
    assert conf["folio_photo"] == "_static/img/prof_pic.png"
    assert conf["folio_home"] == {
        "announcements": {"enabled": True, "scrollable": False, "limit": 2},
        # blank: all of them, as conf.py's folio_home allows (config.knobs checks both)
        "latest_posts": {"enabled": False, "scrollable": True, "limit": None},
        "selected_papers": {"enabled": False},
    }
    assert conf["folio_cv"] == "cv.yaml"
    assert "<" not in repr(conf), "HTML passed through into conf.py"


def test_socials(imported):
    site, report = imported
    assert conf_values(site)["folio_social"] == {
        "email": "jane@example.org",
        "github": "https://github.com/janedoe-example",
        "scholar": "https://scholar.google.com/citations?user=AAAAAAAAAAAJ",
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "x": "https://x.com/janedoe_example",
    }
    assert conf_values(site)["folio_email"] == "jane@example.org"
    assert any(
        n.startswith("_data/socials.yml:7:") and "research_gate_profile" in n for n in notes(report)
    )


def test_old_config_social_keys(tmp_path):
    source = tmp_path / "old"
    (source / "_pages").mkdir(parents=True)
    (source / "_config.yml").write_text(
        "first_name: Old\nlast_name: Style\ngithub_username: oldstyle\n"
        "linkedin_username: old-style\nemail: old@example.org\n",
        encoding="utf-8",
    )
    (source / "_pages" / "about.md").write_text("---\nlayout: about\n---\nHi.\n", encoding="utf-8")
    import_alfolio(source, tmp_path / "out")
    assert conf_values(tmp_path / "out")["folio_social"] == {
        "github": "https://github.com/oldstyle",
        "linkedin": "https://www.linkedin.com/in/old-style",
        "email": "old@example.org",
    }


# --- about page body -> index.md ------------------------------------------------------------


def test_index_body(imported):
    site, _ = imported
    index = (site / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Jane Q. Doe\n")
    for directive in ("{profile}", "{announcements}", "{latest-posts}", "{selected-publications}"):
        assert directive in index
    assert "**fictional**" in index  # <b> -> Markdown
    assert "[CV](cv.md)" in index  # {{ site.baseurl }}/cv/ -> the CV page
    assert "[a handout](_static/pdf/handout.pdf)" in index
    assert (
        "```{figure} _static/img/figure.png\n:alt: A test figure\n\nA *tiny* figure\n```" in index
    )
    assert "## Research" in index and "### A deep heading" in index  # no skipped level
    assert "<div" not in index and "<b>" not in index and "{%" not in index and "{{" not in index
    toctree = index.split("```{toctree}", 1)[1]
    for page in ("publications/index", "news/index", "posts/index", "projects/index", "cv"):
        assert f"\n{page}\n" in toctree


def test_liquid_reported_with_file_and_line(imported):
    _, report = imported
    assert (
        "_pages/about.md:37: Liquid tag {% for item in site.data.things %} not converted; left out"
        in notes(report)
    )
    assert "_pages/about.md:38: Liquid tag {{ item.name }} not converted; left out" in notes(report)
    assert "_pages/about.md:39: Liquid tag {% endfor %} not converted; left out" in notes(report)
    # translated tags are not reported
    assert not any("figure.liquid" in n or "site.baseurl" in n for n in notes(report))


# --- collections ------------------------------------------------------------------------------


def test_news_item(imported):
    site, _ = imported
    meta, body = front(site / "news" / "announcement_1.md")
    # inline news has no title: its first sentence is the title; the datetime keeps its date
    assert meta == {
        "title": "Jane Doe joined the Example Institute as a test fellow.",
        "date": "2024-03-01",
    }
    assert "date: 2024-03-01\n" in (site / "news" / "announcement_1.md").read_text()
    assert "[Example Institute](https://example.org)" in body
    assert "{listing} news" in (site / "news" / "index.md").read_text()


def test_post_items(imported):
    site, _ = imported
    meta, body = front(site / "posts" / "2024-06-15-a-test-post.md")
    assert meta == {
        "title": "a post about testing",
        "date": "2024-06-15",
        "summary": "Notes on testing an importer.",
        "tags": ["testing", "importers", "notes"],  # tags and categories
        "image": "../_static/img/figure.png",
    }
    assert "[the next post](2024-07-01-elsewhere.md)" in body  # {% post_url %}
    assert '```python\nprint("hello from {{ the test }}")\n```' in body  # {% highlight %}
    assert "\n## Details\n" in body  # #### right after the title -> ##
    external, _ = front(site / "posts" / "2024-07-01-elsewhere.md")
    assert external == {
        "title": "A post published elsewhere",
        "date": "2024-07-01",
        "external_url": "https://blog.example.org/a-post",
    }


def test_project_item(imported):
    site, report = imported
    meta, body = front(site / "projects" / "1_project.md")
    assert meta == {
        "title": "Example Project",
        "summary": "A project that exists only in tests.",
        "tags": ["work"],
        "image": "../_static/img/figure.png",
        "repository": "https://github.com/janedoe-example/example-project",
    }
    assert body.strip() == "Project text in HTML, with a [link](https://example.org/p)."
    assert (
        "_projects/1_project.md:6: importance (card order) has no counterpart; left out"
        in notes(report)
    )


# --- CV ---------------------------------------------------------------------------------------


def test_cv_yml_to_json_resume(imported):
    site, report = imported
    resume = yaml.safe_load((site / "cv.yaml").read_text(encoding="utf-8"))
    assert resume["basics"] == {"name": "Jane Q. Doe", "email": "jane@example.org"}
    assert resume["languages"] == [
        {"language": "English", "fluency": "native"},
        {"language": "Esperanto", "fluency": "basic"},
    ]
    assert resume["education"] == [
        {
            "institution": "Example University",
            "studyType": "PhD",
            "area": "Example Studies",
            "endDate": "2020",
        },
        {
            "institution": "Example College",
            "studyType": "MSc",
            "startDate": "2014",
            "endDate": "2016",
        },
    ]
    assert resume["work"][0] == {
        "position": "Test Fellow",
        "name": "Example Institute",
        "startDate": "2021",  # 2021 - present: no end
        "highlights": ["Wrote fictional papers.", "Supervised: two fictional students"],
    }
    assert resume["work"][1]["name"] == "Example Corp"  # HTML link -> text
    assert resume["awards"] == [
        {"title": "Best Example Award", "date": "2022"},
        {"title": "Example Medal", "date": "2022"},
    ]
    assert resume["interests"] == [{"name": "Testing", "keywords": ["Importers", "Fixtures"]}]
    assert (
        "_data/cv.yml:10: CV field 'Date of Birth' has no place in JSON Resume; not converted"
        in notes(report)
    )
    assert any(n.startswith("_data/cv.yml:56: CV section 'Teaching'") for n in notes(report))
    assert (site / "cv.md").read_text().count("{cv}") == 1


def test_resume_json_copied_as_is(tmp_path):
    source = tmp_path / "src"
    (source / "assets" / "json").mkdir(parents=True)
    (source / "_config.yml").write_text("first_name: A\n", encoding="utf-8")
    resume = '{"basics": {"name": "A"}, "work": []}\n'
    (source / "assets" / "json" / "resume.json").write_text(resume, encoding="utf-8")
    import_alfolio(source, tmp_path / "out")
    assert (tmp_path / "out" / "resume.json").read_text(encoding="utf-8") == resume
    assert conf_values(tmp_path / "out")["folio_cv"] == "resume.json"


# --- bibliography and images ----------------------------------------------------------------


def test_bib_copied(imported):
    site, report = imported
    bib = (site / "refs.bib").read_text(encoding="utf-8")
    source = (FIXTURE / "_bibliography" / "papers.bib").read_text(encoding="utf-8")
    assert not bib.startswith("---")
    for field in (
        "abbr = {JEX}",
        "bibtex_show = {true}",
        "selected = {true}",
        "award = {Best Example Award}",
        "code = {https://example.org/code}",
    ):
        assert field in bib and field in source
    assert "pdf = {_static/pdf/example.pdf}" in bib  # al-folio looks PDFs up in assets/pdf/
    assert "pdf = {}" in bib  # never a link to a missing file
    assert (
        "_bibliography/papers.bib:25: pdf file 'missing.pdf' not found in the al-folio site; left out"
        in notes(report)
    )


def test_images_copied(imported):
    site, _ = imported
    for name in ("img/figure.png", "img/prof_pic.png", "pdf/example.pdf", "pdf/handout.pdf"):
        copy = site / "_static" / name
        assert copy.read_bytes() == (FIXTURE / "assets" / name).read_bytes()


def test_missing_image_reported_and_never_linked(tmp_path):
    source = tmp_path / "src"
    (source / "_pages").mkdir(parents=True)
    (source / "_config.yml").write_text("first_name: A\n", encoding="utf-8")
    (source / "_pages" / "about.md").write_text(
        "---\nprofile:\n  image: gone.jpg\n---\nSee ![a plot](/assets/img/plot.png).\n",
        encoding="utf-8",
    )
    report = import_alfolio(source, tmp_path / "out")
    assert "photo" not in "".join(conf_values(tmp_path / "out"))
    assert any(n.startswith("_pages/about.md:3: profile image") for n in notes(report))
    assert any(
        n.startswith("_pages/about.md:5: file '/assets/img/plot.png' not found")
        for n in notes(report)
    )
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "See a plot." in index and "plot.png" not in index


# --- the command --------------------------------------------------------------------------------


def test_refuses_non_empty_out(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["import-alfolio", str(FIXTURE), "--out", str(out)]) == 2
    assert "not empty; pass --force" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert main(["import-alfolio", str(FIXTURE), "--out", str(out), "--force"]) == 0
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "conf.py").is_file()
    summary = capsys.readouterr().out
    assert "_news/announcement_1.md -> news/announcement_1.md" in summary
    assert "_pages/about.md:37: Liquid tag" in summary
    # a second forced import replaces the first one's files
    assert main(["import-alfolio", str(FIXTURE), "--out", str(out), "--force"]) == 0


def test_never_writes_into_the_source(tmp_path, capsys):
    source = tmp_path / "alfolio"
    import shutil

    shutil.copytree(FIXTURE, source)
    before = snapshot(source)
    assert main(["import-alfolio", str(source), "--out", str(source / "site")]) == 2
    assert "inside the al-folio folder" in capsys.readouterr().err
    assert main(["import-alfolio", str(source), "--out", str(tmp_path)]) == 2
    assert snapshot(source) == before


def test_bad_front_matter_names_file_and_line(tmp_path, capsys):
    source = tmp_path / "src"
    (source / "_news").mkdir(parents=True)
    (source / "_config.yml").write_text("first_name: A\n", encoding="utf-8")
    (source / "_news" / "bad.md").write_text(
        "---\ndate: 2024-01-01\ntitle: [oops\n---\n", encoding="utf-8"
    )
    # one broken file does not stop the import: it is left out and reported with its line
    report = import_alfolio(source, tmp_path / "out")
    assert any(
        str(n).startswith("_news/bad.md:3: YAML cannot be read") and "left out" in str(n)
        for n in report.notes
    )
    assert not (tmp_path / "out" / "news" / "bad.md").exists()
    # a _config.yml that cannot be read still stops it, naming the file and line
    (source / "_config.yml").write_text("title: [oops\n", encoding="utf-8")
    with pytest.raises(AlfolioError, match=r"_config\.yml:\d+: YAML cannot be read"):
        import_alfolio(source, tmp_path / "out3")
    assert main(["import-alfolio", str(source), "--out", str(tmp_path / "out2")]) == 1
    assert "_config.yml:" in capsys.readouterr().err


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "sphinx-folio"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "import-alfolio" in result.stdout


# --- end to end: import, then build with warnings as errors -------------------------------------


def build(site: Path) -> subprocess.CompletedProcess[str]:
    return build_imported(site)


def html(site: Path, name: str) -> BeautifulSoup:
    path = site / "_build" / "html" / f"{name}.html"
    assert path.is_file(), f"{name}.html was not built"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_imported_site_builds(tmp_path):
    site = tmp_path / "site"
    import_alfolio(FIXTURE, site)
    result = build(site)
    assert result.returncode == 0, result.stderr
    index = html(site, "index")
    assert index.find("h1").get_text(strip=True).startswith("Jane Q. Doe")
    card = index.select_one(".folio-profile")
    assert card is not None and "folio-profile--right" in card["class"]
    assert "Jane Doe writes" in card.get_text()
    assert index.find("img", src=lambda s: s and "prof_pic" in s) is not None
    assert "555 Example Street" in card.get_text()
    text = index.get_text(" ", strip=True)
    assert "Jane Doe joined the Example Institute" in text  # announcements
    assert "Research" in text
    for page in (
        "news/announcement_1",
        "posts/2024-06-15-a-test-post",
        "projects/1_project",
        "publications/index",
        "cv",
    ):
        html(site, page)
    assert "An Example Paper" in html(site, "publications/index").get_text()
    assert "Example Institute" in html(site, "cv").get_text()


def test_heading_levels_shift_only_real_headings() -> None:
    from sphinx_folio.alfolio.body import heading_levels

    text = (
        "### Top\n\n```python\n# a comment, not a heading\n```\n\n"
        "~~~\n## nor this\n~~~\n\n#### Under\n\n    # indented code\n\n##### Deeper\n"
    )
    assert heading_levels(text, 2) == (
        "## Top\n\n```python\n# a comment, not a heading\n```\n\n"
        "~~~\n## nor this\n~~~\n\n### Under\n\n    # indented code\n\n#### Deeper\n"
    )
