"""Import real al-folio sites and build each with ``sphinx-build -W``; print a markdown table.

The sites are other people's work: they are extracted into ``_corpus/sites/`` (git-ignored)
from bare mirrors under ``/work/.mirror`` (the search tool's ``fetch``), never committed.
Each row of :data:`SITES` names the repository, the commit, the era and the kind of site,
so the corpus can be extracted again anywhere the same mirrors exist.

    .venv/bin/python benchmarks/alfolio_corpus.py            # extract, import, build, table
    .venv/bin/python benchmarks/alfolio_corpus.py --only demo-2020 --keep
"""

from __future__ import annotations

import argparse
import dataclasses as dc
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "_corpus"
MIRRORS = Path("/work/.mirror")
BIN = Path(sys.executable).parent


@dc.dataclass(frozen=True)
class Site:
    name: str
    repo: str
    commit: str
    era: str
    kind: str


# al-folio's own demo is read from a fork that carries al-folio's history.
_DEMO = "ashriva16/al-folio"
SITES = [
    Site("demo-2019", _DEMO, "59e4e39a5dffddac05de583084af20d59048d203", "pre-2020", "demo"),
    Site("demo-2020", _DEMO, "452a50e7c67b3fee592f1f0648827f1445fdc724", "2020-2023", "demo"),
    Site("demo-2022", _DEMO, "032f0e62bafa79fe4037adf6a2acfc016dc2db02", "2020-2023", "demo"),
    Site("demo-2024", _DEMO, "f4a6e184a9a23c2a2070b0ea545d390fab1e5c98", "2024-2025", "demo"),
    Site("demo-2025", _DEMO, "2b97d463738ec9ed3d7e0cca4b3b2f2a4691c932", "2024-2025", "demo"),
    Site("lamacraft", "AustenLamacraft/al-folio", "HEAD", "pre-2020", "researcher"),
    Site("galke", "lgalke/al-folio", "HEAD", "2020-2023", "researcher"),
    Site("matthews", "c-matthews/al-folio", "HEAD", "2020-2023", "researcher"),
    Site("chen", "yuguangchen1/al-folio", "HEAD", "2024-2025", "researcher"),
    Site("liu", "Tonny-liu/al-folio", "HEAD", "2024-2025", "researcher"),
    Site("peters", "Sapetor/al-folio", "HEAD", "2024-2025", "researcher"),
    Site("kwak-v1", "0jaehunny0/0jaehunny0.github.io", "HEAD", "v1 (al_folio_core)", "researcher"),
    Site("coral-lab", "CoRAL-OSU/al-folio", "HEAD", "2024-2025", "lab"),
    Site("umass-nlp", "ngram-lab/al-folio", "HEAD", "2024-2025", "lab + courses/seminar"),
    Site("adlab", "2lambda123/PJLab-ADG-pjlab-adg.github.io", "HEAD", "2024-2025", "lab"),
    Site("conference", "dfuchss/al-folio-conf", "HEAD", "2024-2025", "conference/workshop"),
]

#: Folders an import never reads; left out of the extraction to keep it small.
_SKIP = re.compile(
    r"^(assets/(js|css|fonts|webfonts|plotly|audio|video|jupyter|html)|_sass|"
    r"_includes|_layouts|_plugins|node_modules|readme_preview|lighthouse_results)/"
)


def mirror(repo: str) -> Path:
    return MIRRORS / repo.replace("/", "+") / "repo"


