"""A page of 1,000 formulas, built with the new path and with the old one, in the same run.

The old path is docutils' LaTeX-to-MathML converter, which the package used before Temml;
it is registered here as a renderer of its own (``docutils_mathml``), for this comparison
only. Each build is a fresh ``sphinx-build`` (new process, empty output and cache), repeated,
and the best of 5 is taken (the machine is shared: the best is the least disturbed); a second build of the new path after one changed formula shows
what the cache across builds saves. The formulas are real ones from the corpus
(``benchmarks/math_corpus.py``) that both paths draw, or a fixed set if it is absent.

    .venv/bin/python benchmarks/bench_math.py            # markdown table
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "_corpus" / "math" / "formulas.jsonl"
N = 1000

OLD_RENDERER = """
from docutils import nodes
from docutils.utils.math.latex2mathml import tex2mathml


def _mathml(tex, block):
    try:
        return tex2mathml(tex, as_block=block)
    except Exception:
        return "<code>" + tex + "</code>"


def visit_math(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(_mathml(node.astext(), False))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node):
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    self.body.append(_mathml(node.astext(), True))
    self.body.append("</div>")
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("docutils_mathml", (visit_math, None), (visit_displaymath, None))
"""

FALLBACK = [
    r"\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}",
    r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
    r"\mathbf{A}\mathbf{x} = \lambda \mathbf{x}",
    r"p(\theta \mid x) \propto p(x \mid \theta)\, p(\theta)",
    r"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n = e",
]


def formulas() -> list[tuple[str, bool]]:
    if not CORPUS.is_file():
        return [(f"{FALLBACK[i % len(FALLBACK)]} + {i}", i % 5 == 0) for i in range(N)]
    sys.path.insert(0, str(HERE.parent / "src"))
    from docutils.utils.math.latex2mathml import tex2mathml

    from sphinx_folio.tex import Converter, TexError, drawn

    new = Converter()
    chosen: list[tuple[str, bool]] = []
    for line in CORPUS.read_text().splitlines():
        row = json.loads(line)
        tex, display = row["tex"], row["display"]
        if "$" in tex or "\n\n" in tex or "\\begin" in tex:
            continue  # one formula per delimiter pair, on either path
        if _both_draw(tex, display, tex2mathml, new, drawn, TexError):
            chosen.append((tex, display))
        if len(chosen) == N:
            break
    return chosen


def _both_draw(tex, display, old, new, drawn, error) -> bool:  # type: ignore[no-untyped-def]
    try:
        return drawn(old(tex, as_block=display)) and drawn(new.convert(tex, display))
    except (error, Exception):  # noqa: BLE001 - a formula the old path cannot read
        return False


def write_site(root: Path, items: list[tuple[str, bool]]) -> None:
    (root / "refs.bib").write_text("")
    (root / "old_renderer.py").write_text(OLD_RENDERER)
    (root / "conf.py").write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        'project = "Math benchmark"\n'
        'extensions = ["sphinx_folio", "old_renderer"]\n'
        'html_theme = "pydata_sphinx_theme"\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        'folio_name = "Ada Example"\n'
        'myst_enable_extensions = ["dollarmath", "amsmath"]\n'
        'html_math_renderer = os.environ.get("BENCH_RENDERER", "folio_mathml")\n'
        "if os.environ.get('BENCH_ONE_THREAD'):  # the new path without its second thread\n"
        "    import sphinx_folio.tex\n"
        "    sphinx_folio.tex.Converter.prefetch = lambda self, formulas: None\n"
    )
    lines = ["# A thousand formulas", ""]
    for tex, display in items:
        lines += (["$$", tex, "$$", ""]) if display else [f"Inline ${tex}$ in a sentence.", ""]
    (root / "index.md").write_text("\n".join(lines))


def build(
    root: Path, renderer: str, fresh: bool = True, one_thread: bool = False
) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system of the build process)."""
    out = root / "_build"
    if fresh and out.exists():
        shutil.rmtree(out)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            str(root),
            str(out / "html"),
            "-d",
            str(out / "doctrees"),
        ],
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "BENCH_RENDERER": renderer,
            **({"BENCH_ONE_THREAD": "1"} if one_thread else {}),
        },
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    items = formulas()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_site(root, items)
        build(root, "folio_mathml")  # warm the file system and the bytecode caches
        old, new, single, cached = [], [], [], []
        for _ in range(5):
            old.append(build(root, "docutils_mathml"))
            new.append(build(root, "folio_mathml"))
            single.append(build(root, "folio_mathml", one_thread=True))
            # One formula changed: the page is written again, the rest come from the cache.
            page = root / "index.md"
            page.write_text(page.read_text().replace("A thousand", "One thousand", 1))
            cached.append(build(root, "folio_mathml", fresh=False))
            page.write_text(page.read_text().replace("One thousand", "A thousand", 1))
    rows = [
        ("old path (docutils latex2mathml)", old),
        ("new path (Temml in QuickJS), empty cache", new),
        ("new path without its second thread", single),
        ("new path, page changed, formulas cached", cached),
    ]
    best = {name: (min(w for w, _ in runs), min(c for _, c in runs)) for name, runs in rows}
    wall0, cpu0 = best[rows[0][0]]
    print(f"{len(items)} formulas on one page; best of 5 fresh builds each\n")
    print("| build | wall | ratio | CPU | CPU ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, _ in rows:
        wall, cpu = best[name]
        print(f"| {name} | {wall:.2f} s | {wall / wall0:.2f} | {cpu:.2f} s | {cpu / cpu0:.2f} |")


if __name__ == "__main__":
    main()
