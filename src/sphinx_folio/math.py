"""Math as MathML, written at build time: no script, no font download, no CDN.

Sphinx's default renderer loads MathJax from a CDN on every page with math, a request
to a third party that this site never makes. Browsers draw MathML themselves (Chromium
since 109, Firefox and Safari long before), so ``$...$``, ``$$...$$``, ``\\(...\\)``,
``\\[...\\]``, amsmath environments and ``{math}`` become ``<math>`` in the page, converted
by Temml inside QuickJS (:mod:`.tex`); a page without math costs nothing. Screen readers
read MathML too.

Numbering: a display formula holding ``\\label{x}`` is numbered like ``$$...$$ (x)``;
``\\eqref{x}`` and ``\\ref{x}`` show that number (a formula that is only ``\\eqref{x}``
becomes a link). A formula Temml cannot draw is shown as its LaTeX source and reported
once, with file and line (``folio.math``). A site that prefers MathJax sets
``html_math_renderer = "mathjax"`` and points ``mathjax_path`` at a copy it serves itself.
"""

from __future__ import annotations

import re
import weakref
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

from . import _compat
from .config import get_config
from .math_delimiters import setup_math_delimiters
from .tex import DEFINES, Converter, TexError
from .warnings_ import FolioWarning, warn

#: The renderer's name, for ``html_math_renderer``.
RENDERER = "folio_mathml"

#: The stylesheet of pages with math (static/): the math font and Temml's rules.
MATH_CSS = "folio_math.css"

#: The cache of converted formulas, kept across builds beside the doctrees.
CACHE_FILE = "folio-math.json"

#: One converter per build (its QuickJS context cannot be pickled with the environment).
_CONVERTERS: weakref.WeakKeyDictionary[BuildEnvironment, Converter] = weakref.WeakKeyDictionary()

_LABEL = re.compile(r"\\label\{([^{}\n]{1,200})\}")
_REF = re.compile(r"\\(eqref|ref)\{([^{}\n]{1,200})\}")
_ONLY_REF = re.compile(r"\s*\\(eqref|ref)\{([^{}\n]{1,200})\}\s*")

#: Unicode operators that MathJax reads as written (and al-folio posts use): Temml reads
#: most; these it would draw as text.
_UNICODE_TEX = str.maketrans({"\u2212": "-"})


def converter_for(env: BuildEnvironment) -> Converter:
    """The build's converter (made on first use, with the site's macros and the cache)."""
    converter = _CONVERTERS.get(env)
    if converter is None:
        converter = Converter(get_config(env).math_macros)
        converter.load(Path(env.doctreedir) / CACHE_FILE)
        _CONVERTERS[env] = converter
    return converter


def _refs(translator: HTML5Translator, node: nodes.Element, tex: str) -> str:
    """``\\eqref{x}``/``\\ref{x}`` -> the number Sphinx gave the equation labelled x; an
    unknown label shows ``?``, as LaTeX shows it, and is reported."""

    def number(match: re.Match[str]) -> str:
        label = match.group(2).strip()
        found = _compat.equation(translator.builder.env, label)
        if found is None:
            warn(FolioWarning.MATH, f"no equation is labelled {label!r}", node)
        shown = str(found[1]) if found else "?"
        return f"\\text{{({shown})}}" if match.group(1) == "eqref" else f"\\text{{{shown}}}"

    return _REF.sub(number, tex)


def _prepared(tex: str) -> str:
    """The formula as Temml gets it: labels are Sphinx's business, minus signs read."""
    return _LABEL.sub("", tex).translate(_UNICODE_TEX)


def _mathml(translator: HTML5Translator, node: nodes.Element, tex: str, block: bool) -> str:
    converter = converter_for(translator.builder.env)
    page = translator.builder.current_docname
    source = _refs(translator, node, _prepared(tex))
    try:
        return converter.convert(source, block, page)
    except TexError as error:
        warn(
            FolioWarning.MATH,
            f"this formula cannot be shown as MathML, its LaTeX source is shown instead "
            f"({error}): {tex.strip()!r}",
            node,
        )
        return f'<code class="folio-math-source">{escape(tex.strip())}</code>'


def _link_only(translator: HTML5Translator, node: nodes.math) -> bool:
    """A formula that is only ``\\eqref{x}``: a link to equation x, as MathJax makes it."""
    match = _ONLY_REF.fullmatch(node.astext())
    if not match:
        return False
    label = match.group(2).strip()
    found = _compat.equation(translator.builder.env, label)
    if found is None:
        return False  # drawn as "(?)", and reported, as any formula with an unknown label
    docname, number = found
    uri = translator.builder.get_relative_uri(translator.builder.current_docname, docname)
    shown = f"({number})" if match.group(1) == "eqref" else str(number)
    target = (
        f"{uri}#equation-{nodes.make_id(label)}" if uri else f"#equation-{nodes.make_id(label)}"
    )
    translator.body.append(f'<a class="reference internal" href="{escape(target)}">{shown}</a>')
    return True


def visit_math(translator: HTML5Translator, node: nodes.math) -> None:
    if _link_only(translator, node):
        raise nodes.SkipNode
    translator.body.append(translator.starttag(node, "span", "", CLASS="math notranslate"))
    translator.body.append(_mathml(translator, node, node.astext(), block=False))
    translator.body.append("</span>")
    raise nodes.SkipNode


