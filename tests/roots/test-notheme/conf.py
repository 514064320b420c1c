extensions = ["sphinx_folio"]
folio_name = "Ada Example"
bibtex_bibfiles = ["refs.bib"]
