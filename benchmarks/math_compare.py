"""50 real formulas drawn by the new path (MathML, the browser draws it) beside MathJax's
SVG, in light and dark mode: screenshots to look at, in git-ignored ``benchmarks/results/``.

MathJax is only the reference here (pinned in ``benchmarks/package.json``; ``npm ci`` there);
it is never part of a site. The formulas are drawn from the tuning part of
the corpus (``benchmarks/math_corpus.py``), chosen by a hash of their text, so the sample is
the same on every run.

    .venv/bin/python benchmarks/math_compare.py
"""

from __future__ import annotations

import hashlib
import html
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from math_converters import mathjax
from math_corpus import load, load_macros

from sphinx_folio.tex import Converter, TexError

OUT = HERE / "results" / "math-compare"
STATIC = HERE.parent / "src" / "sphinx_folio" / "static"


def sample(count: int = 50) -> list[dict]:
    rows = [r for r in load() if not r["held_out"] and len(r["tex"]) < 300]
    # Several sources, not only the largest: the first by hash from each, then the rest.
    rows.sort(key=lambda r: hashlib.sha256(r["tex"].encode()).hexdigest())
    chosen: list[dict] = []
    for repo in sorted({r["repo"] for r in rows}):
        chosen += [r for r in rows if r["repo"] == repo][:5]
    chosen += [r for r in rows if r not in chosen]
    return chosen[:count]


def mathjax_svgs(rows: list[dict], macros: dict[str, list[str]]) -> list[str]:
    return [r.get("svg", "(error)") for r in mathjax(rows, macros, svg=True)]


def page(rows: list[dict], macros: dict[str, list[str]], svgs: list[str]) -> str:
    converters: dict[str, Converter] = {}
    cells = []
    for number, (row, svg) in enumerate(zip(rows, svgs, strict=True), start=1):
        converter = converters.setdefault(
            row["repo"], Converter(preamble=macros.get(row["repo"], []))
        )
        try:
            mathml = converter.convert(row["tex"], row["display"])
        except TexError as error:
            mathml = f"<code>not drawn: {html.escape(str(error))}</code>"
        cells.append(f"<tr><th>{number}</th><td>{mathml}</td><td>{svg}</td></tr>")
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<link rel='stylesheet' href='folio_math.css'><style>"
        "body{font:16px system-ui;margin:1rem}"
        "body.dark{background:#121212;color:#ced6dd}"
        "table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #8888;padding:.4rem;vertical-align:middle}"
        "td{width:48%;overflow-x:auto;max-width:0}"
        "</style></head><body><table><tr><th>#</th><th>new path (MathML)</th>"
        "<th>MathJax 3 (SVG)</th></tr>" + "".join(cells) + "</table></body></html>"
    )


def main() -> None:
    rows = sample()
    macros = load_macros()
    svgs = mathjax_svgs(rows, macros)
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copy(STATIC / "folio_math.css", OUT / "folio_math.css")
    shutil.copytree(STATIC / "fonts", OUT / "fonts", dirs_exist_ok=True)
    (OUT / "index.html").write_text(page(rows, macros, svgs))
    (OUT / "sources.txt").write_text(
        "".join(
            f"{n}. {r['repo']}:{r['path']}:{r['line']}: {r['tex']}\n" for n, r in enumerate(rows, 1)
        )
    )
    from browser.harness import chromium

    with chromium() as browser:
        for mode in ("light", "dark"):
            tab = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=mode)
            tab.goto((OUT / "index.html").as_uri())
            if mode == "dark":
                tab.evaluate("document.body.classList.add('dark')")
            tab.wait_for_timeout(300)
            tab.screenshot(path=str(OUT / f"compare-{mode}.png"), full_page=True)
            tab.close()
    print(f"{len(rows)} formulas -> {OUT}/compare-light.png, compare-dark.png")


if __name__ == "__main__":
    main()
