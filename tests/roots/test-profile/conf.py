extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["refs.bib"]
html_static_path = ["_static"]
folio_name = "Ada Example"
folio_role = "Research Engineer"
folio_affiliation = "Example University"
folio_location = "Turin, Italy"
folio_email = "ada@example.org"
folio_photo = "_static/ada.png"
folio_social = {
    "github": "ada-example",
    "scholar": "AbCdEfGhIjK",
    "orcid": "0000-0002-1825-0097",
    "linkedin": "https://www.linkedin.com/in/ada-example/",
    "substack": "adaexample",
    "x": "@ada_example",
    "website": "https://ada.example.org",
    "email": "",
}
folio_profile = {
    "align": "right",
    "image_circular": False,
    "more_info": "<p>Office 3.14</p><p>Building [B](https://example.org/b)</p>",
}
