project = "Intake Example"
extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://ada.example.org/"
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
folio_name = "Ada Lovelace"
