"""The importer carries over an al-folio site's math: its MathJax macros become
``folio_math_macros``, kramdown's ``\\(..\\)`` stays math, ``pseudocode`` fences are drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from sphinx_folio.alfolio import import_alfolio

from conftest import build_imported, conf_values

FIXTURE = Path(__file__).parent / "alfolio"

MATHJAX = r"""{% if site.enable_math %}
<script type="text/javascript">
  window.MathJax = {
    tex: {
      tags: 'ams',
      macros: {
        Hinf: "{\\mathcal{H}_{\\infty}}",
        norm: ["\\left\\lVert #1 \\right\\rVert", 1],
      }
    }
  };
</script>
{% endif %}
"""

POST = r"""---
layout: post
title: Robust control notes
date: 2024-08-01
---
The gain is $$\norm{G}_{\Hinf} < 1$$ for every \\(s\\) here.

```pseudocode
\begin{algorithmic}
\FOR{$$i = 1$$ \TO $$n$$}
    \STATE $$x \gets \norm{x_i}$$
\ENDFOR
\end{algorithmic}
```
"""


def test_mathjax_macros_and_pseudocode_carry_over(tmp_path):
    source = tmp_path / "alfolio"
    shutil.copytree(FIXTURE, source)
    (source / "_includes" / "scripts").mkdir(parents=True)
    (source / "_includes" / "scripts" / "mathjax.liquid").write_text(MATHJAX)
    (source / "_posts" / "2024-08-01-robust.md").write_text(POST)
    site = tmp_path / "site"
    report = import_alfolio(source, site)
    conf = conf_values(site)
    assert conf["folio_math_macros"] == {
        "Hinf": "{\\mathcal{H}_{\\infty}}",
        "norm": "\\left\\lVert #1 \\right\\rVert",
    }
    assert "amsmath" in conf["myst_enable_extensions"]
    assert any("folio_math_macros" in line for line in report.converted)
    result = build_imported(site)
    assert result.returncode == 0, result.stdout + result.stderr
    post = next((site / "_build" / "html" / "posts").rglob("*robust*.html"))
    article = BeautifulSoup(post.read_text(encoding="utf-8"), "html.parser").select_one("article")
    text = article.get_text(" ")
    assert "\\norm" not in text and "\\Hinf" not in text and "\\(" not in text
    assert article.select_one("code.folio-math-source") is None
    # The macros are expanded: a norm's double bars and a script H.
    formula = article.select_one("p span.math math")
    assert [mo.get_text() for mo in formula.select("mo")][:2] == ["\u2016", "\u2016"]
    assert formula.select_one("mi.mathcal").get_text() == "\u210b"  # script H
    algorithm = article.select_one(".folio-pseudocode .ps-root")
    assert algorithm is not None
    assert [k.get_text(strip=True) for k in algorithm.select(".ps-keyword")][:2] == ["for", "to"]
    assert algorithm.select("math")
