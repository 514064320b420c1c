extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://example.org/"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Lovelace"
