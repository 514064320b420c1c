"""The real site, built with the command Read the Docs runs, into a temporary folder.

Read the Docs (``.readthedocs.yaml``: ``sphinx.configuration: conf.py``, ``builder: html``,
``fail_on_warning: true``) runs, from the repository root::

    python -m sphinx -T -W --keep-going -b html -d _build/doctrees -D language=en . $READTHEDOCS_OUTPUT/html

with ``READTHEDOCS=True`` and ``READTHEDOCS_CANONICAL_URL`` set. This test runs the same
command, with the doctrees and output in a temporary folder so the checkout stays clean,
and checks the folder Read the Docs would publish.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sphinx_process import run_sphinx

from conftest import REPO

CANONICAL = "https://anurag-mishra.readthedocs.io/en/latest/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("readthedocs")
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
        "READTHEDOCS_OUTPUT": str(tmp),
    }
    command: list[str | Path] = ["-T", "-W", "--keep-going", "-b", "html"]
    command += ["-d", tmp / "_build" / "doctrees", "-D", "language=en", ".", tmp / "html"]
    result = run_sphinx(command, cwd=REPO, env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert result.stderr == ""
    return tmp / "html"


def test_the_output_folder_has_the_site_and_its_metadata(published: Path):
    for name in (
        "index.html",
        "cv.html",
        "publications/index.html",
        "404.html",
        "search.html",
        "objects.inv",
        "sitemap.xml",
        "robots.txt",
        "favicon.ico",
        "resume.json",
    ):
        assert (published / name).is_file(), name


def test_sitemap_lists_every_page_under_the_canonical_url(published: Path):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(published / "sitemap.xml").getroot()
    urls = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    assert CANONICAL + "index.html" in urls
    assert CANONICAL + "cv.html" in urls
    assert all(url.startswith(CANONICAL) for url in urls)
    assert not any(url.endswith(("404.html", "search.html", "genindex.html")) for url in urls)
    robots = (published / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {CANONICAL}sitemap.xml" in robots


def test_home_page_has_canonical_url_opengraph_and_person(published: Path):
    soup = BeautifulSoup((published / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("link", rel="canonical")["href"] == CANONICAL + "index.html"
    assert soup.find("meta", property="og:url")["content"] == CANONICAL + "index.html"
    assert soup.find("script", type="application/ld+json") is not None
    assert soup.find(class_="folio-profile") is not None


def test_404_assets_resolve_under_the_version_path(published: Path):
    soup = BeautifulSoup((published / "404.html").read_text(encoding="utf-8"), "html.parser")
    prefix = urlsplit(CANONICAL).path
    for link in soup.select('link[rel="stylesheet"], script[src]'):
        path = urlsplit(link.get("href") or link.get("src")).path
        assert path.startswith(prefix), path
        assert (published / path.removeprefix(prefix)).is_file(), path
