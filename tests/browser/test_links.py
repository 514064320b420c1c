"""Every internal link, anchor and asset of the built site resolves (no browser needed)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from browser.conftest import SITES

#: Attributes that point somewhere, by tag.
LINKS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _ids(path: Path) -> set[str]:
    soup = _soup(path)
    return {str(el["id"]) for el in soup.find_all(id=True)} | {
        str(el["name"]) for el in soup.find_all("a", attrs={"name": True})
    }


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment an internal ``url`` on ``page`` points to; None if external."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "javascript:")):
        return None
    if not parts.path:
        path = page
    elif parts.path.startswith("/"):  # root-relative, as on the 404 page
        path = (site / unquote(parts.path).lstrip("/")).resolve()
    else:
        path = (page.parent / unquote(parts.path)).resolve()
    if path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


@pytest.mark.parametrize("site", SITES, indirect=True)
def test_every_internal_link_and_anchor_resolves(site: Path, pages: list[str]) -> None:
    broken = []
    for name in pages:
        page = site / name
        soup = _soup(page)
        for tag, attribute in LINKS.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = str(element[attribute])
                target = _target(site, page, url)
                if target is None:
                    continue
                path, fragment = target
                if not path.is_relative_to(site.resolve()):
                    broken.append(f"{name}: {url} leaves the site")
                elif not path.is_file():
                    broken.append(f"{name}: {url} (no such file)")
                elif fragment and path.suffix == ".html" and fragment not in _ids(path):
                    broken.append(f"{name}: {url} (no #{fragment} on that page)")
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(sorted(set(broken)))


@pytest.mark.parametrize("site", SITES, indirect=True)
def test_every_page_names_its_icon(site: Path, pages: list[str]) -> None:
    # Without <link rel="icon">, every browser asks for /favicon.ico, and logs a 404.
    missing = [
        name
        for name in pages
        if not _soup(site / name).find("link", rel=lambda rel: rel and "icon" in rel)
    ]
    assert not missing, "no <link rel='icon'> on: " + ", ".join(missing)
