"""The README's comparison: the same 1,000 paper pages from sphinx-folio, a bare Sphinx
project and Hugo, in one run.

* sphinx-folio: a ``{publication-list}`` of a 1,000-entry refs.bib (benchmarks/bibgen.py),
  which writes a page per paper (pydata-sphinx-theme, as a site gets it);
* bare Sphinx: ``sphinx-quickstart``'s defaults (alabaster), one reStructuredText page per
  paper with its title, authors, venue, year and abstract, and an index page linking
  them (``:doc:``; the paper pages are orphans, as sphinx-folio's are outside the
  toctree: in a toctree, the theme's sidebar would put every page on every page);
* Hugo (Debian's ``hugo`` package): the same pages as Markdown content with bare
  templates (a single and a list layout of a few lines).

Each is built three ways, each a fresh process and the median of ``--repeat``: a full
build (empty output), a rebuild with nothing changed, and a rebuild after one paper's
title changed. Hugo has no incremental build on the command line: it builds everything
each time. Work folders: benchmarks/_work/compare/.

    python benchmarks/bench_compare.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pybtex.database import parse_string

sys.path.insert(0, str(Path(__file__).parent))

from bench_publications import SITES
from bibgen import bib

HERE = Path(__file__).parent
WORK = HERE / "_work" / "compare"
N = 1000
EDITED = N // 2


def _papers(text: str) -> list[dict[str, str]]:
    data = parse_string(text, "bibtex")
    papers = []
    for key, entry in data.entries.items():
        fields = entry.fields
        authors = ", ".join(str(person) for person in entry.persons.get("author", []))
        venue = fields.get("journal") or fields.get("booktitle") or ""
        papers.append(
            {
                "key": key,
                "title": fields.get("title", "").replace("{", "").replace("}", ""),
                "authors": authors.replace("{", "").replace("}", ""),
                "venue": venue.replace("{", "").replace("}", ""),
                "year": fields.get("year", ""),
                "abstract": fields.get("abstract", "").replace("{", "").replace("}", ""),
            }
        )
    return papers


def _write(root: Path, files: dict[str, str]) -> None:
    """Write the files whose text changed (the others keep their time: one edit, one file)."""
    for name, text in files.items():
        path = root / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _folio(root: Path, edited: bool) -> None:
    conf, pages = SITES["folio"]
    _write(root, {"conf.py": conf, **pages})
    (root / "refs.bib").write_text(bib(N, edited=EDITED if edited else None), encoding="utf-8")


def _bare(root: Path, edited: bool) -> None:
    papers = _papers(bib(N, edited=EDITED if edited else None))
    links = "".join(f"* :doc:`papers/{paper['key']}`\n" for paper in papers)
    files = {
        "conf.py": 'project = "Bare"\nexclude_patterns = ["_build"]\n',
        "index.rst": f"Papers\n======\n\n{links}",
    }
    for paper in papers:
        title = paper["title"].replace("*", r"\*").replace("`", r"\`") or paper["key"]
        files[f"papers/{paper['key']}.rst"] = (
            f":orphan:\n\n{title}\n{'=' * len(title)}\n\n{paper['authors']}. "
            f"*{paper['venue']}*, {paper['year']}.\n\n{paper['abstract']}\n"
        )
    _write(root, files)


_HUGO_LAYOUTS = {
    "hugo.toml": 'baseURL = "http://127.0.0.1/"\ntitle = "Papers"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
    "layouts/_default/baseof.html": (
        "<!doctype html><html><head><title>{{ .Title }}</title></head>"
        '<body>{{ block "main" . }}{{ end }}</body></html>\n'
    ),
    "layouts/_default/single.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n'
    ),
    "layouts/_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
    ),
    "layouts/index.html": (
        '{{ define "main" }}<h1>Papers</h1><ul>{{ range .Site.RegularPages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
    ),
}


def _hugo(root: Path, edited: bool) -> None:
    papers = _papers(bib(N, edited=EDITED if edited else None))
    files = dict(_HUGO_LAYOUTS)
    for paper in papers:
        title = paper["title"].replace("'", "''")  # YAML's single quotes: no escapes
        files[f"content/papers/{paper['key']}.md"] = (
            f"---\ntitle: '{title}'\n---\n\n"
            f"{paper['authors']}. *{paper['venue']}*, "
            f"{paper['year']}.\n\n{paper['abstract']}\n"
        )
    _write(root, files)


def _sphinx(root: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        str(root),
        str(root / "_build/html"),
    ]


def _hugo_command(root: Path) -> list[str]:
    return ["hugo", "--quiet", "-s", str(root), "-d", str(root / "public")]


Make = Callable[[Path, bool], None]
#: row name -> (work folder, write the site, the build command, output folder)
TOOLS: dict[str, tuple[str, Make, Callable[[Path], list[str]], str]] = {
    "sphinx-folio (publication list, a page per paper)": ("folio", _folio, _sphinx, "_build"),
    "bare Sphinx (a page per paper)": ("bare", _bare, _sphinx, "_build"),
    "Hugo, bare templates (a page per paper)": ("hugo", _hugo, _hugo_command, "public"),
}


def _run(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return took


def measure(name: str, repeat: int) -> tuple[float, float, float]:
    folder, make, command, out = TOOLS[name]
    root = WORK / folder
    full, nothing, edit = [], [], []
    for _ in range(repeat):
        shutil.rmtree(root, ignore_errors=True)
        make(root, False)
        full.append(_run(command(root)))
        nothing.append(_run(command(root)))
        make(root, True)
        edit.append(_run(command(root)))
    assert (root / out).is_dir()
    return statistics.median(full), statistics.median(nothing), statistics.median(edit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("hugo") is None:
        raise SystemExit("hugo is not installed (Debian: apt-get install hugo)")
    version = subprocess.run(["hugo", "version"], check=True, capture_output=True, text=True)
    version = version.stdout.strip()
    print(f"{version}; {N:,} pages, median of {args.repeat}", file=sys.stderr)
    print("| 1,000 paper pages | full build (s) | no-change rebuild (s) | one-page edit (s) |")
    print("| --- | ---: | ---: | ---: |")
    for name in TOOLS:
        full, nothing, edit = measure(name, args.repeat)
        print(f"| {name} | {full:.2f} | {nothing:.2f} | {edit:.2f} |", flush=True)


if __name__ == "__main__":
    main()
