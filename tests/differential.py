"""A small site as data, edits to it, and the comparison of an incremental build with a
clean build of the same sources (``tests/test_incremental_invariant.py``).

The site is a :class:`Site` value: bib entries, local files, collection items, options,
data files. :func:`write_site` turns it into files; an :data:`Edit` is a tuple such as
``("entry_year", "k1", "2024")``, applied by :func:`apply`, so that a failing sequence is a
list of tuples a regression test can hold. No pytest here: the long run
(``FOLIO_DIFFERENTIAL_MINUTES``) and the tests use the same code.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_process import run_sphinx

OWNER = "Ada Lovelace"

#: A template override: the package's entry with a mark of the site's own.
ENTRY_TEMPLATE = """\
<li class="folio-pub" id="{{ id }}{{ pub.name }}">
  <p class="folio-pub-title site-override"><a href="{{ root }}{{ paper_uri }}">{{ pub.title }}</a></p>
  <p class="folio-pub-authors">{% include "folio/publication-authors.html" %}</p>
</li>
"""


@dataclass
class Entry:
    title: str
    year: str
    owner: bool = True
    coauthor: str = "Charles Babbage"
    pdf: str = ""  #: a path under the site, "" for none
    preview: str = ""
    keywords: str = ""
    selected: bool = False


@dataclass
class Item:
    title: str
    date: str
    tags: list[str] = field(default_factory=list)


@dataclass
class Site:
    entries: dict[str, Entry] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  #: local files that exist
    posts: dict[str, Item] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)  #: folio_* (without the prefix)
    coauthors: dict[str, str] = field(default_factory=dict)
    cv: bool = False  #: folio_cv set (the file always exists)
    cv_position: str = "Engineer"
    template: bool = False
    page_at_paper: str = ""  #: a key whose paper path a document takes


def initial() -> Site:
    return Site(
        entries={
            "lovelace1843notes": Entry("Notes on the Engine", "1843", pdf="papers/a.pdf"),
            "lovelace2024music": Entry("Engines that Compose", "2024", keywords="music, engines"),
            "babbage1864life": Entry("Passages", "1864", owner=False),
        },
        files={"papers/a.pdf", "img/a.png"},
        posts={
            "first": Item("First post", "2024-01-02", ["music"]),
            "second": Item("Second post", "2024-03-04", ["engines"]),
        },
        options={"bio": "Studies engines."},
        coauthors={"Charles Babbage": "https://example.org/babbage"},
    )


def _bib(key: str, entry: Entry) -> str:
    author = f"{OWNER} and {entry.coauthor}" if entry.owner else "Babbage, Charles"
    fields = {"author": author, "title": entry.title, "year": entry.year, "journal": "Memoirs"}
    if entry.pdf:
        fields["pdf"] = entry.pdf
    if entry.preview:
        fields["preview"] = entry.preview
    if entry.keywords:
        fields["keywords"] = entry.keywords
    if entry.selected:
        fields["selected"] = "true"
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@article{{{key},\n{body}}}\n"


def _write(path: Path, text: str | bytes) -> None:
    """Write ``text`` if it differs, with a modification time newer than the last one (a
    build and an edit may fall in the same tick of a coarse clock)."""
    data = text.encode() if isinstance(text, str) else text
    if path.is_file() and path.read_bytes() == data:
        return
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    after = path.stat().st_mtime_ns
    if after <= before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def _remove(path: Path) -> None:
    if path.exists():
        path.unlink()


def write_site(site: Site, src: Path) -> None:
    """Make the files under ``src`` those of ``site`` (only what differs is written)."""
    options = {f"folio_{name}": value for name, value in site.options.items()}
    conf = [
        'project = "Differential"',
        'extensions = ["sphinx_folio"]',
        'html_theme = "pydata_sphinx_theme"',
        'html_baseurl = "https://ada.example.org/"',
        'bibtex_bibfiles = ["refs.bib"]',
        f"folio_name = {OWNER!r}",
        'folio_coauthors = "coauthors.yaml"',
        'exclude_patterns = ["_build"]',
        'templates_path = ["_templates"]',
        *(f"{name} = {value!r}" for name, value in sorted(options.items())),
    ]
    if site.cv:
        conf.append('folio_cv = "cv.yaml"')
    _write(src / "conf.py", "\n".join(conf) + "\n")
    _write(src / "refs.bib", "\n".join(_bib(k, e) for k, e in site.entries.items()))
    pages = ["publications/index", "posts/index"] + (["cv"] if site.cv else [])
    toctree = "\n".join(pages)
    _write(
        src / "index.md",
        f"# {OWNER}\n\n```{{selected-publications}}\n```\n\n```{{toctree}}\n:hidden:\n{toctree}\n```\n",
    )
    _write(src / "publications/index.md", "# Publications\n\n```{publication-list}\n```\n")
    _write(src / "posts/index.md", "# Posts\n\n```{listing} posts\n:toctree:\n```\n")
    for path in (src / "posts").glob("*.md"):
        if path.stem != "index" and path.stem not in site.posts:
            path.unlink()
    for name, item in site.posts.items():
        tags = "".join(f"  - {tag}\n" for tag in item.tags)
        front = f"title: {item.title}\ndate: {item.date}\n" + (f"tags:\n{tags}" if tags else "")
        _write(src / "posts" / f"{name}.md", f"---\n{front}---\n\nText of {name}.\n")
    for path in ("papers/a.pdf", "papers/b.pdf", "img/a.png", "img/b.png"):
        if path in site.files:
            _write(src / path, f"content of {path}\n")
        else:
            _remove(src / path)
    _write(src / "coauthors.yaml", json.dumps(site.coauthors) + "\n")
    cv = {"work": [{"name": "Engines Ltd", "position": site.cv_position, "startDate": "2020"}]}
    _write(src / "cv.yaml", json.dumps(cv) + "\n")
    _write(src / "cv.md", "# CV\n\n```{cv}\n```\n")
    if not site.cv:
        _remove(src / "cv.md")
    template = src / "_templates/folio/publication-entry.html"
    if site.template:
        _write(template, ENTRY_TEMPLATE)
    else:
        _remove(template)
    for path in (src / "publications").glob("*.md"):
        if path.stem != "index" and path.stem != site.page_at_paper:
            path.unlink()
    if site.page_at_paper:
        _write(
            src / "publications" / f"{site.page_at_paper}.md",
            "---\norphan: true\n---\n# My own page\n\nMine.\n",
        )


#: An edit: (what, *arguments); see :func:`apply`.
Edit = tuple[Any, ...]


def apply(site: Site, edit: Edit) -> Site:
    """``site`` after ``edit`` (a new value; an edit that does not apply changes nothing)."""
    site = copy.deepcopy(site)
    what, *args = edit
    entries = site.entries
    key = args[0] if args else ""
    if what == "entry_add":
        entries.setdefault(key, Entry(args[1], args[2]))
    elif what == "entry_remove":
        entries.pop(key, None)
    elif what == "entry_rekey":
        if key in entries and args[1] not in entries:
            site.entries = {args[1] if k == key else k: e for k, e in entries.items()}
    elif what.startswith("entry_") and key in entries:
        attribute = what.removeprefix("entry_")
        setattr(entries[key], attribute, args[1])
    elif what == "file_add":
        site.files.add(args[0])
    elif what == "file_remove":
        site.files.discard(args[0])
    elif what == "post_add":
        site.posts.setdefault(key, Item(args[1], args[2], list(args[3])))
    elif what == "post_remove":
        site.posts.pop(key, None)
    elif what == "post_title" and key in site.posts:
        site.posts[key].title = args[1]
    elif what == "post_tags" and key in site.posts:
        site.posts[key].tags = list(args[1])
    elif what == "option":
        if args[1] is None:
            site.options.pop(args[0], None)
        else:
            site.options[args[0]] = args[1]
    elif what == "coauthors":
        site.coauthors = dict(args[0])
    elif what == "cv":
        site.cv = args[0]
    elif what == "cv_position":
        site.cv_position = args[0]
    elif what == "template":
        site.template = args[0]
    elif what == "page_at_paper":
        site.page_at_paper = args[0]
    return site


#: Parts of a file that differ between any two builds: none are known yet. (Volatile
#: parts would be listed here as (file pattern, regular expression) and blanked.)
VOLATILE: list[tuple[str, str]] = []

#: Not part of what is published: Sphinx's environment, and our caches beside it.
_IGNORED_PARTS = {".doctrees"}
#: Sphinx's copy of the last build's option hashes, which it keeps when "html" options
#: change (Sphinx's own record, not a page; a clean build has nothing to copy).
_IGNORED_FILES = {".buildinfo.bak"}


def snapshot(out: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(out.rglob("*")):
        parts = set(path.relative_to(out).parts)
        if not path.is_file() or _IGNORED_PARTS & parts or path.name in _IGNORED_FILES:
            continue
        name = path.relative_to(out).as_posix()
        data = path.read_bytes()
        for pattern, regex in VOLATILE:
            if re.fullmatch(pattern, name):
                data = re.sub(regex.encode(), b"", data)
        files[name] = data
    return files


def warnings(stderr: str) -> list[str]:
    """The warnings of a build, without colour, paths from the site's folder, sorted."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", stderr)
    lines = {re.sub(r"^.*?/(site|clean)/", "", line) for line in text.splitlines() if line.strip()}
    return sorted(lines)


