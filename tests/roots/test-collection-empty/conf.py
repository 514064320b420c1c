extensions = ["sphinx_folio"]
project = "Empty Collections"
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Example"
templates_path: list[str] = []
