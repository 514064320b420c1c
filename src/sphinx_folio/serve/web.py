"""The preview's web side: the built files, a reload channel, and the last build's errors.

Every HTML page served gets a small script that opens a WebSocket to ``RELOAD_PATH`` and
reloads the page when the server says a build finished. While the last build failed,
every HTML page also gets a box at the bottom with what the build printed, so an error
is seen in the browser as well as in the terminal. Pages are sent with ``no-store``:
a reload must fetch the page again, with or without the box.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect

RELOAD_PATH = "/__folio_serve__/reload"
#: Terminal colours in what Sphinx printed (linear: one character class, no nesting).
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

_SCRIPT = (
    "<script>(function(){var s=new WebSocket((location.protocol==='https:'?'wss://':'ws://')"
    f"+location.host+'{RELOAD_PATH}');"
    "s.onmessage=function(){location.reload();};})();</script>\n"
)
_BOX = (
    '<div id="folio-serve-error" role="alert" tabindex="0" style="position:fixed;left:0;right:0;'
    "bottom:0;max-height:50vh;overflow:auto;z-index:10000;margin:0;padding:1rem;"
    "background:#fff4f4;color:#6b0000;border-top:4px solid #b00020;"
    'font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap">'
    "<strong>The last build failed; this page may be out of date. "
    "Fix the file and save: the page reloads.</strong>\n"
    '<b id="folio-serve-error-summary">{summary}</b>\n\n{errors}</div>\n'
)
#: Markers of the lines that say what went wrong (Sphinx's and Python's), found without
#: regular expressions: the text quotes the site's own files.
_LEVELS = ("WARNING:", "ERROR:", "CRITICAL:", "SEVERE:")
_RAISED = ("Error", "Exception")


def plain(text: str) -> str:
    """What Sphinx printed, without terminal colours."""
    return _ANSI.sub("", text)


def summary(text: str, most: int = 5) -> str:
    """The lines that say what went wrong (warnings, errors, the exception raised), first
    ones first; a crash report puts them after many lines of versions and traceback."""
    found: list[str] = []
    for line in text.splitlines():
        words = line.strip()
        name = words.split(": ", 1)[0] if ": " in words else ""
        raised = bool(name) and " " not in name and name.endswith(_RAISED)
        if (raised or any(level in words for level in _LEVELS)) and words not in found:
            found.append(words)
    return "\n".join(found[:most])


@dataclass
class Status:
    """The outcome of the last build, as pages show it."""

    ok: bool = True
    errors: str = ""

    def snippet(self) -> bytes:
        text = plain(self.errors).strip()
        box = "" if self.ok else _BOX.format(summary=escape(summary(text)), errors=escape(text))
        return (box + _SCRIPT).encode("utf-8")


class Clients:
    """The open pages, each a WebSocket waiting to be told to reload."""

    def __init__(self) -> None:
        self._sockets: set[WebSocket] = set()

    async def endpoint(self, socket: WebSocket) -> None:
        await socket.accept()
        self._sockets.add(socket)
        try:
            while True:
                await socket.receive_text()
        except WebSocketDisconnect:
            pass
        finally:
            self._sockets.discard(socket)

    async def reload(self) -> None:
        for socket in list(self._sockets):
            try:
                await socket.send_text("reload")
            except Exception:  # noqa: BLE001 - a page closed meanwhile
                self._sockets.discard(socket)


class InjectSnippet:
    """ASGI middleware: the reload script (and the error box) at the end of HTML pages."""

    def __init__(self, app: ASGIApp, snippet: Callable[[], bytes]) -> None:
        self.app = app
        self.snippet = snippet

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = b""

        async def send_with_snippet(message: Message) -> None:
            nonlocal extra
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    extra = self.snippet()
                    if "content-length" in headers:
                        headers["content-length"] = str(int(headers["content-length"]) + len(extra))
                    for name in ("etag", "last-modified"):
                        if name in headers:
                            del headers[name]
                    headers["cache-control"] = "no-store"
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                message["body"] = message.get("body", b"") + extra
            await send(message)

        await self.app(scope, receive, send_with_snippet)


def make_app(
    out: Path, status: Callable[[], Status], clients: Clients, lifespan: object
) -> ASGIApp:
    out.mkdir(parents=True, exist_ok=True)
    app = Starlette(
        routes=[
            WebSocketRoute(RELOAD_PATH, clients.endpoint),
            Mount("/", app=StaticFiles(directory=out, html=True)),
        ],
        lifespan=lifespan,  # type: ignore[arg-type]
    )
    return InjectSnippet(app, lambda: status().snippet())
