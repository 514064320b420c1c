"""Page weight of every built page: requests and bytes transferred with gzip.

Each page is loaded once in Chromium (no cache) from a local server that gzips text, as
Read the Docs does; every request and its bytes on the wire (headers + encoded body) are
counted from the DevTools protocol. Bytes do not depend on timing, so the same build always
gives the same numbers, and ``tests/browser/test_page_weight.py`` checks the budget.

    .venv/bin/python benchmarks/page_weight.py                 # build the site, then measure
    .venv/bin/python benchmarks/page_weight.py --html _build/html --assets index.html
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser.harness import (
    BUDGET_BYTES,
    BUDGET_REQUESTS,
    REPO,
    PageWeight,
    built_pages,
    chromium,
    measure,
    serve,
    site_to_measure,
)


def measure_site(html_dir: Path, pages: list[str] | None = None) -> list[PageWeight]:
    """Weigh ``pages`` (default: every page) of the site built in ``html_dir``."""
    pages = pages or built_pages(html_dir)
    weights = []
    with serve(html_dir) as base, chromium() as browser:
        for name in pages:
            context = browser.new_context()
            page = context.new_page()
            weights.append(measure(page, base + name, name))
            context.close()
    return weights


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--html", type=Path, help="a built site (default: build the repo)")
    parser.add_argument("--source", type=Path, default=REPO, help="site to build")
    parser.add_argument("--assets", metavar="PAGE", help="also list every request of PAGE")
    args = parser.parse_args()

    with site_to_measure(args.html, args.source) as html:
        weights = measure_site(html)

    print("| page | requests | kB transferred (gzip) | kB decoded |")
    print("| --- | ---: | ---: | ---: |")
    for w in weights:
        print(f"| {w.page} | {w.requests} | {kb(w.transferred)} | {kb(w.decoded)} |")
    home = weights[0]
    ok = home.transferred <= BUDGET_BYTES and home.requests <= BUDGET_REQUESTS
    print(
        f"\nhome: {kb(home.transferred)} kB in {home.requests} requests; budget "
        f"{BUDGET_BYTES / 1000:.0f} kB in {BUDGET_REQUESTS}: {'within' if ok else 'OVER'}"
    )
    if args.assets:
        (chosen,) = [w for w in weights if w.page == args.assets]
        print(f"\n| {chosen.page}: request | kB transferred | kB decoded |")
        print("| --- | ---: | ---: |")
        for url, size in sorted(chosen.transfers.items(), key=lambda kv: -kv[1]):
            path = "/" + url.split("/", 3)[-1]
            print(f"| {path} | {kb(size)} | {kb(chosen.raw.get(url, 0))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