def _parts(tex: str) -> list[str]:
    """Equations separated by blank lines; lines broken with ``\\\\`` are aligned."""
    parts = [part.strip() for part in tex.split("\n\n") if part.strip()]
    return [
        f"\\begin{{aligned}}{part}\\end{{aligned}}"
        if "\\\\" in part and "\\begin" not in part
        else part
        for part in parts
    ]


def visit_displaymath(translator: HTML5Translator, node: nodes.math_block) -> None:
    # Focusable: a formula wider than a phone scrolls inside this box, and a keyboard
    # user must be able to scroll it (axe: scrollable-region-focusable).
    # In a sentence ($$...$$ inside a paragraph) the box is a span drawn as a block: a div
    # may not stand inside a <p>.
    tag = "span" if isinstance(node.parent, nodes.paragraph) else "div"
    translator.body.append(
        translator.starttag(node, tag, CLASS="math notranslate folio-math", tabindex="0")
    )
    if node.get("number"):
        number = get_node_equation_number(translator, node)
        translator.body.append(f'<span class="eqno">({number})')
        translator.add_permalink_ref(node, _("Link to this equation"))
        translator.body.append("</span>")
    if node.get("no-wrap", node.get("nowrap", False)):
        translator.body.append(_mathml(translator, node, node.astext(), block=True))
    else:
        parts = [_mathml(translator, node, part, block=True) for part in _parts(node.astext())]
        if len(parts) > 1:  # one equation under the other, not side by side
            parts = ['<span class="folio-math-stack">', *parts, "</span>"]
        translator.body.extend(parts)
    translator.body.append(f"</{tag}>\n")
    raise nodes.SkipNode


def number_labels(app: Sphinx, doctree: nodes.document) -> None:
    """A display formula with ``\\label{x}`` and no label of its own gets number x, as
    ``$$...$$ (x)`` would: ``{eq}`x``` and ``\\eqref{x}`` then point at it. An environment
    has one number: a second ``\\label`` in it (another row) names the same number."""
    env = app.env
    docname = env.current_document.docname
    for node in doctree.findall(nodes.math_block):
        # myst-parser numbers an amsmath environment under a random label: \label names it.
        renamed = bool(node.get("label")) and "amsmath" in node["classes"]
        if node.get("label") and not renamed:
            continue
        for match in _LABEL.finditer(node.astext()):
            label = match.group(1).strip()
            known = _compat.equation(env, label)
            if known is not None and known == (docname, node.get("number")):
                continue  # this node, seen before
            if known is not None:
                warn(FolioWarning.MATH, f"the equation label {label!r} is used twice", node)
                continue
            if renamed or node.get("label"):
                _compat.alias_equation(env, docname, label, node["number"])
            else:
                node["label"] = label
                node["number"] = _compat.number_equation(env, docname, label, node)
            target = nodes.target("", "", ids=[f"equation-{nodes.make_id(label)}"])
            doctree.note_explicit_target(target)
            node.parent.insert(node.parent.index(node), target)


def add_math_css(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The math font and Temml's rules, on pages that show a formula or an algorithm only
    (Sphinx keeps a file added here to this page)."""
    if "<math" in context.get("body", ""):
        app.add_css_file(MATH_CSS)


def prefetch(app: Sphinx, doctree: nodes.document) -> None:
    """Hand a page's formulas to the converter's second thread as soon as the page is read,
    so that they are ready, or nearly, when the page is written."""
    if app.parallel > 1:
        return  # pages are read in forked processes: a thread there would die with them
    if getattr(app.builder, "math_renderer_name", None) != RENDERER:
        return  # MathJax, or a builder that writes no HTML: nothing of ours to convert
    formulas: list[tuple[str, bool]] = []
    for node in doctree.findall(lambda n: isinstance(n, nodes.math | nodes.math_block)):
        tex = node.astext()
        if DEFINES.search(tex):
            return  # later formulas depend on this one: the page is converted in order
        if _REF.search(tex):
            continue  # the number is known when the page is written
        if isinstance(node, nodes.math):
            formulas.append((_prepared(tex), False))
        elif node.get("no-wrap", node.get("nowrap", False)):
            formulas.append((_prepared(tex), True))
        else:
            formulas += [(_prepared(part), True) for part in _parts(tex)]
    if formulas:
        converter_for(app.env).prefetch(formulas)


def save_cache(app: Sphinx, exception: Exception | None) -> None:
    converter = _CONVERTERS.get(app.env)
    if converter is not None:
        if exception is None:
            converter.save(Path(app.doctreedir) / CACHE_FILE)
        converter.close()


def setup_math(app: Sphinx) -> None:
    # With one renderer besides MathJax registered, Sphinx picks it unless the site
    # names another in html_math_renderer.
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_displaymath, None))
    setup_math_delimiters(app)  # \\(..\\) and \\[..\\] in Markdown, as MathJax reads them
    app.connect("doctree-read", number_labels)
    app.connect("doctree-read", prefetch)
    from .pseudocode import setup_pseudocode  # it uses this module's converter

    setup_pseudocode(app)  # ```pseudocode fences drawn as algorithms
    app.connect("html-page-context", add_math_css)
    app.connect("build-finished", save_cache)
