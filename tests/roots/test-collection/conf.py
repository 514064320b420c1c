extensions = ["sphinx_folio"]
project = "Ada Example"
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://ada.example.org/"
bibtex_bibfiles = ["refs.bib"]
folio_name = "Ada Example"
folio_home = {
    "announcements": {"enabled": True, "scrollable": True, "limit": None},
    "latest_posts": {"enabled": True, "scrollable": False, "limit": 3},
}
# A list of its own: extensions append to templates_path, and the default list object is
# shared by every app in a process (the incremental tests build twice in one process).
templates_path: list[str] = []
