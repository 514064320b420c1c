"""What cv.pdf costs a build: this site built with and without it, side by side in one run.

Each build is a fresh ``sphinx-build`` process into its own folder under
``benchmarks/_work/cv_pdf/``: a full build (``-E``), then a no-change rebuild (which must
not typeset). Both sides set ``folio_cv_pdf`` with ``-D`` (1 and 0), so they differ in it alone. Prints a markdown table: best of
``--repeat`` runs, wall-clock seconds, and the ratio with/without.

    .venv/bin/python benchmarks/bench_cv_pdf.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work" / "cv_pdf"
SPHINX = Path(sys.executable).parent / "sphinx-build"


def build(out: Path, *options: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(SPHINX), "-b", "html", "-q", *options, str(ROOT), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    best: dict[tuple[str, str], float] = {}
    for _ in range(repeat):
        for side, options in (
            ("with", ("-D", "folio_cv_pdf=1")),
            ("without", ("-D", "folio_cv_pdf=0")),
        ):
            out = WORK / side
            full, _ = build(out, "-E", *options)
            again, _ = build(out, *options)
            for kind, seconds in (("full build", full), ("no-change rebuild", again)):
                best[kind, side] = min(best.get((kind, side), seconds), seconds)
    assert (WORK / "with" / "cv.pdf").is_file() and not (WORK / "without" / "cv.pdf").exists()
    print("| build | without cv.pdf (s) | with cv.pdf (s) | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for kind in ("full build", "no-change rebuild"):
        without, with_ = best[kind, "without"], best[kind, "with"]
        print(f"| {kind} | {without:.2f} | {with_:.2f} | **{with_ / without:.2f}x** |")


if __name__ == "__main__":
    main()
