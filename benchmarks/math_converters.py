"""Which LaTeX-to-MathML converter draws the most real formulas, how fast, at what size.

Reads the corpus written by ``benchmarks/math_corpus.py`` and runs every formula through
each candidate, in the same process and run. A formula counts as drawn only if the converter
returned MathML with no error node and no TeX command left as text (a converter that writes
an unknown ``\\foo`` as an identifier has not drawn it): :func:`sphinx_folio.tex.drawn`.

The JavaScript candidates need their npm packages in ``benchmarks/node_modules`` (git-ignored):
``cd benchmarks && npm ci`` (pinned in package.json). mini-racer is installed by hand for the
comparison (``pip install mini-racer latex2mathml``); neither is a dependency of the package.

    .venv/bin/python benchmarks/math_converters.py            # markdown table
    .venv/bin/python benchmarks/math_converters.py --failures new   # what the new path misses
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from math_corpus import load, load_macros

from sphinx_folio import tex

NODE = Path(__file__).resolve().parent / "node_modules"


def _docutils() -> Callable[[str, bool], str]:
    from docutils.utils.math.latex2mathml import tex2mathml

    return lambda source, display: tex2mathml(source, as_block=display)


def _latex2mathml() -> Callable[[str, bool], str]:
    import latex2mathml.converter

    return lambda source, display: latex2mathml.converter.convert(
        source, display="block" if display else "inline"
    )


_CALL = """
function folioConvert(source, display) {
  return %s(source, {displayMode: display, throwOnError: true%s});
}
"""


def _mini_racer(script: Path, call: str, options: str = "") -> Callable[[str, bool], str]:
    from py_mini_racer import MiniRacer

    engine = MiniRacer()
    engine.eval(script.read_text())
    engine.eval(_CALL % (call, options))
    return lambda source, display: engine.call("folioConvert", source, display)


def _new() -> Callable[[str, bool], str]:
    converter = tex.Converter()
    return lambda source, display: converter.convert(source, display)


def _new_with_macros() -> Callable[[str, bool], str]:
    """The new path given each source's own macros, as folio_math_macros gives a site's."""
    macros = load_macros()
    converters: dict[str, tex.Converter] = {}

    def convert(source: str, display: bool, repo: str = "") -> str:
        if repo not in converters:
            converters[repo] = tex.Converter(preamble=macros.get(repo, []))
        return converters[repo].convert(source, display)

    return convert  # type: ignore[return-value]


CANDIDATES: dict[str, tuple[str, Callable[[], Callable[[str, bool], str]]]] = {
    "old": ("docutils latex2mathml (old path)", _docutils),
    "latex2mathml": ("latex2mathml 3.81 (pure Python)", _latex2mathml),
    "katex": (
        "KaTeX 0.19, MathML output, in mini-racer (V8)",
        lambda: _mini_racer(
            NODE / "katex/dist/katex.min.js", "katex.renderToString", ", output: 'mathml'"
        ),
    ),
    "temml-v8": (
        "Temml 0.13 in mini-racer (V8)",
        lambda: _mini_racer(NODE / "temml/dist/temml.min.js", "temml.renderToString"),
    ),
    "new": ("Temml 0.13 in QuickJS-ng (new path)", _new),
    "new+macros": ("new path, with each source's own macros", _new_with_macros),
    "mathjax": ("MathJax 3.2 in Node (reference; never in a site)", lambda: None),  # type: ignore[dict-item]
    "mathjax+macros": ("MathJax 3.2, with each source's own macros", lambda: None),  # type: ignore[dict-item]
}


def mathjax(rows: list[dict], macros: dict[str, list[str]], svg: bool = False) -> list[dict]:
    """MathJax 3 in Node (benchmarks/mathjax_reference.cjs), what al-folio's pages draw:
    per formula ``{"mml": ...}`` (or ``{"svg": ...}``) or ``{"error": ...}``."""
    import json
    import subprocess

    lines = "".join(
        json.dumps(
            {
                "tex": row["tex"],
                "display": row["display"],
                "preamble": json.dumps(macros.get(row["repo"], [])),
            }
        )
        + "\n"
        for row in rows
    )
    out = subprocess.run(
        ["node", str(Path(__file__).parent / "mathjax_reference.cjs"), *(["svg"] if svg else [])],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [json.loads(line) for line in out]


def _mathjax(rows: list[dict], with_macros: bool) -> tuple[list[bool], float]:
    start = time.perf_counter()
    out = mathjax(rows, load_macros() if with_macros else {})
    seconds = time.perf_counter() - start
    return ["mml" in r and tex.drawn(r["mml"]) for r in out], seconds


def run(name: str, rows: list[dict]) -> tuple[list[bool], float]:
    if name.startswith("mathjax"):
        return _mathjax(rows, name.endswith("+macros"))
    convert = CANDIDATES[name][1]()
    results = []
    start = time.perf_counter()
    for row in rows:
        try:
            if name == "new+macros":
                out = convert(row["tex"], row["display"], row["repo"])  # type: ignore[call-arg]
            else:
                out = convert(row["tex"], row["display"])
        except Exception:  # noqa: BLE001 - a candidate's failure is what we count
            results.append(False)
            continue
        results.append(tex.drawn(out))
    return results, time.perf_counter() - start


def _share(results: list[bool], rows: list[dict], held: bool) -> str:
    part = [ok for ok, row in zip(results, rows, strict=True) if row["held_out"] == held]
    return f"{100 * sum(part) / len(part):.2f}% ({sum(part)}/{len(part)})"


_COMMAND = re.compile(r"\\[A-Za-z]+|\\begin\{[^}]*\}")


def failures(name: str, rows: list[dict], held_out: bool = False) -> None:
    """The formulas ``name`` does not draw, of the tuning part (or the held-out part, to
    report what is still not drawn once the work is done), and the commands they hold."""
    results, _ = run(name, rows)
    counts: collections.Counter[str] = collections.Counter()
    for ok, row in zip(results, rows, strict=True):
        if not ok and row["held_out"] == held_out:
            print(f"{row['repo']}:{row['path']}:{row['line']}: {row['tex'][:200]!r}")
            counts.update(set(_COMMAND.findall(row["tex"])))
    print(counts.most_common(40))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", default=list(CANDIDATES))
    parser.add_argument("--failures")
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args()
    rows = load()
    if args.failures:
        failures(args.failures, rows, args.held_out)
        return
    held = sum(row["held_out"] for row in rows)
    print(f"{len(rows)} formulas: {len(rows) - held} tuning, {held} held out\n")
    print("| converter | drawn, tuning part | drawn, held-out part | time per formula |")
    print("|---|---|---|---|")
    results: dict[str, list[bool]] = {}
    for name in args.only:
        results[name], seconds = run(name, rows)
        print(
            f"| {CANDIDATES[name][0]} | {_share(results[name], rows, False)} "
            f"| {_share(results[name], rows, True)} | {1000 * seconds / len(rows):.3f} ms |"
        )
    if "new+macros" in results and "mathjax+macros" in results:
        # The fair bar: what al-folio's own MathJax draws of the same formulas.
        both = [
            (new, row)
            for new, ref, row in zip(
                results["new+macros"], results["mathjax+macros"], rows, strict=True
            )
            if ref
        ]
        kept = [row for _, row in both]
        print(
            f"\nOf the formulas MathJax draws (with macros), the new path draws "
            f"{_share([n for n, _ in both], kept, False)} of the tuning part and "
            f"{_share([n for n, _ in both], kept, True)} of the held-out part."
        )
        missed: collections.Counter[str] = collections.Counter()
        for new, row in both:
            if not new:
                missed.update(set(_COMMAND.findall(row["tex"])))
        print(
            f"Commands in the formulas MathJax draws and the new path does not: {missed.most_common(25)}"
        )


if __name__ == "__main__":
    main()
