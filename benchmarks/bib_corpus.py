"""Real al-folio bibliographies: gather them into _corpus/bib/ and count what each reader keeps.

The files are other people's work: they go only into the git-ignored ``_corpus/bib/``;
this script and its manifest (repository, path, commit) are what is committed.

    .venv/bin/python benchmarks/bib_corpus.py gather --mirror /work/.mirror
    .venv/bin/python benchmarks/bib_corpus.py measure

``gather`` reads each file at its recorded commit from a bare clone
``<mirror>/<owner>+<name>/repo`` (``git clone --mirror https://github.com/<owner>/<name>``).
``measure`` prints, per file: entries written (``@type{`` other than string, comment and
preamble; those inside a braced ``@comment{...}``, which al-folio hides, counted apart),
entries read by plain pybtex as sphinxcontrib-bibtex calls it, entries read by
sphinx-folio's intake, and entries in the refs.bib the importer writes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "_corpus" / "bib"
PATH = "_bibliography/papers.bib"

#: (repository, commit); the path is always _bibliography/papers.bib.
MANIFEST: list[tuple[str, str]] = [
    ("0jaehunny0/0jaehunny0.github.io", "ca0526ae3363c80af56c80cf57b6b17b8056fea6"),
    ("0phoff/portfolio", "e923d1de82a329a7d667c1f7ca3bf4620c539521"),
    ("0xtob/0xtob.github.io", "a8b845540ddea2e78c9fa9e0e39011ed14843ce2"),
    ("12wang3/12wang3.github.io", "96b6f8c28a8193df36d56661ef0fa65b7f4a62b4"),
    ("1587causalai/1587causalai.github.io", "77cc856477ff859068d0f4ede43509d5d4742e4a"),
    ("20001LastOrder/boqi-chen.github.io", "2e628ab185385a0e408f354fe5b75e0a98fc0580"),
    ("201younghanlee/taislab.github.io", "2e3fc93ae58d6b47e1d275c2916c41354e348a9b"),
    ("25sal/25sal", "040253cf2deedb2bc914201b54236a1c45ce026b"),
    ("2lambda123/PJLab-ADG-pjlab-adg.github.io", "1fdb4f2ddce027b8f59249b5353b26c79b22ab59"),
    ("338rajesh/338rajesh.github.io", "a640a7cb7c2a67005e57c55b5abf638c7efac976"),
    ("3c-lab/3c-lab.github.io", "3030179b7b22addd0bd3cfd12a7cde36925a9ac0"),
    ("3diglab/3DiGlab.github.io", "9dc2fce48f4b3e0321452d773e74d19d6b3e39a8"),
    ("42Shawn/42Shawn.github.io", "f7f237a1e8862c4a5f81f361d085f9ebf11daaac"),
    ("444thLiao/mypage", "984109e491afef7a9f572391c711f2673866bf7f"),
    ("4C-multiphysics/website", "7e0bbfd944faa970960f8a04d1f6c242729d0cc5"),
    ("501Good/501Good.github.io", "a404ba119bd5280f2ad701cf5c3b7ce047ac6fab"),
    ("594zyc/594zyc.github.io", "cee1152c056aac453ce9bd00d8ac222c80bfabf2"),
    ("9tarz/9tarz.github.io", "869cd87fffedc0fd6a216603b3e2756257266945"),
    ("CoRAL-OSU/al-folio", "e9a6fb07f89915c366be30f09ff1a1d71b1ea51c"),
    ("Sapetor/al-folio", "7ac891e0a601c4f2e19d2d70831e18192d43d37a"),
    ("Tonny-liu/al-folio", "4eb97aebec2181b5166a40ad9cc0c6717525a34c"),
    ("ashriva16/al-folio", "f42014aad30b45f1a984fad9bdac028a345b15a8"),
    ("c-matthews/al-folio", "7b4e13c16822146f22a144cb4b02b1bf39e057c8"),
    ("lgalke/al-folio", "363f0b4e0ab9f0318d8646fd47c358ae3d42c83b"),
    ("ngram-lab/al-folio", "ecbc6b484a67ae0e42608d2527394761ce380251"),
    ("yuguangchen1/al-folio", "219b1f1b0782b13dd4a157bacec6327451ada101"),
]


def local_name(repo: str) -> Path:
    return CORPUS / (repo.replace("/", "+") + ".bib")


def gather(mirror: Path) -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for repo, commit in MANIFEST:
        git_dir = mirror / repo.replace("/", "+") / "repo"
        result = subprocess.run(
            ["git", "-C", str(git_dir), "show", f"{commit}:{PATH}"],
            capture_output=True,
            check=False,
        )
        if result.returncode:
            print(f"{repo}: not in {git_dir}", file=sys.stderr)
            continue
        local_name(repo).write_bytes(result.stdout)
        print(f"{repo}@{commit[:10]}: {len(result.stdout)} bytes")


_WRITTEN = re.compile(r"@\s*(\w+)\s*[{(]")


def written(text: str) -> int:
    return sum(
        1
        for m in _WRITTEN.finditer(text)
        if m.group(1).lower() not in {"string", "comment", "preamble"}
    )


def read_before(path: Path) -> str:
    """Entries plain pybtex keeps, as sphinxcontrib-bibtex 2.7 calls it, or how it fails."""
    from pybtex.database import BibliographyDataError
    from pybtex.database.input.bibtex import Parser
    from pybtex.exceptions import PybtexError

    parser = Parser("utf-8-sig")
    try:
        parser.parse_file(path)
    except BibliographyDataError:
        pass  # sphinxcontrib-bibtex warns and keeps what was read so far
    except (PybtexError, UnicodeDecodeError) as exc:
        return f"build stops ({type(exc).__name__})"
    return str(len(parser.data.entries))


def read_after(path: Path) -> tuple[int, int, list[str]]:
    """(entries read, entries the intake counts as written, warning subtypes)."""
    from sphinx_folio.publications import intake

    result = intake.read_paths([path])
    kinds = sorted({p.kind.value for p in result.problems})
    return len(result.data.entries), result.counts[str(path)][1], kinds


def read_imported(path: Path) -> int:
    """Entries in the refs.bib that ``sphinx-folio import-alfolio`` writes (keys renamed)."""
    from sphinx_folio.alfolio.bib import _repaired
    from sphinx_folio.alfolio.report import Report
    from sphinx_folio.publications import intake

    text = _repaired(path.read_bytes(), Report(path, path))
    return len(intake.read_files([("refs.bib", text)]).data.entries)


def measure() -> None:
    print(
        "| site | written | in @comment{} | read before | read after | after import | "
        "warnings after |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for repo, _commit in MANIFEST:
        path = local_name(repo)
        if not path.exists():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        after, counted, kinds = read_after(path)
        total = written(text)
        print(
            f"| {repo} | {total} | {total - counted} | {read_before(path)} | {after} | "
            f"{read_imported(path)} | {', '.join('folio.' + k for k in kinds) or '-'} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gather_cmd = sub.add_parser("gather", help="copy the files from bare clones")
    gather_cmd.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    sub.add_parser("measure", help="print the table of entries read")
    args = parser.parse_args()
    if args.command == "gather":
        gather(args.mirror)
    else:
        measure()


if __name__ == "__main__":
    main()
