"""Screenshots of the sites, and the small composed previews the README and the docs show.

For each site (this repository's, imported al-folio sites, a site fresh from
``sphinx-folio new``): home, publications, a research page and the CV, in light and dark
mode, at 1280 and 390 px wide, in Debian's chromium (never ``playwright install``).
Full-size shots go to the git-ignored ``screenshots/preview/<site>/``; one composed JPEG
per site (each page a row: desktop and phone, light then dark) goes to
``docs/gallery/<site>.jpg``. The composition is laid out and encoded by Chromium
itself, so nothing but the browser is needed.

    .venv/bin/python benchmarks/screenshots.py                 # all three sites
    .venv/bin/python benchmarks/screenshots.py --sites repo --html _build/html
"""

from __future__ import annotations

import argparse
import html as html_escape
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser.harness import (
    REPO,
    build_site,
    chromium,
    import_and_build,
    new_and_build,
    serve,
)

#: This repository's site, a real al-folio site imported (one page: its about page), the
#: importer's full al-folio fixture imported (fictional: Jane Doe), a new site, and the
#: lab test root (a fictional research group: people, talks, teaching).
SITES = ("repo", "alfolio-001", "alfolio-fixture", "new", "test-lab")
ALFOLIO_FIXTURE = REPO / "tests" / "alfolio"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
MODES = ("light", "dark")
GALLERY = REPO / "docs" / "gallery"
FULL = REPO / "screenshots" / "preview"
#: Width of a desktop shot in the composition; a phone shot is as tall.
THUMB = 300
QUALITY = 62


def pages_of(html: Path) -> dict[str, str]:
    """Home, publications, a research page (else a project) and the CV of a built site; a
    group's site adds its people, talks and teaching."""
    chosen = {"home": "index.html"}
    if (html / "publications" / "index.html").exists():
        chosen["publications"] = "publications/index.html"
    for folder in ("research", "projects"):
        items = sorted(p for p in (html / folder).glob("*.html") if p.name != "index.html")
        if items:
            chosen[folder.rstrip("s") if folder == "projects" else folder] = (
                items[0].relative_to(html).as_posix()
            )
            break
    if (html / "cv.html").exists():
        chosen["cv"] = "cv.html"
    for folder in ("people", "talks", "teaching"):  # a group's site
        if (html / folder / "index.html").exists():
            chosen[folder] = f"{folder}/index.html"
    return chosen


def build(which: str, workdir: Path, html: Path | None) -> Path:
    if html is not None:
        return html
    if which == "repo":
        out = workdir / "html"
        result = build_site(REPO, out)
    elif which == "new":
        out, result = new_and_build(workdir)
    elif which.startswith("test-"):
        out = workdir / "html"
        result = build_site(REPO / "tests" / "roots" / which, out)
    elif which == "alfolio-fixture":
        from sphinx_folio.alfolio import import_alfolio

        import_alfolio(ALFOLIO_FIXTURE, workdir / "site")
        out = workdir / "html"
        result = build_site(workdir / "site", out)
    else:
        out, result = import_and_build(which, workdir)
    if result.returncode:
        sys.exit(f"{which} did not build:\n{result.stdout}{result.stderr}")
    return out


def shoot(browser: Any, base: str, pages: dict[str, str], out: Path) -> list[Path]:
    """Every page, mode and width, top of the page as a visitor first sees it."""
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    for mode in MODES:
        for device, (width, height) in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height},
                color_scheme=mode,
                device_scale_factor=1,
            )
            page = context.new_page()
            for name, path in pages.items():
                # "load" and the fonts: the site makes no request after load, so waiting for
                # the network to idle (half a second a page) would add nothing.
                page.goto(base + path, wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                shot = out / f"{name}-{mode}-{device}.png"
                page.screenshot(path=shot)
                shots.append(shot)
            context.close()
    return shots


def compose(browser: Any, folder: Path, pages: dict[str, str], target: Path) -> int:
    """One JPEG: a row per page, desktop and phone shots in light then dark mode."""
    phone_width = round(THUMB * WIDTHS["desktop"][1] / WIDTHS["desktop"][0] * 390 / 844)
    rows = []
    for name in pages:
        cells = []
        for mode in MODES:
            for device in WIDTHS:
                src = (folder / f"{name}-{mode}-{device}.png").as_uri()
                width = THUMB if device == "desktop" else phone_width
                cells.append(f'<img src="{html_escape.escape(src)}" width="{width}" alt="">')
        rows.append(f'<div class="row">{"".join(cells)}</div>')
    page_html = (
        "<!doctype html><meta charset=utf-8><style>"
        "body{margin:0;background:#d9dde3;display:inline-block;padding:8px}"
        ".row{display:flex;gap:6px;margin-bottom:6px}.row:last-child{margin-bottom:0}"
        "img{display:block;box-shadow:0 1px 3px #0004}"
        "</style>" + "".join(rows)
    )
    sheet = folder / "compose.html"
    sheet.write_text(page_html, encoding="utf-8")
    context = browser.new_context(device_scale_factor=1, viewport={"width": 1600, "height": 400})
    page = context.new_page()
    page.goto(sheet.as_uri(), wait_until="load")
    target.parent.mkdir(parents=True, exist_ok=True)
    page.locator("body").screenshot(path=target, type="jpeg", quality=QUALITY)
    context.close()
    return target.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sites", nargs="+", choices=SITES, default=list(SITES))
    parser.add_argument("--html", type=Path, help="an already built site (with one --sites)")
    args = parser.parse_args()
    if args.html and len(args.sites) != 1:
        parser.error("--html goes with exactly one of --sites")
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for which in args.sites:
            html = build(which, Path(tmp) / which, args.html)
            pages = pages_of(html)
            with serve(html) as base:
                shoot(browser, base, pages, FULL / which)
            size = compose(browser, FULL / which, pages, GALLERY / f"{which}.jpg")
            print(
                f"{which}: {', '.join(pages.values())} -> {GALLERY / which}.jpg, {size / 1000:.0f} kB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
