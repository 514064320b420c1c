# A fictional research group (a test fixture): every person, paper and talk is invented.
extensions = ["sphinx_folio"]
project = "Vireo Lab"
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://vireo.example.org/"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Vireo Lab"
folio_collections = {"people": "people", "talks": "talks", "teaching": "teaching"}
templates_path: list[str] = []
