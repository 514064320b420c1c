"""Lighthouse scores (mobile) of the home, publications and one research page, served with gzip.

Runs npm's ``lighthouse``, pinned in ``benchmarks/package.json`` and installed into the
git-ignored ``benchmarks/node_modules`` (``make lighthouse`` does both), against the built
site served on 127.0.0.1 by the same gzip server as the browser tests, with Debian's
Chromium. Lighthouse's default configuration is the mobile one: a Moto G Power-sized
screen, simulated slow 4G and a 4x slower CPU.

    .venv/bin/python benchmarks/lighthouse.py                  # build the site, then score
    .venv/bin/python benchmarks/lighthouse.py --html _build/html --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser.harness import CHROMIUM_ARGS, REPO, find_chromium, serve, site_to_measure

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def default_pages(html: Path) -> list[str]:
    """Home, publications, and the first research page that is not the research index."""
    research = sorted(p.relative_to(html).as_posix() for p in (html / "research").glob("*.html"))
    research = [p for p in research if not p.endswith("/index.html")] or research
    return ["index.html", "publications/index.html", *research[:1]]


def run(url: str, chrome: str, workdir: Path) -> dict:
    """One Lighthouse run of ``url``; its JSON report."""
    report = workdir / "report.json"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={flags}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": chrome},
        cwd=workdir,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def held_back(report: dict) -> list[str]:
    """The audits that cost points, with what Lighthouse says about them."""
    out = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                out.append(f"{category}: {ref['id']} {audit['score']:.2f} {value}".rstrip())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--html", type=Path, help="a built site (default: build the repo)")
    parser.add_argument("--source", type=Path, default=REPO, help="site to build")
    parser.add_argument("--pages", nargs="*", help="pages to score (default: three)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median counts")
    parser.add_argument("--save", type=Path, help="keep each page's JSON report in this folder")
    args = parser.parse_args()

    chrome = find_chromium()
    if chrome is None:
        print("no Chromium found (Debian's chromium package)", file=sys.stderr)
        return 1
    if not LIGHTHOUSE.exists():
        print("lighthouse is not installed: run `make lighthouse`", file=sys.stderr)
        return 1

    with site_to_measure(args.html, args.source) as html, tempfile.TemporaryDirectory() as tmp:
        pages = args.pages or default_pages(html)
        rows, notes = [], {}
        with serve(html) as base:
            for name in pages:
                reports = [run(base + name, chrome, Path(tmp)) for _ in range(args.runs)]
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    target = args.save / (name.replace("/", "--").removesuffix(".html") + ".json")
                    target.write_text(json.dumps(reports[len(reports) // 2]), encoding="utf-8")
                scores = {
                    c: statistics.median(r["categories"][c]["score"] * 100 for r in reports)
                    for c in CATEGORIES
                }
                rows.append((name, scores))
                notes[name] = held_back(reports[len(reports) // 2])

    version = reports[0]["lighthouseVersion"]
    print(f"Lighthouse {version}, mobile, median of {args.runs} run(s)\n")
    print("| page | performance | accessibility | best practices | SEO |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, scores in rows:
        print(f"| {name} | " + " | ".join(f"{scores[c]:.0f}" for c in CATEGORIES) + " |")
    for name, lines in notes.items():
        if lines:
            print(f"\n{name}, what costs points:")
            print("\n".join(f"- {line}" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
