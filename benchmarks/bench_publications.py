"""Publications benchmark: sphinx-folio's list against a plain sphinxcontrib-bibtex page.

For 100, 1,000 and 3,000-entry bibliographies, times three builds of two sites made
from the same refs.bib, side by side in one run:

* full build (empty output and doctree folders),
* no-change rebuild (the same command again),
* one-entry edit (one entry's title changed in refs.bib, then rebuilt).

Site (a) lists the owner's papers with ``{publication-list}`` (and so also writes a page
and a .bib per paper); site (b) is a ``{bibliography}`` with ``:all:`` under
sphinxcontrib-bibtex alone. Both use pydata-sphinx-theme and MyST. Each build is a fresh
``sphinx-build`` process, as ``make html`` would run it. Work folders: benchmarks/_work/.

    python benchmarks/bench_publications.py [--sizes 100 1000 3000] [--repeat 1] [--jobs N]

The last column is sphinx-folio's peak memory (the build process's maximum resident set).
``--jobs N`` passes ``-j N`` to every build of both sites.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bibgen import OWNER, bib

HERE = Path(__file__).parent
WORK = HERE / "_work"

COMMON_CONF = f"""
project = "Benchmark"
author = "{OWNER}"
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
"""

SITES = {
    "folio": (
        'extensions = ["sphinx_folio"]\n' + f'folio_name = "{OWNER}"\n' + COMMON_CONF,
        {
            "index.md": "# Home\n\n```{toctree}\npublications/index\n```\n",
            "publications/index.md": "# Publications\n\n```{publication-list}\n```\n",
        },
    ),
    "plain": (
        'extensions = ["myst_parser", "sphinxcontrib.bibtex"]\n' + COMMON_CONF,
        {
            "index.md": "# Home\n\n```{toctree}\npublications/index\n```\n",
            "publications/index.md": "# Publications\n\n```{bibliography}\n:all:\n```\n",
        },
    ),
}
STEPS = ("full build", "no-change rebuild", "one-entry edit")


def make_site(root: Path, name: str, n: int) -> Path:
    conf, pages = SITES[name]
    src = root / name
    if src.exists():
        shutil.rmtree(src)
    for path, text in pages.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text, encoding="utf-8")
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "refs.bib").write_text(bib(n), encoding="utf-8")
    return src


#: sphinx-build's -j for every build (--jobs).
JOBS: list[str] = []


def build(src: Path) -> tuple[float, float, float]:
    """Wall-clock and CPU seconds (user + system) and peak memory (MB) of one sphinx-build
    process (the peak of the main process: -j's forked workers are not counted)."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        *JOBS,
        "-d",
        str(src / "_build/doctrees"),
        str(src),
        str(src / "_build/html"),
    ]
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        assert process.stderr is not None
        errors = process.stderr.read().decode("utf-8", errors="replace")
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    if process.returncode != 0 or errors.strip():
        raise SystemExit(f"build of {src} failed or warned:\n{errors}")
    return elapsed, cpu, usage.ru_maxrss / 1024


def measure(src: Path, n: int) -> dict[str, tuple[float, float, float]]:
    shutil.rmtree(src / "_build", ignore_errors=True)
    times = {"full build": build(src), "no-change rebuild": build(src)}
    (src / "refs.bib").write_text(bib(n, edited=n // 2), encoding="utf-8")
    times["one-entry edit"] = build(src)
    (src / "refs.bib").write_text(bib(n), encoding="utf-8")  # back, for the next repeat
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    parser.add_argument("--jobs", help="sphinx-build -j for every build (e.g. auto)")
    args = parser.parse_args()
    if args.jobs:
        JOBS.extend(["-j", args.jobs])
    rows = []
    for n in args.sizes:
        root = WORK / str(n)
        best: dict[str, dict[str, tuple[float, float, float]]] = {}
        for name in SITES:
            src = make_site(root, name, n)
            for _ in range(args.repeat):
                times = measure(src, n)
                for step, seconds in times.items():
                    previous = best.setdefault(name, {}).get(step, (float("inf"), 0.0, 0.0))
                    best[name][step] = min(previous, seconds)
            print(
                f"{n} entries, {name}: "
                + ", ".join(f"{step} {best[name][step][0]:.2f} s" for step in STEPS),
                file=sys.stderr,
            )
        for step in STEPS:
            (folio, folio_cpu, peak), (plain, plain_cpu, _) = (
                best["folio"][step],
                best["plain"][step],
            )
            rows.append(
                f"| {n:,} | {step} | {plain:.2f} | {folio:.2f} | **{folio / plain:.2f}x** "
                f"| {plain_cpu:.2f} | {folio_cpu:.2f} | {folio_cpu / plain_cpu:.2f}x | {peak:.0f} |"
            )
    print(
        "| entries | build | plain, wall (s) | sphinx-folio, wall (s) | ratio "
        "| plain, CPU (s) | sphinx-folio, CPU (s) | CPU ratio | sphinx-folio, peak (MB) |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