@dataclass
class Outcome:
    files: dict[str, bytes]
    warnings: list[str]
    returncode: int
    stderr: str = ""


def build(src: Path, out: Path, *options: str) -> Outcome:
    result = run_sphinx(["-b", "html", "-q", *options, src, out])
    return Outcome(snapshot(out), warnings(result.stderr), result.returncode, result.stderr)


def difference(incremental: Outcome, clean: Outcome) -> str:
    """What differs, in a few lines, or ""."""
    lines = []
    extra = sorted(incremental.files.keys() - clean.files.keys())
    missing = sorted(clean.files.keys() - incremental.files.keys())
    if extra:
        lines.append(f"only in the incremental build: {extra}")
    if missing:
        lines.append(f"missing from the incremental build: {missing}")
    changed = sorted(
        name
        for name in incremental.files.keys() & clean.files.keys()
        if incremental.files[name] != clean.files[name]
    )
    for name in changed[:5]:
        lines.append(
            f"differs: {name}: {_first_difference(incremental.files[name], clean.files[name])}"
        )
    if len(changed) > 5:
        lines.append(f"... and {len(changed) - 5} more: {changed[5:]}")
    if incremental.warnings != clean.warnings:
        lines.append(f"warnings: incremental {incremental.warnings} != clean {clean.warnings}")
    if incremental.returncode != clean.returncode:
        lines.append(f"exit: incremental {incremental.returncode} != clean {clean.returncode}")
    return "\n".join(lines)


