"""Hostile text in every field lands as text: no injected element, attribute or link.

``tests/roots/test-hostile`` puts ``<script>``, ``</script>``, ``"onmouseover=`` and
``<img onerror>`` into conf.py options, refs.bib fields, front matter (titles, tags,
summaries, links) and the CV file, then every page, JSON-LD block, feed and ``.bib``
export of the built site is checked.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import Entry, parse_string

from sphinx_folio.escaping import bibtex_value, json_script
from sphinx_folio.publications.export import entry_to_bibtex

from conftest import warnings_of

UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|file):", re.IGNORECASE)


def _pages(app) -> dict[str, BeautifulSoup]:
    out = Path(app.outdir)
    return {
        path.relative_to(out).as_posix(): BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for path in sorted(out.rglob("*.html"))
    }


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_no_page_has_an_injected_element_attribute_or_link(app):
    app.build()
    pages = _pages(app)
    # The hostile values do reach the pages (as text): the test looks where it should.
    for name in ("index.html", "cv.html", "news/evil.html", "publications/evil2024.html"):
        assert name in pages
    assert "alert('title')" in pages["publications/evil2024.html"].find("h1").get_text()
    tag_pages = [name for name in pages if name.startswith("tags/") and name != "tags/index.html"]
    assert len(tag_pages) == 3  # one tag is on two items
    for name, soup in pages.items():
        for element in soup.find_all(True):
            handlers = [attr for attr in element.attrs if attr.lower().startswith("on")]
            assert not handlers, f"{name}: <{element.name} {handlers}>"
            for attr in ("href", "src", "action"):
                value = element.get(attr)
                assert not (value and UNSAFE_SCHEME.match(value)), f"{name}: {attr}={value!r}"
        assert not soup.select('img[src="x"]'), name
        for script in soup.find_all("script"):
            text = script.string or ""
            if script.get("type") == "application/ld+json":
                json.loads(text)  # still valid JSON
                assert "<" not in text and ">" not in text, name
            else:
                assert "alert(" not in text, f"{name}: {text[:80]}"


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_every_problem_is_a_folio_warning(app):
    app.build()
    lines = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app)).splitlines()
    assert lines
    assert all(re.search(r"\[folio\.[a-z]+\]$", line) for line in lines), lines
    text = "\n".join(lines)
    for needle in (
        "field 'url'",
        "field 'code'",
        "field 'pdf': file '../../../../etc/passwd' points outside the folder of conf.py",
        "field 'poster': file '/proc/self/environ'",
        "front matter key 'external_url'",
        "front matter key 'repository'",
        "basics.url",
        "work[0].url",
    ):
        assert needle in text
    out = Path(app.outdir)
    assert not list((out / "publications").rglob("passwd"))
    assert not list((out / "publications").rglob("environ"))


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_feeds_and_bib_exports_hold_the_text_as_data(app):
    app.build()
    out = Path(app.outdir)
    for feed in out.rglob("*.xml"):
        if feed.name == "sitemap.xml":
            continue
        root = ET.fromstring(feed.read_bytes())  # well-formed XML
        assert not [el for el in root.iter() if el.tag.split("}")[-1] == "script"]
    titles = [
        el.text
        for feed in out.rglob("atom.xml")
        for el in ET.fromstring(feed.read_bytes()).iter()
        if el.tag.endswith("}title")
    ]
    assert any(title.startswith("News </title><script>alert(") for title in titles), titles
    for export in out.rglob("*.bib"):
        data = parse_string(export.read_text("utf-8"), "bibtex")
        assert list(data.entries) == ["evil2024"], export
        assert set(data.entries["evil2024"].fields) == {
            "title",
            "journal",
            "year",
            "note",
            "doi",
            "url",
        }


def test_a_bibtex_value_cannot_close_its_brace_and_add_a_field():
    entry = Entry("article", fields={"title": "a}, evil = {x", "note": "open { brace"})
    text = entry_to_bibtex("k", entry)
    data = parse_string(text, "bibtex")
    assert set(data.entries["k"].fields) == {"title", "note"}
    assert bibtex_value("a}b{c") == r"{a\textbraceright{}b{c}}"
    assert bibtex_value("{ok} as {written}") == "{{ok} as {written}}"


def test_json_for_a_script_element_escapes_markup():
    text = json_script({"name": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & -->"}
