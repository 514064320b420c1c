project = "Every entry"
author = "Andrés Peters"
extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib", "talks.bib"]
folio_name = "Andrés Peters"
folio_list_every_entry = True
