"""Read .bib files the way BibTeX treats a messy file: every entry that can be read is kept.

pybtex (under sphinxcontrib-bibtex) stops at a repeated key or field and drops every
later entry. Here the file is split into entries by brace matching, each entry is
parsed on its own, and a problem costs at most the entry it is in:

* a repeated key: the first entry is kept, and so is everything after it;
* a repeated field: the first value is kept;
* a bare word that is no ``@string`` (``bibtex_show = true``): read as that word;
* a missing comma between two fields: read as if it were there;
* any other syntax error: that entry alone is skipped;
* bytes that are not UTF-8: replaced (U+FFFD), naming the line.

Each problem is a :class:`Problem` with file, line and (for the importer, which writes
a repaired file) the edit that repairs it. :func:`scan` is pure (text in, result out);
:func:`read_files` turns the results into pybtex data, as sphinxcontrib-bibtex expects.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.bibtex.utils import split_name_list
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import month_names
from pybtex.exceptions import PybtexError
from pybtex.textutils import normalize_whitespace

from ..warnings_ import FolioWarning

#: Fields read as lists of names, as pybtex does.
PERSON_FIELDS = frozenset(role.lower() for role in Person.valid_roles)
_COMMAND = re.compile(r"@[ \t\r\n]*([A-Za-z_][\w:-]*)[ \t\r\n]*([{(])")
_RESYNC = re.compile(r"\n[ \t]*@[ \t]*[A-Za-z_]\w*[ \t]*[{(]")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*?\n)??---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_SPACE = re.compile(r"\s*")
_NAME = re.compile(r"[A-Za-z0-9!$&*+\-./:;<>?\[\]^_`|~\x7f]+")
_KEY = {"{": re.compile(r"[^\s,}]+"), "(": re.compile(r"[^\s,]+")}
_FIELD_AHEAD = re.compile(r"\s*[A-Za-z][\w\-:.]*\s*=")
#: A field inside a value: what a '{' that is never closed swallows.
_DELIMITER = re.compile(r"[{})]")
# "\n[ \t]*", not "\n\s*": a run of blank lines was read again from each of its newlines.
_SWALLOWED = re.compile(r"\n[ \t]*[A-Za-z][\w-]*[ \t\r\n]*=[ \t\r\n]*[{\"0-9]")
_SPECIAL = frozenset({"comment", "preamble", "string"})


@dataclass(frozen=True)
class Fix:
    """An edit that repairs the file: ``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str
    what: str  #: What the edit does, for the importer's report.


@dataclass(frozen=True)
class Problem:
    kind: FolioWarning
    path: str
    line: int
    message: str
    fix: Fix | None = None

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class RawEntry:
    type: str
    key: str
    line: int
    fields: list[tuple[str, str]] = field(default_factory=list)
    #: Lowercased field name -> offsets of its value in the file's text.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class ScanResult:
    path: str
    entries: list[RawEntry] = field(default_factory=list)  #: Readable, in file order.
    written: int = 0  #: Entries in the file, readable or not (not @string etc.).
    problems: list[Problem] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)


