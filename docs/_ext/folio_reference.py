"""Reference pages generated from the package's code, so the docs cannot drift from it.

- ``.. folio-options::`` every ``folio_*`` option, from the :class:`FolioConfig` dataclass
  (type, default, help text, example), and the other extensions' options it sets.
- ``.. folio-directives::`` every directive the package registers, from the docutils
  registry: docstring, arguments, content, and each option with its values and help.
- ``.. folio-frontmatter::`` the keys each collection accepts, from ``collection/schema.py``.
- ``.. folio-bibfields:: links|status|site-only`` the bib fields read by the package.
- ``.. folio-css-variables::`` the stylesheet's colour variables, light and dark.
- ``.. folio-warnings::`` the warning subtypes a site can silence.

A piece of the code without its documentation (an option without help, a directive
option without ``option_help``, a front matter key without ``KEY_HELP``) is a warning,
so the docs build (``-W``) fails until it is written.
"""

from __future__ import annotations

import ast
import dataclasses as dc
import inspect
import itertools
import pprint
import re
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

import sphinx_folio
from sphinx_folio import config, dates
from sphinx_folio.collection import schema
from sphinx_folio.publications import export, records
from sphinx_folio.warnings_ import FolioWarning

logger = logging.getLogger(__name__)


def _literal(value: Any) -> str:
    return pprint.pformat(value, width=80, sort_dicts=False)


def _text(prose: str) -> str:
    """Plain text (help strings, docstrings of values) as rST that shows it as written."""
    return re.sub(r"([\\*`|_])", r"\\\1", prose)


def _indent(text: str, pad: str = "   ") -> list[str]:
    return [pad + line if line else "" for line in text.splitlines()]


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """An rST list-table."""
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for row in [list(header), *map(list, rows)]:
        first, *rest = row
        lines.append(f"   * - {first}")
        lines += [f"     - {cell}" for cell in rest]
    return [*lines, ""]


class _Generated(SphinxDirective):
    """Parses the rST lines of :meth:`lines` as if written in the page (with titles)."""

    def lines(self) -> list[str]:
        raise NotImplementedError

    def missing(self, what: str) -> None:
        logger.warning(f"undocumented: {what}", location=self.get_location())

    def run(self) -> list[nodes.Node]:
        node = nodes.container()
        content = StringList(self.lines(), source=f"<{self.name}>")
        nested_parse_with_titles(self.state, content, node)
        return node.children


class Options(_Generated):
    def lines(self) -> list[str]:
        out: list[str] = []
        for field in dc.fields(config.FolioConfig):
            option = f"folio_{field.name}"
            meta = field.metadata
            default = config._defaults(field)
            if not meta.get("help"):
                self.missing(f"{option} has no help text")
            example = meta.get("example")
            if example is None:
                self.missing(f"{option} has no example (config.py: example=...)")
                example = default
            out += [
                f".. _{option}:",
                "",
                f"``{option}``",
                "-" * (len(option) + 4),
                "",
                f":Type: ``{field.type}``",
                f":Default: ``{_literal(default)}``" if "\n" not in _literal(default) else "",
                f":Rebuild: ``{meta['rebuild'] or repr('')}`` (what Sphinx rebuilds when it changes)",
                "",
            ]
            if "\n" in _literal(default):
                out += ["Default:", "", ".. code-block:: python", "", *_indent(_literal(default))]
                out.append("")
            out += [_text(meta.get("help", "")), "", "Example, in ``conf.py``:", ""]
            out += [".. code-block:: python", ""]
            out += _indent(f"{option} = {_literal(example)}")
            out.append("")
        out += [
            "Options of other extensions",
            "---------------------------",
            "",
            (
                "sphinx-folio gives these options of the extensions it builds on a default "
                "of its own; a value in ``conf.py`` wins."
            ),
            "",
        ]
        out += _table(
            ["option", "sphinx-folio's default"],
            ([f"``{k}``", f"``{v!r}``"] for k, v in config.STACK_DEFAULTS.items()),
        )
        return out


_CONVERTERS: dict[Callable[..., Any], str] = {
    directives.flag: "none (a flag)",
    directives.positive_int: "a positive whole number",
    directives.unchanged: "text",
    directives.unchanged_required: "text",
    directives.nonnegative_int: "a whole number",
}


def _choices(converter: Callable[..., Any]) -> str:
    try:
        converter("\N{REPLACEMENT CHARACTER}")
    except ValueError as error:
        message = str(error)
        for marker in ("choose from ", "expected "):
            if marker in message:
                tail = message.split(marker, 1)[1]
                words = re.findall(r'"([^"]+)"', tail) or re.split(r",\s*", tail.strip(". "))
                return ", ".join(f"``{w}``" for w in words if w)
    return ""


def _accepts(converter: Callable[..., Any]) -> str:
    if converter in _CONVERTERS:
        return _CONVERTERS[converter]
    choices = _choices(converter)
    if not choices:
        return "text"
    try:
        converter("\N{REPLACEMENT CHARACTER}")
    except ValueError as error:
        if "expected " in str(error):  # a list of names, as the CV's sections
            return f"some of {choices}, comma-separated"
    return f"one of {choices}"


def package_directives() -> list[tuple[str, type[Directive]]]:
    """(name, class) of every directive the package registered, by module then name."""
    registry: dict[str, Any] = directives._directives
    found = [
        (name, cls)
        for name, cls in registry.items()
        if inspect.isclass(cls) and cls.__module__.startswith("sphinx_folio.")
    ]
    return sorted(found, key=lambda item: (item[1].__module__, item[0]))


