"""What the browser tests and the benchmarks share: a gzip server, Chromium, page weight.

Kept free of pytest so that ``benchmarks/page_weight.py`` and ``benchmarks/lighthouse.py``
measure exactly what the test suite checks.
"""

from __future__ import annotations

import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx_process import run_sphinx

REPO = Path(__file__).resolve().parents[2]

#: Launch flags for Debian's chromium: headless in a container, and nothing phoning home.
#: Every request to another host than the local test server goes to a proxy that does not
#: exist, and fails (loopback addresses bypass a proxy): nothing leaves the machine, and
#: the tests see each such request as it is made. Blocking this way, not by routing every
#: request through Playwright, keeps the browser's cache working as a visitor's does.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--proxy-server=http://127.0.0.1:9",
]

#: Added for the tests and screenshots, not for Lighthouse, which times pages as a
#: visitor's browser runs them: no optimising JavaScript compiler. A page behaves the
#: same; the renderer spends about 8% less CPU on the survey of every page, since
#: axe-core is loaded afresh with each page and optimising it again each time costs more
#: than it saves. (Compositing on the page's thread saves as much again, but Playwright's
#: clicks and screenshots wait on the compositor and time out.)
LEAN_ARGS = ["--js-flags=--no-opt"]

#: Responses the server compresses, as Read the Docs does (nginx gzip_types and friends).
GZIP_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
)

LOCAL_HOSTS = {"127.0.0.1"}

#: The home page's budget (issue 6): bytes on the wire with gzip, and requests.
BUDGET_BYTES = 150_000
BUDGET_REQUESTS = 15


def find_chromium() -> str | None:
    """The Chromium the tests drive: ``$CHROMIUM`` or the first one on PATH."""
    if os.environ.get("CHROMIUM"):
        return shutil.which(os.environ["CHROMIUM"])
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    return None


# --- serving ------------------------------------------------------------------------------


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """``http.server`` serving a directory, gzipping text when the client accepts it."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
        ".atom": "application/atom+xml",
        ".woff2": "font/woff2",
        ".bib": "text/plain; charset=utf-8",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the tests report what matters

    def end_headers(self) -> None:
        # The theme's assets carry a digest in their URL, and a host keeps them cached (Read
        # the Docs does): a visitor downloads them once, not on every page.
        if "/_static/" in self.path:
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the base class redirects to the slash URL
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and ctype.startswith(GZIP_TYPES)):
            return super().send_head()
        # mtime=0: the same file always compresses to the same bytes.
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops a connection it no longer needs (a page left mid-load): not a
        # fault of the site, and a traceback in the test log would say it was.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) with gzip; yield the base URL."""
    handler = partial(GzipHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- building -----------------------------------------------------------------------------


def build_site(source: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    """Build ``source`` as Read the Docs does: warnings are errors, every reference resolves."""
    doctrees = outdir.parent / "doctrees"
    return run_sphinx(
        ["-b", "html", "-W", "--keep-going", "-n", "-q", "-d", doctrees, source, outdir]
    )


#: The example al-folio sites in the repo, imported with ``sphinx-folio import-alfolio``.
EXAMPLES = REPO / "examples"


def import_and_build(example: str, workdir: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Import ``examples/<example>`` into ``workdir/site`` and build it as :func:`build_site`
    does; the HTML folder and the build's result."""
    from sphinx_folio.alfolio import import_alfolio

    source = workdir / "site"
    import_alfolio(EXAMPLES / example, source)
    html = workdir / "html"
    return html, build_site(source, html)


#: The owner of the site ``sphinx-folio new`` writes for the browser tests and screenshots.
NEW_SITE_FLAGS = [
    "--name",
    "Ada Lovelace",
    "--role",
    "PhD student in computing",
    "--affiliation",
    "University of London",
    "--email",
    "ada@example.org",
]


def new_and_build(workdir: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Write a site with ``sphinx-folio new`` into ``workdir/site`` (untouched, as its owner
    first sees it) and build it as :func:`build_site` does; the HTML folder and the result."""
    from sphinx_folio.cli import main

    source = workdir / "site"
    if main(["new", str(source), *NEW_SITE_FLAGS]) != 0:
        raise RuntimeError("sphinx-folio new failed")
    html = workdir / "html"
    return html, build_site(source, html)


@contextmanager
def site_to_measure(html: Path | None, source: Path) -> Iterator[Path]:
    """``html`` if given, else ``source`` built into a temporary folder (for the benchmarks).

    A failed build exits with its log: a benchmark of a broken site means nothing.
    """
    if html is not None:
        yield html
        return
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "html"
        result = build_site(source, html)
        if result.returncode:
            sys.exit(result.stdout + result.stderr)
        yield html


def built_pages(html_dir: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root, home first; not the
    pointers that only send the visitor home (an empty collection's address)."""
    pages = sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if not p.relative_to(html_dir).parts[0].startswith(("_", "."))
        and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:1000]
    )
    pages.sort(key=lambda p: p != "index.html")
    return pages


# --- page weight --------------------------------------------------------------------------


@dataclass
class PageWeight:
    """What loading one page costs: every request and the bytes it put on the wire."""

    page: str
    #: URL -> bytes received (headers + gzip-encoded body), as Chromium counts them.
    transfers: dict[str, int] = field(default_factory=dict)
    #: URL -> bytes of the decoded body.
    raw: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.transfers)

    @property
    def transferred(self) -> int:
        return sum(self.transfers.values())

    @property
    def decoded(self) -> int:
        return sum(self.raw.values())


def measure(page: Any, url: str, name: str) -> PageWeight:
    """Load ``url`` in a fresh Playwright ``page`` and count what went over the network.

    Counts come from the DevTools protocol (``encodedDataLength`` of every finished or
    failed request), after the page has loaded and the network has gone quiet, so
    lazily loaded fonts and scripts are included. Byte counts are deterministic.
    """
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    weight = PageWeight(name)

    def sent(event: dict[str, Any]) -> None:
        if event["request"]["url"].startswith("http"):
            urls[event["requestId"]] = event["request"]["url"].split("?")[0]

    def received(event: dict[str, Any]) -> None:
        if event["requestId"] in urls:
            weight.raw[urls[event["requestId"]]] = weight.raw.get(
                urls[event["requestId"]], 0
            ) + int(event["dataLength"])

    def finished(event: dict[str, Any]) -> None:
        if event["requestId"] in urls:
            weight.transfers[urls[event["requestId"]]] = int(event.get("encodedDataLength", 0))

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.dataReceived", received)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", finished)
    page.goto(url, wait_until="networkidle")
    cdp.detach()
    return weight


@contextmanager
def chromium(**launch: Any) -> Iterator[Any]:
    """Debian's chromium through Playwright, headless, with a fresh temporary profile.

    Playwright gives every ``launch()`` its own new user-data directory and removes it
    afterwards, so no state leaks between runs.
    """
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise RuntimeError("no Chromium found (install Debian's chromium package)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS + LEAN_ARGS, **launch
        )
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    """Whether a request stays on the test server (data: and blob: URLs never leave)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in LOCAL_HOSTS