class _SyntaxError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class _Scanner:
    """One pass over one file's text."""

    def __init__(self, text: str, path: str, macros: dict[str, str]) -> None:
        self.text = text
        self.path = path
        self.macros = macros
        self.result = ScanResult(path)
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._keys: dict[str, int] = {}  # lowercased key -> line of its first entry
        self._next_number: dict[str, int] = {}
        self._matches: dict[int, int] | None = None
        self._specials: list[int] = []
        self._all_keys = {
            m.group(1).lower() for m in re.finditer(r"@\s*\w+\s*[{(]\s*([^\s,{}()]+)\s*,", text)
        }

    def line(self, offset: int) -> int:
        return bisect_right(self._newlines, offset - 1) + 1

    def problem(
        self, kind: FolioWarning, offset: int, message: str, fix: Fix | None = None
    ) -> None:
        self.result.problems.append(Problem(kind, self.path, self.line(offset), message, fix))

    # --- the file: commands and the text between them -----------------------------------

    def run(self) -> ScanResult:
        text = self.text
        front = _FRONT_MATTER.match(text)
        position = front.end() if front else 0
        while True:
            at = text.find("@", position)
            if at < 0:
                return self.result
            match = _COMMAND.match(text, at)
            if match is None:
                position = at + 1  # text outside entries is a comment, as in BibTeX
                continue
            position = self._command(at, match)

    def _closing(self, opener: int) -> int:
        """Offset of the delimiter closing the one at ``opener``, or -1.

        A '{' is closed by its matching '}'; a '(' by the first ')' outside braces, unless
        a '}' with no '{' comes first. Both are read off tables built in one pass over the
        file: scanning from each opener made a file of unclosed entries cost n squared.
        """
        if self._matches is None:
            self._tables()
        assert self._matches is not None
        if self.text[opener] == "{":
            return self._matches.get(opener, -1)
        return self._paren_close(opener + 1)

    def _tables(self) -> None:
        text = self.text
        matches: dict[int, int] = {}
        stack: list[int] = []
        specials: list[int] = []
        for m in _DELIMITER.finditer(text):
            at = m.start()
            specials.append(at)
            if text[at] == "{":
                stack.append(at)
            elif text[at] == "}" and stack:
                matches[stack.pop()] = at
        self._matches = matches
        self._specials = specials
        self._paren_memo: dict[int, int] = {}

    def _paren_close(self, start: int) -> int:
        """The first ')' at brace depth 0 from ``start``, or -1 (a stray '}' first, or none).
        Each position's answer is remembered, so every position is resolved once."""
        assert self._matches is not None
        chain: list[int] = []
        position = start
        result = -1
        while True:
            if position in self._paren_memo:
                result = self._paren_memo[position]
                break
            chain.append(position)
            i = bisect_right(self._specials, position - 1)
            if i >= len(self._specials):
                break
            at = self._specials[i]
            char = self.text[at]
            if char == ")":
                result = at
                break
            if char == "}":
                break
            close = self._matches.get(at, -1)
            if close < 0:
                break
            position = close + 1
        for seen in chain:
            self._paren_memo[seen] = result
        return result

    def _command(self, at: int, match: re.Match[str]) -> int:
        kind = match.group(1).lower()
        opener = match.end() - 1
        close = self._closing(opener)
        resync = _RESYNC.search(self.text, opener)
        next_start = resync.start() + 1 if resync else len(self.text)
        if kind == "comment":
            return close + 1 if close >= 0 else match.end()
        if kind not in _SPECIAL:
            self.result.written += 1
        key_match = _KEY[self.text[opener]].match(self.text, self._skip(opener + 1, len(self.text)))
        key = key_match.group(0) if key_match and kind not in _SPECIAL else ""
        what = f"entry {key!r}" if key else f"@{kind}"
        error: _SyntaxError | None = None
        if close >= 0:
            error = self._parse(kind, at, match.group(1), opener, close)
            if error is None:
                return close + 1
        if next_start <= (close if close >= 0 else len(self.text)):
            # An entry starts inside this one. If the only thing missing is the closing
            # brace (everything before that entry balances), read up to there.
            cut = len(self.text[:next_start].rstrip())
            if self._balanced(opener + 1, cut) and not self._parse(
                kind, at, match.group(1), opener, cut, repairing=True
            ):
                closing = "}" if self.text[opener] == "{" else ")"
                self.problem(
                    FolioWarning.BIB_SYNTAX,
                    cut,
                    f"{what}: no {closing!r} closes it before the next entry (line "
                    f"{self.line(next_start)}); read as if it were there",
                    Fix(cut, cut, closing, f"{what}: {closing!r} added at its end"),
                )
                return next_start
        end = next_start if close < 0 or next_start <= close else close + 1
        if error is None:
            message = f"{what}: its braces never close; skipped lines"
            fix_what = f"{what} left out: its braces never close"
        else:
            where = f"(line {self.line(error.offset)})"
            message = f"{what}: {error} {where}; entry skipped, lines"
            fix_what = f"{what} left out: {error} {where}"
        self.problem(
            FolioWarning.BIB_SYNTAX,
            at,
            f"{message} {self.line(at)}-{self.line(end - 1)}",
            Fix(at, end, "", fix_what),
        )
        return end

    def _parse(
        self, kind: str, at: int, type_: str, opener: int, close: int, repairing: bool = False
    ) -> _SyntaxError | None:
        """Read the command whose body ends at ``close``; on error, nothing of it is kept."""
        problems_before = len(self.result.problems)
        try:
            if kind == "string":
                self._string(opener + 1, close)
            elif kind == "preamble":
                self.result.preamble.append(self._value(opener + 1, close, "preamble")[0])
            else:
                self._entry(at, kind, type_, opener, close, repairing)
        except _SyntaxError as exc:
            del self.result.problems[problems_before:]
            return exc
        return None

    def _balanced(self, start: int, end: int) -> bool:
        depth = 0
        for char in self.text[start:end]:
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    return False
        return depth == 0

    # --- inside one command ----------------------------------------------------------------

    def _skip(self, position: int, end: int) -> int:
        match = _SPACE.match(self.text, position)  # always matches (\s*)
        return min(match.end() if match else position, end)

    def _string(self, start: int, end: int) -> None:
        position = self._skip(start, end)
        name = _NAME.match(self.text, position, end)
        if name is None:
            raise _SyntaxError("@string without a name", position)
        position = self._skip(name.end(), end)
        if self.text[position : position + 1] != "=":
            raise _SyntaxError(f"'=' expected after @string name {name.group(0)!r}", position)
        value, position = self._value(position + 1, end, name.group(0))
        if self._skip(position, end) < end:
            raise _SyntaxError("unexpected text after the @string value", position)
        self.macros[name.group(0).lower()] = value

    def _entry(
        self, at: int, kind: str, type_: str, opener: int, end: int, repairing: bool = False
    ) -> None:
        text = self.text
        position = self._skip(opener + 1, end)
        key_match = _KEY[text[opener]].match(text, position, end)
        if key_match is None or _FIELD_AHEAD.match(text, position, end):
            raise _SyntaxError("the entry has no key", position)
        key = key_match.group(0)
        position = self._skip(key_match.end(), end)
        if position < end and text[position] != ",":
            raise _SyntaxError(f"',' expected after the key {key!r}", position)
        entry = RawEntry(type_, key, self.line(at))
        seen: dict[str, int] = {}
        while True:
            position = self._skip(position, end)
            if position < end and text[position] == ",":
                position += 1
                continue
            if position >= end:
                break
            name_match = _NAME.match(text, position, end)
            if name_match is None:
                raise _SyntaxError(f"a field name expected, found {text[position]!r}", position)
            name = name_match.group(0)
            field_start = position
            position = self._skip(name_match.end(), end)
            if text[position : position + 1] != "=":
                raise _SyntaxError(f"'=' expected after {name!r}", position)
            value_start = self._skip(position + 1, end)
            value, position = self._value(position + 1, end, name, key)
            value_end = position
            position = self._skip(position, end)
            if position < end and text[position] != ",":
                if not _FIELD_AHEAD.match(text, position, end):
                    raise _SyntaxError(f"',' expected after field {name!r}", position)
                self.problem(
                    FolioWarning.BIB_SYNTAX,
                    value_end,
                    f"entry {key!r}: ',' missing after field {name!r}; read as if it were there",
                    Fix(value_end, value_end, ",", f"entry {key!r}: ',' added after {name!r}"),
                )
            lower = name.lower()
            if lower in seen:
                after = position + 1 if position < end and text[position] == "," else value_end
                self.problem(
                    FolioWarning.BIB_DUPLICATE,
                    field_start,
                    f"entry {key!r}: field {name!r} repeated (first on line {seen[lower]}); "
                    "the first value is kept",
                    Fix(field_start, after, "", f"entry {key!r}: repeated field {name!r} removed"),
                )
                continue
            if repairing and _SWALLOWED.search(value):
                # The '}' that is missing closes this value, not the entry.
                raise _SyntaxError(f"the value of {name!r} runs into the next field", value_start)
            seen[lower] = self.line(field_start)
            entry.fields.append((name, value))
            entry.spans[lower] = (value_start, value_end)
        self._add(entry, at, opener)

    def _add(self, entry: RawEntry, at: int, opener: int) -> None:
        lower = entry.key.lower()
        if lower in self._keys:
            # The next free number of each key is remembered: counting up from 2 for each
            # repeat made a file of n copies of one entry cost n squared.
            number = self._next_number.get(lower, 2)
            while f"{lower}-{number}" in self._all_keys:
                number += 1
            self._next_number[lower] = number + 1
            new = f"{entry.key}-{number}"
            self._all_keys.add(new.lower())
            key_at = self.text.index(entry.key, opener)
            self.problem(
                FolioWarning.BIB_DUPLICATE,
                at,
                f"entry key {entry.key!r} repeated (first on line {self._keys[lower]}); "
                "this entry is skipped, the first one and all others are kept",
                Fix(
                    key_at,
                    key_at + len(entry.key),
                    new,
                    f"repeated entry key {entry.key!r} renamed to {new!r}",
                ),
            )
            return
        self._keys[lower] = entry.line
        self.result.entries.append(entry)

    def _value(self, position: int, end: int, name: str, key: str = "") -> tuple[str, int]:
        """The value starting at ``position``: parts joined by ``#``; returns (value, end)."""
        text = self.text
        parts: list[str] = []
        while True:
            position = self._skip(position, end)
            char = text[position : position + 1] if position < end else ""
            if char == "{":
                close = self._brace_end(position, end)
                parts.append(text[position + 1 : close])
                position = close + 1
            elif char == '"':
                close = self._quote_end(position, end)
                parts.append(text[position + 1 : close])
                position = close + 1
            elif (word := _NAME.match(text, position, end)) is not None:
                # A number (2020) stands for itself; any other word is a @string's name.
                bare = word.group(0)
                parts.append(bare if bare.isdigit() else self._macro(word, name, key))
                position = word.end()
            else:
                found = repr(char) if char else "the end of the entry"
                raise _SyntaxError(f"a value expected for {name!r}, found {found}", position)
            after = self._skip(position, end)
            if text[after : after + 1] != "#":
                return "".join(parts), position
            position = after + 1

    def _macro(self, word: re.Match[str], name: str, key: str) -> str:
        value = self.macros.get(word.group(0).lower())
        if value is not None:
            return value
        bare = word.group(0)
        where = f"entry {key!r}: " if key else ""
        self.problem(
            FolioWarning.BIB_BAREWORD,
            word.start(),
            f"{where}field {name!r} is the bare word {bare!r}, which is no @string; "
            f"read as {bare!r} (write {name} = {{{bare}}})",
            Fix(word.start(), word.end(), "{" + bare + "}", f"{where}{name} = {{{bare}}} braced"),
        )
        return bare

    def _brace_end(self, position: int, end: int) -> int:
        depth = 0
        for index in range(position, end):
            char = self.text[index]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return index
        raise _SyntaxError("a '{' that never closes", position)

    def _quote_end(self, position: int, end: int) -> int:
        depth = 0
        for index in range(position + 1, end):
            char = self.text[index]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == '"' and depth == 0:
                return index
        raise _SyntaxError("a '\"' that never closes", position)


