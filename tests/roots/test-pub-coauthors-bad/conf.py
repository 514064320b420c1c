project = "Bad Co-authors"
extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Lovelace"
folio_coauthors = "coauthors.yaml"
