"""The written site built as ``sphinx-build -W`` builds it; each warning's construct made safe.

After the import writes the new site, :func:`verify` builds it in this process with the
html builder (the code path of ``sphinx-build -W -b html``) and reads every warning with
its file and line. Each warning is mapped back to the construct the importer wrote there,
which is rewritten into a safe form: a rule or image or toctree entry left out, a link made
its text, a paragraph or block made a literal block, a bib field or entry or a setting
left out. Every pass only removes or simplifies; a construct that still warns after being
made literal is left out. Each change goes into the report with the al-folio file and line
it came from. After :data:`PASSES` passes a site that still warns is an importer bug, and
the caller says so in one line.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses as dc
import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from .report import Report
from .scan import fences, is_blank, is_rule

#: Builds at most: the first, then one after each round of rewrites.
#: Rewrites cascade: a formula made literal takes its label with it, so what refers to it
#: warns on the next build (six builds on a real site with 59 such constructs).
PASSES = 8


@dc.dataclass(frozen=True)
class BuildWarning:
    file: str
    """Relative to the new site ("" when the warning names no file)."""
    line: int | None
    message: str


@dc.dataclass
class Origin:
    """Where a written file came from: the al-folio file and the line its text starts."""

    source: str
    first_line: int


@dc.dataclass
class Outcome:
    ok: bool
    passes: int
    changes: int
    remaining: list[BuildWarning] = dc.field(default_factory=list)
    fatal: str = ""


_LEVEL = re.compile(r": (WARNING|ERROR|CRITICAL|SEVERE): ")


def parse_warnings(text: str, root: Path) -> list[BuildWarning]:
    """Sphinx's warning stream -> warnings (continuation lines joined to their message)."""
    found: list[BuildWarning] = []
    prefix = str(root.resolve()) + "/"
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # colours, when the terminal has them
    for raw in text.splitlines():
        level = _LEVEL.search(raw)
        if level is None:
            if raw.startswith(("WARNING: ", "ERROR: ")):
                found.append(BuildWarning("", None, raw.split(": ", 1)[1]))
            elif found and raw.strip():
                last = found[-1]
                found[-1] = BuildWarning(last.file, last.line, last.message + "\n" + raw)
            continue
        location, message = raw[: level.start()], raw[level.end() :]
        line: int | None = None
        head, _, tail = location.rpartition(":")
        if head and tail.isdigit():
            location, line = head, int(tail)
        location = location.removeprefix(prefix)
        if location.startswith("/"):
            with contextlib.suppress(ValueError):
                location = Path(location).resolve().relative_to(root.resolve()).as_posix()
        found.append(BuildWarning(location, line, message))
    return found


def build(out: Path) -> tuple[list[BuildWarning], str]:
    """Build ``out`` as ``sphinx-build -W --keep-going -b html`` does, into a temporary
    folder; returns the warnings, and the message of an error that stopped the build."""
    from .._compat import build_collecting_warnings

    stream = io.StringIO()
    fatal = ""
    with tempfile.TemporaryDirectory(prefix="folio-import-check-") as tmp:
        try:
            build_collecting_warnings(out, Path(tmp), stream)
        except Exception as error:  # noqa: BLE001 - any stop of the build is reported
            fatal = " ".join(str(error).split()) or type(error).__name__
    return parse_warnings(stream.getvalue(), out), fatal


def verify(
    out: Path,
    report: Report,
    origins: dict[str, Origin],
    builder: Callable[[Path], tuple[list[BuildWarning], str]] = build,
    passes: int = PASSES,
) -> Outcome:
    """Build, rewrite what warns, build again; at most ``passes`` builds."""
    fixer = _Fixer(out, report, origins)
    warnings: list[BuildWarning] = []
    fatal = ""
    for number in range(1, passes + 1):
        warnings, fatal = builder(out)
        if not warnings and not fatal:
            return Outcome(True, number, fixer.changes)
        if number == passes:
            break
        changed = fixer.fatal(fatal) if fatal and not warnings else False
        # Bottom up within each file: a fix never moves the lines of the next one.
        done: set[tuple[str, int | None]] = set()
        for warning in sorted(warnings, key=lambda w: (w.file, -(w.line or 0))):
            # One rewrite per place a pass: two formulas of one paragraph warn at the
            # same line, and the paragraph made literal for the first must stay.
            if warning.file and (warning.file, warning.line) in done:
                continue
            done.add((warning.file, warning.line))
            changed = fixer.fix(warning) or changed
        if not changed:
            break
    return Outcome(False, number, fixer.changes, warnings, fatal)


