"""Import real al-folio sites and build each with ``sphinx-build -W``; print a markdown table.

The sites are other people's work: they are extracted into ``_corpus/sites/`` (git-ignored)
from a folder of bare git copies named ``owner+name/repo`` (the first argument), never
committed. Each row of :data:`SITES` names the repository, the commit, the era and the kind
of site, so the corpus can be extracted again anywhere the same repositories are at hand.

A third of the corpus is held out: :func:`held_out` decides by a hash of the repository name
(the rule was fixed before the importer was changed for this corpus). ``--part working`` is
what one works on; ``--part held-out`` is run for its counts only.

    .venv/bin/python benchmarks/alfolio_corpus.py MIRRORS --part working
    .venv/bin/python benchmarks/alfolio_corpus.py MIRRORS --part held-out --counts
    .venv/bin/python benchmarks/alfolio_corpus.py MIRRORS --only demo-2020 --keep
"""

from __future__ import annotations

import argparse
import dataclasses as dc
import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "_corpus"
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
    Site(
        "lamacraft",
        "AustenLamacraft/al-folio",
        "db228247a1639b3fdaff212d6dde5b84e5bdc2ea",
        "pre-2020",
        "researcher",
    ),
    Site(
        "galke",
        "lgalke/al-folio",
        "363f0b4e0ab9f0318d8646fd47c358ae3d42c83b",
        "2020-2023",
        "researcher",
    ),
    Site(
        "matthews",
        "c-matthews/al-folio",
        "7b4e13c16822146f22a144cb4b02b1bf39e057c8",
        "2020-2023",
        "researcher",
    ),
    Site(
        "chen",
        "yuguangchen1/al-folio",
        "219b1f1b0782b13dd4a157bacec6327451ada101",
        "2024-2025",
        "researcher",
    ),
    Site(
        "liu",
        "Tonny-liu/al-folio",
        "4eb97aebec2181b5166a40ad9cc0c6717525a34c",
        "2024-2025",
        "researcher",
    ),
    Site(
        "peters",
        "Sapetor/al-folio",
        "7ac891e0a601c4f2e19d2d70831e18192d43d37a",
        "2024-2025",
        "researcher",
    ),
    Site(
        "kwak-v1",
        "0jaehunny0/0jaehunny0.github.io",
        "ca0526ae3363c80af56c80cf57b6b17b8056fea6",
        "v1 (al_folio_core)",
        "researcher",
    ),
    Site(
        "coral-lab",
        "CoRAL-OSU/al-folio",
        "e9a6fb07f89915c366be30f09ff1a1d71b1ea51c",
        "2024-2025",
        "lab",
    ),
    Site(
        "umass-nlp",
        "ngram-lab/al-folio",
        "ecbc6b484a67ae0e42608d2527394761ce380251",
        "2024-2025",
        "lab + courses/seminar",
    ),
    Site(
        "adlab",
        "2lambda123/PJLab-ADG-pjlab-adg.github.io",
        "1fdb4f2ddce027b8f59249b5353b26c79b22ab59",
        "2024-2025",
        "lab",
    ),
    Site(
        "conference",
        "dfuchss/al-folio-conf",
        "28bf7e19b2483dd854d93ac695380f65328f449c",
        "2024-2025",
        "conference/workshop",
    ),
    # Grown for issue 20 (found with the search tool's find_files/find_repos, 2026-12-05).
    Site(
        "0010ss",
        "0010SS/0010ss.github.io",
        "0642fc1fccc6fb1a7a2dcc4d8d8a71626957f4b8",
        "2024-2025",
        "researcher, non-Latin",
    ),
    Site(
        "01qj10",
        "01QJ10/01QJ10.github.io",
        "6d62d766b2f8b90f96ba23ac035724ad417d9476",
        "2024-2025",
        "researcher",
    ),
    Site(
        "kimjiyoung",
        "07jikim/kimjiyoung.github.io",
        "ba92088631b267703d016ef05ce4295442ad5a4e",
        "2024-2025",
        "researcher",
    ),
    Site(
        "0hardytom",
        "0hardytom/website",
        "cabed747d79ddb0a23c4b43451b64d746135784c",
        "2024-2025",
        "researcher",
    ),
    Site(
        "0merle0",
        "0merle0/0merle0.github.io",
        "7860e454aeafcf3f69a08f1a5686430635c0136d",
        "2024-2025",
        "researcher",
    ),
    Site(
        "0xadriatorralba",
        "0xAdriaTorralba/0xAdriaTorralba.github.io",
        "349e57b25bf38868abe4ebec8a4cefe506286c9b",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "0xzhouchenyu",
        "0xzhouchenyu/0xzhouchenyu.github.io",
        "dc5876afea37d935851275440277e3a9a8c07b0e",
        "2024-2025",
        "researcher",
    ),
    Site(
        "1013990424",
        "1013990424/1013990424.github.io",
        "cc82348d3d044b4301b5f89317c1f3456388a723",
        "v1 (al_folio_core)",
        "researcher",
    ),
    Site(
        "12wang3",
        "12wang3/12wang3.github.io",
        "96b6f8c28a8193df36d56661ef0fa65b7f4a62b4",
        "2020-2023",
        "researcher",
    ),
    Site(
        "1587causalai",
        "1587causalai/1587causalai.github.io",
        "77cc856477ff859068d0f4ede43509d5d4742e4a",
        "2024-2025",
        "researcher, non-Latin",
    ),
    Site(
        "policylab",
        "18222129721w-collab/policylab.github.io",
        "70d6db2905c3522811ee09fc61ccfded9b0d138c",
        "2026 (pre-v1)",
        "lab, non-Latin",
    ),
    Site(
        "1eethink",
        "1eethink/1eethink.github.io",
        "4775bc1169a3d6a247b360681f89e272a501e205",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "20000yshust",
        "20000yshust/20000yshust.github.io",
        "62cf33a7e17ea358c49bb2119a06b0292c53217d",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "201younghanlee",
        "201younghanlee/201younghanlee.github.io",
        "10dfcd78235df6c2fde25a553dedc50ff9239359",
        "2024-2025",
        "researcher",
    ),
    Site(
        "taislab",
        "201younghanlee/taislab.github.io",
        "2e3fc93ae58d6b47e1d275c2916c41354e348a9b",
        "2026 (pre-v1)",
        "lab",
    ),
    Site(
        "2023-aaronkr",
        "2023-aaronkr/2023-aaronkr.github.io",
        "a245dd523c5fdc31e297532c27f8f22aec4d239d",
        "2020-2023",
        "researcher",
    ),
    Site(
        "pengxinzeng",
        "2279296959/PengxinZeng.github.io",
        "504f3571c7ffd4f7354ad0c10f19f6f303327b6b",
        "2024-2025",
        "researcher",
    ),
    Site(
        "25sal",
        "25sal/25sal",
        "040253cf2deedb2bc914201b54236a1c45ce026b",
        "2024-2025",
        "researcher",
    ),
    Site(
        "2jungeuni",
        "2jungeuni/2jungeuni.github.io",
        "d60f5049b3c0ccd8f09b2c4e5bcefa6b5c8262be",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "2roy999",
        "2roy999/2roy999.github.io",
        "abf6e952ff1f14cd8e14670d636c23641171a4fd",
        "2020-2023",
        "researcher",
    ),
    Site(
        "xingzhuwang",
        "3233505833/xingzhuwang",
        "164854ce4c18f316cc6b6c34c3e118e95647e0ff",
        "v1 (al_folio_core)",
        "researcher, non-Latin",
    ),
    Site(
        "junyoungkim",
        "327aem/junyoungkim.github.io",
        "1ab08a8b1f2ba263dc1181da23697dd01e83fa52",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "32v",
        "32V/32V.github.io",
        "0563316638bcfd4cfc030742e444a5ad8bb03b5c",
        "2024-2025",
        "researcher",
    ),
    Site(
        "3c-lab",
        "3c-lab/3c-lab.github.io",
        "3030179b7b22addd0bd3cfd12a7cde36925a9ac0",
        "2026 (pre-v1)",
        "lab",
    ),
    Site(
        "3diglab",
        "3diglab/3DiGlab.github.io",
        "9dc2fce48f4b3e0321452d773e74d19d6b3e39a8",
        "2024-2025",
        "lab",
    ),
    Site(
        "3man1992",
        "3man1992/3man1992.github.io",
        "cb3a23e8fa1133ade5f8ad93da13dd0b5055fa98",
        "2020-2023",
        "researcher",
    ),
    Site(
        "3seoksw",
        "3seoksw/3seoksw.github.io",
        "c564e8c2453e85b177bd23a6a79ebbac25cee5d4",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "42jaylonw",
        "42jaylonw/42jaylonw.github.io",
        "a6a443f0a085bfdea7040fc3633dbd0872d9efba",
        "2024-2025",
        "researcher",
    ),
    Site(
        "444thliao",
        "444thLiao/mypage",
        "984109e491afef7a9f572391c711f2673866bf7f",
        "2024-2025",
        "researcher",
    ),
    Site(
        "4arti",
        "4arti/4arti.github.io",
        "5f45f9ba50e3bebb9125b9094c9ad8051d96d986",
        "2024-2025",
        "researcher",
    ),
    Site(
        "sreejiths-xyz",
        "4lhc/sreejiths.xyz",
        "3793539c62fadddafac2de82bf566b42ee165d09",
        "2024-2025",
        "researcher",
    ),
    Site(
        "594zyc",
        "594zyc/594zyc.github.io",
        "cee1152c056aac453ce9bd00d8ac222c80bfabf2",
        "2024-2025",
        "researcher",
    ),
    Site(
        "5ayam5",
        "5ayam5/5ayam5.github.io",
        "fad62d031ae3fdd00bcb80476e4b465323881299",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "6michelestingo9",
        "6MicheleStingo9/6MicheleStingo9.github.io",
        "beaff1e4f3ab97b5542644a182184fa0a5af6416",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "7homassutter",
        "7homasSutter/7homasSutter.github.io",
        "cafe1f1cef883b7e6c6bf0c9b2ceaf02932ca5aa",
        "2024-2025",
        "researcher",
    ),
    Site(
        "7qchen",
        "7qchen/7qchen.github.io",
        "adcfd8094ebe12690116d593eed4a0a2180c105d",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "98ali",
        "98Ali/98ali.github.io",
        "202a30b2792fbaeb2fd1fb3b3481465dec39668c",
        "2024-2025",
        "researcher",
    ),
    Site(
        "9ames7uan",
        "9ames7uan/9ames7uan.github.io",
        "b9034f654322edb5e822c8385632879c94f33916",
        "2024-2025",
        "researcher, non-Latin",
    ),
    Site(
        "a-big-tortoise",
        "A-Big-Tortoise/A-Big-Tortoise.github.io",
        "6022cd9bdc0ef7b37850b9feb4fe3968c66c9464",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "anqif",
        "anqif/anqif.github.io",
        "b8cf5cba3c55a2bb5e021711ed1273066d900aaf",
        "2024-2025",
        "researcher",
    ),
    Site(
        "antoinecollas",
        "antoinecollas/antoinecollas.github.io",
        "7327ec3a2c643ea13dc837448c5c723611710842",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "aria-research-lab",
        "aria-research-lab/aria-research-lab.github.io",
        "d02c6897dbbdb4bddc23adc950fc2286d8d46f36",
        "2024-2025",
        "lab",
    ),
    Site(
        "batyleo",
        "BatyLeo/batyleo.github.io",
        "00d1addf0a541d455d3f7227c7a5c12313eb0c5d",
        "2024-2025",
        "researcher",
    ),
    Site(
        "cx4240-spring2026",
        "Bo-Dai/CX4240-spring2026",
        "754d5c1f034b06354e759dee6008481d35a545e4",
        "2026 (pre-v1)",
        "course",
    ),
    Site(
        "climblab-stanford",
        "CLiMBlab-Stanford/CLiMBlab-Stanford.github.io",
        "3fea09f3fdd087a143c1fc438a31096011d0cad9",
        "2026 (pre-v1)",
        "lab",
    ),
    Site(
        "cmu-clear",
        "CMU-CLeaR/CMU-CLeaR.github.io",
        "206dca6b279faa48232d12ea459c971ffacf8f9f",
        "2020-2023",
        "lab",
    ),
    Site(
        "congzhang-linguist",
        "congzhang-linguist/congzhang-linguist.github.io",
        "fc22bc116025c05a94ac08d1da81bbb4b9a0cdf8",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "daiki-matsuoka-0802",
        "daiki-matsuoka-0802/daiki-matsuoka-0802.github.io",
        "c88d25a3f1df2004b06870d0973d725d033e4cee",
        "2024-2025",
        "researcher",
    ),
    Site(
        "dirk-hartmann",
        "Dirk-Hartmann/dirk-hartmann.github.io",
        "714bcb3ae7fdfef26940af2a3f23c6f735fb942f",
        "2024-2025",
        "researcher",
    ),
    Site(
        "disl-lab",
        "DISL-Lab/disl-lab.github.io",
        "8f156e82c8d60bdf557dc06d2f5b26d92034d78d",
        "2026 (pre-v1)",
        "lab, non-Latin",
    ),
    Site(
        "emadmasroor",
        "Emadmasroor/emadmasroor.github.io",
        "de5ef9e9e58ff6745736ac96657e7d7cb25c92e2",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "giulialorenzana",
        "GiuliaLorenzana/GiuliaLorenzana.github.io",
        "9caf86fa6bdfab03c5b84693e5ea7a19400afde2",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "hxf0223",
        "hxf0223/hxf0223.github.io",
        "3bf0eb59cd0b0b0cdc12f0ec6bd5f19e9ed9ee22",
        "2026 (pre-v1)",
        "researcher, non-Latin",
    ),
    Site(
        "hyscale-lab",
        "hyscale-lab/hyscale-lab.github.io",
        "0870ae918669cb61e2fe8ed96b989b32b0d0fbda",
        "v1 (al_folio_core)",
        "lab",
    ),
    Site(
        "jacob-chmura",
        "Jacob-Chmura/Jacob-Chmura.github.io",
        "e8df301f4ba6cd037487a991793d6e08bf133891",
        "2024-2025",
        "researcher",
    ),
    Site(
        "jangyerim",
        "JANGYERIM/al-folio",
        "19c8e6d63724872825d29c8847b28ada86a6003a",
        "v1 (al_folio_core)",
        "researcher",
    ),
    Site(
        "jcbridgeman",
        "JCBridgeman/jcbridgeman.github.io",
        "85f6925a6209c2d40b68bb1718dbf390b5df3cc8",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "junbodu",
        "junbodu/junbodu.github.io",
        "4d8fc0cdc828bccb5eecb2151749f0a581c87ba4",
        "v1 (al_folio_core)",
        "researcher",
    ),
    Site(
        "jzuhone",
        "jzuhone/jzuhone.github.io",
        "dfb686059ddd69d6917e0b17d065b67ce6c7f459",
        "2024-2025",
        "researcher",
    ),
    Site(
        "kwokyuenfan",
        "kwokyuenfan/kwokyuenfan.github.io",
        "58ed90ccaae33d2f27fb55d2e2a56083f64cc54f",
        "v1 (al_folio_core)",
        "researcher",
    ),
    Site(
        "linhsuancheng",
        "LinHsuancheng/LinHsuancheng.github.io",
        "da7d2abbf4c0ae0064fd9c92b7156e17a8e194db",
        "v1 (al_folio_core)",
        "researcher",
    ),
    Site(
        "lprisma-org",
        "lprisma-org/lprisma-org.github.io",
        "1ff5a137c73c916cec465452defdca0218385b6b",
        "v1 (al_folio_core)",
        "lab",
    ),
    Site(
        "pdlourenco",
        "pdlourenco/pdlourenco.github.io",
        "0f4a71d363c94f13e018a72bff5b7586c2201563",
        "v1 (al_folio_core)",
        "researcher",
    ),
    Site(
        "purdue-ci-lab",
        "purdue-ci-lab/purdue-ci-lab.github.io",
        "b7c0f43ffeefdfe56f55e1f0c840a7c9f112797f",
        "v1 (al_folio_core)",
        "lab",
    ),
    Site(
        "tomchaozhou75",
        "tomchaozhou75/tomchaozhou75.github.io",
        "79c0c39124b33de4e93229b7fc1163e92248c37f",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "biostatws23",
        "UCB-Biostatistics-Workshop/biostatws23.github.io",
        "dc54f36b590e537f7593dadd9f58b70492d6dbae",
        "2020-2023",
        "workshop",
    ),
    Site(
        "infolab-usc-edu",
        "USC-InfoLab/infolab.usc.edu",
        "38bd3e5380a803e6c4e0638bfd361c04ba5da689",
        "2024-2025",
        "lab",
    ),
    Site(
        "weilindeng",
        "WeilinDeng/WeilinDeng.github.io",
        "2eced0d71362a61621216251aa14901c502c95ae",
        "2020-2023",
        "researcher",
    ),
    Site(
        "wonbeomjang",
        "wonbeomjang/wonbeomjang.github.io",
        "54c8f4e2bc0920a3c1129b68b8080b5078a6c3a9",
        "v1 (al_folio_core)",
        "researcher, non-Latin",
    ),
    Site(
        "xinhuili",
        "XinhuiLi/xinhuili.github.io",
        "034d7f9843bd355eaf6036bf1cc31b8f12dbedff",
        "2026 (pre-v1)",
        "researcher",
    ),
    Site(
        "zewen-yang",
        "Zewen-Yang/Zewen-Yang.github.io",
        "4b3ae67e253a20c530685370cef733df1eb65077",
        "v1 (al_folio_core)",
        "researcher",
    ),
    Site(
        "shrivastava",
        "ashriva16/al-folio",
        "f42014aad30b45f1a984fad9bdac028a345b15a8",
        "2026 (pre-v1)",
        "researcher",
    ),
]

