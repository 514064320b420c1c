extensions = ["sphinx_folio"]
project = "Errors"
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
