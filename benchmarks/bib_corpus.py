"""Real al-folio bibliographies: gather them, import each as a site, count what is listed.

The files are other people's work: they go only into the git-ignored ``_corpus/bib/``;
this script and its manifest (repository, commit) are what is committed.

    .venv/bin/python benchmarks/bib_corpus.py discover MIRRORS   # manifest rows to paste
    .venv/bin/python benchmarks/bib_corpus.py gather MIRRORS
    .venv/bin/python benchmarks/bib_corpus.py measure            # the working part, per file
    .venv/bin/python benchmarks/bib_corpus.py measure --held-out # the held-out part, totals only

``MIRRORS`` is a folder of bare clones named ``<owner>+<name>/repo`` (``git clone --mirror
https://github.com/<owner>/<name> <owner>+<name>/repo``). ``gather`` copies, at the recorded
commit, ``_config.yml`` and every ``_bibliography/*.bib`` into ``_corpus/bib/<owner>+<name>/``:
a small al-folio tree that ``sphinx-folio import-alfolio`` reads like the whole site.

``measure`` imports each tree, builds the new site with ``sphinx-build -W --keep-going`` and
counts, per file: entries written (``@type{`` other than string, comment and preamble),
entries the owner listed (al-folio lists every entry of ``papers.bib`` that jekyll-scholar
reads, so: written, less those inside a braced ``@comment{...}``), entries on the new
site's publications page, entries the import report names as left out, and entries lost
with no word said (listed - shown - reported). Also the lists of further bib files
(``talks.bib``...) the new site shows, and the warnings of the build.

Held-out part: a third of the repositories, chosen by :func:`held_out` before any code
was changed for them. Its files are gathered and measured but never printed one by one.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "_corpus" / "bib"
BIN = Path(sys.executable).parent
PAPERS = "_bibliography/papers.bib"

#: (repository, commit) of each site whose papers.bib is in the corpus.
MANIFEST: list[tuple[str, str]] = [
    ("01QJ10/01QJ10.github.io", "6d62d766b2f8b90f96ba23ac035724ad417d9476"),
    ("0hardytom/website", "cabed747d79ddb0a23c4b43451b64d746135784c"),
    ("0jaehunny0/0jaehunny0.github.io", "ca0526ae3363c80af56c80cf57b6b17b8056fea6"),
    ("0xAdriaTorralba/0xAdriaTorralba.github.io", "349e57b25bf38868abe4ebec8a4cefe506286c9b"),
    ("0xzhouchenyu/0xzhouchenyu.github.io", "dc5876afea37d935851275440277e3a9a8c07b0e"),
    ("1013990424/1013990424.github.io", "cc82348d3d044b4301b5f89317c1f3456388a723"),
    ("12wang3/12wang3.github.io", "96b6f8c28a8193df36d56661ef0fa65b7f4a62b4"),
    ("1587causalai/1587causalai.github.io", "77cc856477ff859068d0f4ede43509d5d4742e4a"),
    ("18222129721w-collab/policylab.github.io", "70d6db2905c3522811ee09fc61ccfded9b0d138c"),
    ("1eethink/1eethink.github.io", "4775bc1169a3d6a247b360681f89e272a501e205"),
    ("20000yshust/20000yshust.github.io", "62cf33a7e17ea358c49bb2119a06b0292c53217d"),
    ("201younghanlee/201younghanlee.github.io", "10dfcd78235df6c2fde25a553dedc50ff9239359"),
    ("201younghanlee/taislab.github.io", "2e3fc93ae58d6b47e1d275c2916c41354e348a9b"),
    ("2023-aaronkr/2023-aaronkr.github.io", "a245dd523c5fdc31e297532c27f8f22aec4d239d"),
    ("2279296959/PengxinZeng.github.io", "504f3571c7ffd4f7354ad0c10f19f6f303327b6b"),
    ("25sal/25sal", "040253cf2deedb2bc914201b54236a1c45ce026b"),
    ("2jungeuni/2jungeuni.github.io", "d60f5049b3c0ccd8f09b2c4e5bcefa6b5c8262be"),
    ("2lambda123/PJLab-ADG-pjlab-adg.github.io", "1fdb4f2ddce027b8f59249b5353b26c79b22ab59"),
    ("2roy999/2roy999.github.io", "abf6e952ff1f14cd8e14670d636c23641171a4fd"),
    ("3233505833/xingzhuwang", "164854ce4c18f316cc6b6c34c3e118e95647e0ff"),
    ("327aem/junyoungkim.github.io", "1ab08a8b1f2ba263dc1181da23697dd01e83fa52"),
    ("32V/32V.github.io", "0563316638bcfd4cfc030742e444a5ad8bb03b5c"),
    ("3c-lab/3c-lab.github.io", "3030179b7b22addd0bd3cfd12a7cde36925a9ac0"),
    ("3diglab/3DiGlab.github.io", "9dc2fce48f4b3e0321452d773e74d19d6b3e39a8"),
    ("3man1992/3man1992.github.io", "cb3a23e8fa1133ade5f8ad93da13dd0b5055fa98"),
    ("3seoksw/3seoksw.github.io", "c564e8c2453e85b177bd23a6a79ebbac25cee5d4"),
    ("42jaylonw/42jaylonw.github.io", "a6a443f0a085bfdea7040fc3633dbd0872d9efba"),
    ("444thLiao/mypage", "984109e491afef7a9f572391c711f2673866bf7f"),
    ("4C-multiphysics/website", "7e0bbfd944faa970960f8a04d1f6c242729d0cc5"),
    ("4arti/4arti.github.io", "5f45f9ba50e3bebb9125b9094c9ad8051d96d986"),
    ("4lhc/sreejiths.xyz", "3793539c62fadddafac2de82bf566b42ee165d09"),
    ("594zyc/594zyc.github.io", "cee1152c056aac453ce9bd00d8ac222c80bfabf2"),
    ("5ayam5/5ayam5.github.io", "fad62d031ae3fdd00bcb80476e4b465323881299"),
    ("6MicheleStingo9/6MicheleStingo9.github.io", "beaff1e4f3ab97b5542644a182184fa0a5af6416"),
    ("7homasSutter/7homasSutter.github.io", "cafe1f1cef883b7e6c6bf0c9b2ceaf02932ca5aa"),
    ("7qchen/7qchen.github.io", "adcfd8094ebe12690116d593eed4a0a2180c105d"),
    ("98Ali/98ali.github.io", "202a30b2792fbaeb2fd1fb3b3481465dec39668c"),
    ("9ames7uan/9ames7uan.github.io", "b9034f654322edb5e822c8385632879c94f33916"),
    ("A-Big-Tortoise/A-Big-Tortoise.github.io", "6022cd9bdc0ef7b37850b9feb4fe3968c66c9464"),
    ("BatyLeo/batyleo.github.io", "00d1addf0a541d455d3f7227c7a5c12313eb0c5d"),
    ("CLiMBlab-Stanford/CLiMBlab-Stanford.github.io", "3fea09f3fdd087a143c1fc438a31096011d0cad9"),
    ("CMU-CLeaR/CMU-CLeaR.github.io", "206dca6b279faa48232d12ea459c971ffacf8f9f"),
    ("CoRAL-OSU/al-folio", "e9a6fb07f89915c366be30f09ff1a1d71b1ea51c"),
    ("DISL-Lab/disl-lab.github.io", "8f156e82c8d60bdf557dc06d2f5b26d92034d78d"),
    ("Emadmasroor/emadmasroor.github.io", "de5ef9e9e58ff6745736ac96657e7d7cb25c92e2"),
    ("GiuliaLorenzana/GiuliaLorenzana.github.io", "9caf86fa6bdfab03c5b84693e5ea7a19400afde2"),
    ("JANGYERIM/al-folio", "19c8e6d63724872825d29c8847b28ada86a6003a"),
    ("JCBridgeman/jcbridgeman.github.io", "85f6925a6209c2d40b68bb1718dbf390b5df3cc8"),
    ("Jacob-Chmura/Jacob-Chmura.github.io", "e8df301f4ba6cd037487a991793d6e08bf133891"),
    ("LinHsuancheng/LinHsuancheng.github.io", "da7d2abbf4c0ae0064fd9c92b7156e17a8e194db"),
    ("Sapetor/al-folio", "7ac891e0a601c4f2e19d2d70831e18192d43d37a"),
    ("Tonny-liu/al-folio", "4eb97aebec2181b5166a40ad9cc0c6717525a34c"),
    ("USC-InfoLab/infolab.usc.edu", "38bd3e5380a803e6c4e0638bfd361c04ba5da689"),
    ("WeilinDeng/WeilinDeng.github.io", "2eced0d71362a61621216251aa14901c502c95ae"),
    ("XinhuiLi/xinhuili.github.io", "034d7f9843bd355eaf6036bf1cc31b8f12dbedff"),
    ("Zewen-Yang/Zewen-Yang.github.io", "4b3ae67e253a20c530685370cef733df1eb65077"),
    ("anqif/anqif.github.io", "b8cf5cba3c55a2bb5e021711ed1273066d900aaf"),
    ("antoinecollas/antoinecollas.github.io", "7327ec3a2c643ea13dc837448c5c723611710842"),
    ("aria-research-lab/aria-research-lab.github.io", "d02c6897dbbdb4bddc23adc950fc2286d8d46f36"),
    ("ashriva16/al-folio", "f42014aad30b45f1a984fad9bdac028a345b15a8"),
    ("c-matthews/al-folio", "7b4e13c16822146f22a144cb4b02b1bf39e057c8"),
    ("congzhang-linguist/congzhang-linguist.github.io", "fc22bc116025c05a94ac08d1da81bbb4b9a0cdf8"),
    ("ellisbrown/ellisbrown.github.io", "ed46c64402d11092bdd3ef182c3e500af1381bb9"),
    ("esteng/esteng.github.io", "433cc87deb5ade63cf6db727c5913cd0b4f44c4e"),
    ("fidel-schaposnik/fidel-schaposnik.github.io", "89d4210714fedff5de5f617142b73a244518568d"),
    ("hyscale-lab/hyscale-lab.github.io", "0870ae918669cb61e2fe8ed96b989b32b0d0fbda"),
    ("junbodu/junbodu.github.io", "4d8fc0cdc828bccb5eecb2151749f0a581c87ba4"),
    ("jzuhone/jzuhone.github.io", "dfb686059ddd69d6917e0b17d065b67ce6c7f459"),
    ("klasmodin/klasmodin.github.io", "780fb820458149f1923f907c9dbc3a7ec5483904"),
    ("kwokyuenfan/kwokyuenfan.github.io", "58ed90ccaae33d2f27fb55d2e2a56083f64cc54f"),
    ("lgalke/al-folio", "363f0b4e0ab9f0318d8646fd47c358ae3d42c83b"),
    ("lprisma-org/lprisma-org.github.io", "1ff5a137c73c916cec465452defdca0218385b6b"),
    ("ngram-lab/al-folio", "ecbc6b484a67ae0e42608d2527394761ce380251"),
    ("pdlourenco/pdlourenco.github.io", "0f4a71d363c94f13e018a72bff5b7586c2201563"),
    ("purdue-ci-lab/purdue-ci-lab.github.io", "b7c0f43ffeefdfe56f55e1f0c840a7c9f112797f"),
    ("tomchaozhou75/tomchaozhou75.github.io", "79c0c39124b33de4e93229b7fc1163e92248c37f"),
    ("wonbeomjang/wonbeomjang.github.io", "54c8f4e2bc0920a3c1129b68b8080b5078a6c3a9"),
    ("yuguangchen1/al-folio", "219b1f1b0782b13dd4a157bacec6327451ada101"),
]


def held_out(repo: str) -> bool:
    """The rule, fixed before any fix: a third of the repositories, by a hash of the name."""
    return int(hashlib.sha256(repo.encode("utf-8")).hexdigest(), 16) % 3 == 0


def tree(repo: str) -> Path:
    return CORPUS / repo.replace("/", "+")


def _git(git_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(git_dir), *args], capture_output=True, check=False)


def discover(mirrors: Path) -> None:
    """Print a manifest row for each bare clone with a papers.bib at HEAD (one per content)."""
    seen: set[str] = set()
    known = {repo for repo, _ in MANIFEST}
    for git_dir in sorted(mirrors.glob("*/repo")):
        repo = git_dir.parent.name.replace("+", "/", 1)
        head = _git(git_dir, "rev-parse", "HEAD").stdout.decode().strip()
        bib = _git(git_dir, "show", f"HEAD:{PAPERS}")
        if bib.returncode or not bib.stdout.strip() or not head:
            continue
        content = hashlib.sha256(bib.stdout).hexdigest()
        if content in seen or repo in known:
            continue
        seen.add(content)
        print(f'    ("{repo}", "{head}"),')


def gather(mirrors: Path) -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for repo, commit in MANIFEST:
        git_dir = mirrors / repo.replace("/", "+") / "repo"
        names = _git(git_dir, "ls-tree", "--name-only", commit, "_bibliography/", "_config.yml")
        if names.returncode:
            print(f"{repo}: {commit[:10]} not in {git_dir}", file=sys.stderr)
            continue
        target = tree(repo)
        if target.exists():
            shutil.rmtree(target)
        for name in names.stdout.decode().split("\n"):
            if not (name == "_config.yml" or name.endswith(".bib")):
                continue
            blob = _git(git_dir, "show", f"{commit}:{name}")
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(blob.stdout)
        (target / ".corpus-source").write_text(f"{repo} {commit}\n", encoding="utf-8")
        print(f"{repo}@{commit[:10]}")


_WRITTEN = re.compile(r"@\s*(\w+)\s*[{(]")


def written(text: str) -> int:
    return sum(
        1
        for m in _WRITTEN.finditer(text)
        if m.group(1).lower() not in {"string", "comment", "preamble"}
    )


def listed(path: Path) -> int:
    """Entries al-folio lists: written, less those inside a braced ``@comment{...}``."""
    from sphinx_folio.publications import intake

    return intake.read_paths([path]).counts[str(path)][1]


def _shown(page: Path) -> int:
    if not page.is_file():
        return 0
    text = page.read_text(encoding="utf-8")
    return text.count('<li class="folio-pub"') + text.count('<div class="citation"')


_LEFT_OUT = re.compile(r"^- `_bibliography/papers\.bib(?::\d+)?`.*\bleft out\b", re.MULTILINE)


def measure_one(repo: str, work: Path) -> dict[str, object]:
    src = tree(repo)
    bib = src / PAPERS
    text = bib.read_bytes().decode("utf-8", errors="replace")
    row: dict[str, object] = {"repo": repo, "written": written(text), "listed": listed(bib)}
    out = work / repo.replace("/", "+")
    imp = subprocess.run(
        [str(BIN / "sphinx-folio"), "import-alfolio", str(src), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if imp.returncode:
        row.update(shown=0, reported=0, built="import failed", warnings=0, others="-")
        row["why"] = (imp.stderr.strip().splitlines() or ["?"])[-1][:160]
        row["lost"] = row["listed"]
        return row
    report = (out / "IMPORT-REPORT.md").read_text(encoding="utf-8")
    html = out / "_build" / "html"
    build = subprocess.run(
        [str(BIN / "sphinx-build"), "-b", "html", "-W", "--keep-going", "-q", str(out), str(html)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    warnings = [line for line in build.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    shown = _shown(html / "publications" / "index.html")
    reported = len(_LEFT_OUT.findall(report))
    others = []
    for other in sorted((src / "_bibliography").glob("*.bib")):
        if other.name == "papers.bib":
            continue
        page = html / "publications" / f"{other.stem}.html"
        others.append(f"{other.stem} {_shown(page)}/{listed(other)}")
    row.update(
        shown=shown,
        reported=reported,
        lost=max(0, int(str(row["listed"])) - shown - reported),
        built="yes" if build.returncode == 0 else "no",
        warnings=len(warnings),
        why=warnings[0][-150:]
        if warnings
        else (build.stderr.strip().splitlines() or [""])[-1][-150:],
        others=", ".join(others) or "-",
    )
    return row


def _owner_names(src: Path) -> list[str]:
    """folio_name and folio_name_variants as the importer reads them from _config.yml."""
    from sphinx_folio.alfolio import settings as from_config
    from sphinx_folio.alfolio.report import Report

    config, _ = from_config.read_config(src, Report(src, src), None)
    name, _ = from_config.owner_name(config)
    scholar = config.get("scholar") if isinstance(config.get("scholar"), dict) else {}
    return [n for n in [name, *from_config.scholar_names(scholar)] if n]


#: Classes of the ways a name is written, for :func:`names`.
_FORMS = (
    ("hyphen or space inside a given name", re.compile(r"[A-Za-z]-[A-Za-z]")),
    ("initials without dots", re.compile(r"(?:^|[,\s])[A-Z]{2,3}(?:$|[\s,])")),
    (
        "contribution mark",
        re.compile(r"[*\u2020\u2021#\u00a7\u00b9\u00b2\u00b3^]|dagger|textsuperscript"),
    ),
    ("full-width letters", re.compile(r"[\uff01-\uff5e]")),
    ("CJK characters", re.compile(r"[\u2e80-\u9fff\uac00-\ud7af]")),
)


def names(part_held_out: bool) -> None:
    """Per file: entries naming the owner as the package matches it; the forms of name seen.

    An author whose folded family name is one of the owner's counts as a "near" name; the
    near names the matcher does not take are classed (:data:`_FORMS`) and, for the working
    part only, printed."""
    from pybtex.database import Person

    from sphinx_folio.publications import intake
    from sphinx_folio.publications.names import OwnerMatcher, _fold

    matched_total = entries_total = 0
    forms: dict[str, int] = {}
    missed_forms: dict[str, int] = {}
    for repo, _ in MANIFEST:
        src = tree(repo)
        if held_out(repo) != part_held_out or not (src / PAPERS).is_file():
            continue
        owner = _owner_names(src)
        matcher = OwnerMatcher(owner)
        lasts = {_fold(" ".join(Person(n).last_names)) for n in owner} - {""}
        data = intake.read_paths([src / PAPERS]).data
        matched = 0
        missed: list[str] = []
        for entry in data.entries.values():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            if any(matcher(p) for p in people):
                matched += 1
            for person in people:
                text = str(person)
                near = _fold(" ".join(person.last_names)) in lasts or any(
                    _fold(w) in lasts for w in person.first_names
                )
                if not near:
                    continue
                for form, pattern in _FORMS:
                    if pattern.search(text):
                        forms[form] = forms.get(form, 0) + 1
                        if not matcher(person):
                            missed_forms[form] = missed_forms.get(form, 0) + 1
                if not matcher(person):
                    missed.append(text)
        matched_total += matched
        entries_total += len(data.entries)
        if not part_held_out:
            shown = "; ".join(sorted(set(missed))[:6])
            print(
                f"| {repo} | {', '.join(owner) or '-'} | {len(data.entries)} | {matched} | {shown} |"
            )
    print(
        f"\n{'held-out' if part_held_out else 'working'} part: owner recognised in "
        f"{matched_total} of {entries_total} entries; name forms near the owner's: {forms}; "
        f"of those not recognised: {missed_forms}"
    )


def measure(part_held_out: bool, only: str | None) -> None:
    repos = [
        repo
        for repo, _ in MANIFEST
        if held_out(repo) == part_held_out and tree(repo).joinpath(PAPERS).is_file()
    ]
    if only:
        repos = [r for r in repos if only in r]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bib-corpus-") as tmp:
        for repo in repos:
            rows.append(measure_one(repo, Path(tmp)))
            if not part_held_out:
                print(_row(rows[-1]), flush=True)
    total = {k: sum(int(str(r[k])) for r in rows) for k in ("written", "listed", "shown", "lost")}
    built = sum(1 for r in rows if r["built"] == "yes")
    lossy = sum(1 for r in rows if int(str(r["lost"])))
    if part_held_out:  # no file by name: only what went wrong, to class the failures
        for r in rows:
            if r["built"] != "yes" or int(str(r["lost"])):
                print(f"- built {r['built']}, lost {r['lost']}: {r['why'] or '(no warning)'}")
    print(
        f"\n{'held-out' if part_held_out else 'working'} part: {len(rows)} files; "
        f"written {total['written']}, listed {total['listed']}, shown {total['shown']}, "
        f"lost without a word {total['lost']} (in {lossy} files); "
        f"built with -W: {built} of {len(rows)}"
    )


def _row(r: dict[str, object]) -> str:
    return (
        f"| {r['repo']} | {r['written']} | {r['listed']} | {r['shown']} | {r['reported']} "
        f"| {r['lost']} | {r['others']} | {r['built']} | {r['why']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("discover", "gather"):
        cmd = sub.add_parser(name)
        cmd.add_argument("mirrors", type=Path, help="folder of bare clones <owner>+<name>/repo")
    cmd = sub.add_parser("names", help="entries naming the owner; the forms of names seen")
    cmd.add_argument("--held-out", action="store_true", help="the held-out part: totals only")
    cmd = sub.add_parser("measure", help="import and build each file's site; print the table")
    cmd.add_argument("--held-out", action="store_true", help="the held-out part: totals only")
    cmd.add_argument("--only", help="repositories whose name contains this")
    args = parser.parse_args()
    if args.command == "discover":
        discover(args.mirrors)
    elif args.command == "gather":
        gather(args.mirrors)
    elif args.command == "names":
        names(args.held_out)
    else:
        if not args.held_out:
            print(
                "| site | written | listed | shown | reported | lost | other bib files "
                "(shown/listed) | built -W | first warning |"
            )
            print("|---|---:|---:|---:|---:|---:|---|---|---|")
        measure(args.held_out, args.only)


if __name__ == "__main__":
    main()
