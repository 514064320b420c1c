"""LaTeX to MathML through Temml, run at build time inside QuickJS: no Node, no network.

Temml (MIT, shipped in ``data/temml/`` with its licence) is a LaTeX-to-MathML converter
written for MathML Core, the MathML that current Chromium, Firefox and Safari draw; it reads
what MathJax reads in practice (amsmath environments, ``\\bm``, ``\\operatorname``,
``\\cancel``, ``\\xrightarrow``, ``\\color``, ...). QuickJS-ng runs it from a 2.5 MB wheel.
``benchmarks/math_converters.py`` measured it against docutils, latex2mathml and KaTeX:
see ``docs/math.md``.

Macros: site-wide ones (``folio_math_macros``) apply everywhere; ``\\newcommand``, ``\\def``
and friends written in a formula apply to the later formulas of the same page, as MathJax
does. Results are cached by content (source, mode and the macros in force), in memory and,
through :meth:`Converter.save`, across builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

#: Bumped when the converter or its options change, so old cached results are dropped.
CACHE_VERSION = "temml-0.13.5/2"
#: The cache keeps every formula it has seen until it holds this many; then only those of
#: the last build (a site's formulas change slowly; a removed one should not stay forever).
CACHE_LIMIT = 50_000


#: Commands of LaTeX's kernel that Temml (and MathJax) lack, defined for every site; a
#: site's own macros of the same name win. ``\\ensuremath{x}`` is ``x`` in math mode: LaTeX
#: exported from notebooks and notes (Julia's Weave, pandoc) writes it around every symbol.
BUILTIN_MACROS = {"\\ensuremath": "#1"}


class TexError(Exception):
    """A formula the converter cannot draw; the message is Temml's, in one line."""


#: Commands that define macros: a formula holding one changes the formulas after it.
DEFINES = re.compile(
    r"\\(?:newcommand|renewcommand|providecommand|def|gdef|edef|xdef|let|DeclareMathOperator)"
    r"(?![A-Za-z])"
)

#: amsmath's \\DeclareMathOperator, which Temml lacks: a definition around \\operatorname.
#: The body has no nested braces (``{Dom}``, ``{arg\\,max}``).
#: The name is braced or bare, never half of each: two optional parts between runs of spaces
#: would let a long run be split every way (quadratic).
_OPERATOR = re.compile(
    r"\\DeclareMathOperator(\*?)\s*(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))\s*\{([^{}]*)\}"
)
#: ``\\newcommand{\\x}``: MathJax lets it redefine a command, and Temml knows more
#: commands than MathJax (``\\R``, ``\\argmax``), which its \\newcommand refuses to redefine.
_NEWCOMMAND = re.compile(r"\\newcommand\s*(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))")


#: ``\\text{embedding_dim}``: MathJax shows the underscore, Temml refuses it in text.
_TEXT_UNDERSCORE = re.compile(r"(\\text(?:rm|tt|sf|it|bf|normal)?\{)([^{}]*)\}")


def normalise_definitions(source: str) -> str:
    """Definitions as MathJax reads them, written so that Temml reads them the same."""
    if "_" in source and "\\text" in source:
        source = _TEXT_UNDERSCORE.sub(
            lambda m: m.group(1) + re.sub(r"(?<!\\)_", r"\\_", m.group(2)) + "}", source
        )
    if "DeclareMathOperator" in source:
        source = _OPERATOR.sub(
            lambda m: (
                f"\\newcommand{{\\{m.group(2) or m.group(3)}}}"
                f"{{\\operatorname{m.group(1)}{{{m.group(4)}}}}}"
            ),
            source,
        )
    if "newcommand" in source:
        source = _NEWCOMMAND.sub(
            lambda m: (
                f"\\let\\{m.group(1) or m.group(2)}\\relax"
                f"\\renewcommand{{\\{m.group(1) or m.group(2)}}}"
            ),
            source,
        )
    return source