def default_macros() -> dict[str, str]:
    """The month names, as pybtex (and BibTeX's styles) define them."""
    return dict(month_names)


def scan(text: str, path: str = "", macros: dict[str, str] | None = None) -> ScanResult:
    """Every entry of ``text`` that can be read, and the problems found."""
    return _Scanner(text, path, default_macros() if macros is None else macros).run()


def decode(data: bytes, path: str, encoding: str = "utf-8-sig") -> tuple[str, list[Problem]]:
    """``data`` as text; bytes that do not decode become U+FFFD, reported by line."""
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError:
        pass
    except LookupError:
        encoding = "utf-8-sig"
    bad = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            bad.append(number)
    shown = ", ".join(map(str, bad[:5])) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
    problem = Problem(
        FolioWarning.BIB_ENCODING,
        path,
        bad[0] if bad else 0,
        f"bytes that are not {encoding.removesuffix('-sig').upper()} on line"
        f"{'s' if len(bad) > 1 else ''} {shown}; shown as \ufffd (save the file as UTF-8)",
    )
    return data.decode(encoding, errors="replace"), [problem]


def to_entry(raw: RawEntry, path: str) -> tuple[Entry, list[Problem]]:
    """A pybtex entry, built as pybtex's own parser builds it."""
    entry = Entry(raw.type)
    problems: list[Problem] = []
    for name, value in raw.fields:
        value = normalize_whitespace(value)
        if name.lower() not in PERSON_FIELDS:
            entry.fields[name] = value
            continue
        names: list[str] = []
        comma_lists: list[int] = []
        for person in split_name_list(value):
            try:
                entry.add_person(Person(person), name)
                names.append(person)
            except PybtexError:
                # "Qiu Quan, Sun Na, Bai He": names separated by commas, not by "and".
                parts = [part.strip() for part in person.split(",") if part.strip()]
                for part in parts:
                    entry.add_person(Person(part), name)
                names.extend(parts)
                comma_lists.append(len(parts))
        if comma_lists:
            start, end = raw.spans.get(name.lower(), (0, 0))
            fix = None
            if end > start:
                joined = "{" + " and ".join(names) + "}"
                fix = Fix(start, end, joined, f"entry {raw.key!r}: 'and' between the {name}s")
            problems.append(
                Problem(
                    FolioWarning.BIB_SYNTAX,
                    path,
                    raw.line,
                    f"entry {raw.key!r}: {name!r} has names separated by commas; read as "
                    f"{sum(comma_lists)} names (write 'and' between names: 'Quan Qiu and Na Sun')",
                    fix,
                )
            )
    return entry, problems


