"""Paper pages in the search index: every one after any build, exactly as a full build
puts them, though a rebuild takes their words from the publications cache.

Each build is its own ``sphinx-build`` process, as when a user runs ``make html`` twice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SiteCopy


class Site(SiteCopy):
    def index_text(self, out: Path | None = None) -> str:
        return ((out or self.out) / "searchindex.js").read_text(encoding="utf-8")

    def index(self, out: Path | None = None) -> dict[str, Any]:
        text = self.index_text(out)
        return json.loads(text[text.index("(") + 1 : text.rindex(")")])  # type: ignore[no-any-return]

    def paper_pages(self) -> set[str]:
        folder = self.out / "publications"
        return {f"publications/{p.stem}" for p in folder.glob("*.html") if p.stem != "index"}


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site.of_root("test-pub", tmp_path)


def pages_with(index: dict[str, Any], word: str) -> set[str]:
    """The pages a search for ``word`` (a stemmed term) finds, by text or by title."""
    found: set[str] = set()
    for table in ("terms", "titleterms"):
        value = index[table].get(word, [])
        found.update(index["docnames"][i] for i in (value if isinstance(value, list) else [value]))
    return found


def without_unused_words(index: dict[str, Any]) -> dict[str, Any]:
    """Sphinx keeps a word no page has any more as an empty entry until a full build."""
    for table in ("terms", "titleterms"):
        index[table] = {word: pages for word, pages in index[table].items() if pages != []}
    return index


def test_no_change_rebuild_writes_the_same_index_with_every_paper_page(site: Site) -> None:
    site.build()
    full = site.index_text()
    index = site.index()
    papers = site.paper_pages()
    assert len(papers) == 5, papers
    assert papers <= set(index["docnames"])
    titles = dict(zip(index["docnames"], index["titles"], strict=True))
    assert titles["publications/lovelace2024engines"] == "Engines that Compose Music"
    # A word of a title, of an abstract, of a venue.
    assert "publications/lovelace2024engines" in pages_with(index, "music")
    assert "publications/lovelace1843notes" in pages_with(index, "bernoulli")
    assert "publications/lovelace2024engines" in pages_with(index, "poetic")

    site.build()
    assert site.index_text() == full


def test_editing_a_title_replaces_its_words_in_the_index(site: Site, tmp_path: Path) -> None:
    site.build()
    page = "publications/lovelace2024poetical"
    assert page in pages_with(site.index(), "scienc")
    site.edit("refs.bib", "title        = {Poetical Science}", "title        = {Poetical Tapestry}")
    site.build()
    index = site.index()
    assert page in pages_with(index, "tapestri")
    assert page not in pages_with(index, "scienc")
    assert "publications/lovelace2024engines" in pages_with(index, "scienc")  # its venue
    # The same index as a full build of the edited site.
    site.build(out=tmp_path / "full")
    assert without_unused_words(index) == without_unused_words(site.index(tmp_path / "full"))


def test_another_search_language_stems_the_paper_pages_again(site: Site, tmp_path: Path) -> None:
    site.build()
    german = ("-D", "html_search_language=de")
    site.build(*german)
    site.build(*german, out=tmp_path / "full")
    rebuilt, full = site.index(), site.index(tmp_path / "full")
    assert without_unused_words(rebuilt) == without_unused_words(full)
    # The German stemmer makes "potical" of "Poetical" (its venue); the English "poetic".
    assert "publications/lovelace2024engines" in pages_with(rebuilt, "potical")
    assert "publications/lovelace2024engines" not in pages_with(rebuilt, "poetic")
