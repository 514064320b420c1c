"""Generated file names: every paper, tag and export gets a page of its own, for good.

The root's refs.bib holds keys that a hand-written slug folded together (``x/y`` and
``x-y``, ``é1`` and ``ü1``), keys that take a reserved name (``index``, the name of the
export of all papers) and a key with the name of a page the site wrote; its news items
have tags in several scripts and tags that differ only in punctuation (``C++``, ``C``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_folio.publications.store import paper_names
from sphinx_folio.slugs import key_name, tag_identity, tag_slug

from conftest import build_copy_of_root, page, warnings_of

KEYS = ["x/y", "x-y", "é1", "ü1", "index", "ada-lovelace-publications", "handwritten", "plain2024"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """One build of the root, shared by the tests that only read its output."""
    yield from build_copy_of_root(tmp_path_factory, "names")


def _title_of(app: SphinxTestApp, href: str, base: str) -> str:
    path = Path(app.outdir) / base / unquote(href)
    assert path.is_file(), f"{href} links to a page that was not written"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    heading = soup.find("h1")
    assert heading is not None
    return heading.get_text(" ", strip=True).rstrip("#").strip()


def test_every_entry_opens_its_own_paper(site: SphinxTestApp) -> None:
    entries = page(site, "publications/index").select("li.folio-pub")
    links = {li.select_one(".folio-pub-title a").get_text(): li for li in entries}
    assert len(links) == len(KEYS)
    hrefs = [li.select_one(".folio-pub-title a")["href"] for li in links.values()]
    assert len(set(hrefs)) == len(KEYS), hrefs
    # Each link opens the page of the paper it names, not a neighbour's.
    for title, li in links.items():
        href = li.select_one(".folio-pub-title a")["href"]
        assert _title_of(site, href, "publications") == title
    # The ids of the list entries are distinct too.
    ids = [li["id"] for li in entries]
    assert len(set(ids)) == len(ids)


def test_keys_that_need_no_change_keep_their_url(site: SphinxTestApp) -> None:
    out = Path(site.outdir) / "publications"
    assert (out / "x-y.html").is_file()
    assert (out / "plain2024.html").is_file()
    assert "keyed x-y" in (out / "x-y.html").read_text(encoding="utf-8")
    assert "keyed x/y" not in (out / "x-y.html").read_text(encoding="utf-8")


def test_export_and_pages_the_site_wrote_are_not_replaced(site: SphinxTestApp) -> None:
    export = (Path(site.outdir) / "publications/ada-lovelace-publications.bib").read_text()
    for key in KEYS:
        assert f"{{{key}," in export  # the whole bibliography, not one entry
    assert "the site wrote itself" in page(site, "publications/handwritten").get_text()
    listing = page(site, "publications/index")
    assert listing.find("h1").get_text().startswith("Publications")
    assert len(listing.select("li.folio-pub")) == len(KEYS)


def test_each_clash_is_a_warning_naming_file_line_and_key(site: SphinxTestApp) -> None:
    printed = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(site))
    lines = [line for line in printed.splitlines() if line.strip()]
    assert len(lines) == 3, lines
    assert all("refs.bib:" in line and line.endswith("[folio.name]") for line in lines)
    text = "\n".join(lines)
    assert "entry 'index': a paper page publications/index would replace the page of" in text
    assert "entry 'ada-lovelace-publications': a paper page" in text
    assert "the .bib export of all publications" in text
    assert "entry 'handwritten': the document publications/handwritten has the name" in text


def test_every_tag_has_a_page_of_its_own(site: SphinxTestApp) -> None:
    item = page(site, "news/scripts")
    badges = {
        a.get_text(): unquote(a["href"]) for a in item.select(".folio-item-header a.folio-tag")
    }
    assert set(badges) == {
        "C++", "C", "日本語", "中文", "Ελληνικά", "हिन्दी", "index", "Dense Retrieval",
    }  # fmt: skip
    assert len(set(badges.values())) == len(badges), badges
    for tag, href in badges.items():
        heading = _title_of(site, href, "news")
        assert heading.casefold() == f"Tag: {tag}".casefold()  # as first written
    # Readable, in the tag's own script.
    assert badges["日本語"] == "../tags/日本語.html"
    assert badges["Ελληνικά"] == "../tags/ελληνικά.html"
    assert badges["C"] == "../tags/c.html"
    assert badges["C++"].startswith("../tags/c-")
    # The tag index is not replaced by the tag "index".
    assert page(site, "tags/index").find("h1").get_text().startswith("Tags")


def test_a_tag_written_another_way_is_the_same_tag(site: SphinxTestApp) -> None:
    other = page(site, "news/same-tag")
    badges = {a.get_text(): a["href"] for a in other.select(".folio-item-header a.folio-tag")}
    assert badges == {"dense retrieval": "../tags/dense-retrieval.html", "c": "../tags/c.html"}
    c_page = page(site, "tags/c")
    titles = {a.get_text() for a in c_page.select(".sd-card-title a")}
    assert titles == {"Tags in many scripts", "The same tag written another way"}
    cpp = page(site, badges_of(site, "news/scripts")["C++"])
    assert {a.get_text() for a in cpp.select(".sd-card-title a")} == {"Tags in many scripts"}


def badges_of(app: SphinxTestApp, name: str) -> dict[str, str]:
    item = page(app, name)
    return {
        a.get_text(): "tags/" + unquote(a["href"]).rsplit("/", 1)[-1].removesuffix(".html")
        for a in item.select(".folio-item-header a.folio-tag")
    }


# --- the naming rule itself ---------------------------------------------------------------

keys = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters=',{}"\\ \t\n\r'),
    min_size=1,
    max_size=30,
)


@given(st.lists(keys, min_size=1, max_size=12, unique_by=str.casefold))
def test_paper_names_are_unique_and_depend_on_the_key_alone(batch: list[str]) -> None:
    names, clashes = paper_names(batch, "publications", "ada-lovelace-publications", set())
    assert len({name.casefold() for name in names.values()}) == len(batch)
    for key in batch:
        name = names[key]
        assert "/" not in name and name not in ("", ".", "..") and not name.startswith(".")
        assert len(name.encode("utf-8")) < 200
        alone, _ = paper_names([key], "publications", "ada-lovelace-publications", set())
        if not clashes:
            assert alone[key] == name  # adding other entries never moves a paper


@given(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20))
def test_two_tags_share_a_page_only_if_they_are_the_same_tag(a: str, b: str) -> None:
    if tag_identity(a) != tag_identity(b):
        assert tag_slug(a) != tag_slug(b)
    else:
        assert tag_slug(a) == tag_slug(b)


def test_this_sites_keys_keep_their_urls() -> None:
    for key in ("mishra2026dissecting", "mishra-emergent-features", "garg2022what"):
        assert key_name(key) == key


def test_a_tag_page_shows_a_few_badges_per_item_and_its_own_first(site: SphinxTestApp) -> None:
    item = page(site, "news/many-tags")
    assert len(item.select(".folio-item-header .folio-tag")) == 20  # its own page: all
    t15 = page(site, "tags/t15")
    card = t15.select_one(".sd-card")
    badges = [b.get_text() for b in card.select(".folio-tag")]
    assert badges == ["t15", "t01", "t02", "t03", "t04", "t05", "t06", "t07"]
    assert card.select_one("span.folio-tag").get_text() == "t15"  # not a link to itself
    more = card.select_one("a.folio-more-tags")
    assert more.get_text() == "+12 more"
    assert more["href"] == "../news/many-tags.html"
