import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

extensions = ["sphinx_folio", "greeting"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Example"
exclude_patterns = ["_build"]
