"""Math as MathML, written at build time: no script, no font download, no CDN.

Sphinx's default renderer loads MathJax from a CDN on every page with math, a request
to a third party that this site never makes. Browsers draw MathML themselves (Chromium
since 109, Firefox and Safari long before), and docutils, already part of the stack,
converts LaTeX to MathML. So ``$...$``, ``$$...$$`` and ``{math}`` become ``<math>``
in the page, and a page without math costs nothing. Screen readers read MathML too.

A formula docutils cannot convert (an unknown command, say) is shown as its LaTeX
source and reported once, with file and line (``folio.math``). A site that prefers
MathJax sets ``html_math_renderer = "mathjax"`` and points ``mathjax_path`` at a copy
it serves itself.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from docutils.utils.math import MathError
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

from .warnings_ import FolioWarning, warn

#: The renderer's name, for ``html_math_renderer``.
RENDERER = "folio_mathml"


#: Unicode operators that MathJax reads as written (and al-folio posts use) but docutils'
#: converter refuses: the TeX command for each.
_UNICODE_TEX = str.maketrans(
    {
        "\u2212": "-",
        "\u00d7": r" \times ",
        "\u00b7": r" \cdot ",
        "\u22c5": r" \cdot ",
        "\u00f7": r" \div ",
        "\u00b1": r" \pm ",
        "\u2264": r" \leq ",
        "\u2265": r" \geq ",
        "\u2260": r" \neq ",
        "\u2248": r" \approx ",
        "\u2192": r" \to ",
        "\u221e": r" \infty ",
        "\u2026": r" \ldots ",
    }
)


def _mathml(translator: HTML5Translator, node: nodes.Element, tex: str, block: bool) -> str:
    try:
        return tex2mathml(tex.translate(_UNICODE_TEX), as_block=block)
    except (MathError, SyntaxError, ValueError, IndexError, KeyError) as error:
        # docutils raises MathError for unknown commands, and plain errors for some
        # malformed input (an unclosed group, say).
        warn(
            FolioWarning.MATH,
            f"this formula cannot be shown as MathML, its LaTeX source is shown instead "
            f"({error}): {tex.strip()!r}",
            node,
        )
        return f'<code class="folio-math-source">{escape(tex.strip())}</code>'


def visit_math(translator: HTML5Translator, node: nodes.math) -> None:
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
    translator.body.append(
        translator.starttag(node, "div", CLASS="math notranslate folio-math", tabindex="0")
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
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def setup_math(app: Sphinx) -> None:
    # With one renderer besides MathJax registered, Sphinx picks it unless the site
    # names another in html_math_renderer.
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_displaymath, None))
