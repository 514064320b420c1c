"""``sphinx-folio new DIR``: a complete, working site for a new owner.

The site's files are Jinja templates under ``scaffold/`` (package data), rendered with the
owner's answers. A template's path is the file's path, without ``.j2``; a leading
``dot-`` stands for ``.`` (package data globs skip hidden files).
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Collection, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from packaging.requirements import Requirement

from . import __version__
from .alfolio import UsageError

SCAFFOLD = Path(__file__).parent / "scaffold"
HOSTS = {"readthedocs": "Read the Docs", "github-pages": "GitHub Pages"}
#: Where the package's documentation is published (docs/ in the package's repository).
DOCS_URL = "https://sphinx-folio.readthedocs.io/en/latest/"
#: Files only a group's site has (``--lab``), and those only one person's site has.
_LAB_ONLY = ["people/", "talks/", "teaching/"]
_PERSONAL_ONLY = ["research/", "projects/", "cv.md", "cv.yaml"]
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dc.dataclass
class Owner:
    """The answers ``new`` asks for."""

    name: str
    role: str = ""
    affiliation: str = ""
    email: str = ""
    host: str = "readthedocs"
    lab: bool = False  #: a research group's site: people, talks, teaching (``--lab``)

    def check(self) -> None:
        if not self.name.strip():
            raise UsageError("--name is required: the owner's full name, as in refs.bib")
        if self.email and not _EMAIL.fullmatch(self.email):
            raise UsageError(f"--email {self.email!r} is not an email address")
        if self.host not in HOSTS:
            raise UsageError(f"--host must be one of {', '.join(HOSTS)}, got {self.host!r}")


def ask(owner: Owner, fields: Collection[str], prompt: Callable[[str], str] | None = None) -> Owner:
    """Ask for ``fields`` of ``owner`` (those no flag gave), each default in brackets."""
    prompt = prompt or input  # looked up at call time, so tests can stand in for the user
    questions = {
        "name": "Your full name, as in your papers",
        "role": "Your role (e.g. PhD student in robotics)",
        "affiliation": "Your institution or employer",
        "email": "Your public email address (empty: none)",
        "host": f"Where to publish ({' or '.join(HOSTS)})",
    }
    answers = dc.asdict(owner)
    for field, question in questions.items():
        if field not in fields:
            continue
        default = answers[field]
        while True:
            shown = f" [{default}]" if default else ""
            answers[field] = prompt(f"{question}{shown}: ").strip() or default
            try:
                # Each answer is checked as it is given; the name is checked once known.
                Owner(**{**answers, "name": answers["name"] or "?"}).check()
            except UsageError as error:
                print(f"  {error}")
                answers[field] = default
                continue
            if answers[field] or field != "name":
                break
            print("  a name is needed: it is the site's title and how your papers are found")
    return Owner(**answers)


def _installed_pins(root: str, extras: tuple[str, ...] = ()) -> list[str]:
    """``name==version`` for every distribution ``root`` needs, as installed now."""
    pins: dict[str, str] = {}
    todo = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not any(
                req.marker.evaluate({"extra": extra}) for extra in (*wanted, "")
            ):
                continue
            key = re.sub(r"[-_.]+", "-", req.name).lower()
            if key in pins:
                continue
            try:
                pins[key] = f"{req.name}=={metadata.version(req.name)}"
            except metadata.PackageNotFoundError:
                pins[key] = str(req)  # not installed here: keep the range the package states
                continue
            todo.append((req.name, tuple(req.extras)))
    return sorted(pins.values(), key=str.lower)


#: A new site installs the PDF extra, so that its build typesets cv.pdf (cv_pdf.py).
_NAME = "sphinx-folio[pdf]"


@dc.dataclass(frozen=True)
class PackageSource:
    """How a new site's ``requirements.txt`` names sphinx-folio: as this copy was installed.

    Read from the installed distribution's ``direct_url.json`` (PEP 610): none means an
    index (PyPI); a VCS URL is pinned to the installed commit; a file or folder on this
    machine is named as it is, which works here and nowhere else (``local``).
    """

    requirement: str
    #: The file or folder on this machine that ``requirement`` names, if it names one.
    local: str = ""

    @property
    def hosted(self) -> list[str]:
        """Requirements a host can install, for a site whose requirement is local."""
        return [
            f"{_NAME}=={__version__}   (from PyPI, once this version is released there)",
            f"{_NAME} @ git+https://<host>/<owner>/<repository>@<tag or commit>",
        ]

    def note(self, requirements: Path) -> str:
        """What to tell the person who ran ``new``: empty unless the site is tied to here."""
        if not self.local:
            return ""
        lines = requirements.read_text(encoding="utf-8").splitlines()
        number = lines.index(self.requirement) + 1
        choices = "\n".join(f"    {line}" for line in self.hosted)
        return (
            f"Note: {requirements}, line {number}, installs sphinx-folio from "
            f"{self.local}, which only this machine has: the site builds here. Before "
            f"hosting it, change that line to one of\n{choices}"
        )


def _direct_url() -> str | None:
    """The installed distribution's ``direct_url.json``; None if installed from an index."""
    try:
        return metadata.distribution("sphinx-folio").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None


