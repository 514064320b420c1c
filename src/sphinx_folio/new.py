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


def _package_requirement() -> str:
    """How ``requirements.txt`` names sphinx-folio: where this copy came from, if known."""
    try:
        direct = metadata.distribution("sphinx-folio").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    info = json.loads(direct) if direct else {}
    vcs = info.get("vcs_info", {})
    if vcs.get("vcs") == "git" and info.get("url"):
        return f"sphinx-folio @ git+{info['url']}@{vcs['commit_id']}"
    if info.get("url", "").startswith("file:"):
        # A wheel or a checkout on this machine: a path here means nothing on Read the Docs.
        return (
            "# sphinx-folio was installed from a file here; if it is not on PyPI, name its\n"
            "# repository instead: sphinx-folio @ git+https://github.com/<owner>/<repo>@<tag>\n"
            f"sphinx-folio=={__version__}"
        )
    return f"sphinx-folio=={__version__}"


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
        "package_requirement": _package_requirement(),
        "pins": _installed_pins("sphinx-folio"),
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
