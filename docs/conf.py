# The documentation of the sphinx-folio package, built with the package itself.
# The reference pages (options, directives, front matter, bib fields) are generated from
# the package's code by _ext/folio_reference.py.
import sys
from pathlib import Path

import sphinx_folio

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-folio"
author = "Anurag Mishra"
copyright = "2026, Anurag Mishra"
release = version = sphinx_folio.__version__
language = "en"

extensions = ["sphinx_folio", "folio_reference"]

root_doc = "index"
exclude_patterns = ["_build", "README.md"]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3
# The docs cite nothing; sphinxcontrib-bibtex needs a file all the same.
bibtex_bibfiles = ["refs.bib"]
nitpicky = True

# The package's collections are a research site's; the docs have none.
folio_collections = {}
folio_bio = (
    "sphinx-folio: a Sphinx extension that builds a researcher's site from conf.py, "
    "refs.bib and Markdown front matter."
)

html_theme = "pydata_sphinx_theme"
html_title = f"sphinx-folio {release}"
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "navbar_align": "left",
    "show_prev_next": True,
    "secondary_sidebar_items": ["page-toc"],
    # Five sections and "More": with the title, search and theme switch, one row at 1280 px.
    "header_links_before_dropdown": 5,
}
# Every page is in the navbar; no left sidebar (the package's default for a site).
