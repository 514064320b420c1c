"""Collections benchmark: build time against the number of tags and of items.

Two series, each a pair of sites built side by side in one run:

* **tags on one item** (10, 100, 1,000): one news item with that many tags. Site (a)
  uses sphinx-folio, which writes a page per tag plus the tag index; site (b) is plain
  Sphinx + MyST with the same pages written by hand (the item, one page per tag linking
  to it, and an index of the tags).
* **items** (100, 1,000, 5,000): that many news items, three tags each out of fifty.
  Site (a) lists them with ``{listing} news`` and writes the tag pages; site (b) is the
  same item pages and a hand-written list of links to them, without the extension.

Item and tag pages are orphans on both sites (no toctree), so that the theme's sidebar,
which would list every page on every page, does not hide the cost being measured.

Both use pydata-sphinx-theme. Each build is a full build in a fresh ``sphinx-build``
process, as ``make html`` would run it. The ratio column stays flat when the cost of the
extension grows like the cost of the pages themselves (linearly); before tag pages drew
a bounded number of badges per item, it grew with the square of the tags of one item.
Work folders: benchmarks/_work/.

    python benchmarks/bench_tags.py [--tags 10 100 1000] [--items 100 1000 5000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bench_publications import build

HERE = Path(__file__).parent
WORK = HERE / "_work" / "tags"

COMMON_CONF = """
project = "Benchmark"
author = "Ada Example"
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
"""
FOLIO_CONF = (
    'extensions = ["sphinx_folio"]\nfolio_name = "Ada Example"\n'
    'bibtex_bibfiles = ["refs.bib"]\n' + COMMON_CONF
)
PLAIN_CONF = 'extensions = ["myst_parser"]\nmyst_title_to_header = True\n' + COMMON_CONF
REFS = "@misc{example2024,\n  author = {Example, Ada},\n  title = {A},\n  year = {2024},\n}\n"
HOME = "# Home\n\n```{toctree}\nnews/index\n```\n"
#: Tags an item draws from in the items series, three per item.
POOL = 50


def _item(i: int, tags: list[str]) -> str:
    # Orphans on both sites: in a toctree, every page's sidebar would list every item,
    # a cost of the theme's navigation (items x items) that would hide the listing's.
    day = 1 + i % 28
    return (
        f"---\ntitle: Item {i}\ndate: 2025-{1 + i % 12:02d}-{day:02d}\n"
        f"tags: [{', '.join(tags)}]\norphan: true\n---\n\nItem {i} happened; see the others.\n"
    )


def _links(names: list[str]) -> str:
    """A hand-written list of links: what a plain site has instead of a listing."""
    return "".join(f"- [{name}]({name}.md)\n" for name in names)


def _write(src: Path, files: dict[str, str]) -> Path:
    if src.exists():
        shutil.rmtree(src)
    for path, text in files.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text, encoding="utf-8")
    return src


def tags_sites(root: Path, n: int) -> dict[str, Path]:
    tags = [f"tag{t:04d}" for t in range(n)]
    item = _item(0, tags)
    folio = {
        "conf.py": FOLIO_CONF,
        "refs.bib": REFS,
        "index.md": HOME,
        "news/index.md": "# News\n\n```{listing} news\n```\n",
        "news/item.md": item,
    }
    plain = {
        "conf.py": PLAIN_CONF,
        "index.md": HOME,
        "news/index.md": "# News\n\n" + _links(["item"]),
        "news/item.md": item,
        "tags/index.md": "---\norphan: true\n---\n# Tags\n\n" + _links(tags),
    }
    for tag in tags:
        plain[f"tags/{tag}.md"] = (
            f"---\norphan: true\n---\n# Tag: {tag}\n\n- [Item 0](../news/item.md)\n"
        )
    return {"folio": _write(root / "folio", folio), "plain": _write(root / "plain", plain)}


def items_sites(root: Path, n: int) -> dict[str, Path]:
    items = {
        f"news/item{i:05d}.md": _item(i, [f"topic{(i * k) % POOL:02d}" for k in (1, 7, 13)])
        for i in range(n)
    }
    folio = {
        "conf.py": FOLIO_CONF,
        "refs.bib": REFS,
        "index.md": HOME,
        "news/index.md": "# News\n\n```{listing} news\n```\n",
        **items,
    }
    plain = {
        "conf.py": PLAIN_CONF,
        "index.md": HOME,
        "news/index.md": "# News\n\n" + _links([f"item{i:05d}" for i in range(n)]),
        **items,
    }
    return {"folio": _write(root / "folio", folio), "plain": _write(root / "plain", plain)}


def best_of(src: Path, repeat: int) -> tuple[float, float]:
    """Best wall-clock and CPU seconds of ``repeat`` full builds."""
    times = []
    for _ in range(repeat):
        shutil.rmtree(src / "_build", ignore_errors=True)
        times.append(build(src))
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tags", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--items", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    args = parser.parse_args()
    rows = []
    series = [("tags on one item", n, tags_sites) for n in args.tags]
    series += [("items", n, items_sites) for n in args.items]
    for label, n, make in series:
        sites = make(WORK / f"{label.split()[0]}-{n}", n)
        seconds = {name: best_of(src, args.repeat) for name, src in sites.items()}
        print(
            f"{label} {n}: " + ", ".join(f"{k} {v[0]:.2f} s" for k, v in seconds.items()),
            file=sys.stderr,
        )
        (folio, folio_cpu), (plain, plain_cpu) = seconds["folio"], seconds["plain"]
        rows.append(
            f"| {label} | {n:,} | {plain:.2f} | {folio:.2f} | **{folio / plain:.2f}x** "
            f"| {plain_cpu:.2f} | {folio_cpu:.2f} | {folio_cpu / plain_cpu:.2f}x |"
        )
    print(
        "| series | n | plain, wall (s) | sphinx-folio, wall (s) | ratio "
        "| plain, CPU (s) | sphinx-folio, CPU (s) | CPU ratio |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
