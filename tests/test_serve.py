"""``sphinx-folio serve``, as someone writing a site uses it: save a file, see the page.

Each test drives a real server (a process of its own, on the loopback interface, on a
free port) over a copy of ``roots/test-serve`` and waits for what a visitor would see,
polling the served page with a deadline: rebuild on edit (and the open page told to
reload), a broken edit shown in the terminal and on the page while the server keeps
serving, and a restart of the build process when the site's own Python code changes.
"""

from __future__ import annotations

import http.client
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from websockets.sync.client import connect

from conftest import ROOTS

#: Bounds of every wait: generous for a loaded 2-core machine, never endless.
START_TIMEOUT = 120.0
CHANGE_TIMEOUT = 60.0


#: No proxy, whatever the environment says: the server is on this machine.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Server:
    process: subprocess.Popen[str]
    site: Path
    url: str = ""
    lines: list[str] = field(default_factory=list)
    _queue: queue.Queue[str] = field(default_factory=queue.Queue)

    def read_output(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line)

    def wait_for_line(self, pattern: str, timeout: float) -> re.Match[str]:
        """The first line printed from now on that matches ``pattern``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None, "the server stopped:\n" + "".join(self.lines)
                continue
            self.lines.append(line)
            if match := re.search(pattern, line):
                return match
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "".join(self.lines))

    def output(self) -> str:
        """Everything printed so far."""
        while not self._queue.empty():
            self.lines.append(self._queue.get())
        return "".join(self.lines)

    def get(self, path: str) -> str:
        with _LOCAL.open(self.url + path, timeout=10) as response:
            return str(response.read().decode("utf-8"))

    def wait_for_page(self, path: str, shows: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + CHANGE_TIMEOUT
        html = ""
        while time.monotonic() < deadline:
            try:
                html = self.get(path)
            except (OSError, http.client.HTTPException):
                time.sleep(0.05)
                continue  # read while the build was writing it: read again
            if shows(html):
                return html
            assert self.process.poll() is None, "the server stopped:\n" + self.output()
            time.sleep(0.05)
        raise AssertionError(f"{path} never showed the change; last served:\n{html[-2000:]}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-serve", site)
    command = [sys.executable, "-m", "sphinx_folio.cli", "serve", "--port", "0"]
    process = subprocess.Popen(
        command,
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Server(process, site)
    threading.Thread(target=running.read_output, daemon=True).start()
    try:
        found = running.wait_for_line(r"serving on (http://127\.0\.0\.1:\d+)/", START_TIMEOUT)
        running.url = found.group(1)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ")


def _error_box(html: str) -> str:
    box = BeautifulSoup(html, "html.parser").find(id="folio-serve-error")
    return box.get_text(" ") if box is not None else ""


def test_an_edit_shows_on_the_page_and_open_pages_are_told_to_reload(server: Server) -> None:
    page = server.get("/notes.html")
    assert "The first note." in _text(page)
    assert "/__folio_serve__/reload" in page  # the reload script is on every page
    host = server.url.removeprefix("http://")
    with connect(f"ws://{host}/__folio_serve__/reload", open_timeout=10) as socket:
        notes = server.site / "notes.md"
        notes.write_text("# Notes\n\nA note written while the server runs.\n", encoding="utf-8")
        assert socket.recv(timeout=CHANGE_TIMEOUT) == "reload"
    shown = server.wait_for_page("/notes.html", lambda html: "while the server runs" in html)
    assert "The first note." not in _text(shown)
    assert not _error_box(shown)


def test_a_broken_edit_is_shown_in_the_terminal_and_on_the_page_and_serving_goes_on(
    server: Server,
) -> None:
    conf = server.site / "conf.py"
    good = conf.read_text(encoding="utf-8")
    conf.write_text(good + "\nfolio_name = (\n", encoding="utf-8")  # a syntax error
    server.wait_for_line(r"the build failed", CHANGE_TIMEOUT)
    assert "conf.py" in server.output()  # Sphinx's message, on the terminal
    page = server.wait_for_page("/index.html", lambda html: bool(_error_box(html)))
    assert "conf.py" in _error_box(page)
    # What went wrong comes first, before the crash report's versions and traceback.
    first = BeautifulSoup(page, "html.parser").find(id="folio-serve-error-summary")
    assert first is not None and "syntax error" in first.get_text(), page[-3000:]
    assert "Ada Example" in _text(page)  # the last good page is still served

    conf.write_text(good, encoding="utf-8")
    server.wait_for_page("/index.html", lambda html: not _error_box(html))
    assert server.process.poll() is None


def test_a_change_to_the_sites_python_code_restarts_the_build_process(server: Server) -> None:
    assert "hello from the first version" in _text(server.get("/index.html"))
    extension = server.site / "_ext" / "greeting.py"
    code = extension.read_text(encoding="utf-8")
    extension.write_text(code.replace("the first version", "the second version"), encoding="utf-8")
    # An incremental rebuild would not read index.md again: only a fresh process and
    # environment show the extension's new text.
    shown = server.wait_for_page("/index.html", lambda html: "the second version" in html)
    assert "the first version" not in _text(shown)
    assert "restarting the build process" in server.output()


def test_a_build_in_the_warm_worker_is_the_build_sphinx_build_makes(tmp_path: Path) -> None:
    """The worker has built a scratch site in its own process before forking this build:
    what that left behind must not show in the site."""
    from sphinx_process import run_sphinx

    from sphinx_folio.serve.app import Worker

    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-collection", site)
    warm, fresh = tmp_path / "warm", tmp_path / "fresh"
    worker = Worker()
    worker.start()
    try:
        reply = worker.build(["-b", "html", "-q", "-W", str(site), str(warm)])
    finally:
        worker.stop()
    assert reply["status"] == 0, reply["errors"]
    result = run_sphinx(["-b", "html", "-q", "-W", site, fresh])
    assert result.returncode == 0, result.stderr

    def files(out: Path) -> dict[str, bytes]:
        return {
            path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.is_file() and ".doctrees" not in path.parts
        }

    built, expected = files(warm), files(fresh)
    assert built.keys() == expected.keys()
    assert [name for name in built if built[name] != expected[name]] == []


def test_serve_outside_a_site_says_where_conf_py_was_looked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sphinx_folio.cli import main

    assert main(["serve", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert f"{tmp_path / 'conf.py'}: not found" in error
    assert error.count("\n") == 1  # one line, no traceback


@settings(max_examples=200, deadline=500)  # milliseconds per example: linear, or it fails
@given(st.text(alphabet="\x1b[0;9m:aE rWARNING\n", max_size=20_000))
def test_what_a_build_printed_is_cleaned_and_summed_up_in_linear_time(text: str) -> None:
    from sphinx_folio.serve.web import plain, summary

    cleaned = plain(text)
    assert "\x1b[0m" not in cleaned and "\x1b[9;0m" not in cleaned
    assert len(summary(cleaned).splitlines()) <= 5


def test_the_summary_puts_warnings_and_the_exception_first() -> None:
    from sphinx_folio.serve.web import plain, summary

    printed = (
        "\x1b[91mConfiguration error!\x1b[39;49;00m\nVersions\n========\n"
        "    raise ConfigError(msg % err) from err\n"
        "    sphinx.errors.ConfigError: There is a syntax error in conf.py\n"
        "news/a.md:3: WARNING: undefined label: 'x'\n"
        "To report this error to the developers, open an issue\n"
    )
    assert summary(plain(printed)).splitlines() == [
        "sphinx.errors.ConfigError: There is a syntax error in conf.py",
        "news/a.md:3: WARNING: undefined label: 'x'",
    ]
