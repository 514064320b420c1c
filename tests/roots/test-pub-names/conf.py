project = "Names"
author = "Jiaxin Zhang"
extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Jiaxin Zhang"
# The owner's name in Chinese characters, and al-folio's first_name_alt/last_name_alt.
folio_name_variants = ["张佳欣", "Jessie Zhang"]
