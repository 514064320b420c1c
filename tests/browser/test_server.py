"""The test server gzips text as Read the Docs does, so page weight counts what visitors get."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

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