class _Fixer:
    def __init__(self, out: Path, report: Report, origins: dict[str, Origin]) -> None:
        self.out = out
        self.report = report
        self.origins = origins
        self.changes = 0
        self.literal: set[tuple[str, str]] = set()
        """(file, text of a block) already made literal: next time it is left out."""
        self.fields: set[tuple[str, str]] = set()
        """(bib, entry key) that already lost a field: next time the entry goes."""

    # --- where a written line came from
    def _where(self, file: str, text: str) -> tuple[str, int | None]:
        origin = self.origins.get(file)
        if origin is None:
            return file, None
        needle = text.strip()
        try:
            source_text = (self.report.source / origin.source).read_text(
                encoding="utf-8", errors="replace"
            )
        except OSError:
            return origin.source, origin.first_line
        if len(needle) >= 6:
            for number, line in enumerate(source_text.split("\n"), start=1):
                plain = line.strip()
                if len(plain) >= 6 and (needle in line or plain in needle):
                    return origin.source, number
        return origin.source, origin.first_line

    def _note(self, file: str, text: str, message: str, action: str) -> None:
        source, line = self._where(file, text)
        first = message.split("\n", 1)[0]
        first = re.sub(r"\s*\[[\w.]+\]$", "", first)
        if len(first) > 160:
            first = first[:157] + "..."
        self.report.note(source, line, f"the new site's build warned ({first}); {action}")
        self.changes += 1

    # --- one warning
    def fix(self, warning: BuildWarning) -> bool:
        path = self.out / warning.file if warning.file else None
        if path is None or not path.is_file() or warning.line is None:
            return self._unlocated(warning)
        if path.name == "conf.py":
            return self._conf(path, warning)
        if path.suffix == ".bib":
            return self._bib(path, warning)
        if path.name in ("cv.yaml", "resume.json"):
            return self._drop_cv(path, warning)
        if path.suffix != ".md":
            return False
        return self._markdown(path, warning)

    def _drop_cv(self, path: Path, warning: BuildWarning) -> bool:
        """A CV the build warns about: the CV page is left out (its data file stays)."""
        conf = self.out / "conf.py"
        text = conf.read_text(encoding="utf-8")
        kept = [line for line in text.split("\n") if not line.startswith("folio_cv ")]
        cv_page = self.out / "cv.md"
        if len(kept) == len(text.split("\n")) and not cv_page.exists():
            return False
        conf.write_text("\n".join(kept), encoding="utf-8")
        if cv_page.exists():
            cv_page.unlink()
        index = self.out / "index.md"
        if index.is_file():
            lines = index.read_text(encoding="utf-8").split("\n")
            index.write_text("\n".join(x for x in lines if x.strip() != "cv"), encoding="utf-8")
        origin = self.origins.get(path.name)
        self.report.note(
            origin.source if origin else "_data/cv.yml",
            None,
            f"the new site's build warned ({_first(warning.message)}); the CV page is left out",
        )
        self.changes += 1
        return True

    def fatal(self, message: str) -> bool:
        """An error that stopped the build: a setting of conf.py it names is left out."""
        where = re.search(r"conf\.py:(\d+)", message)
        if where is None:
            return False
        return self._conf(
            self.out / "conf.py", BuildWarning("conf.py", int(where.group(1)), message)
        )

    def _unlocated(self, warning: BuildWarning) -> bool:
        """A warning with no file or line names no construct: nothing to rewrite (an
        importer bug when it stays)."""
        return False

    # --- Markdown pages
    def _markdown(self, path: Path, warning: BuildWarning) -> bool:
        rel = path.relative_to(self.out).as_posix()
        lines = path.read_text(encoding="utf-8").split("\n")
        index = min(max((warning.line or 1) - 1, 0), len(lines) - 1)
        message = warning.message
        new: list[str] | None = None
        if "transition" in message.lower():
            new = self._drop_rule(lines, index)
            if new is not None:
                near = next((x for x in lines[index:] if x.strip() and not is_rule(x)), "")
                self._note(rel, near, message, "the rule (---) is left out")
        elif "image file not readable" in message or "image file not found" in message:
            new = self._drop_image(lines, index, message)
            if new is not None:
                self._note(rel, lines[index], message, "the image is left out")
        elif "toctree" in message and ("nonexisting" in message or "duplicated" in message):
            new = self._drop_toc_entry(lines, index, message)
            if new is not None:
                self._note(rel, lines[index], message, "the entry is left out of the contents")
        if new is None:
            new = self._block(rel, lines, index, message)
        if new is None:
            return False
        path.write_text("\n".join(new), encoding="utf-8")
        return True

    @staticmethod
    def _drop_rule(lines: list[str], index: int) -> list[str] | None:
        for at in (index, index + 1, index - 1, index + 2, index - 2):
            if 0 <= at < len(lines) and is_rule(lines[at]):
                return lines[:at] + lines[at + 1 :]
        return None

    @staticmethod
    def _drop_image(lines: list[str], index: int, message: str) -> list[str] | None:
        target = re.search(r"not (?:readable|found): (\S+)", message)
        name = target.group(1).rsplit("/", 1)[-1] if target else ""
        for at in (index, index + 1, index - 1):
            if not 0 <= at < len(lines) or (name and name not in re.sub(r"\s", "", lines[at])):
                continue
            line = lines[at]
            if line.lstrip().startswith(("```{figure}", "```{image}", ":::{figure}")):
                end = at + 1
                while end < len(lines) and not lines[end].strip().startswith(("```", ":::")):
                    end += 1
                return lines[:at] + lines[end + 1 :]
            shown = re.sub(r"!\[([^\[\]]*)\]\([^()]*\)", r"\1", line)
            if shown != line:
                return [*lines[:at], shown, *lines[at + 1 :]]
        return None

    @staticmethod
    def _drop_toc_entry(lines: list[str], index: int, message: str) -> list[str] | None:
        named = re.search(r"document '([^']+)'|entry found in toctree: (\S+)", message)
        entry = (named.group(1) or named.group(2)) if named else ""
        short = entry.rsplit("/", 1)[-1]
        seen: set[str] = set()
        for at, line in enumerate(lines):
            value = line.strip()
            duplicate = "duplicated" in message and value and value in seen
            missing = "nonexisting" in message and value in (entry, short) and at >= index - 3
            if value and (duplicate or missing):
                return lines[:at] + lines[at + 1 :]
            seen.add(value)
        return None

    def _block(self, rel: str, lines: list[str], index: int, message: str) -> list[str] | None:
        """The block around ``index``: a fenced block or a paragraph (front matter: its
        line). Links first become their text; then the block becomes a literal block;
        a literal block that still warns is left out."""
        front_end = _front_matter_end(lines)
        if front_end and index < front_end:
            if index == 0:
                return None
            self._note(rel, lines[index], message, "the front matter line is left out")
            return lines[:index] + lines[index + 1 :]
        while index < len(lines) - 1 and is_blank(lines[index]):
            index += 1  # a paragraph's warning may name the blank line before it
        start, end = _block_around(lines, index)
        text = "\n".join(lines[start:end])
        if not text.strip():
            return None
        key = (rel, text)
        if key in self.literal:
            self._note(rel, lines[start], message, "the block is left out")
            return lines[:start] + lines[end:]
        if "xref" in message or "cross-reference" in message:
            unlinked = re.sub(r"(?<!!)\[([^\[\]\n]*)\]\([^()\n]*\)", r"\1", text)
            if unlinked != text:
                self.literal.add((rel, unlinked))
                self._note(rel, lines[start], message, "the link is left as text")
                return lines[:start] + unlinked.split("\n") + lines[end:]
        body = _unfence(lines[start:end])
        ticks = "`" * max(
            [3, *(len(m.group(0)) + 1 for m in re.finditer(r"`{3,}", "\n".join(body)))]
        )
        literal = [f"{ticks}text", *body, ticks]
        self.literal.add((rel, "\n".join(literal)))
        self._note(rel, lines[start], message, "shown as a literal block")
        return lines[:start] + literal + lines[end:]

    # --- refs.bib
    def _bib(self, path: Path, warning: BuildWarning) -> bool:
        rel = path.relative_to(self.out).as_posix()
        lines = path.read_text(encoding="utf-8").split("\n")
        index = min(max((warning.line or 1) - 1, 0), len(lines) - 1)
        start = index
        while start > 0 and not lines[start].lstrip().startswith("@"):
            start -= 1
        end = start + 1
        while end < len(lines) and not lines[end].lstrip().startswith("@"):
            end += 1
        field = re.search(r"field '([\w-]+)'|has an? (\w+) that", warning.message)
        if index == start and field:  # the warning points at the entry; the field is named
            name = (field.group(1) or field.group(2)).lower()
            for at in range(start + 1, end):
                if re.match(rf"\s*{re.escape(name)}\s*=", lines[at], re.IGNORECASE):
                    index = at
                    break
        key_match = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]*)", lines[start])
        key = key_match.group(1) if key_match else str(start)
        origin = self.origins.get(rel)
        where = (origin.source if origin else rel), None
        if index != start and (rel, key) not in self.fields:
            field_end = index + 1
            while field_end < end and not re.match(
                r"\s*([A-Za-z][\w-]*\s*=|[})]\s*$)", lines[field_end]
            ):
                field_end += 1
            self.fields.add((rel, key))
            name = lines[index].split("=", 1)[0].strip()
            self.report.note(
                where[0],
                _bib_line(self.report.source / where[0], key),
                f"the new site's build warned ({_first(warning.message)}); field {name!r} "
                f"of entry {key!r} is left out",
            )
            self.changes += 1
            path.write_text("\n".join(lines[:index] + lines[field_end:]), encoding="utf-8")
            return True
        self.report.note(
            where[0],
            _bib_line(self.report.source / where[0], key),
            f"the new site's build warned ({_first(warning.message)}); entry {key!r} is left out",
        )
        self.changes += 1
        path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
        return True

    # --- conf.py
    def _conf(self, path: Path, warning: BuildWarning) -> bool:
        text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return False
        line = warning.line or 0
        for node in tree.body:
            end = node.end_lineno or node.lineno
            if node.lineno <= line <= end and isinstance(node, ast.Assign):
                lines = text.split("\n")
                name = ast.unparse(node.targets[0])
                if name in ("project", "extensions", "root_doc", "html_theme"):
                    return False
                self.report.note(
                    "_config.yml",
                    None,
                    f"the new site's build stopped ({_first(warning.message)}); setting "
                    f"{name} is left out of conf.py",
                )
                self.changes += 1
                path.write_text("\n".join(lines[: node.lineno - 1] + lines[end:]), encoding="utf-8")
                return True
        return False