def _first_difference(a: bytes, b: bytes) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return f"at byte {at}: {a[max(0, at - 80) : at + 80]!r} != {b[max(0, at - 80) : at + 80]!r}"


class Run:
    """One site under ``where``: edited, built incrementally and compared with a clean
    build of the same sources after every step."""

    def __init__(self, where: Path, *options: str, site: Site | None = None) -> None:
        self.src = where / "site"
        self.clean_out = where / "clean"
        self.options = options
        self.site = site or initial()
        self.steps: list[Edit] = []
        self.src.mkdir(parents=True, exist_ok=True)
        write_site(self.site, self.src)

    def step(self, edit: Edit | None) -> str:
        """Apply ``edit`` (None: the first build), build both ways; the difference."""
        if edit is not None:
            self.steps.append(edit)
            self.site = apply(self.site, edit)
            write_site(self.site, self.src)
        self.incremental = build(self.src, self.src / "_build" / "html", *self.options)
        shutil.rmtree(self.clean_out, ignore_errors=True)
        self.clean = build(self.src, self.clean_out, *self.options)
        if self.clean.returncode != 0:  # a crash both ways is no less a failure
            return f"the clean build failed:\n{self.clean.stderr[-2000:]}"
        return difference(self.incremental, self.clean)

    def check(self, edits: list[Edit]) -> None:
        """Every step of ``edits``; AssertionError naming the sequence at the first
        difference. (The first build is a clean build: only the later ones are compared.)"""
        self.incremental = build(self.src, self.src / "_build" / "html", *self.options)
        for edit in edits:
            problem = self.step(edit)
            assert not problem, f"after {self.steps}:\n{problem}"


def digest(files: dict[str, bytes]) -> str:
    return hashlib.sha256(
        json.dumps(sorted((k, v.hex()) for k, v in files.items())).encode()
    ).hexdigest()
