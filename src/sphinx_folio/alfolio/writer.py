"""Writing the new site: conf.py, index.md, collection pages, refs.bib, CV data, _static/."""

from __future__ import annotations

import dataclasses as dc
import pprint
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from .settings import Settings

#: Lists every file an import wrote, so that ``--force`` removes exactly those.
MANIFEST = ".alfolio-import"

TITLES = {"news": "News", "posts": "Blog", "projects": "Projects"}


@dc.dataclass
class Output:
    """The new site, as text files and files to copy, before anything is written."""

    texts: dict[str, str] = dc.field(default_factory=dict)
    copies: dict[str, Path] = dc.field(default_factory=dict)
    """Target (relative to the new site) -> source file."""
    origins: dict[str, tuple[str, int]] = dc.field(default_factory=dict)
    """Target -> (al-folio file it was converted from, line its text starts)."""

    def add(self, target: str, text: str, origin: tuple[str, int] | None = None) -> None:
        self.texts[target] = text
        if origin is not None:
            self.origins[target] = origin


def _literal(value: Any, indent: int = 0) -> str:
    """A Python literal, dicts one key a line (as a person would write conf.py)."""
    if isinstance(value, dict) and value:
        pad = " " * (indent + 4)
        items = [f"{pad}{k!r}: {_literal(v, indent + 4)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
    return pprint.pformat(value, width=88 - indent, sort_dicts=False)


def conf_py(
    settings: Settings,
    source_name: str,
    has_bib: bool,
    cv: str,
    other_bibs: list[str] | None = None,
) -> str:
    folio = dict(settings.folio)
    if cv:
        folio["cv"] = cv
    name = folio.get("name", "")
    title = settings.title or name or "Research site"
    lines = [
        f"# Settings of the site imported from the al-folio site {source_name!r} by",
        "# `sphinx-folio import-alfolio`. Settings only: the machinery is the sphinx_folio package.",
        "",
        f"project = {title!r}",
    ]
    if name:
        lines += [f"author = {name!r}", f"copyright = {name!r}"]
    lines += [
        "",
        'extensions = ["sphinx_folio"]',
        "",
        'root_doc = "index"',
        'exclude_patterns = ["_build", "README.md", ".alfolio-import", "IMPORT-REPORT.md"]',
        'myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "amsmath", "attrs_inline"]',
        "myst_heading_anchors = 6",
        f"bibtex_bibfiles = {['refs.bib', *(other_bibs or [])]!r}",
        "",
        'html_theme = "pydata_sphinx_theme"',
        f"html_title = {title!r}",
        'html_static_path = ["_static"]',
    ]
    if settings.url:
        lines.append(f"html_baseurl = {settings.url!r}")
    if not has_bib:
        lines.append("# refs.bib is empty: the al-folio site had no _bibliography/papers.bib.")
    lines.append("")
    for key, value in folio.items():
        lines.append(f"folio_{key} = {_literal(value)}")
    return "\n".join(lines) + "\n"


def front_matter(meta: dict[str, Any]) -> str:
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=88)
    # Dates as the contract writes them: date: 2024-05-01, not date: '2024-05-01'.
    text = re.sub(
        r"^(date|start|end): '(\d{4}(?:-\d{2}){0,2})'$", r"\1: \2", text, flags=re.MULTILINE
    )
    return f"---\n{text}---\n"


def fence(body: str, name: str, argument: str = "") -> str:
    """A directive whose body may itself hold fenced blocks."""
    runs = [len(m.group(0)) for m in re.finditer(r"^`{3,}", body, flags=re.MULTILINE)]
    ticks = "`" * max([3, *(n + 1 for n in runs)])
    head = f"{ticks}{{{name}}}" + (f" {argument}" if argument else "")
    return f"{head}\n{body.rstrip()}\n{ticks}\n" if body.strip() else f"{head}\n{ticks}\n"


def toctree(entries: list[str]) -> str:
    entries = list(dict.fromkeys(entries))  # the same page twice is a Sphinx warning
    if not entries:
        return ""
    return "```{toctree}\n:hidden:\n\n" + "\n".join(entries) + "\n```\n"


def collection_index(collection: str, stems: list[str]) -> str:
    parts = [f"# {TITLES[collection]}\n", f"```{{listing}} {collection}\n```\n"]
    tree = toctree(stems)
    if tree:
        parts.append(tree)
    return "\n".join(parts)


def write(out: Path, output: Output) -> list[str]:
    """Write everything; returns the files written, relative to ``out``."""
    written: list[str] = []
    out.mkdir(parents=True, exist_ok=True)
    (out / "_static").mkdir(exist_ok=True)
    for target, text in output.texts.items():
        path = out / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(target)
    for target, src in output.copies.items():
        path = out / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, path)
        written.append(target)
    written.append("IMPORT-REPORT.md")
    (out / MANIFEST).write_text("\n".join(sorted(written)) + "\n", encoding="utf-8")
    return written


def remove_previous(out: Path) -> bool:
    """Remove the files a previous import wrote (``--force``); False if there was none."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return False
    root = out.resolve()
    for line in manifest.read_text(encoding="utf-8").splitlines():
        path = (out / line).resolve()
        if line.strip() and path.is_file() and root in path.parents:
            path.unlink()
    manifest.unlink()
    return True
