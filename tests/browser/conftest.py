"""The built site, served with gzip on 127.0.0.1, and Debian's Chromium driven by Playwright.

The site is built once for these tests into a temporary folder, as Read the Docs
builds it (``-W --keep-going -n``), from the repository root, or from ``$FOLIO_SITE``
to test another site. It is not ``_build/html``: that folder may be stale or missing, and the
tests must see what the current sources produce. ``$FOLIO_BUILT_SITE`` names an already
built HTML folder to test instead (handy while fixing one page; never set in CI).
The survey of every page and the link checks also run on the example al-folio sites
(``examples/``), each imported and built once with the same flags, on the math test root,
on a site written by ``sphinx-folio new`` and on the package's documentation (docs/).

Tests marked ``browser`` need a Chromium. Without one they are skipped, with one reason,
except under ``CI=true``, where a missing browser fails the run.

The fixtures are package-scoped, not session-scoped: the browser, its driver and the
server thread are gone before other tests run Sphinx's parallel builds, which fork, and
a fork of a process with those threads alive can hang.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from browser.harness import (
    REPO,
    build_site,
    built_pages,
    chromium,
    find_chromium,
    import_and_build,
    is_local,
    new_and_build,
    serve,
)

SCREENSHOTS = REPO / "screenshots"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups into the test ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``--dist loadgroup``), the tests of one site run on one worker,
    so each site is built and served once; this repository's site (built once per run in
    tests/conftest.py) is split by colour mode (the survey's pair by the mode it starts in),
    its survey being the longest test."""
    here = Path(__file__).parent
    for item in items:
        if not Path(str(item.path)).is_relative_to(here):
            continue
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec else {}
        group = f"browser-{params.get('site', 'repo')}"
        if group == "browser-repo" and ("mode" in params or "pair" in params):
            # The survey's pair 0 starts in light mode, pair 1 in dark.
            group += f"-{params.get('mode') or ('light', 'dark')[params['pair']]}"
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture (and the site build): is there a browser to drive?"""
    if item.get_closest_marker("browser") is None or find_chromium() is not None:
        return
    if os.environ.get("CI") == "true":
        # Skipping in CI would let the suite pass without ever opening a page.
        pytest.fail("CI=true but no Chromium found (Debian's chromium package)", pytrace=False)
    pytest.skip("no Chromium found: install Debian's chromium package to run browser tests")


#: The sites a test can ask for with ``@pytest.mark.parametrize("site", SITES, indirect=True)``:
#: this repository's site, the example al-folio sites imported from ``examples/``, the math
#: test root (MathML pages: drawn without a request to anyone), the lab test root (a group
#: site: people, talks, teaching), a site fresh from
#: ``sphinx-folio new``, and the package's documentation (docs/, built with the package).
SITES = ["repo", "alfolio-001", "alfolio-003", "test-math", "test-lab", "new", "docs"]


@pytest.fixture(scope="package")
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site's HTML folder: this repository's site unless a test asks for another.

    Each site is built once for the package, however many tests visit it.
    """
    which = getattr(request, "param", "repo")
    if which.startswith("test-") or which == "docs":
        out = tmp_path_factory.mktemp(which) / "html"
        source = REPO / "docs" if which == "docs" else REPO / "tests" / "roots" / which
        result = build_site(source, out)
        if result.returncode != 0:
            pytest.fail(f"{which} did not build cleanly:\n{result.stdout}\n{result.stderr}")
        return out
    if which == "new":
        html, result = new_and_build(tmp_path_factory.mktemp(which))
        if result.returncode != 0:
            pytest.fail(f"the new site did not build cleanly:\n{result.stdout}\n{result.stderr}")
        return html
    if which != "repo":
        html, result = import_and_build(which, tmp_path_factory.mktemp(which))
        if result.returncode != 0:
            pytest.fail(f"{which} did not build cleanly:\n{result.stdout}\n{result.stderr}")
        return html
    if built := os.environ.get("FOLIO_BUILT_SITE"):
        return Path(built).resolve()
    if "FOLIO_SITE" not in os.environ:
        # The run's one build of this repository's site (tests/conftest.py).
        build = request.getfixturevalue("repo_build")
        if build.returncode != 0:
            pytest.fail(f"the site did not build cleanly:\n{build.stdout}\n{build.stderr}")
        return Path(build.out)
    source = Path(os.environ["FOLIO_SITE"]).resolve()
    out = tmp_path_factory.mktemp("browser-site") / "html"
    result = build_site(source, out)
    if result.returncode != 0:
        pytest.fail(f"the site did not build cleanly:\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture
def site_name(request: pytest.FixtureRequest) -> str:
    """Which of :data:`SITES` the test runs on."""
    callspec = getattr(request.node, "callspec", None)
    return str(callspec.params.get("site", "repo")) if callspec else "repo"


@pytest.fixture(scope="package")
def pages(site: Path) -> list[str]:
    """Every built page, home first."""
    return built_pages(site)


@pytest.fixture(scope="package")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@dataclass
class Visit:
    """One browser context: what it logged and every request that tried to leave."""

    context: Any
    console_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def page(self) -> Any:
        page = self.context.new_page()
        page.on(
            "console",
            lambda msg: (
                self.console_errors.append(f"{msg.text} ({msg.location.get('url')})")
                if msg.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("request", self._requested)
        page.on(
            "response",
            lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        return page

    def _requested(self, request: Any) -> None:
        self.requested.append(request.url)
        if not is_local(request.url):
            self.external.append(request.url)  # it fails: see harness.CHROMIUM_ARGS


@pytest.fixture
def visit(browser: Any) -> Iterator[Callable[..., Visit]]:
    """Open a fresh context; requests to any host but 127.0.0.1 are recorded (and fail)."""
    contexts: list[Any] = []

    def open_context(**options: Any) -> Visit:
        context = browser.new_context(**options)
        contexts.append(context)
        return Visit(context)

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
