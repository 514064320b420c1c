extensions = ["sphinx_folio"]
project = "Ada Example"
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Example"
folio_role = "Analyst <script>alert('role')</script>"
templates_path = ["_templates"]
