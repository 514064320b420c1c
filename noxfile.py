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


def _run_tests(session: nox.Session, *pins: str) -> None:
    session.install(*pins, "-e", ".[test]")
    session.run("python", "-m", "pip", "freeze", silent=False)
    session.run("python", "-m", *PYTEST, *session.posargs)


@nox.session(python="3.11")
def oldest(session: nox.Session) -> None:
    """Every runtime dependency at the lowest release pyproject.toml allows."""
    _run_tests(session, *lower_bounds())


@nox.session
def newest(session: nox.Session) -> None:
    """The newest releases below the upper bounds."""
    _run_tests(session, "--upgrade")
