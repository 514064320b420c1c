"""Preview benchmark: save a file, and time until the served page shows it.

Two servers run side by side in one run, each on its own free loopback port:

* this repository's site under ``sphinx-folio serve`` (a copy, in benchmarks/_work/),
* a one-page bare Sphinx project (``sphinx-quickstart``'s defaults) under
  ``sphinx-autobuild``.

Each edit writes a word never seen before into a file, then fetches the page that shows
it every 10 ms until the word is there: "edit -> visible" is that time. It is measured
5 times (the median is reported) for each of: a news item, an entry of refs.bib (its
title, seen on the publications page), a research page and conf.py (the owner's role on
the home page; the bare project's ``project``, in its page title). The bare project's
"page" edits are to its one page. Between edits the script waits for the server to
finish, so each edit starts from a quiet server.

A third server shows where the site came from: the same site under sphinx-autobuild, as
``make serve`` ran it before ``sphinx-folio serve``; with ``--before-src DIR`` (a checkout
of an earlier ``src/``, e.g. ``git archive <commit> src | tar -x -C /tmp/before``) that
server and the "before" no-change rebuild import the package from there.

Then the fixed cost of a rebuild with nothing to do: ``sphinx-build`` of the site against
an empty project with the same theme (pydata-sphinx-theme), each the median of 5, side
by side.

    python benchmarks/bench_preview.py [--repeat 5] [--before-src /tmp/before/src]
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent
WORK = HERE / "_work" / "preview"
BIN = Path(sys.executable).parent
#: Top-level entries of the repository that are not the site.
NOT_SITE = {".git", ".venv", "_build", "_corpus", "src", "tests", "benchmarks", "docs", "examples"}
#: As ``make serve`` and ``make html`` build this site.
STRICT = ["-W", "--keep-going", "-n"]
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _copy_site() -> Path:
    site = WORK / "site"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    for entry in REPO.iterdir():
        if entry.name in NOT_SITE or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, site / entry.name, ignore=shutil.ignore_patterns("_build"))
        else:
            shutil.copy2(entry, site / entry.name)
    return site


def _bare(theme: str | None, name: str) -> Path:
    site = WORK / name
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    conf = 'project = "Bare"\nexclude_patterns = ["_build"]\n'
    if theme:
        conf += f'html_theme = "{theme}"\n'
    (site / "conf.py").write_text(conf, encoding="utf-8")
    (site / "index.rst").write_text("Bare\n====\n\nOne page.\n", encoding="utf-8")
    return site


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A preview server in a process of its own; what it prints is kept."""

    def __init__(
        self,
        command: list[str],
        cwd: Path,
        ready: str,
        done: str,
        env: dict[str, str] | None = None,
    ) -> None:
        self.done = re.compile(done)
        self.lines: queue.Queue[str] = queue.Queue()
        self.process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(re.compile(ready), timeout=300)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: re.Pattern[str], timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    raise SystemExit("the server stopped") from None
                continue
            if pattern.search(line):
                return line
        raise SystemExit(f"the server never printed {pattern.pattern!r}")

    def settle(self) -> None:
        """Wait for the end of the build an edit started, then for quiet."""
        self.wait_for(self.done, timeout=120)
        time.sleep(0.5)
        while not self.lines.empty():
            self.lines.get()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _visible(url: str, word: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with LOCAL.open(url, timeout=10) as response:
                if word in response.read().decode("utf-8", errors="replace").lower():
                    return
        except (OSError, http.client.HTTPException):
            pass  # read while it was being written: read again
        time.sleep(0.01)
    raise SystemExit(f"{url} never showed {word}")


Edit = Callable[[Path, str], None]


def _append(name: str) -> Edit:
    def edit(site: Path, word: str) -> None:
        path = site / name
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{word}\n", encoding="utf-8")

    return edit


def _replace(name: str, pattern: str, template: str) -> Edit:
    """Replace the first match of ``pattern`` (its group 1 is kept) by ``template``."""

    def edit(site: Path, word: str) -> None:
        path = site / name
        text = path.read_text(encoding="utf-8")
        new = re.sub(pattern, lambda m: template.format(m.group(1), word), text, count=1)
        assert new != text, f"{name}: {pattern} not found"
        path.write_text(new, encoding="utf-8")

    return edit


def _first_owner_title(site: Path) -> str:
    text = (site / "refs.bib").read_text(encoding="utf-8")
    return re.search(r"\n(\s*title\s*=\s*\{)[^\n]*\}", text).group(1)  # type: ignore[union-attr]


#: kind -> (site's edit, page showing it; bare project's edit, page showing it)
def _edits(site: Path) -> dict[str, tuple[Edit, str, Edit, str]]:
    bare_page = (_append("index.rst"), "index.html")
    bare_conf = (_replace("conf.py", r'(project = )"[^"]*"', '{0}"Bare {1}"'), "index.html")
    title = re.escape(_first_owner_title(site))
    return {
        "a news item": (
            _append("news/2026-cvpr-aims-reviewer.md"),
            "news/2026-cvpr-aims-reviewer.html",
            *bare_page,
        ),
        "an entry of refs.bib": (
            _replace("refs.bib", rf"\n({title})", "\n{0}{1} "),
            "publications/index.html",
            *bare_page,
        ),
        "a research page": (
            _append("research/encoder-archaeology.md"),
            "research/encoder-archaeology.html",
            *bare_page,
        ),
        "conf.py": (
            _replace("conf.py", r'(folio_role = )"', '{0}"{1} '),
            "index.html",
            *bare_conf,
        ),
    }


def _time_edit(server: Server, site: Path, url: str, edit: Edit, word: str) -> float:
    start = time.perf_counter()
    edit(site, word)
    _visible(url, word)
    took = time.perf_counter() - start
    server.settle()
    return took


def _no_change(
    site: Path, repeat: int, options: list[str], env: dict[str, str] | None = None
) -> float:
    """Median wall time of ``sphinx-build`` with nothing to do."""
    out = site / "_build/html"
    command = [str(BIN / "sphinx-build"), "-b", "html", "-q", *options, str(site), str(out)]
    subprocess.run(command, check=True, capture_output=True, env=env)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _before_env(before_src: Path | None) -> dict[str, str] | None:
    if before_src is None:
        return None
    return {**os.environ, "PYTHONPATH": str(before_src.resolve())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="edits of each kind (median)")
    parser.add_argument("--before-src", type=Path, help="an earlier src/ for the 'before' rows")
    args = parser.parse_args()
    before_env = _before_env(args.before_src)
    site, bare = _copy_site(), _bare(None, "bare")
    old = WORK / "site-autobuild"
    shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(site, old)
    folio_port, bare_port, old_port = _free_port(), _free_port(), _free_port()
    folio = Server(
        [str(BIN / "sphinx-folio"), "serve", "--port", str(folio_port)],
        site,
        ready=r"serving on",
        done=r"built in|the build failed",
    )
    plain = Server(
        [str(BIN / "sphinx-autobuild"), "--port", str(bare_port), ".", "_build/html"],
        bare,
        ready=r"Waiting to detect changes",
        done=r"Serving on",
    )
    autobuild = Server(
        [str(BIN / "sphinx-autobuild"), "--port", str(old_port), *STRICT, ".", "_build/html"],
        old,
        ready=r"Waiting to detect changes",
        done=r"Serving on",
        env=before_env,
    )
    rows = []
    serial = 0
    try:
        for kind, (edit, page, bare_edit, bare_page) in _edits(site).items():
            ours, theirs, before = [], [], []
            for _ in range(args.repeat):  # alternate, so all see the same machine
                serial += 1
                word = f"zqxedit{serial}x{os.getpid()}"
                ours.append(
                    _time_edit(folio, site, f"http://127.0.0.1:{folio_port}/{page}", edit, word)
                )
                theirs.append(
                    _time_edit(
                        plain, bare, f"http://127.0.0.1:{bare_port}/{bare_page}", bare_edit, word
                    )
                )
                before.append(
                    _time_edit(autobuild, old, f"http://127.0.0.1:{old_port}/{page}", edit, word)
                )
            a, b, c = statistics.median(ours), statistics.median(theirs), statistics.median(before)
            print(f"{kind}: serve {a:.2f} s, bare {b:.2f} s, before {c:.2f} s", file=sys.stderr)
            rows.append(f"| {kind} | {a:.2f} | {b:.2f} | **{a / b:.2f}x** | {c:.2f} |")
    finally:
        folio.stop()
        plain.stop()
        autobuild.stop()
    print(
        "| edit | this site, `sphinx-folio serve` (s) | one-page bare Sphinx, sphinx-autobuild (s)"
        " | ratio | this site under sphinx-autobuild, before (s) |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))

    empty = _bare("pydata_sphinx_theme", "empty-pydata")
    ours_nc = _no_change(site, args.repeat, STRICT)
    empty_nc = _no_change(empty, args.repeat, [])
    before_nc = _no_change(old, args.repeat, STRICT, before_env)
    print()
    print(
        "| no-change rebuild (`sphinx-build`) | this site (s) | empty project, same theme (s)"
        " | ratio | this site, before (s) | ratio before |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| median of {args.repeat} | {ours_nc:.2f} | {empty_nc:.2f}"
        f" | **{ours_nc / empty_nc:.2f}x** | {before_nc:.2f} | {before_nc / empty_nc:.2f}x |"
    )


if __name__ == "__main__":
    main()
