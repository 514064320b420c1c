# Hostile input in every field a site author (or a co-author's .bib) controls.
# project and html_title are HTML by Sphinx's design (the theme writes them raw): not input.
project = "Hostile"
extensions = ["sphinx_folio"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://hostile.example.org/"
bibtex_bibfiles = ["refs.bib"]
templates_path: list[str] = []
folio_name = "Eve </script><script>alert('name')</script> Example"
folio_role = "Role <img src=x onerror=alert('role')>"
folio_affiliation = "Lab \" onmouseover=\"alert('affiliation')"
folio_location = "<svg onload=alert('location')>"
folio_bio = "Bio \"><script>alert('bio')</script> & </script>"
folio_email = "eve@example.org"
folio_social = {"github": "eve-example"}
folio_cv = "data/cv.yaml"
folio_name_variants = ["Eve Example"]
