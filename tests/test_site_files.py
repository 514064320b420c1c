"""Nothing from outside the site is published, and every link follows one URL rule.

Local files named by input (bib link fields, front matter ``image``, ``folio_photo``,
``folio_cv``) must resolve, symlinks included, inside the folder of conf.py; path
options must stay inside the site; two files with one name get distinct published names.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_folio.errors import InputError
from sphinx_folio.paths import lexical_problem, resolve_inside, site_file
from sphinx_folio.urls import safe_url

from conftest import ROOTS, warnings_of


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\x00script:alert(1)",
        "jav\u200bascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "//evil.example.org/x",
        "/\\evil.example.org",
        "https:/\\evil.example.org",
        "https://",
        "http:example.org",
        'https://example.org/"onmouseover=alert(1)',
        "https://example.org/<script>",
        "mailto:ada@example.org",  # only where an address belongs
        "",
    ],
)
def test_refused_urls(url):
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("url", "options", "expected"),
    [
        ("https://example.org/a?b=c#d", {}, "https://example.org/a?b=c#d"),
        ("  http://example.org  ", {}, "http://example.org"),
        ("HTTPS://EXAMPLE.ORG", {}, "HTTPS://EXAMPLE.ORG"),
        ("mailto:ada@example.org", {"mailto": True}, "mailto:ada@example.org"),
        ("papers/x.pdf", {}, "papers/x.pdf"),
        ("../notes.html#x", {}, "../notes.html#x"),
        ("papers/x.pdf", {"relative": False}, None),
    ],
)
def test_allowed_urls(url, options, expected):
    assert safe_url(url, **options) == expected


def test_paths_stay_inside_the_site(tmp_path):
    site = tmp_path / "site"
    (site / "papers").mkdir(parents=True)
    (site / "papers" / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "papers" / "link.pdf").symlink_to(tmp_path / "secret.txt")
    (site / "papers" / "inside.pdf").symlink_to(site / "papers" / "x.pdf")
    assert site_file(site, "papers/x.pdf") == ("papers/x.pdf", "")
    assert site_file(site, "/papers/x.pdf") == ("papers/x.pdf", "")  # "/" is the site root
    assert site_file(site, "papers/inside.pdf") == ("papers/x.pdf", "")
    for outside in ("../secret.txt", "papers/../../secret.txt", "papers/link.pdf"):
        assert resolve_inside(site, outside) is None, outside
        assert site_file(site, outside)[0] is None
    assert site_file(site, "papers\\x.pdf")[0] is None
    assert lexical_problem("a/../../x") == "leads outside the site with '..'"
    assert lexical_problem("a/../x") == ""
    assert lexical_problem("/etc/passwd").startswith("is an absolute path")


def _pub_site(tmp_path: Path) -> Path:
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-pub", src)
    for folder in ("a", "b"):
        (src / "papers" / folder).mkdir(parents=True)
        (src / "papers" / folder / "paper.pdf").write_text(f"%PDF {folder}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("CI_TOKEN=secret", encoding="utf-8")
    (src / "papers" / "link-out.pdf").symlink_to(tmp_path / "secret.txt")
    with (src / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(
            "\n@article{lovelace2030a,\n  author = {Lovelace, Ada},\n  title = {A},\n"
            "  journal = {J},\n  year = {2030},\n  pdf = {papers/a/paper.pdf},\n"
            "  code = {../../../../etc/passwd},\n}\n"
            "\n@article{lovelace2030b,\n  author = {Lovelace, Ada},\n  title = {B},\n"
            "  journal = {J},\n  year = {2030},\n  pdf = {papers/b/paper.pdf},\n"
            "  slides = {papers/link-out.pdf},\n  poster = {/proc/self/environ},\n}\n"
        )
    return src


def _buttons(out: Path, key: str) -> dict[str, str]:
    soup = BeautifulSoup((out / f"publications/{key}.html").read_text("utf-8"), "html.parser")
    return {a.get_text(): a["href"] for a in soup.select(".folio-pub-links a.folio-btn")}


def test_bib_files_outside_the_site_are_warned_about_and_never_published(make_app, tmp_path):
    src = _pub_site(tmp_path)
    app = make_app("html", srcdir=src)
    app.build()
    out = Path(app.outdir)
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app))
    bib = src / "refs.bib"
    outside = "points outside the folder of conf.py (files outside the site are never published)"
    assert [line for line in text.splitlines() if "lovelace2030" in line] == [
        (
            f"{bib}:72: WARNING: entry 'lovelace2030a': field 'code': file "
            f"'../../../../etc/passwd' {outside}; no button [folio.bibtex]"
        ),
        (
            f"{bib}:81: WARNING: entry 'lovelace2030b': field 'slides': file "
            f"'papers/link-out.pdf' {outside}; no button [folio.bibtex]"
        ),
        (
            f"{bib}:81: WARNING: entry 'lovelace2030b': field 'poster': file '/proc/self/environ' "
            "does not exist (paths are relative to the folder of conf.py); no button [folio.bibtex]"
        ),
    ]
    # Same file name, distinct published names: the path under the site.
    assert _buttons(out, "lovelace2030a") == {"PDF": "../publications/files/papers/a/paper.pdf"}
    assert _buttons(out, "lovelace2030b") == {"PDF": "../publications/files/papers/b/paper.pdf"}
    files = out / "publications" / "files"
    assert (files / "papers/a/paper.pdf").read_text(encoding="utf-8") == "%PDF a"
    assert (files / "papers/b/paper.pdf").read_text(encoding="utf-8") == "%PDF b"
    published = [p.read_bytes() for p in out.rglob("*") if p.is_file()]
    assert not any(b"CI_TOKEN" in data for data in published)
    assert not any(b"root:x:0:0" in data for data in published)


def test_a_front_matter_image_outside_the_site_is_refused(make_app, tmp_path):
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-collection", src)
    (tmp_path / "secret.png").write_bytes(b"\x89PNG secret")
    (src / "research" / "link.png").symlink_to(tmp_path / "secret.png")
    item = src / "research" / "outside.md"
    item.write_text("---\ntitle: Outside\nimage: link.png\n---\n\nText.\n", encoding="utf-8")
    other = src / "research" / "up.md"
    other.write_text("---\ntitle: Up\nimage: ../../secret.png\n---\n\nText.\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app))
    assert f"{item}:3: WARNING: front matter key 'image' points outside the folder" in text
    assert f"{other}:3: WARNING: front matter key 'image' points outside the folder" in text
    published = [p.read_bytes() for p in Path(app.outdir).rglob("*") if p.is_file()]
    assert not any(b"PNG secret" in data for data in published)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"folio_publications_dir": "../x"},
            "folio_publications_dir leads outside the site with '..', got '../x'",
        ),
        (
            {"folio_publications_dir": "/tmp/x"},
            "folio_publications_dir is an absolute path",
        ),
        ({"folio_photo": "../me.png"}, "folio_photo leads outside the site with '..'"),
        ({"folio_cv": "/etc/passwd"}, "folio_cv is an absolute path"),
        ({"folio_cv": "data/../../cv.yaml"}, "folio_cv leads outside the site with '..'"),
        (
            {"folio_collections": {"news": "../news"}},
            "folio_collections['news'] must be a folder such as 'news', got '../news'",
        ),
    ],
)
def test_path_options_stay_inside_the_site(make_app, tmp_path, overrides, message):
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-basic", src)
    with pytest.raises(InputError) as error:
        make_app("html", srcdir=src, confoverrides=overrides)
    assert message in str(error.value)
    assert str(error.value).startswith(str(src / "conf.py"))


def test_a_photo_symlinked_out_of_the_site_is_refused(make_app, tmp_path):
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-basic", src)
    (tmp_path / "me.png").write_bytes(b"\x89PNG")
    (src / "me.png").symlink_to(tmp_path / "me.png")
    with pytest.raises(InputError, match=r"folio_photo points outside the folder of conf\.py"):
        make_app("html", srcdir=src, confoverrides={"folio_photo": "me.png"})
