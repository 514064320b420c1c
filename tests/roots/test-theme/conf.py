project = "Theme Example"
author = "Ada Example"
copyright = "2026, Ada Example"
extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
html_title = "Theme Example"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Example"
html_theme_options = {
    "navbar_align": "left",
    "show_prev_next": False,
    "footer_start": ["copyright"],
    "footer_end": [],
    "secondary_sidebar_items": ["page-toc"],
}
html_sidebars = {"**": []}
myst_heading_anchors = 3
