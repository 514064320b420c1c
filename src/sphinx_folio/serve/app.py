"""The preview server: watch, build in the warm worker, serve, reload."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .changes import Change, Watch
from .web import Clients, Status, make_app


@dataclass
class Options:
    source: Path
    out: Path
    sphinx_args: list[str] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 8000
    watch: list[Path] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)


def say(message: str) -> None:
    print(f"sphinx-folio serve: {message}", flush=True)


_RUN_WORKER = "import runpy, sys; del sys.argv[0]; runpy.run_path(sys.argv[0], run_name='__main__')"


class Worker:
    """The warm process (:mod:`.worker`), started anew on a restart."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._replies: IO[str] | None = None

    def start(self) -> None:
        read, write = os.pipe()
        # Run as a file, not as ``-m sphinx_folio.serve.worker``: importing the package
        # is part of the warm-up, which survives a syntax error in it (the builds then
        # report that error) instead of the worker dying before it can say anything.
        script = Path(__file__).with_name("worker.py")
        self._process = subprocess.Popen(
            [sys.executable, "-c", _RUN_WORKER, str(script), str(write)],
            stdin=subprocess.PIPE,
            pass_fds=(write,),
            text=True,
        )
        os.close(write)
        self._replies = os.fdopen(read, encoding="utf-8")  # closed in stop()
        self._replies.readline()  # {"ready": true} once the imports are done

    def stop(self) -> None:
        if self._process is None:
            return
        with suppress(OSError):
            assert self._process.stdin is not None
            self._process.stdin.close()  # the worker leaves at the end of its input
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._replies is not None:
            self._replies.close()
        self._process = self._replies = None

    def build(self, args: list[str]) -> dict[str, Any]:
        if self._process is None or self._process.poll() is not None:
            self.stop()
            self.start()
        assert self._process is not None and self._process.stdin is not None
        assert self._replies is not None
        try:
            self._process.stdin.write(json.dumps({"args": args, "cwd": str(Path.cwd())}) + "\n")
            self._process.stdin.flush()
            line = self._replies.readline()
        except OSError:
            line = ""
        if not line:  # the worker died (killed, out of memory): the next build starts one
            self.stop()
            return {"status": 1, "errors": "the build process stopped unexpectedly"}
        reply: dict[str, Any] = json.loads(line)
        return reply


class Preview:
    """One ``sphinx-folio serve``: its state between builds."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.watch = Watch(options.source, options.out, options.watch, options.ignore)
        self.worker = Worker()
        self.status = Status()
        self.clients = Clients()
        self.pending: set[Path] = set()
        self.wake = asyncio.Event()
        self.stop = asyncio.Event()
        self.url = ""

    def args(self, fresh: bool) -> list[str]:
        options = self.options
        return [
            "-b",
            "html",
            *(["-E"] if fresh else []),
            *options.sphinx_args,
            str(options.source),
            str(options.out),
        ]

    def build(self, restart: bool) -> None:
        """Build (in a thread: the worker's reply is awaited without blocking the server)."""
        start = time.perf_counter()
        if restart:
            self.worker.stop()
            self.worker.start()
        reply = self.worker.build(self.args(fresh=restart))
        took = time.perf_counter() - start
        status = int(reply["status"])
        errors = str(reply["errors"])
        if status == 0:
            self.status = Status()
            say(f"built in {took:.2f} s")
        else:
            self.status = Status(
                ok=False, errors=errors or f"sphinx-build stopped (status {status})"
            )
            say(
                f"the build failed (status {status}, {took:.2f} s): the messages above are "
                "also shown on the pages; still serving, fix the file and save"
            )

    async def watch_files(self) -> None:
        from watchfiles import awatch

        async for changes in awatch(
            *self.watch.dirs,
            watch_filter=lambda _kind, path: self.watch.wanted(path),
            stop_event=self.stop,
        ):
            self.pending.update(Path(path) for _kind, path in changes)
            self.wake.set()

    async def rebuild_on_change(self) -> None:
        while True:
            await self.wake.wait()
            self.wake.clear()
            changed, self.pending = sorted(self.pending), set()
            restart = any(self.watch.kind(path) is Change.RESTART for path in changed)
            names = ", ".join(_shown(path) for path in changed[:3])
            more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
            action = "restarting the build process" if restart else "rebuilding"
            say(f"{names}{more} changed: {action}")
            await asyncio.to_thread(self.build, restart)
            await self.clients.reload()

    @asynccontextmanager
    async def lifespan(self, _app: object) -> AsyncIterator[None]:
        tasks = [
            asyncio.create_task(self.watch_files()),
            asyncio.create_task(self.rebuild_on_change()),
        ]
        # The watcher's first step sets its watches up (synchronously, before it first
        # waits): only then is a saved file sure to be seen, and the server announced.
        for _ in range(3):
            await asyncio.sleep(0)
        await asyncio.sleep(0.05)
        say(f"serving on {self.url} (Ctrl+C stops)")
        try:
            yield
        finally:
            self.stop.set()
            for task in tasks:
                task.cancel()
            for task in tasks:
                with suppress(asyncio.CancelledError, Exception):
                    await task
            self.worker.stop()


def _shown(path: Path) -> str:
    with suppress(ValueError):
        return str(path.resolve().relative_to(Path.cwd()))
    return str(path)


def serve(options: Options) -> int:
    """Build, serve and rebuild until interrupted; the exit status."""
    import uvicorn

    preview = Preview(options)
    listener = socket.socket(socket.AF_INET6 if ":" in options.host else socket.AF_INET)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((options.host, options.port))
    except OSError as error:
        print(
            f"sphinx-folio: cannot listen on {options.host}:{options.port}: {error.strerror}",
            file=sys.stderr,
        )
        return 2
    listener.listen(128)  # visitors wait in line from now on, not refused
    port = listener.getsockname()[1]
    say("starting the build process")
    preview.worker.start()
    preview.build(restart=False)
    app = make_app(options.out, lambda: preview.status, preview.clients, preview.lifespan)
    host = f"[{options.host}]" if ":" in options.host else options.host
    preview.url = f"http://{host}:{port}/"
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        preview.worker.stop()
    return 0
