"""What a rebuild reads again: options that only change how pages are written make Sphinx
write every page without reading any, and paths into the package never reach the values
Sphinx hashes to decide that (a moved virtual environment rewrites nothing). Options that
change entries (``folio_max_authors``, ``folio_author_marks``) are "html" options too:
the pages showing entries are read again through the publications' own tracking."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_folio import inputs

from conftest import SiteCopy


@pytest.fixture
def site(tmp_path: Path) -> SiteCopy:
    return SiteCopy.of_root("test-pub", tmp_path)


def test_an_option_drawn_at_write_time_rewrites_pages_without_reading_them(site):
    site.build()
    conf = site.src / "conf.py"
    conf.write_text(conf.read_text() + 'folio_bio = "Studies engines."\n')
    log = site.build()
    assert "0 added, 0 changed, 0 removed" in log, log
    assert "writing output..." in log


def test_an_option_read_with_the_pages_reads_them_again(site):
    site.build()
    conf = site.src / "conf.py"
    conf.write_text(conf.read_text() + 'folio_role = "Analyst"\n')
    log = site.build()
    assert "0 added, 0 changed, 0 removed" not in log


def _build_info(src: Path, package_parent: Path) -> str:
    """``.buildinfo`` of a build with the package imported from ``package_parent``."""
    out = src / "_build" / package_parent.name
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return (out / ".buildinfo").read_text()


def test_the_site_and_package_moved_elsewhere_change_nothing_sphinx_hashes(site, tmp_path):
    """A site with the package beside it, as with a virtual environment inside the
    checkout, built in one place and then moved (a CI cache restored under another
    path): Sphinx's hash of the "html" options is the same, so no page is rewritten."""
    package = Path(inputs.__file__).parent
    first = tmp_path / "checkout"
    shutil.copytree(site.src, first / "site")
    shutil.copytree(package, first / "lib" / "sphinx_folio")
    moved = tmp_path / "elsewhere" / "deeper" / "checkout"
    shutil.copytree(first, moved)
    before = _build_info(first / "site", first / "lib")
    after = _build_info(moved / "site", moved / "lib")
    assert before == after


@pytest.mark.sphinx("html", testroot="pub")
def test_a_paper_pages_signature_follows_version_theme_templates_and_options(app, monkeypatch):
    from sphinx_folio.publications import pages

    app.build()
    before = pages.site_signature(app)
    assert pages.site_signature(app) == before  # stable: unchanged pages are not written
    changes = [
        ("__version__", "99.0"),
        ("theme_signature", lambda theme: f"{theme} 99.0"),
        ("templates_signature", lambda app: "another template"),
        ("options_signature", lambda config: "another option"),
    ]
    for name, value in changes:
        with monkeypatch.context() as patch:
            patch.setattr(pages, name, value)
            assert pages.site_signature(app) != before, name
