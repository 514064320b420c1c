project = "Math Example"
extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Example"
myst_enable_extensions = ["dollarmath", "amsmath"]
folio_math_macros = {"E": r"\mathbb{E}", "norm": [r"\lVert #1 \rVert", 1]}