_GLUE = r"""
var folioPages = Object.create(null);
var folioSite = Object.create(null);
function folioCopy(macros) { return Object.assign(Object.create(null), macros); }
// QuickJS keeps concatenated strings as ropes, which the Python binding cannot read:
// join() hands back a flat string.
function folioFlat(text) { return [text].join(""); }
function folioSetSite(json, preamble) {
  folioSite = JSON.parse(json);
  preamble = JSON.parse(preamble);
  folioPages = Object.create(null);
  // Definitions one by one: one that Temml refuses does not lose the others.
  preamble.forEach(function (line) {
    try { Object.assign(folioSite, temml.definePreamble(line, {macros: folioCopy(folioSite)})); }
    catch (error) { /* reported where a formula uses it */ }
  });
}
function folioRender(page, source, display, defines) {
  var macros = folioPages[page];
  if (macros === undefined) { macros = folioPages[page] = folioCopy(folioSite); }
  try {
    var added = null;
    if (defines) {
      added = temml.definePreamble(source, {macros: folioCopy(macros), displayMode: display});
    }
    var local = folioCopy(macros);
    var out = temml.renderToString(source, {
      displayMode: display, throwOnError: true, macros: local, maxExpand: 1000, maxSize: [50, 50]
    });
    if (added) { Object.assign(macros, added); delete macros["\\df@tag"]; }
    return folioFlat("+" + out);
  } catch (error) {
    return folioFlat("-" + String(error && error.message || error));
  }
}
"""


_PSEUDOCODE_GLUE = r"""
// pseudocode.js draws the math of an algorithm through a global "katex": Temml stands in.
var katex = {
  renderToString: function (source, options) {
    return temml.renderToString(source, {
      displayMode: !!(options && options.displayMode), throwOnError: true,
      macros: folioCopy(folioSite)
    });
  }
};
function folioPseudocode(source, captions) {
  try {
    return folioFlat("+" + pseudocode.renderToString(source, {
      indentSize: "1.2em", commentDelimiter: "//", lineNumber: false,
      lineNumberPunc: ":", noEnd: false, captionCount: captions
    }));
  } catch (error) {
    return folioFlat("-" + String(error && error.message || error));
  }
}
"""


