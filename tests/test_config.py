"""Options are validated once, with the option's name in the error."""

from __future__ import annotations

import shutil

import pytest

from sphinx_folio.errors import InputError

from conftest import page


@pytest.mark.sphinx("html", testroot="basic")
def test_minimal_site_builds_without_warnings(app, built):
    built(app)
    assert page(app, "index").find("h1").get_text(strip=True).startswith("Ada Example")


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    confoverrides={"folio_home": {"latest_posts": {"limit": None}, "announcements": {"limit": 2}}},
)
def test_limits_accept_none_and_keep_other_defaults(app):
    from sphinx_folio.config import get_config

    home = get_config(app).home
    assert home["latest_posts"] == {"enabled": True, "scrollable": True, "limit": None}
    assert home["announcements"]["limit"] == 2
    assert home["selected_papers"] == {"enabled": True}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"folio_profile": {"align": "centre"}},
            "folio_profile['align'] must be 'left' or 'right'",
        ),
        ({"folio_profile": {"round": True}}, "folio_profile has unknown key(s) round"),
        (
            {"folio_home": {"announcements": {"limit": "five"}}},
            "folio_home['announcements']['limit'] must be a positive int or None",
        ),
        ({"folio_social": {"myspace": "x"}}, "folio_social has unknown account(s) myspace"),
        ({"folio_name_variants": ["A. Example", 3]}, "folio_name_variants[...] must be a string"),
        ({"folio_author_marks": {"#": "first"}}, "folio_author_marks has unknown mark(s) #"),
        ({"folio_max_authors": -1}, "folio_max_authors must be a whole number (0 for no limit)"),
        ({"folio_math_macros": {"R": 3}}, "folio_math_macros['R'] must be a string of LaTeX"),
        ({"folio_math_macros": {"a b": "x"}}, "folio_math_macros has a bad macro name 'a b'"),
        (
            {"folio_coauthors": {"C. Babbage": "javascript:alert(1)"}},
            "folio_coauthors['C. Babbage'] 'javascript:alert(1)' is not a link",
        ),
    ],
)
def test_bad_option_names_the_option(make_app, rootdir, tmp_path, overrides, message):
    # A copy, so that nothing is written into the test root.
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", srcdir)
    with pytest.raises(InputError) as error:
        make_app("html", srcdir=srcdir, confoverrides=overrides)
    assert message in str(error.value)
