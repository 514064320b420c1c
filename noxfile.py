"""The tests against the oldest and the newest releases pyproject.toml allows.

    nox -s oldest newest

``oldest`` pins every runtime dependency to its lower bound; ``newest`` lets pip pick the
latest release below each upper bound. Both install from PyPI into nox's own venvs and
run the suite without the browser and packaging tests (those check this machine's
Chromium and the lock file, not the dependency range).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nox

nox.options.sessions = ["oldest", "newest"]
nox.options.reuse_venv = "yes"

HERE = Path(__file__).parent
PYTEST = ["pytest", "-q", "-p", "no:cacheprovider", "--ignore=tests/browser"]
PYTEST += ["--ignore=tests/test_packaging.py", "-n", "auto"]


def _project() -> dict:
    return tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def lower_bounds() -> list[str]:
    """``name==lower`` for each runtime dependency, from its ``>=`` bound."""
    pins = []
    for requirement in _project()["dependencies"]:
        match = re.match(r"([A-Za-z0-9_.-]+)>=([^,;]+)", requirement)
        if match:
            pins.append(f"{match[1]}=={match[2]}")
    return pins


def _run_tests(session: nox.Session, *pins: str, pytest_args: tuple[str, ...] = ()) -> None:
    session.install(*pins, "-e", ".[test]")
    session.run("python", "-m", "pip", "freeze", silent=False)
    session.run("python", "-m", *PYTEST, *pytest_args, *session.posargs)


@nox.session(python="3.11")
def oldest(session: nox.Session) -> None:
    """Every runtime dependency at the lowest release pyproject.toml allows."""
    # pyproject.toml's filterwarnings names RemovedInSphinx11Warning, which Sphinx 8.2
    # does not have yet: leave the warnings plugin out of this run.
    _run_tests(session, *lower_bounds(), pytest_args=("-p", "no:warnings"))


@nox.session
def newest(session: nox.Session) -> None:
    """The newest releases below the upper bounds."""
    _run_tests(session, "--upgrade")
