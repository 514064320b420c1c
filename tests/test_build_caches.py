"""What a rebuild keeps from the last build, and that what it keeps never shows stale.

Tag pages are written only when their signature changed (collection/tags.py), and
compiled templates are kept next to the pickled environment (template_cache.py). Each
test builds a copy of a test root with ``sphinx-build`` in its own process, as ``make
html`` does, edits it, and compares with a fresh build of the same sources.
"""

from __future__ import annotations

from pathlib import Path

from sphinx_process import run_sphinx

from conftest import SiteCopy


def _tag_pages(out: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "tags").glob("*.html")}


def test_a_rebuild_rewrites_only_the_tag_pages_an_edit_touched(tmp_path: Path) -> None:
    site = SiteCopy.of_root("test-collection", tmp_path)
    site.build()
    first = _tag_pages(site.out)
    assert {"mamba.html", "beir.html", "tooling.html", "index.html"} <= first.keys()

    site.build()  # nothing changed
    assert _tag_pages(site.out) == first, "a rebuild with no change rewrote tag pages"
    sitemap = (site.out / "sitemap.xml").read_text(encoding="utf-8")
    for name in first:  # listed although this build did not write them
        assert f"https://ada.example.org/tags/{name}" in sitemap, name

    site.edit("projects/gamma.md", "tags: [Tooling]", "tags: [Tooling, Mamba]")
    site.build()
    after = _tag_pages(site.out)
    assert after["beir.html"] == first["beir.html"]  # no item of it changed
    for name in ("mamba.html", "tooling.html", "index.html"):
        assert after[name][0] != first[name][0], f"{name} was not written again"
    assert "Gamma" in site.page("tags/mamba").get_text()

    fresh = tmp_path / "fresh"
    site.build("-E", out=fresh)
    assert {n: body for n, (_, body) in after.items()} == {
        n: body for n, (_, body) in _tag_pages(fresh).items()
    }, "kept tag pages differ from a fresh build's"


def test_an_edited_template_is_used_although_compiled_templates_are_kept(
    tmp_path: Path,
) -> None:
    site = SiteCopy.of_root("test-item-templates", tmp_path)
    site.build()
    kept = list((site.out / ".doctrees" / "folio-jinja").rglob("*.cache"))
    assert kept, "no compiled template was kept"
    assert "Status:" in site.page("projects/index").get_text()

    site.edit("_templates/folio/card.html", "Status:", "State of play:")
    site.build()
    text = site.page("projects/index").get_text()
    assert "State of play:" in text and "Status:" not in text


def test_the_cv_check_kept_between_builds_follows_every_edit(tmp_path: Path) -> None:
    site = SiteCopy.of_root("test-cv", tmp_path)
    site.build()
    assert (site.out / ".doctrees" / "folio-cv.pickle").is_file(), "the check was not kept"
    site.build()  # nothing changed: the kept check
    assert "Analytical Engines Ltd" in site.page("cv").get_text()

    site.edit("data/cv.yaml", "Analytical Engines Ltd", "Difference Engines Ltd")
    site.build()
    text = site.page("cv").get_text()
    assert "Difference Engines Ltd" in text and "Analytical Engines Ltd" not in text

    site.edit("data/cv.yaml", "startDate: 2025-05", "startDate: [2025]")
    result = run_sphinx(["-b", "html", "-W", site.src, site.out])
    assert result.returncode != 0 and "cv.yaml" in result.stderr, result.stderr
