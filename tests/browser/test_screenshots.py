"""`make screenshots` (benchmarks/screenshots.py) on a new site: the pages it picks, each
shot in every mode and width, and one small composed JPEG laid out as a row per page. Two
of the four pages are shot: the loops are the same for four, at half the time."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from browser.harness import REPO


def screenshots_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "screenshots", REPO / "benchmarks" / "screenshots.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.browser
@pytest.mark.parametrize("site", ["new"], indirect=True)
def test_shots_and_composed_preview(
    site: Path, base_url: str, browser: Any, tmp_path: Path
) -> None:
    script = screenshots_script()
    pages = script.pages_of(site)
    assert list(pages) == ["home", "publications", "research", "cv"]
    assert pages["research"] == "research/example-thread.html"

    shot = {name: pages[name] for name in ("home", "research")}
    shots = script.shoot(browser, base_url, shot, tmp_path / "shots")
    assert len(shots) == 2 * 2 * 2  # pages x modes x widths
    assert all(path.stat().st_size > 10_000 for path in shots)  # drawn, not blank
    size = script.compose(browser, tmp_path / "shots", shot, tmp_path / "preview.jpg")
    data = (tmp_path / "preview.jpg").read_bytes()
    assert data[:3] == b"\xff\xd8\xff"  # a JPEG
    assert size == len(data) < 150_000

    # Laid out as meant: a row per page, each two desktop and two phone shots wide.
    page = browser.new_page()
    page.goto((tmp_path / "preview.jpg").as_uri())
    width, height = page.evaluate(
        "[document.images[0].naturalWidth, document.images[0].naturalHeight]"
    )
    page.close()
    thumb_height = script.THUMB * 800 / 1280
    assert 2 * thumb_height < height < 2 * thumb_height + 60
    assert 2 * script.THUMB + 2 * 80 < width < 2 * script.THUMB + 2 * 100 + 60
