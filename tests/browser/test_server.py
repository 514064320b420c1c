"""The test server gzips text as Read the Docs does, so page weight counts what visitors get."""

from __future__ import annotations

import gzip
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from browser.conftest import Visit
from browser.harness import serve


def _get(url: str, **headers: str) -> tuple[dict[str, str], bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return dict(response.headers), response.read()


def test_text_is_gzipped_for_clients_that_accept_it(tmp_path: Path) -> None:
    page = "<p>" + "light " * 500 + "</p>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG" + bytes(500))
    with serve(tmp_path) as base:
        headers, body = _get(base + "index.html", **{"Accept-Encoding": "gzip, br"})
        assert headers["Content-Encoding"] == "gzip"
        assert int(headers["Content-Length"]) == len(body) < len(page)
        assert gzip.decompress(body).decode() == page
        # Directory URLs serve index.html, compressed too.
        assert _get(base, **{"Accept-Encoding": "gzip"})[0]["Content-Encoding"] == "gzip"
        # Clients that do not ask for gzip, and images, get the file as it is.
        headers, body = _get(base + "index.html")
        assert "Content-Encoding" not in headers and body.decode() == page
        headers, _ = _get(base + "photo.png", **{"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in headers


@pytest.mark.browser
def test_a_request_to_another_host_is_recorded_and_never_answered(
    tmp_path: Path, visit: Callable[..., Visit]
) -> None:
    # A host name and an IP address: neither may be reached, both must be reported.
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>t</title><script src="http://cdn.example.com/lib.js"></script>'
        '<img alt="" src="http://203.0.113.9/pixel.png"><img alt="" src="_static/a.png">',
        encoding="utf-8",
    )
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "a.png").write_bytes(b"\x89PNG" + bytes(50))
    answered: list[str] = []
    with serve(tmp_path) as base:
        visitor = visit()
        page = visitor.page()
        page.on("response", lambda response: answered.append(response.url))
        page.goto(base + "index.html", wait_until="load")
        headers = _get(base + "_static/a.png")[0]
    assert sorted(visitor.external) == [
        "http://203.0.113.9/pixel.png",
        "http://cdn.example.com/lib.js",
    ]
    assert answered == [base + "index.html", base + "_static/a.png"]
    # What the theme serves from _static/ is cached, as a host would let it be.
    assert headers["Cache-Control"] == "max-age=3600"