def installed_source() -> PackageSource:
    """Where this copy of sphinx-folio came from."""
    return package_source(_direct_url())


def package_source(direct_url: str | None) -> PackageSource:
    """The requirement that installs what ``direct_url`` (a ``direct_url.json``) describes."""
    try:
        info = json.loads(direct_url) if direct_url else {}
    except ValueError:
        info = {}
    url = info.get("url", "") if isinstance(info, dict) else ""
    if not isinstance(url, str) or not url:
        return PackageSource(f"{_NAME}=={__version__}")  # from an index
    subdirectory = info.get("subdirectory")
    fragment = f"#subdirectory={subdirectory}" if isinstance(subdirectory, str) else ""
    vcs = info.get("vcs_info")
    vcs = vcs if isinstance(vcs, dict) else {}
    local = _local_path(url)
    if vcs.get("vcs") and vcs.get("commit_id"):
        if url.startswith("file:///"):
            # A named requirement's URL needs a host part (PEP 508 as pip parses it).
            url = "file://localhost/" + url.removeprefix("file:///")
        requirement = f"{_NAME} @ {vcs['vcs']}+{url}@{vcs['commit_id']}{fragment}"
    else:  # a folder (editable or not), a wheel or an sdist
        requirement = f"{_NAME} @ {url}{fragment}"
    return PackageSource(requirement, local)


def _local_path(url: str) -> str:
    """The path a ``file:`` URL names, or "" for any other URL."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return ""
    return url2pathname(parts.path)


def _autobuild() -> str:
    """The live-reload server ``make serve`` installs: the version installed here, if any."""
    try:
        return f"sphinx-autobuild=={metadata.version('sphinx-autobuild')}"
    except metadata.PackageNotFoundError:
        return "sphinx-autobuild>=2024.10"


def _outputs(template: str) -> str:
    parts = [re.sub(r"^dot-", ".", part) for part in template.removesuffix(".j2").split("/")]
    return "/".join(parts)


def _templates() -> Iterator[str]:
    for path in sorted(SCAFFOLD.rglob("*.j2")):
        yield path.relative_to(SCAFFOLD).as_posix()


def render(owner: Owner, today: dt.date | None = None) -> dict[str, str]:
    """The new site: relative path -> text. Nothing is written."""
    today = today or dt.date.today()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SCAFFOLD),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the outputs are Python, YAML, Markdown and Makefiles, not HTML
    )
    env.filters["py"] = repr
    # A YAML scalar: JSON strings are valid YAML, and quote whatever needs quoting.
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    social = {"email": owner.email} if owner.email else {}
    context: dict[str, Any] = {
        **dc.asdict(owner),
        "host_name": HOSTS[owner.host],
        "social": social,
        "year": today.year,
        "month": today.strftime("%Y-%m"),
        "today": today.isoformat(),
        "docs_url": DOCS_URL,
        # The Python the pins were taken from, so that the host installs the same wheels.
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "package": installed_source(),
        "pins": _installed_pins("sphinx-folio", ("pdf",)),
        "autobuild": _autobuild(),
    }
    skip = [".readthedocs.yaml" if owner.host == "github-pages" else ".github/"]
    skip += _LAB_ONLY if not owner.lab else _PERSONAL_ONLY
    return {
        _outputs(name): env.get_template(name).render(context)
        for name in _templates()
        if not _outputs(name).startswith(tuple(skip))
    }


def new_site(out: Path, owner: Owner) -> list[str]:
    """Write the site into ``out`` (missing or empty); the files written, relative to it."""
    owner.check()
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        raise UsageError(f"{out}: not empty; choose a new folder")
    files = render(owner)
    for relative, text in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return sorted(files)
