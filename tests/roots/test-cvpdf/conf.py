extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Example"
folio_email = "ada@example.org"
folio_cv = "cv.yaml"
folio_author_marks = {"*": "equal contribution"}