class Directives(_Generated):
    """Every directive in full; with the argument ``summary``, a table of one line each."""

    optional_arguments = 1

    def lines(self) -> list[str]:
        if self.arguments == ["summary"]:
            rows = (
                [
                    f":ref:`{{{name}}} <directive-{name}>`",
                    (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " "),
                ]
                for name, cls in package_directives()
            )
            return _table(["directive", "what it renders"], rows)
        if self.arguments:
            raise self.error(f"unknown argument {self.arguments[0]!r}; expected summary")
        out: list[str] = []
        for name, cls in package_directives():
            title = f"``{{{name}}}``"
            arguments = cls.required_arguments + cls.optional_arguments
            spec: dict[str, Any] = cls.option_spec or {}
            helps: dict[str, str] = getattr(cls, "option_help", {})
            usage = f"```{{{name}}}" + (" [argument]" if arguments else "")
            usage_lines = [usage] + [
                f":{option}:" + ("" if spec[option] is directives.flag else " ...")
                for option in spec
            ]
            if cls.has_content:
                usage_lines.append("Text of the block.")
            usage_lines.append("```")
            out += [f".. _directive-{name}:", "", title, "-" * len(title), ""]
            out += (inspect.getdoc(cls) or "").splitlines()
            out += ["", ".. code-block:: markdown", "", *_indent("\n".join(usage_lines)), ""]
            facts = [
                f":Arguments: {cls.required_arguments} required, "
                f"{cls.optional_arguments} optional"
                + (" (may contain spaces)" if cls.final_argument_whitespace else ""),
                f":Content: {'yes' if cls.has_content else 'no'}",
                f":Defined in: ``{cls.__module__}.{cls.__qualname__}``",
                "",
            ]
            out += facts
            if spec:
                rows = []
                for option, converter in spec.items():
                    if option not in helps:
                        self.missing(f"option :{option}: of {{{name}}} has no option_help")
                    rows.append(
                        [f"``:{option}:``", _accepts(converter), _text(helps.get(option, ""))]
                    )
                out += _table(["option", "value", "what it does"], rows)
        return out


class FrontMatter(_Generated):
    def lines(self) -> list[str]:
        out = [
            f"Dates are written {dates.EXPECTED}. Keys Sphinx or MyST give a meaning of "
            "their own are accepted everywhere: "
            + ", ".join(f"``{k}``" for k in sorted(schema.PASSTHROUGH))
            + ".",
            "",
        ]
        for collection, keys in schema.KEYS.items():
            required = schema.REQUIRED.get(collection, ("title",))
            out += [f"``{collection}``", "-" * (len(collection) + 4), ""]
            rows = []
            for key in sorted(keys, key=lambda k: (k not in required, k)):
                if key not in schema.KEY_HELP:
                    self.missing(f"front matter key {key!r} has no KEY_HELP")
                rows.append(
                    [
                        f"``{key}``",
                        "yes" if key in required else "",
                        _text(schema.KEY_HELP.get(key, "")),
                    ]
                )
            out += _table(["key", "required", "meaning"], rows)
        out += [
            "Other collections",
            "-----------------",
            "",
            (
                "A collection ``folio_collections`` adds (``talks``, say) accepts the keys "
                "of ``research``."
            ),
            "",
        ]
        return out


class BibFields(_Generated):
    required_arguments = 1

    def lines(self) -> list[str]:
        which = self.arguments[0]
        if which == "links":
            return _table(
                ["field", "button"], ([f"``{f}``", label] for f, label in records.LINK_FIELDS)
            )
        if which == "status":
            return _table(
                ["``pubstate``", "shown as"],
                ([f"``{k}``", v] for k, v in records.STATUS_LABELS.items()),
            )
        if which == "site-only":
            return [", ".join(f"``{f}``" for f in sorted(export.SITE_ONLY_FIELDS)), ""]
        raise self.error(f"unknown table {which!r}; expected links, status or site-only")


class Warnings(_Generated):
    """Every warning subtype, from the package's enum, with ``suppress_warnings`` names."""

    def lines(self) -> list[str]:
        docs = _attribute_docs(FolioWarning)
        rows = []
        for kind in FolioWarning:
            if kind.name not in docs:
                self.missing(f"warning subtype {kind.value!r} has no docstring")
            rows.append([f"``folio.{kind.value}``", docs.get(kind.name, "")])  # rST, as written
        return _table(["subtype", "what it reports"], rows)


def _attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings written under a class's attributes (Python keeps none at run time)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs = {}
    for statement, after in itertools.pairwise(body):
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[statement.targets[0].id] = " ".join(after.value.value.split())
    return docs


_BLOCK = re.compile(r'html\[data-theme="(light|dark)"\]\s*\{([^}]*)\}')
_VARIABLE = re.compile(r"(--folio-[\w-]+)\s*:\s*([^;]+);")


class CssVariables(_Generated):
    """The colour variables of the package's stylesheet, light and dark, as it defines them."""

    def lines(self) -> list[str]:
        css = (Path(sphinx_folio.__file__).parent / "static" / "sphinx_folio.css").read_text()
        modes: dict[str, dict[str, str]] = {"light": {}, "dark": {}}
        for mode, body in _BLOCK.findall(css):
            modes[mode].update(_VARIABLE.findall(body))
        if not modes["light"]:
            raise self.error("no --folio-* variables found in sphinx_folio.css")
        rows = (
            [f"``{name}``", f"``{value}``", f"``{modes['dark'].get(name, value)}``"]
            for name, value in modes["light"].items()
        )
        return _table(["variable", "light", "dark"], rows)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("folio-options", Options)
    app.add_directive("folio-directives", Directives)
    app.add_directive("folio-frontmatter", FrontMatter)
    app.add_directive("folio-bibfields", BibFields)
    app.add_directive("folio-css-variables", CssVariables)
    app.add_directive("folio-warnings", Warnings)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
