"""Collect real formulas into ``_corpus/math/formulas.jsonl``, each with where it came from.

The sources are public repositories brought into ``/work/.mirror`` by the search tool's
``fetch``: al-folio sites' posts, Jupyter notebooks and LaTeX sources of notes and papers.
Every formula is one JSON line: ``tex``, ``display``, ``repo``, ``commit``, ``path``, ``line``
and ``held_out``. A third of the sources is held out, chosen by a hash of the repository's
name (decided before the converter was tuned), so the pass rate on it is an honest one.

    .venv/bin/python benchmarks/math_corpus.py         # write the corpus, print its size
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from sphinx_folio.alfolio.mathjax import parse_macros
from sphinx_folio.tex import DEFINES as _DEFINES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_corpus" / "math" / "formulas.jsonl"
#: Per repository, the macro definitions it makes (a paper's preamble, a notebook's
#: \newcommand cells, an al-folio site's MathJax macros), as a site would give them to
#: folio_math_macros: {repo: [definition, ...]}.
MACROS = OUT.parent / "macros.json"
_DEFINITION = re.compile(
    r"^\s*(\\(?:newcommand|renewcommand|providecommand|DeclareMathOperator\*?|def)\b.*)$",
    re.MULTILINE,
)
MIRRORS = Path("/work/.mirror")

#: (repository, kind). Each is read at the commit its mirror holds (recorded per formula).
SOURCES = [
    ("AustenLamacraft/al-folio", "al-folio posts (physics lecture notes)"),
    ("ashriva16/al-folio", "al-folio demo and posts"),
    ("c-matthews/al-folio", "al-folio posts"),
    ("lgalke/al-folio", "al-folio posts"),
    ("yuguangchen1/al-folio", "al-folio posts"),
    ("Tonny-liu/al-folio", "al-folio posts"),
    ("Sapetor/al-folio", "al-folio posts"),
    ("0jaehunny0/0jaehunny0.github.io", "al-folio posts"),
    ("wonbeomjang/wonbeomjang.github.io", "al-folio posts"),
    ("klasmodin/klasmodin.github.io", "al-folio posts"),
    ("WeilinDeng/WeilinDeng.github.io", "al-folio posts"),
    ("1587causalai/1587causalai.github.io", "al-folio posts"),
    ("hxf0223/hxf0223.github.io", "al-folio posts"),
    ("Zewen-Yang/Zewen-Yang.github.io", "al-folio posts"),
    ("3233505833/xingzhuwang", "al-folio posts"),
    ("4lhc/sreejiths.xyz", "al-folio posts"),
    ("antoinecollas/antoinecollas.github.io", "al-folio posts"),
    ("jzuhone/jzuhone.github.io", "al-folio posts"),
    ("anqif/anqif.github.io", "al-folio posts"),
    ("fidel-schaposnik/fidel-schaposnik.github.io", "al-folio posts"),
    ("GiuliaLorenzana/GiuliaLorenzana.github.io", "al-folio posts"),
    ("3seoksw/3seoksw.github.io", "al-folio posts"),
    ("lilianweng/lil-log", "Jekyll machine-learning blog posts"),
    (
        "CamDavidsonPilon/Probabilistic-Programming-and-Bayesian-Methods-for-Hackers",
        "Jupyter notebooks",
    ),
    ("Imperial-MATH50003/MATH50003NumericalAnalysis", "lecture notes and notebooks"),
    ("orange-you-glad/spectral-proof-of-RH", "a paper's LaTeX sources"),
]


def held_out(repo: str) -> bool:
    return int(hashlib.sha256(repo.encode()).hexdigest(), 16) % 3 == 0


_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
# Display first: $$...$$, \[...\], environments; then inline $...$ and \(...\).
_MD_MATH = re.compile(
    r"\$\$(?P<dd>.+?)\$\$"
    r"|\\\\?\[(?P<bd>.+?)\\\\?\]"
    r"|(?P<env>\\begin\{(?P<name>equation\*?|align\*?|gather\*?|multline\*?|eqnarray\*?)\}"
    r".+?\\end\{(?P=name)\})"
    # kramdown posts write \\( for \( (Markdown eats one backslash): both are read.
    r"|\\\\?\((?P<bi>.+?)\\\\?\)"
    r"|(?<![\\$])\$(?P<di>[^$\n]+?)\$(?!\$)",
    re.DOTALL,
)
_TEX_COMMENT = re.compile(r"(?<!\\)%.*")


def _formulas(text: str, tex_source: bool):
    if tex_source:
        text = _TEX_COMMENT.sub("", text)
    else:
        text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        text = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), text)
    for match in _MD_MATH.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if match.group("env"):
            yield match.group("env"), True, line
        elif match.group("dd") is not None:
            yield match.group("dd"), True, line
        elif match.group("bd") is not None:
            yield match.group("bd"), True, line
        elif match.group("bi") is not None:
            yield match.group("bi"), False, line
        else:
            yield match.group("di"), False, line


def _notebook_markdown(raw: str) -> str:
    try:
        cells = json.loads(raw).get("cells", [])
    except (ValueError, AttributeError):
        return ""
    parts = []
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            parts.append("".join(source) if isinstance(source, list) else source)
    return "\n\n".join(parts)


def _git(repo_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo_dir), *args], capture_output=True, text=True, check=True
    ).stdout


def collect() -> tuple[list[dict], dict[str, list[str]]]:
    seen: set[str] = set()
    rows: list[dict] = []
    macros: dict[str, list[str]] = {}
    for repo, _kind in SOURCES:
        repo_dir = MIRRORS / repo.replace("/", "+") / "repo"
        if not repo_dir.exists():
            print(f"missing mirror: {repo}", file=sys.stderr)
            continue
        commit = _git(repo_dir, "rev-parse", "HEAD").strip()
        for path in _git(repo_dir, "ls-tree", "-r", "--name-only", "HEAD").splitlines():
            if not re.search(r"\.(md|markdown|ipynb|tex)$", path):
                continue
            if "node_modules" in path or path.startswith("vendor/"):
                continue
            raw = subprocess.run(
                ["git", "-C", str(repo_dir), "show", f"HEAD:{path}"],
                capture_output=True,
                check=False,
            ).stdout.decode("utf-8", "replace")
            text = _notebook_markdown(raw) if path.endswith(".ipynb") else raw
            defined = macros.setdefault(repo, [])
            if path.endswith(".tex"):
                defined += [m.group(1).split("%")[0] for m in _DEFINITION.finditer(raw)]
            if re.search(r"mathjax|MathJax", path):
                found, _ = parse_macros(raw)
                defined += [f"\\def\\{name}{{{body}}}" for name, body in found.items()]
            for tex, display, line in _formulas(text, path.endswith(".tex")):
                tex = tex.strip()
                if _DEFINES.search(tex):
                    defined.append(tex)
                if not tex or len(tex) > 4000 or tex in seen:
                    continue
                seen.add(tex)
                rows.append(
                    {
                        "tex": tex,
                        "display": display,
                        "repo": repo,
                        "commit": commit,
                        "path": path,
                        # Notebook lines count within the joined markdown cells.
                        "line": line,
                        "held_out": held_out(repo),
                    }
                )
    return rows, macros


def load() -> list[dict]:
    return [json.loads(line) for line in OUT.read_text().splitlines()]


def load_macros() -> dict[str, list[str]]:
    return json.loads(MACROS.read_text())


def main() -> None:
    rows, macros = collect()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(json.dumps(row) + "\n" for row in rows))
    MACROS.write_text(json.dumps(macros, indent=1))
    held = sum(row["held_out"] for row in rows)
    print(f"{len(rows)} distinct formulas ({len(rows) - held} tuning, {held} held out) -> {OUT}")
    for repo, _kind in SOURCES:
        count = sum(row["repo"] == repo for row in rows)
        print(f"  {count:5d}  {'held out' if held_out(repo) else 'tuning  '}  {repo}")


if __name__ == "__main__":
    main()
