project = "Template Example"
extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Lovelace"
templates_path = ["_templates"]
