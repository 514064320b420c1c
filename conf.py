# Settings for Anurag Mishra's research site. Settings only: the machinery lives in
# the sphinx_folio package under src/.

project = "Anurag Mishra"
author = "Anurag Mishra"
copyright = "2026, Anurag Mishra"
language = "en"

extensions = ["sphinx_folio"]

# --- sources ----------------------------------------------------------------------------
root_doc = "index"
exclude_patterns = [
    "_build",
    ".venv",
    ".nox",  # nox's venvs (noxfile.py)
    "src",
    "tests",
    "benchmarks",
    "examples",
    "_corpus",  # real al-folio sites for benchmarks/alfolio_corpus.py (git-ignored)
    "docs",
    "README.md",
    "CHANGELOG.md",
    "CONTENT-TODO.md",
    "**/.pytest_cache",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".benchmarks",
]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3
bibtex_bibfiles = ["refs.bib"]
nitpicky = True

# --- the owner --------------------------------------------------------------------------
# Unknown facts (photo, location, GitHub, Scholar, ORCID, LinkedIn, Substack) are left out
# on purpose: CONTENT-TODO.md lists them for the owner.
folio_name = "Anurag Mishra"
folio_role = "AI Engineer and researcher in mechanistic interpretability"
folio_affiliation = "Eaton Ventures (Rochester Appliances)"
folio_email = "am2552@rit.edu"
folio_bio = (
    "Anurag Mishra studies how neural networks compute what they compute: "
    "mechanistic interpretability, causal circuit analysis and LLM evaluation."
)
folio_social = {"email": "am2552@rit.edu"}
folio_profile = {"align": "left", "image_circular": True, "more_info": ""}
folio_home = {
    "announcements": {"enabled": True, "scrollable": True, "limit": 5},
    # No posts on the site yet: the owner's writing is on Substack.
    "latest_posts": {"enabled": False, "scrollable": True, "limit": 3},
    "selected_papers": {"enabled": True},
}
folio_cv = "cv.yaml"

# --- HTML -------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "Anurag Mishra"
html_static_path = ["_static"]
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "navbar_align": "left",
    "show_prev_next": False,
    "secondary_sidebar_items": ["page-toc"],
}
html_sidebars = {"**": []}
