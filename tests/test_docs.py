"""The package's documentation (docs/) builds with -W, and its reference pages come from
the code: every option, directive, front matter key and warning subtype is on them."""

from __future__ import annotations

import dataclasses as dc
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sphinx_folio.collection import schema
from sphinx_folio.config import FolioConfig
from sphinx_folio.warnings_ import FolioWarning

from conftest import REPO, sphinx_build

DOCS = REPO / "docs"


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    result = sphinx_build(DOCS, out, "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr
    return out / "html"


def text_of(docs: Path, page: str) -> str:
    soup = BeautifulSoup((docs / page).read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("main") or soup
    # Sphinx's smart quotes turn ' into typographic quotes and ... into an ellipsis.
    text = main.get_text(" ").replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u2026", "...")
    return " ".join(text.split())


def test_every_option_with_its_help_and_example(docs: Path) -> None:
    soup = BeautifulSoup((docs / "options.html").read_text(encoding="utf-8"), "html.parser")
    text = text_of(docs, "options.html")
    for field in dc.fields(FolioConfig):
        assert soup.find(id=f"folio-{field.name.replace('_', '-')}") is not None, field.name
        assert " ".join(field.metadata["help"].split()) in text
        assert f"folio_{field.name} =" in text  # the example
    assert "bibtex_default_style" in text  # the other extensions' options we set


def test_every_directive_and_its_options(docs: Path) -> None:
    text = text_of(docs, "directives.html")
    for name in ("profile", "listing", "announcements", "latest-posts", "cv"):
        assert f"{{{name}}}" in text
    for name in ("publication-list", "selected-publications"):
        assert f"{{{name}}}" in text
    assert "one of newest , oldest , title" in text.replace("``", "")
    assert "Only items with at least one of these tags" in text


def test_every_front_matter_key_and_warning_subtype(docs: Path) -> None:
    text = text_of(docs, "front-matter.html")
    for keys in schema.KEYS.values():
        for key in keys:
            # Markup splits the text into pieces (a URL becomes a link): compare without spaces.
            assert "".join(schema.KEY_HELP[key].split()) in "".join(text.split())
    bad = text_of(docs, "bad-input.html")
    for kind in FolioWarning:
        assert f"folio.{kind.value}" in bad


def test_pages_of_the_guide(docs: Path) -> None:
    for page in [
        "getting-started.html",
        "writing.html",
        "customise.html",
        "alfolio.html",
        "hosting.html",
        "bad-input.html",
        "benchmarks.html",
        "bib-fields.html",
        "gallery.html",
        "changelog.html",
    ]:
        assert (docs / page).is_file(), page
    assert "--folio-accent" in text_of(docs, "customise.html")  # read from the stylesheet
    assert "OpenReview" in text_of(docs, "bib-fields.html")  # from LINK_FIELDS


def test_gallery_images_are_small_and_shown(docs: Path) -> None:
    soup = BeautifulSoup((docs / "gallery.html").read_text(encoding="utf-8"), "html.parser")
    shots = sorted(p.name for p in (DOCS / "gallery").glob("*.jpg"))
    shown = sorted(Path(img["src"]).name for img in soup.select("main img") if img.get("alt"))
    assert (
        shown
        == shots
        == [
            "alfolio-001.jpg",
            "alfolio-fixture.jpg",
            "cv-pdf.jpg",
            "new.jpg",
            "repo.jpg",
            "test-lab.jpg",
        ]
    )
    total = sum(p.stat().st_size for p in (DOCS / "gallery").glob("*.jpg"))
    assert total < 400_000, total


def test_docs_have_their_own_read_the_docs_config() -> None:
    docs_rtd = yaml.safe_load((DOCS / ".readthedocs.yaml").read_text())
    assert docs_rtd["sphinx"] == {
        "configuration": "docs/conf.py",
        "builder": "html",
        "fail_on_warning": True,
    }
    site_rtd = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    assert site_rtd["sphinx"]["configuration"] == "conf.py"


def test_readme_opens_with_the_picture_and_links_the_docs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = re.search(r"!\[([^\]]+)\]\(([^)]+)\)", readme)
    assert first is not None and readme.index(first.group(0)) < readme.index("make serve")
    picture = REPO / first.group(2)
    assert picture.parent.parent == DOCS and picture.stat().st_size < 150_000
    for target in re.findall(r"\]\((docs/[^)#]+)\)", readme):
        assert (REPO / target).exists(), target
