"""What crawlers, link previews and browsers get: tags, JSON-LD, sitemap, robots, favicon, 404."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from conftest import page, sphinx_build, warnings_of

BASE = "https://example.org/~ada/"
PAGES = ["index", "about", "deep/er/page"]


def _copy(rootdir: Path, tmp_path: Path, name: str) -> Path:
    """A fresh copy of a test root, so that builds never write into tests/roots."""
    target = tmp_path / name
    if not target.exists():
        shutil.copytree(rootdir / name, target)
    return target


def _meta(soup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def _sitemap(outdir: Path) -> list[str]:
    tree = ElementTree.parse(outdir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]


@pytest.mark.sphinx("html", testroot="metadata")
@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_opengraph_twitter_and_canonical_tags(app, built, name):
    built(app)
    soup = page(app, name)
    url = BASE + name + ".html"
    assert _meta(soup, "og:url") == url
    assert soup.find("link", rel="canonical")["href"] == url
    assert _meta(soup, "og:title") == soup.find("h1").get_text(strip=True).rstrip("#")
    assert _meta(soup, "og:site_name") == "Ada's site"
    assert _meta(soup, "og:type") == "website"
    assert _meta(soup, "og:description")
    assert _meta(soup, "og:image") == BASE + "_static/ada.png"
    assert _meta(soup, "og:image:alt") == "Photo of Ada Example"
    assert _meta(soup, "twitter:card") == "summary"
    assert _meta(soup, "twitter:creator") == "@ada_example"
    # No generated social-card images (they would need matplotlib).
    assert not (Path(app.outdir) / "_images" / "social_previews").exists()


@pytest.mark.sphinx("html", testroot="metadata")
def test_home_page_is_described_by_the_bio(app, built):
    built(app)
    soup = page(app, "index")
    assert _meta(soup, "og:description") == "Ada builds analytical engines."
    assert _meta(soup, "description") == "Ada builds analytical engines."


@pytest.mark.sphinx("html", testroot="metadata")
def test_home_page_has_json_ld_person(app, built):
    built(app)
    scripts = page(app, "index").find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    person = json.loads(scripts[0].string)
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Ada Example",
        "url": BASE,
        "image": BASE + "_static/ada.png",
        "jobTitle": "Research Engineer",
        "affiliation": {"@type": "Organization", "name": "Example University"},
        "description": "Ada builds analytical engines.",
        "alumniOf": [
            {"@type": "EducationalOrganization", "name": "Example University"},
            {"@type": "EducationalOrganization", "name": "Engine School"},
        ],
        "sameAs": [
            "https://github.com/ada-example",
            "https://orcid.org/0000-0002-1825-0097",
            "https://x.com/ada_example",
        ],
    }
    assert page(app, "about").find("script", type="application/ld+json") is None


@pytest.mark.sphinx("html", testroot="metadata")
def test_sitemap_and_robots(app, built):
    built(app)
    out = Path(app.outdir)
    assert _sitemap(out) == [BASE + "about.html", BASE + "deep/er/page.html", BASE + "index.html"]
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


@pytest.mark.sphinx("html", testroot="metadata")
def test_favicon_is_linked_and_favicon_ico_is_at_the_root(app, built):
    built(app)
    out = Path(app.outdir)
    for name in PAGES:
        icon = page(app, name).find("link", rel="icon")["href"]
        assert (out / Path(name).parent / icon).resolve().is_file()
    ico = (out / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 2)
    for i in range(count):
        size, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i]
        )
        assert size in (16, 32)
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(ico)


@pytest.mark.sphinx("html", testroot="metadata")
def test_404_page_resolves_assets_and_links_from_any_depth(app, built):
    built(app)
    out = Path(app.outdir)
    soup = page(app, "404")
    assert soup.find("h1").get_text(strip=True) == "Page not found"
    local = [
        urlsplit(tag.get("href") or tag.get("src")).path
        for tag in soup.find_all(["a", "link", "script", "img"])
        if (tag.get("href") or tag.get("src") or "").split(":")[0]
        not in ("https", "http", "mailto")
        and not (tag.get("href") or tag.get("src") or "#").startswith("#")
        and (tag.get("href") or tag.get("src"))
    ]
    assert local, "the 404 page links nothing of the site"
    for path in local:
        assert path.startswith("/~ada/"), path
        assert (out / path.removeprefix("/~ada/")).is_file(), path
    # Not in the sitemap.
    assert not any("404" in url for url in _sitemap(out))


def test_without_a_base_url_there_is_no_sitemap_and_no_warning(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=_copy(rootdir, tmp_path, "test-profile-monogram"))
    app.build()
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    assert not (out / "sitemap.xml").exists()
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    soup = page(app, "index")
    assert soup.find("link", rel="canonical") is None
    assert _meta(soup, "og:url") is None
    assert _meta(soup, "og:title") == "Home"
    assert (out / "favicon.ico").is_file()
    # The 404 page's links are absolute from the root.
    stylesheets = page(app, "404").select('link[rel="stylesheet"]')
    assert all(link["href"].startswith("/_static/") for link in stylesheets)


def test_read_the_docs_canonical_url_is_the_base_url(make_app, rootdir, tmp_path, monkeypatch):
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://ada.readthedocs.io/en/latest/")
    app = make_app("html", srcdir=_copy(rootdir, tmp_path, "test-profile-monogram"))
    app.build()
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    assert _sitemap(out) == ["https://ada.readthedocs.io/en/latest/index.html"]
    soup = page(app, "index")
    assert soup.find("link", rel="canonical")["href"] == (
        "https://ada.readthedocs.io/en/latest/index.html"
    )
    stylesheets = page(app, "404").select('link[rel="stylesheet"]')
    assert all(link["href"].startswith("/en/latest/_static/") for link in stylesheets)


def _sphinx_build(src: Path, tmp_path: Path) -> str:
    result = sphinx_build(src, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    return result.stdout


def test_a_second_build_reads_and_writes_nothing_and_the_sitemap_stays_complete(rootdir, tmp_path):
    src = _copy(rootdir, tmp_path, "test-metadata")
    _sphinx_build(src, tmp_path)
    again = _sphinx_build(src, tmp_path)
    assert "0 added, 0 changed, 0 removed" in again
    assert "no targets are out of date" in again
    # After an incremental build that rewrote only some pages, every page is still listed.
    (src / "about.md").write_text("# About\n\nChanged.\n", encoding="utf-8")
    partial = _sphinx_build(src, tmp_path)
    assert "0 added, 1 changed, 0 removed" in partial
    assert "deep/er/page" not in partial.split("writing output")[-1]
    assert _sitemap(tmp_path / "html") == [
        BASE + "about.html",
        BASE + "deep/er/page.html",
        BASE + "index.html",
    ]


def test_changing_the_cv_rebuilds_the_home_page_json_ld(rootdir, tmp_path):
    src = _copy(rootdir, tmp_path, "test-metadata")
    _sphinx_build(src, tmp_path)
    (src / "cv.yaml").write_text("education:\n  - institution: New School\n", encoding="utf-8")
    log = _sphinx_build(src, tmp_path)
    assert "1 changed" in log
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert '"name": "New School"' in html
    assert "Engine School" not in html
