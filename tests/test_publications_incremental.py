"""Rebuilds: nothing is formatted or written again unless the entry it shows changed.

Each build is its own ``sphinx-build`` process, as when a user runs ``make html`` twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SiteCopy


class Site(SiteCopy):
    def mtimes(self) -> dict[str, int]:
        return {
            str(path.relative_to(self.out)): path.stat().st_mtime_ns
            for path in sorted((self.out / "publications").rglob("*"))
            if path.is_file()
        }


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site.of_root("test-pub", tmp_path)


def test_no_change_rebuild_formats_and_writes_nothing(site):
    assert "formatting publications... 6 of 6 entries" in site.build()
    before = site.mtimes()
    log = site.build()
    assert "formatting publications... up to date" in log
    assert "no targets are out of date" in log
    assert site.mtimes() == before


def test_editing_one_entry_reformats_and_rewrites_only_what_shows_it(site):
    site.build()
    before = site.mtimes()
    site.edit("refs.bib", "Poetical Science}", "Poetical Science, Revised}")
    log = site.build()
    assert "formatting publications... 1 of 6 entries (lovelace2024poetical)" in log
    after = site.mtimes()
    assert sorted(name for name in after if after[name] != before.get(name)) == [
        "publications/ada-lovelace-publications.bib",
        "publications/atom.xml",  # the feed shows the new title
        "publications/index.html",
        "publications/lovelace2024poetical.bib",
        "publications/lovelace2024poetical.html",
    ]
    title = site.page("publications/index").select_one("#pub-lovelace2024poetical a")
    assert title.get_text() == "Poetical Science, Revised"
    assert site.page("publications/lovelace2024poetical").select_one(
        ".folio-paper h1"
    ).get_text() == ("Poetical Science, Revised")


def test_editing_a_cited_entry_updates_the_pages_citing_it(site):
    site.build()
    site.edit("refs.bib", "year      = {1843}", "year      = {1844}")
    site.build()
    cites = [a.get_text() for a in site.page("notes").select(".bibtex-citation a")]
    assert "Lovelace and Babbage, 1844" in cites


def test_a_new_citing_page_shows_on_the_paper_page(site):
    site.build()
    (site.src / "more.md").write_text("# More\n\nSee {cite:p}`lovelace2026weaving`.\n")
    site.edit("index.md", "notes\n", "notes\nmore\n")
    site.build()
    cited = site.page("publications/lovelace2026weaving").select(".folio-paper-cited a")
    assert [(a.get_text(), a["href"]) for a in cited] == [("More", "../more.html")]
    # No bibliography on that page: the citation still resolves, to the paper's page.
    link = site.page("more").select_one(".bibtex-citation a")
    assert (link.get_text(), link["href"]) == (
        "Lovelace, 2026",
        "publications/lovelace2026weaving.html",
    )
    (site.src / "more.md").unlink()
    site.edit("index.md", "notes\nmore\n", "notes\n")
    site.build()
    assert not site.page("publications/lovelace2026weaving").select(".folio-paper-cited")


def test_sitemap_keeps_paper_pages_a_rebuild_did_not_rewrite(site):
    from xml.etree import ElementTree

    base = "https://ada.example.org/"
    conf = site.src / "conf.py"
    conf.write_text(conf.read_text() + f'html_baseurl = "{base}"\n')

    def sitemap() -> set[str]:
        tree = ElementTree.parse(site.out / "sitemap.xml")
        return {
            loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        }

    site.build()
    first = sitemap()
    papers = {url for url in first if "/publications/" in url and url.endswith(".html")}
    assert papers, first
    site.build()  # nothing changed: no paper page is rewritten
    assert sitemap() == first
