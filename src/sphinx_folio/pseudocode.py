"""``pseudocode`` code fences (LaTeX ``algorithmic``, as al-folio writes them) drawn at build
time as a readable algorithm: keywords in bold, blocks indented, formulas as MathML.

al-folio draws these fences in the browser with pseudocode.js and KaTeX from a CDN. The same
pseudocode.js (MIT, vendored) runs here in QuickJS with Temml standing in for KaTeX, so the
page gets plain HTML and MathML, and no script. A fence pseudocode.js cannot read stays a
code block, and the first such fence of a build is reported (file and line).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .math import converter_for
from .tex import TexError
from .warnings_ import FolioWarning, warn

LANGUAGE = "pseudocode"


def draw_pseudocode(app: Sphinx, doctree: nodes.document) -> None:
    blocks = [
        node
        for node in doctree.findall(nodes.literal_block)
        if str(node.get("language", "")).lower() == LANGUAGE
    ]
    if not blocks:
        return
    converter = converter_for(app.env)
    captions = 0
    for node in blocks:
        # al-folio's posts write $$...$$ for math inside an algorithm (kramdown's inline
        # math); pseudocode.js reads $...$.
        source = node.astext().replace("$$", "$")
        try:
            html = converter.pseudocode(source, captions)
        except TexError as error:
            node["language"] = "text"  # Pygments has no lexer for it: a plain block
            if LANGUAGE not in converter.reported:
                converter.reported.add(LANGUAGE)
                warn(
                    FolioWarning.MATH,
                    f"this pseudocode block cannot be drawn ({error}); it is shown as code "
                    "(further blocks that cannot be drawn are not reported)",
                    node,
                )
            continue
        captions += "\\caption" in source
        figure = nodes.container("", classes=["folio-pseudocode"])
        figure += nodes.raw("", html, format="html")
        node.replace_self(figure)


def setup_pseudocode(app: Sphinx) -> None:
    app.connect("doctree-read", draw_pseudocode)
