"""Shared fixtures: Sphinx's own testing fixtures plus helpers to read built pages."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock
from sphinx.testing.util import SphinxTestApp, _clean_up_global_state
from sphinx_process import run_sphinx

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> Iterator[None]:
    """Under pytest-xdist (``--dist loadgroup``), the tests of one module run on one worker,
    so a module's fixtures (most build a site) are made once, not once per worker. The
    browser tests are grouped by site instead (tests/browser/conftest.py)."""
    browser = Path(__file__).parent / "browser"
    for item in items:
        if not Path(str(item.path)).is_relative_to(browser):
            item.add_marker(pytest.mark.xdist_group(Path(str(item.path)).stem))
    return (yield)


def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    """Every test has a group, so every id a worker collected must carry one
    (``name@group``); if not, xdist ignored the groups and each worker would build every
    site again, silently, as with pytest 9.2 (pytest-xdist#1386)."""
    lost = [nodeid for nodeid in ids if "@" not in nodeid]
    if lost and node.config.getvalue("dist") == "loadgroup":
        raise pytest.UsageError(
            f"pytest-xdist ignored the test groups ({lost[0]} has none): "
            "is the installed pytest the one requirements.lock pins?"
        )


@pytest.fixture(autouse=True)
def _clean_after_input_error() -> Iterator[None]:
    """An InputError is a SystemExit, which SphinxTestApp's constructor does not clean up
    after (it catches Exception): reset docutils' registries so the next test starts clean."""
    yield
    _clean_up_global_state()


def warnings_of(app: SphinxTestApp) -> str:
    """Everything the build printed as a warning or error."""
    return app.warning.getvalue()  # type: ignore[attr-defined,no-any-return]


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    """The built HTML page ``name`` (without suffix), parsed."""
    path = Path(app.outdir) / f"{name}.html"
    assert path.exists(), f"{name}.html was not written"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def built() -> Callable[[SphinxTestApp], SphinxTestApp]:
    """Build ``app`` and fail the test on any warning."""

    def build(app: SphinxTestApp) -> SphinxTestApp:
        app.build()
        assert warnings_of(app) == "", warnings_of(app)
        return app

    return build


# --- this repository's site, built once per run ---------------------------------------------

#: sphinx-build's options as this repo and every site it writes are built: warnings are
#: errors; and as `make html` and Read the Docs build them: every reference resolves.
SPHINX_W = ["-b", "html", "-W", "--keep-going"]
SPHINX = [*SPHINX_W, "-n"]


def sphinx_build(src: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -W --keep-going -n`` of ``src`` into ``out/html`` (doctrees in
    ``out/doctrees``), in its own process as Read the Docs runs it."""
    return run_sphinx([*SPHINX, *options, "-d", out / "doctrees", src, out / "html"])


def conf_values(site: Path) -> dict[str, Any]:
    """The assignments of a site's conf.py, read without running it."""
    tree = ast.parse((site / "conf.py").read_text(encoding="utf-8"))
    return {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }


def build_imported(site: Path) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -W`` of a site the importer (or ``new``) wrote, into its ``_build``."""
    return run_sphinx([*SPHINX_W, "-q", site, site / "_build" / "html"])


def build_copy_of_root(
    tmp_path_factory: pytest.TempPathFactory, root: str
) -> Iterator[SphinxTestApp]:
    """One build of a copy of ``tests/roots/test-<root>``, for a module's read-only tests."""
    src = tmp_path_factory.mktemp(root) / "src"
    shutil.copytree(ROOTS / f"test-{root}", src)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


class SiteCopy:
    """A test root copied to a temporary folder, built with ``sphinx-build`` in its own
    process (as a user's ``make html``), and edited between builds."""

    def __init__(self, src: Path) -> None:
        self.src = src
        self.out = src / "_build" / "html"

    @classmethod
    def of_root(cls, root: str, where: Path) -> SiteCopy:
        target = where / root.removeprefix("test-")
        shutil.copytree(ROOTS / root, target)
        conf_py = target / "conf.py"
        conf_py.write_text(conf_py.read_text() + 'exclude_patterns = ["_build"]\n')
        return cls(target)

    def build(self, *options: str, out: Path | None = None) -> str:
        """Build; the build's log. It must print no warning."""
        out = out or self.out
        result = run_sphinx(["-b", "html", *options, self.src, out])
        assert result.returncode == 0 and result.stderr == "", result.stderr
        return result.stdout

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.src / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.out / f"{name}.html").read_text(), "html.parser")


def cv_site(tmp_path: Path, rootdir: Path, cv: str | bytes, name: str = "data/cv.yaml") -> Path:
    """The ``test-cv`` root, copied, with ``cv`` as its CV file (at ``name``)."""
    src = tmp_path / "site"
    shutil.copytree(rootdir / "test-cv", src)
    (src / "data" / "cv.yaml").unlink()
    target = src / name
    if isinstance(cv, bytes):
        target.write_bytes(cv)
    else:
        target.write_text(cv, encoding="utf-8")
    return src


#: How a CV date the checker cannot read is reported, after the value.
CV_NOT_A_DATE = (
    "is not a date (JSON Resume dates are YYYY, YYYY-MM or YYYY-MM-DD; an ongoing entry "
    "has no endDate, or endDate: present)"
)


def cv_warnings(app: SphinxTestApp) -> list[str]:
    """The warnings of a :func:`cv_site` build, one per line, paths from the site's folder."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app))
    return [line.split("site/", 1)[-1] for line in text.splitlines()]


def git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--ignored=no"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@dataclass(frozen=True)
class RepoBuild:
    """The real site's one build of this run, and what it printed."""

    out: Path
    doctrees: Path
    stdout: str
    stderr: str
    returncode: int
    #: ``git status`` before and after the build: a build must not touch the checkout.
    status_before: str
    status_after: str


@pytest.fixture(scope="session")
def repo_build(tmp_path_factory: pytest.TempPathFactory) -> RepoBuild:
    """This repository's site, built once for the whole run.

    Under pytest-xdist every worker asks for it: the first builds it, the others wait on a
    lock and read the record it left (the folder is shared through xdist's common tmp root).
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker has a folder in a common one
        shared = shared.parent
    root = shared / "repo-site"
    record = root / "build.json"
    with FileLock(str(shared / "repo-site.lock")):
        if not record.is_file():
            root.mkdir(exist_ok=True)
            before = git_status()
            log = sphinx_build(REPO, root)
            record.write_text(
                json.dumps(
                    {
                        "stdout": log.stdout,
                        "stderr": log.stderr,
                        "returncode": log.returncode,
                        "status_before": before,
                        "status_after": git_status(),
                    }
                ),
                encoding="utf-8",
            )
        data = json.loads(record.read_text(encoding="utf-8"))
    return RepoBuild(out=root / "html", doctrees=root / "doctrees", **data)