class Converter:
    """One QuickJS context holding Temml; :meth:`convert` is the only thing a page needs."""

    def __init__(
        self, site_macros: dict[str, str] | None = None, preamble: list[str] | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._context = None
        self._pid = 0
        self._site = {**BUILTIN_MACROS, **(site_macros or {})}
        #: Definitions in LaTeX (``\\newcommand...``), each on its own: a paper's preamble.
        self._preamble = [normalise_definitions(line) for line in preamble or []]
        self._signature = hashlib.sha256(
            json.dumps([self._site, self._preamble], sort_keys=True).encode()
        ).hexdigest()[:16]
        #: per page: the hash of the definitions seen so far, part of each cache key.
        self._page_state: dict[str, str] = {}
        self.cache: dict[str, str] = {}
        self.hits = 0
        self._pseudocode_loaded = False
        #: Kinds of problem already reported in this build (one warning a kind).
        self.reported: set[str] = set()
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0
        self._worker: Converter | None = None
        self._pending: dict[str, Future[str]] = {}
        self._used: set[str] = set()

    def _engine(self):  # type: ignore[no-untyped-def]
        # A context belongs to the process that made it: Sphinx's parallel writers fork.
        if self._context is None or self._pid != os.getpid():
            import quickjs

            context = quickjs.Context()
            context.set_memory_limit(256 * 1024 * 1024)
            context.set_time_limit(10)  # seconds per call: a runaway macro stops, not hangs
            source = resources.files(__package__).joinpath("data/temml/temml.min.js")
            context.eval(source.read_text(encoding="utf-8"))
            context.eval(_GLUE)
            context.get("folioSetSite")(json.dumps(self._site), json.dumps(self._preamble))
            self._context, self._pid = context, os.getpid()
            self._pseudocode_loaded = False
        return self._context

    def _key(self, source: str, display: bool, state: str) -> str:
        return hashlib.sha256(
            f"{CACHE_VERSION}\0{self._signature}\0{state}\0{int(display)}\0{source}".encode()
        ).hexdigest()

    def _run(self, source: str, display: bool, page: str, defines: bool) -> str:
        """Temml's answer: ``+`` and MathML, or ``-`` and the error."""
        with self._lock:
            try:
                out = self._engine().get("folioRender")(page, source, display, defines)
            except Exception as error:  # noqa: BLE001 - the engine's own limits (time, memory)
                self._context = None  # a context that hit a limit is not reused
                out = f"-{type(error).__name__}: {error}"
        return out if isinstance(out, str) and out else "-the converter returned nothing"

    def convert(self, source: str, display: bool, page: str = "") -> str:
        """MathML for ``source``; raises :class:`TexError` when it cannot be drawn."""
        source = normalise_definitions(source)
        defines = bool(DEFINES.search(source))
        state = self._page_state.get(page, "")
        key = self._key(source, display, state)
        self._used.add(key)
        if defines:
            self._page_state[page] = hashlib.sha256(f"{state}\0{source}".encode()).hexdigest()
        elif key not in self.cache:
            self._collect(key)
        cached = self.cache.get(key)
        if cached is not None and not defines:
            self.hits += 1
            return _result(cached)
        out = self._run(source, display, page, defines)
        self.cache[key] = out
        return _result(out)

    def prefetch(self, formulas: list[tuple[str, bool]]) -> None:
        """Start converting ``formulas`` (of a page that defines no macro) in a second
        thread while Sphinx goes on: QuickJS lets go of the GIL, so on a machine with two
        cores a page of many formulas is written in about half the time. :meth:`convert`
        then takes the results, or converts a formula itself if the thread has not begun it.
        """
        if self._pool_pid != os.getpid():  # a forked writer has no thread of its parent
            self._pool, self._pending, self._pool_pid = None, {}, os.getpid()
        if self._pool is None or self._worker is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="folio-math")
            self._worker = Converter(self._site, self._preamble)
        pool, worker = self._pool, self._worker
        for source, display in formulas:
            source = normalise_definitions(source)
            key = self._key(source, display, "")
            if key not in self.cache and key not in self._pending:
                self._pending[key] = pool.submit(worker._run, source, display, "", False)

    def _collect(self, key: str) -> None:
        future = self._pending.pop(key, None) if self._pool_pid == os.getpid() else None
        if future is not None and (future.running() or future.done() or not future.cancel()):
            self.cache[key] = future.result()

    def close(self) -> None:
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.shutdown(cancel_futures=True)
        self._pool, self._pending = None, {}

    def pseudocode(self, source: str, captions: int = 0) -> str:
        """HTML for an algorithm written with LaTeX's ``algorithmic`` (pseudocode.js, MIT,
        vendored in ``data/pseudocode/``); raises :class:`TexError`. ``captions``: the
        algorithms with a caption before this one on the page (they are numbered)."""
        with self._lock:
            try:
                engine = self._engine()
                if not self._pseudocode_loaded:
                    script = resources.files(__package__).joinpath(
                        "data/pseudocode/pseudocode.min.js"
                    )
                    engine.eval("var window = globalThis; var self = globalThis;")
                    engine.eval(script.read_text(encoding="utf-8"))
                    engine.eval(_PSEUDOCODE_GLUE)
                    self._pseudocode_loaded = True
                out = engine.get("folioPseudocode")(source, captions)
            except Exception as error:  # noqa: BLE001 - the engine's own limits (time, memory)
                self._context = None
                out = f"-{type(error).__name__}: {error}"
        return _result(out if isinstance(out, str) and out else "-the converter returned nothing")

    def forget_page(self, page: str) -> None:
        """A page is read again: the macros it defined are forgotten."""
        self._page_state.pop(page, None)
        if self._context is not None and self._pid == os.getpid():
            self._context.eval(f"delete folioPages[{json.dumps(page)}];")

    def load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
            results = data.get("results")
            if isinstance(results, dict):
                self.cache.update(results)

    def save(self, path: Path) -> None:
        """Write the cache; past :data:`CACHE_LIMIT` formulas, only this build's are kept."""
        results = self.cache
        if len(results) > CACHE_LIMIT:
            results = {key: results[key] for key in self._used if key in results}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": CACHE_VERSION, "results": results}))
        tmp.replace(path)


def _result(out: str) -> str:
    if out.startswith("+"):
        html = out[1:]
        if html.startswith("<a ") and html.endswith("></a>"):
            # Temml draws an empty \eqref{} as a link with no text: nothing to read.
            raise TexError("nothing to draw (an empty \\eqref or \\ref?)")
        return html
    message = " ".join(out[1:].split())
    # Temml's messages end with the formula drawn with combining underlines: drop it.
    message = message.split(" at position ")[0].strip()
    raise TexError(message or "unknown error")


class _Text(HTMLParser):
    """The text a reader sees in a piece of MathML, and whether it holds an error node."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.error = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "merror" or any(
            name == "class" and value and "error" in value for name, value in attrs
        ):
            self.error = True
        if tag == "annotation":
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "annotation" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_LEFT_AS_TEXT = re.compile(r"\\[A-Za-z]+")


def drawn(mathml: str) -> bool:
    """True when ``mathml`` has no error node and no TeX command left as text."""
    if "<math" not in mathml:
        return False
    parser = _Text()
    parser.feed(mathml)
    parser.close()
    return not parser.error and not _LEFT_AS_TEXT.search("".join(parser.parts))