def _first(message: str) -> str:
    first = re.sub(r"\s*\[[\w.]+\]$", "", message.split("\n", 1)[0])
    return first if len(first) <= 160 else first[:157] + "..."


def _bib_line(path: Path, key: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    at = text.find(key + ",")
    return text.count("\n", 0, at) + 1 if at >= 0 and key else None


def _front_matter_end(lines: list[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    for at in range(1, len(lines)):
        if lines[at].strip() == "---":
            return at + 1
    return 0


def _block_around(lines: list[str], index: int) -> tuple[int, int]:
    """(start, end) of the fenced block holding line ``index``, else of its paragraph."""
    text = "\n".join(lines)
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    here = offsets[index]
    for fence in fences(text, unclosed=True):
        if fence.start <= here <= fence.end:
            first = lines_before(offsets, fence.start)
            last = lines_before(offsets, fence.end)
            return first, last + 1
    start = index
    while start > 0 and not is_blank(lines[start - 1]):
        start -= 1
    end = index + 1
    while end < len(lines) and not is_blank(lines[end]):
        end += 1
    # Display math ($$ ... $$) may hold blank lines: the block is the whole formula.
    before = sum(line.count("$$") for line in lines[:start])
    if before % 2:
        while start > 0 and "$$" not in lines[start - 1]:
            start -= 1
        start = max(start - 1, 0)
    if sum(line.count("$$") for line in lines[:end]) % 2:
        while end < len(lines) and "$$" not in lines[end]:
            end += 1
        end = min(end + 1, len(lines))
    return start, end


def lines_before(offsets: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(offsets, offset) - 1


def _unfence(block: list[str]) -> list[str]:
    """A fenced block's inner lines (a directive's options dropped); else the block."""
    if len(block) >= 2 and block[0].lstrip().startswith(("```", "~~~", ":::")):
        inner = block[1:-1] if block[-1].strip().startswith(("```", "~~~", ":::")) else block[1:]
        return [line for line in inner if not re.match(r"^:\w[\w-]*:", line)]
    return block