def extract(site: Site) -> Path:
    """The site's tree at its commit, under _corpus/sites/<name>/ (extracted anew)."""
    target = CORPUS / "sites" / site.name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    git = mirror(site.repo)
    commit = subprocess.run(
        ["git", "-C", str(git), "rev-parse", site.commit],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    listing = subprocess.run(
        ["git", "-C", str(git), "ls-tree", "-r", "-z", commit], capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")
    blobs: list[tuple[str, str]] = []
    for entry in filter(None, listing.split("\0")):
        info, path = entry.split("\t", 1)
        mode, kind, sha = info.split()
        if kind == "blob" and mode != "120000" and not _SKIP.match(path):
            blobs.append((sha, path))
    # Snapshots lack files of 4 MiB and more: a missing blob is skipped, not fatal.
    batch = subprocess.run(
        ["git", "-C", str(git), "cat-file", "--batch"],
        input="".join(f"{sha}\n" for sha, _ in blobs).encode(),
        capture_output=True,
        check=True,
    ).stdout
    pos = 0
    for _sha, path in blobs:
        end = batch.index(b"\n", pos)
        head = batch[pos:end].split()
        pos = end + 1
        if len(head) < 3 or head[1] != b"blob":
            continue
        size = int(head[2])
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(batch[pos : pos + size])
        pos += size + 1
    (target / ".corpus-source").write_text(f"{site.repo} {commit}\n", encoding="utf-8")
    return target


def _count(folder: Path, pattern: str = "*") -> int:
    if not folder.is_dir():
        return 0
    return sum(
        1
        for p in folder.rglob(pattern)
        if p.is_file() and p.suffix in (".md", ".markdown", ".html")
    )


def _papers_in(src: Path) -> int:
    bib = src / "_bibliography" / "papers.bib"
    if not bib.is_file():
        return 0
    return len(
        re.findall(
            r"^\s*@(?!string|comment|preamble)\w+\s*\{",
            bib.read_text(encoding="utf-8", errors="replace"),
            flags=re.MULTILINE | re.IGNORECASE,
        )
    )


def _papers_out(html: Path) -> int:
    page = html / "publications" / "index.html"
    if not page.is_file():
        return 0
    text = page.read_text(encoding="utf-8")
    return text.count('<li class="folio-pub"') + text.count('<div class="citation"')


def run(site: Site, work: Path) -> dict[str, object]:
    src = extract(site)
    out = work / site.name
    if out.exists():
        shutil.rmtree(out)
    row: dict[str, object] = {"site": site.name, "era": site.era, "kind": site.kind}
    row["in"] = "/".join(
        str(n)
        for n in (
            _count(src / "_pages"),
            _count(src / "_news"),
            _count(src / "_posts"),
            _count(src / "_projects"),
            _papers_in(src),
        )
    )
    start = time.perf_counter()
    imp = subprocess.run(
        [str(BIN / "sphinx-folio"), "import-alfolio", str(src), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    row["import_s"] = time.perf_counter() - start
    (work / f"{site.name}.import.txt").write_text(imp.stdout + imp.stderr, encoding="utf-8")
    if imp.returncode != 0:
        row.update(out="-", built="no (import failed)", build_s=0.0)
        row["why"] = (imp.stderr.strip().splitlines() or ["?"])[-1][:160]
        return row
    html = out / "_build" / "html"
    start = time.perf_counter()
    build = subprocess.run(
        [str(BIN / "sphinx-build"), "-b", "html", "-W", "--keep-going", "-q", str(out), str(html)],
        capture_output=True,
        text=True,
        check=False,
    )
    row["build_s"] = time.perf_counter() - start
    (work / f"{site.name}.build.txt").write_text(build.stdout + build.stderr, encoding="utf-8")
    row["out"] = "/".join(
        str(n)
        for n in (
            sum(1 for p in out.glob("*.md") if p.name not in ("index.md", "IMPORT-REPORT.md"))
            + sum(1 for p in out.glob("pages/*.md")),
            _count(out / "news") - (1 if (out / "news/index.md").exists() else 0),
            _count(out / "posts") - (1 if (out / "posts/index.md").exists() else 0),
            _count(out / "projects") - (1 if (out / "projects/index.md").exists() else 0),
            _papers_out(html),
        )
    )
    row["built"] = "yes" if build.returncode == 0 else "no"
    if build.returncode != 0:
        lines = [line for line in build.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
        row["why"] = f"{len(lines)} warnings; first: " + (lines[0][-140:] if lines else "?")
    return row


def table(rows: list[dict[str, object]]) -> str:
    head = (
        "| site | era | kind | pages/news/posts/projects/papers in | out | built with -W "
        "| import + build (s) |\n|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['site']} | {r['era']} | {r['kind']} | {r['in']} | {r['out']} | {r['built']} "
            f"| {r['import_s']:.1f} + {r['build_s']:.1f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="site names (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the imported sites")
    args = parser.parse_args()
    work = CORPUS / "out"
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for site in SITES:
        if args.only and site.name not in args.only:
            continue
        if not mirror(site.repo).is_dir():
            print(f"{site.name}: no mirror of {site.repo}; fetch it first", file=sys.stderr)
            continue
        row = run(site, work)
        print(f"{site.name}: {row['built']} {row.get('why', '')}", file=sys.stderr, flush=True)
        rows.append(row)
        if not args.keep:
            shutil.rmtree(work / site.name / "_build", ignore_errors=True)
    print(table(rows))
    failing = [r for r in rows if r["built"] != "yes"]
    if failing:
        print("\nNot built with -W:")
        for r in failing:
            print(f"- {r['site']}: {r.get('why', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