@dataclass
class ReadResult:
    data: BibliographyData
    keys: dict[str, dict[str, None]]  #: File -> its keys in order (new ones only).
    problems: list[Problem]
    counts: dict[str, tuple[int, int]]  #: File -> (entries read, entries written).
    lines: dict[str, str]  #: Key -> "file:line" where the kept entry starts.


def read_files(sources: Iterable[tuple[str, str]]) -> ReadResult:
    """pybtex data from ``(path, text)`` pairs; a key in two files is kept from the first."""
    data = BibliographyData()
    macros = default_macros()
    keys: dict[str, dict[str, None]] = {}
    problems: list[Problem] = []
    counts: dict[str, tuple[int, int]] = {}
    first: dict[str, str] = {}  # lowercased key -> "file:line"
    lines: dict[str, str] = {}
    for path, text in sources:
        result = scan(text, path, macros)
        problems.extend(result.problems)
        mine: dict[str, None] = {}
        for raw in result.entries:
            lower = raw.key.lower()
            if lower in first:
                problems.append(
                    Problem(
                        FolioWarning.BIB_DUPLICATE,
                        path,
                        raw.line,
                        f"entry key {raw.key!r} repeated (first at {first[lower]}); "
                        "this entry is skipped, the first one and all others are kept",
                    )
                )
                continue
            entry, entry_problems = to_entry(raw, path)
            problems.extend(entry_problems)
            first[lower] = lines[raw.key] = f"{path}:{raw.line}"
            data.add_entry(raw.key, entry)
            mine[raw.key] = None
        for value in result.preamble:
            data.add_to_preamble(normalize_whitespace(value))
        keys[path] = mine
        counts[path] = (len(mine), result.written)
    return ReadResult(data, keys, problems, counts, lines)


def read_paths(paths: Iterable[Path], encoding: str = "utf-8-sig") -> ReadResult:
    """:func:`read_files` on files; a file that is missing is reported, not fatal.

    Raises ``OSError`` for a file that exists but cannot be read.
    """
    sources: list[tuple[str, str]] = []
    missing: list[Problem] = []
    decoded: list[Problem] = []
    for path in paths:
        if not path.is_file():
            missing.append(
                Problem(FolioWarning.BIB_SYNTAX, str(path), 0, "bibliography file not found")
            )
            continue
        text, problems = decode(path.read_bytes(), str(path), encoding)
        decoded.extend(problems)
        sources.append((str(path), text))
    result = read_files(sources)
    result.problems[:0] = missing + decoded
    for problem in missing:
        result.keys[problem.path] = {}
    return result