#: Folders an import never reads; left out of the extraction to keep it small.
_SKIP = re.compile(
    r"^(assets/(js|css|fonts|webfonts|plotly|audio|video|jupyter|html)|_sass|"
    r"_includes|_layouts|_plugins|node_modules|readme_preview|lighthouse_results)/"
)


def held_out(repo: str) -> bool:
    """The held-out third: decided by the repository's name alone, never by its content."""
    return int(hashlib.sha256(repo.encode()).hexdigest(), 16) % 3 == 0


def mirror(mirrors: Path, repo: str) -> Path:
    return mirrors / repo.replace("/", "+") / "repo"


def extract(site: Site, mirrors: Path) -> Path:
    """The site's tree at its commit, under _corpus/sites/<name>/ (extracted anew)."""
    target = CORPUS / "sites" / site.name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    git = mirror(mirrors, site.repo)
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


#: Seconds an import may take before the corpus run calls it a hang.
IMPORT_TIMEOUT = 300


def run(site: Site, work: Path, mirrors: Path) -> dict[str, object]:
    src = extract(site, mirrors)
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
    try:
        imp = subprocess.run(
            [str(BIN / "sphinx-folio"), "import-alfolio", str(src), "--out", str(out)],
            capture_output=True,
            text=True,
            check=False,
            timeout=IMPORT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        row.update(out="-", built="no (import hung)", build_s=0.0, import_s=IMPORT_TIMEOUT)
        row["why"] = f"import still running after {IMPORT_TIMEOUT} s"
        return row
    row["import_s"] = time.perf_counter() - start
    (work / f"{site.name}.import.txt").write_text(imp.stdout + imp.stderr, encoding="utf-8")
    if imp.returncode != 0:
        row.update(out="-", built="no (import failed)", build_s=0.0)
        row["why"] = (imp.stderr.strip().splitlines() or ["?"])[-1][:160]
        return row
    html = out / "_build" / "html"
    start = time.perf_counter()
    try:
        build = subprocess.run(
            [
                str(BIN / "sphinx-build"),
                "-b",
                "html",
                "-W",
                "--keep-going",
                "-q",
                str(out),
                str(html),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=IMPORT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        row.update(out="-", built="no (build hung)", build_s=IMPORT_TIMEOUT)
        return row
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
    parser.add_argument("mirrors", type=Path, help="folder of bare copies, owner+name/repo")
    parser.add_argument("--part", choices=("working", "held-out", "all"), default="all")
    parser.add_argument("--only", nargs="*", help="site names (default: all of the part)")
    parser.add_argument("--keep", action="store_true", help="keep the imported sites")
    parser.add_argument(
        "--counts", action="store_true", help="print only how many passed (for the held-out part)"
    )
    args = parser.parse_args()
    work = CORPUS / "out"
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    missing = 0
    for site in SITES:
        if args.only and site.name not in args.only:
            continue
        if args.part != "all" and held_out(site.repo) != (args.part == "held-out"):
            continue
        if not mirror(args.mirrors, site.repo).is_dir():
            print(f"{site.name}: no copy of {site.repo} in {args.mirrors}", file=sys.stderr)
            missing += 1
            continue
        row = run(site, work, args.mirrors)
        if not args.counts:
            print(f"{site.name}: {row['built']} {row.get('why', '')}", file=sys.stderr, flush=True)
        rows.append(row)
        if not args.keep:
            shutil.rmtree(work / site.name / "_build", ignore_errors=True)
    passed = sum(1 for r in rows if r["built"] == "yes")
    summary = f"{args.part}: {passed}/{len(rows)} import and build with -W on the first try"
    if missing:
        summary += f" ({missing} without a copy)"
    if args.counts:
        print(summary)
        return 0
    print(table(rows))
    print("\n" + summary)
    failing = [r for r in rows if r["built"] != "yes"]
    if failing:
        print("\nNot built with -W:")
        for r in failing:
            print(f"- {r['site']}: {r.get('why', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
