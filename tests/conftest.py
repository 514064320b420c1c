"""Shared fixtures: Sphinx's own testing fixtures plus helpers to read built pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp, _clean_up_global_state

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


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
