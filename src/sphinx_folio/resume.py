"""The CV's data: a JSON Resume file (YAML or JSON), read and checked once per change.

The file named by ``folio_cv`` is read once per change, checked with jsonschema against
the JSON Resume schema shipped in ``data/resume-schema.json`` (types, known sections),
then for what the schema cannot say (real dates, safe URLs, the fields a CV cannot do
without), and completed from ``conf.py`` (``basics``: name, label, email, summary, url,
location and profiles come from the ``folio_*`` options unless the file gives them), so
nothing is typed twice. Publications are not part of the file: the
CV page lists them from refs.bib with ``{publication-list}``.

A file that cannot be read, a wrong type or a missing required field stops the build
with one line naming the file, line and field, e.g. ``cv.yaml:7: work[1].position is
missing`` (see :mod:`.errors`). A value that can be left out is left out with a ``folio.cv``
warning instead: an impossible date (``2025-13``) or a URL the site does not link
(``javascript:...``, see :mod:`.urls`). ``endDate: present`` (or ``current``, ``now``, or
empty) means the entry is ongoing, as a missing ``endDate`` does in JSON Resume.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import pickle
import reprlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple, cast

import yaml

from .config import FolioConfig, get_config
from .dates import DateError, PartialDate
from .errors import InputError, conf_location
from .paths import OUTSIDE, inside
from .social import social_links
from .state import folio
from .urls import refused, safe_url, site_url

SCHEMA_PATH = Path(__file__).parent / "data" / "resume-schema.json"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
RESUME_JSON = "resume.json"

#: Fields without which an entry cannot be shown; empty strings count as missing.
REQUIRED: dict[str, tuple[str, ...]] = {
    "basics": ("name",),
    "work": ("position",),
    "education": ("institution",),
    "skills": ("name",),
    "awards": ("title",),
    "volunteer": ("organization",),
    "certificates": ("name",),
    "publications": ("name",),
    "languages": ("language",),
    "interests": ("name",),
    "references": ("name",),
    "projects": ("name",),
}
#: Fields of the old (0.x) JSON Resume schema -> their current names. The schema lets
#: unknown fields through, so without this check they would silently vanish from the page.
RENAMED = {
    ("basics", "website"): "url",
    ("basics", "picture"): "image",
    ("work", "company"): "name",
    ("work", "website"): "url",
    ("volunteer", "website"): "url",
    ("education", "gpa"): "score",
    ("awards", "awardDate"): "date",
    ("publications", "website"): "url",
}

#: The sections the page shows, in this order, with their headings.
SECTIONS = {
    "work": "Experience",
    "education": "Education",
    "volunteer": "Service",
    "skills": "Skills",
    "awards": "Awards",
}
MONTHS = [calendar.month_abbr[m] for m in range(13)]


class ResumeError(InputError):
    """The CV data file cannot be read, or is missing a field it cannot do without."""


#: ``endDate`` values that mean "ongoing", as a missing ``endDate`` does.
OPEN_END = frozenset({"", "present", "current", "now", "ongoing", "today"})
#: What :class:`ResumeChecker` returns for a value that is left out.
_OMIT = object()


# --- loading and checking -------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: ``2025-05-01`` stays the string the author wrote."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_date(value: str) -> tuple[int, int | None, int | None] | None:
    """``"2025-05"`` -> (2025, 5, None); None unless a real YYYY, YYYY-MM or YYYY-MM-DD."""
    try:
        date = PartialDate.parse(value)
    except DateError:
        return None
    return date.year, date.month, date.day


def format_date(value: str) -> str:
    """As precise as written: "2025" -> "2025", "2025-05" -> "May 2025", else "3 May 2025"."""
    parsed = parse_date(value)
    if parsed is None:
        return value
    year, month, day = parsed
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS[month]} {year}"
    return f"{day} {MONTHS[month]} {year}"


def _lines(text: str, is_json: bool) -> dict[tuple[str | int, ...], int]:
    """The line (1-based) of each field path, so that messages can name it.

    YAML and JSON alike: PyYAML composes a JSON document too (JSON is YAML's flow style),
    once tabs, which strict JSON has only between tokens, are spaces. The rare JSON that
    PyYAML cannot compose (a key over 1024 characters) gets no map: every line is 1.
    """
    lines: dict[tuple[str | int, ...], int] = {}
    try:
        root = yaml.compose(text.replace("\t", " ") if is_json else text, Loader=_Loader)
    except yaml.YAMLError:
        return lines

    def walk(node: yaml.Node, path: tuple[str | int, ...]) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[(*path, str(key.value))] = key.start_mark.line + 1
                walk(value, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    if root is not None:
        walk(root, ())
    return lines


def _where(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _named(path: Sequence[str | int], message: str) -> str:
    """``work[0].url: message``, the form of every CV message (just ``message`` at the top)."""
    return f"{_where(path)}: {message}" if path else message


#: Values in messages stay short: a wrong type can hold a whole section.
_SHORT = reprlib.Repr()  # (keyword arguments only since Python 3.12)
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxdict = 4
_SHORT.maxlevel = 2
#: What the schema's types are called in messages.
_KINDS = {"object": "a mapping of fields", "array": "a list", "string": "text"}


class _Schema(NamedTuple):
    """The vendored JSON Resume schema, ready to check data with."""

    validator: Any  #: a jsonschema validator of the schema's own draft
    #: section -> the fields of its entries that are dates (``$ref`` to ``iso8601``)
    dates: dict[str, frozenset[str]]
    date: Any  #: a validator of the ``iso8601`` definition alone


@cache
def _schema() -> _Schema:
    """Built once per process: the schema is package data, the same for every build."""
    # Imported here: about 0.1 s that only a site with a CV needs to spend.
    from jsonschema.validators import validator_for
    from referencing import Registry

    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    # The schema's only $ref is local (#/definitions/iso8601). An explicit empty registry
    # makes sure no other is ever fetched: jsonschema's default registry would download
    # a remote $ref (with a DeprecationWarning).
    validator = cls(schema, registry=Registry())
    date_ref = "#/definitions/iso8601"
    dates = {
        section: frozenset(
            field
            for field, sub in spec.get("items", {}).get("properties", {}).items()
            if sub.get("$ref") == date_ref
        )
        for section, spec in schema["properties"].items()
        if isinstance(spec, dict)
    }
    return _Schema(
        validator,
        {section: fields for section, fields in dates.items() if fields},
        validator.evolve(schema=schema["definitions"]["iso8601"]),
    )


class _Fault(NamedTuple):
    order: tuple[int, int]  #: line, then depth: the outermost of faults on one line first
    error: ResumeError


class ResumeChecker:
    """Checks CV data: its structure with jsonschema and the vendored JSON Resume schema,
    then what the schema cannot say (real dates, the site's URL rule, required fields).

    A wrong type or an unknown section stops the build (the first one in the file);
    a value that can be left out is left out and recorded in :attr:`problems`.
    """

    def __init__(self, filename: str, text: str = "", is_json: bool = False) -> None:
        self.filename, self.is_json, self._text = filename, is_json, text
        #: (location, message) of every value left out, for warnings.
        self.problems: list[tuple[str, str]] = []

    @cached_property
    def lines(self) -> dict[tuple[str | int, ...], int]:
        """Field path -> line, made when a message first needs one (a second parse)."""
        return _lines(self._text, self.is_json)

    def line(self, path: Sequence[str | int]) -> int:
        """The line of ``path``, or of its nearest parent written in the file."""
        for end in range(len(path), -1, -1):
            if tuple(path[:end]) in self.lines:
                return self.lines[tuple(path[:end])]
        return 1

    def at(self, path: Sequence[str | int]) -> str:
        return f"{self.filename}:{self.line(path)}"

    def fail(self, path: Sequence[str | int], message: str, fix: str = "") -> ResumeError:
        return ResumeError(self.at(path), _named(path, message), fix or _FIX)

    def leave_out(self, path: Sequence[str | int], message: str) -> object:
        self.problems.append((self.at(path), _named(path, f"{message}; left out")))
        return _OMIT

    def check(self, raw: Any) -> dict[str, Any]:
        """A JSON-ready copy of ``raw``, without the values left out.

        The schema checks the copy, in which every date is already a real one or gone;
        of all the faults, the first in the file stops the build.
        """
        faults: list[_Fault] = []
        data = self._clean(raw, [], faults)
        for error in _schema().validator.iter_errors(data):
            faults.extend(self._faults(error))
        if faults:
            raise min(faults, key=lambda fault: fault.order).error
        return data  # a mapping: the schema says so

    def _faults(self, error: Any) -> Iterator[_Fault]:
        """``error`` (a jsonschema ValidationError) as one fault per place."""
        path = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            known = ", ".join(k for k in allowed if not k.startswith("$"))
            kind = "field" if path else "section"  # (only the top level is closed)
            for key in error.instance:
                if key not in allowed:
                    yield self._fault(
                        [*path, key],
                        _named(path, f"unknown {kind} {key!r}; JSON Resume has {known}"),
                        f"rename the {kind} to one JSON Resume has, or remove it",
                    )
            return
        if error.validator == "type" and error.validator_value in _KINDS:
            yaml_text = error.validator_value == "string" and not self.is_json
            hint = " (quote it in YAML)" if yaml_text else ""
            got = _SHORT.repr(error.instance)
            message = f"expected {_KINDS[error.validator_value]}, got {got}{hint}"
        else:
            message = error.message
        yield self._fault(path, _named(path, message), _FIX)

    def _fault(self, path: list[str | int], what: str, fix: str) -> _Fault:
        return _Fault((self.line(path), len(path)), ResumeError(self.at(path), what, fix))

    def _clean(self, value: Any, path: list[str | int], faults: list[_Fault]) -> Any:
        """The rules the schema cannot say, on any JSON value; types are the schema's job."""
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            dates = _schema().dates.get(str(path[0]), frozenset()) if len(path) == 2 else ()
            for key, item in value.items():
                if not isinstance(key, str):  # YAML: a number, true or null as a field name
                    what = _named(path, f"field names must be text, got {key!r}")
                    faults.append(self._fault(path, what, f"quote it in YAML: '{key}':"))
                    continue
                here = [*path, key]
                if key in dates:
                    kept = self.date(item, here)
                elif key in ("url", "email") and isinstance(item, str):
                    kept = self.url(item, here)
                else:
                    kept = self._clean(item, here, faults)
                if kept is not _OMIT:
                    out[key] = kept
            return out
        if isinstance(value, list):
            return [self._clean(item, [*path, i], faults) for i, item in enumerate(value)]
        if value is None or isinstance(value, str | bool | int | float):
            return value
        what = _named(path, f"{_SHORT.repr(value)} cannot be written to JSON")
        faults.append(self._fault(path, what, _FIX))
        return None

    def url(self, value: str, path: list[str | int]) -> Any:
        """``url`` and ``email`` fields follow the site's one URL rule (see urls.py).

        Stricter than the schema's ``uri`` and ``email`` formats, so these are not checked
        by jsonschema as well.
        """
        field = path[-1] if path else ""
        if not value.strip():
            return _OMIT  # written but empty (JSON Resume templates ship "url": ""): not given
        if field == "url" and safe_url(value) is None:
            return self.leave_out(path, refused(value))
        if field == "email" and (
            "@" not in value or safe_url(f"mailto:{value}", mailto=True) is None
        ):
            return self.leave_out(path, f"{value!r} is not an email address")
        return value

    def date(self, value: Any, path: list[str | int]) -> Any:
        if type(value) is int:  # YAML reads a bare year as a number
            value = str(value)
        if value is None or (isinstance(value, str) and not value.strip()):
            return _OMIT  # written but empty: no date
        if isinstance(value, str) and path[-1] == "endDate" and value.strip().lower() in OPEN_END:
            return _OMIT  # ongoing, as without an endDate
        if (
            not isinstance(value, str)
            or parse_date(value) is None
            or not _schema().date.is_valid(value)
        ):
            return self.leave_out(
                path,
                f"{value!r} is not a date (JSON Resume dates are YYYY, YYYY-MM or YYYY-MM-DD; "
                "an ongoing entry has no endDate, or endDate: present)",
            )
        return value

    def required(self, data: dict[str, Any]) -> None:
        for section, fields in REQUIRED.items():
            entries = data.get(section)
            if entries is None:
                continue
            listed: list[tuple[dict[str, Any], list[str | int]]] = (
                [(entries, [section])]
                if section == "basics"
                else [(entry, [section, i]) for i, entry in enumerate(entries)]
            )
            for entry, path in listed:
                for (where, old), new in RENAMED.items():
                    if where == section and old in entry:
                        raise self.fail(
                            [*path, old],
                            f"JSON Resume now calls this field {new!r}",
                            f"rename {old!r} to {new!r}",
                        )
                for field in fields:
                    if not str(entry.get(field, "")).strip():
                        raise ResumeError(
                            self.at(path),
                            f"{_where([*path, field])} is missing",
                            f"add {field!r} to {_where(path)}",
                        )
        for section in ("work", "volunteer", "education", "projects"):
            for i, entry in enumerate(data.get(section, [])):
                start, end = entry.get("startDate"), entry.get("endDate")
                if start and end and end[: len(start)] < start[: len(end)]:
                    raise self.fail(
                        [section, i, "endDate"],
                        f"{end!r} is before startDate {start!r}",
                        "correct one of the two dates",
                    )


def _basics_from_config(cfg: FolioConfig, base_url: str) -> dict[str, Any]:
    """What conf.py already says about the owner, in JSON Resume's ``basics`` terms."""
    basics: dict[str, Any] = {}
    links = social_links(cfg)
    email = next((link.handle for link in links if link.kind == "email"), "")
    for key, value in (
        ("name", cfg.name),
        ("label", cfg.role),
        ("email", email),
        ("url", base_url),
        ("summary", cfg.bio),
    ):
        if value:
            basics[key] = value
    if cfg.location:
        basics["location"] = {"city": cfg.location}
    profiles = []
    for link in links:
        if link.kind in ("email", "website"):
            continue
        profile = {"network": link.label, "url": link.url}
        if link.handle:
            profile["username"] = link.handle
        profiles.append(profile)
    if profiles:
        basics["profiles"] = profiles
    return basics


@dataclass(frozen=True)
class Resume:
    """The checked CV data, completed from conf.py."""

    path: Path  #: absolute path of the data file
    filename: str  #: the path as written in ``folio_cv``, used in messages
    data: dict[str, Any]  #: JSON Resume data, ready for ``json.dumps``
    #: (file:line, message) of each value left out, warned about once per build.
    problems: tuple[tuple[str, str], ...] = ()

    def entries(self, section: str) -> list[dict[str, Any]]:
        return list(self.data.get(section, []))


def _read(path: Path, filename: str) -> tuple[dict[str, Any], ResumeChecker]:
    try:
        raw_bytes = path.read_bytes()
    except OSError as error:
        raise ResumeError(
            f"{filename}:1", f"cannot be read: {error.strerror}", "check the file's permissions"
        ) from None
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw_bytes[: error.start].count(b"\n") + 1
        raise ResumeError(
            f"{filename}:{line}",
            f"is not UTF-8 text (byte 0x{raw_bytes[error.start]:02x})",
            "save the file as UTF-8",
        ) from None
    is_json = path.suffix.lower() == ".json"
    try:
        raw = json.loads(text) if is_json else yaml.load(text, Loader=_Loader)
    except json.JSONDecodeError as error:
        raise ResumeError(
            f"{filename}:{error.lineno}", f"cannot be read: {error.msg}", _FIX_SYNTAX
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        context = getattr(error, "context", None)
        what = f"cannot be read: {context + ', ' if context else ''}{problem}"
        raise ResumeError(f"{filename}:{line}", what, _FIX_SYNTAX) from None
    if raw is None:
        raw = {}
    checker = ResumeChecker(filename, text, is_json)
    converted: list[tuple[str, str]] = []
    if isinstance(raw, dict) and isinstance(raw.get("cv"), dict):
        # RenderCV's YAML (al-folio v1's _data/cv.yml), read as the JSON Resume it holds.
        from .alfolio.rendercv import convert

        raw, notes = convert(raw)
        for needle, message in notes:
            line = next((i for i, t in enumerate(text.splitlines(), 1) if needle in t), 1)
            converted.append((f"{filename}:{line}", message))
    data = checker.check(raw)
    checker.problems[:0] = converted
    return data, checker


#: What the last build's check of the CV gave, next to the pickled environment.
_KEPT = "folio-cv.pickle"


def _read_kept(
    path: Path, filename: str, doctreedir: str | Path
) -> tuple[dict[str, Any], ResumeChecker]:
    """:func:`_read`, kept between builds: checking against the schema (with importing
    jsonschema) is a tenth of a rebuild with nothing to do. Kept by the file's bytes,
    its name, the schema and this module's source; an error is never kept."""
    try:
        content = path.read_bytes()
    except OSError:
        return _read(path, filename)  # which names the problem
    digest = hashlib.sha256()
    for part in (content, filename.encode(), SCHEMA_PATH.read_bytes(), Path(__file__).read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    key = digest.hexdigest()
    kept = Path(doctreedir, _KEPT)
    try:
        # The build's own file, next to the environment Sphinx unpickles as well.
        kept_key, result = pickle.loads(kept.read_bytes())
        if kept_key == key:
            return cast("tuple[dict[str, Any], ResumeChecker]", result)
    except Exception:  # noqa: BLE001, S110 - missing or from another version: check again
        pass
    result = _read(path, filename)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(pickle.dumps((key, result)))
    except OSError:
        pass  # a read-only build folder: checked again next time
    return result


_FIX = "see https://jsonresume.org/schema for the fields and their types"
_FIX_SYNTAX = "correct the syntax at that line (a YAML or JSON checker shows more)"


def load_resume(app_or_env: Any) -> Resume | None:
    """The CV of this build (None when ``folio_cv`` is unset); cached until the file changes.

    ``app_or_env`` is the Sphinx application or the build environment.
    """
    config = app_or_env.config
    cfg: FolioConfig = get_config(app_or_env)
    if not cfg.cv:
        return None
    root = getattr(app_or_env, "confdir", None) or app_or_env.srcdir
    path = Path(app_or_env.srcdir, cfg.cv)
    where = conf_location(root, "folio_cv")
    if inside(root, path) is None:
        raise InputError(where, f"folio_cv {OUTSIDE}: {cfg.cv!r}", "keep the CV file in the site")
    if not path.is_file():
        raise InputError(
            where,
            f"folio_cv: {cfg.cv!r} does not exist (looked for {path})",
            "give the path of the CV file relative to the folder of conf.py",
        )
    stat = path.stat()
    # Read once per build and file version (the directive, resume.json and the profile
    # all ask), kept in the build's state.
    env = getattr(app_or_env, "env", app_or_env)
    state = folio(env)
    version = (path, cfg.cv, stat.st_mtime_ns, stat.st_size)
    if state.resume is None or state.resume[0] != version:
        state.resume = (version, _read_kept(path, cfg.cv, env.doctreedir))
    raw, checker = state.resume[1]
    data = dict(raw)
    basics = dict(data.get("basics", {}))
    for key, value in _basics_from_config(cfg, site_url(config)).items():
        basics.setdefault(key, value)
    data = {"$schema": SCHEMA_URL, **data, "basics": basics}
    checker.required(data)
    return Resume(path, cfg.cv, data, tuple(checker.problems))
