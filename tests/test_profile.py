"""The profile card and the navbar's social icons, as a visitor sees them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sphinx_folio.errors import InputError
from sphinx_folio.profile import initials, more_info_lines

from conftest import page, warnings_of

ACCOUNTS = [
    ("Email", "mailto:ada@example.org"),
    ("GitHub", "https://github.com/ada-example"),
    ("Google Scholar", "https://scholar.google.com/citations?user=AbCdEfGhIjK"),
    ("ORCID", "https://orcid.org/0000-0002-1825-0097"),
    ("LinkedIn", "https://www.linkedin.com/in/ada-example/"),
    ("Substack", "https://adaexample.substack.com"),
    ("X", "https://x.com/ada_example"),
    ("Website", "https://ada.example.org"),
]


def _copy(rootdir: Path, tmp_path: Path, name: str) -> Path:
    """A fresh copy of a test root, so that builds never write into tests/roots."""
    target = tmp_path / name
    if not target.exists():
        shutil.copytree(rootdir / name, target)
    return target


def _card(app):
    card = page(app, "index").find(class_="folio-profile")
    assert card is not None, "no profile card on the home page"
    return card


@pytest.mark.sphinx("html", testroot="profile")
def test_card_shows_photo_role_affiliation_location_and_bio(app, built):
    built(app)
    card = _card(app)
    photo = card.find("img", class_="folio-profile__photo")
    assert photo["alt"] == "Photo of Ada Example"
    assert (Path(app.outdir) / photo["src"]).is_file()
    assert card.find(class_="folio-profile__role").get_text() == "Research Engineer"
    where = card.find(class_="folio-profile__where").get_text()
    assert where == "Example University · Turin, Italy"
    bio = card.find(class_="folio-profile__bio")
    assert bio.find("strong").get_text() == "analytical engines"
    assert bio.find("a")["href"] == "https://notes.example.org"
    # The page heading is the name already: the card does not repeat it.
    assert card.find(class_="folio-profile__name") is None


@pytest.mark.sphinx("html", testroot="profile")
def test_every_configured_account_is_a_labelled_icon_link_on_card_and_navbar(app, built):
    built(app)
    card_links = [
        (a.find(class_="visually-hidden").get_text(), a["href"].replace("%40", "@"))
        for a in _card(app).select(".folio-profile__social a")
    ]
    assert card_links == ACCOUNTS
    for a in _card(app).select(".folio-profile__social a"):
        kind = a.find(class_="folio-icon")["class"][-1]
        assert kind.startswith("folio-icon--")
    # The theme repeats the header's icons in the mobile sidebar: check the header's.
    navbar = page(app, "index").select(".bd-header .navbar-icon-links a")
    assert [(a["title"], a["href"]) for a in navbar] == ACCOUNTS
    for a in navbar:
        assert a.find("i", class_="folio-icon")["aria-hidden"] == "true"
        assert a.find(class_="visually-hidden").get_text() == a["title"]


@pytest.mark.sphinx("html", testroot="profile")
def test_more_info_lines_are_markdown_under_the_photo(app, built):
    built(app)
    more = _card(app).find(class_="folio-profile__aside").find(class_="folio-profile__more")
    assert [p.get_text() for p in more.find_all("p")] == ["Office 3.14", "Building B"]
    assert more.find("a")["href"] == "https://example.org/b"


@pytest.mark.parametrize(
    ("knobs", "classes", "absent"),
    [
        ({"align": "right", "image_circular": False}, {"folio-profile--right"}, "circular"),
        (
            {"align": "left", "image_circular": True},
            {"folio-profile--left", "folio-profile--circular"},
            None,
        ),
        (
            {"align": "right", "image_circular": True},
            {"folio-profile--right", "folio-profile--circular"},
            None,
        ),
    ],
)
def test_align_and_circular_knobs(make_app, rootdir, knobs, classes, absent, tmp_path):
    app = make_app(
        "html",
        srcdir=_copy(rootdir, tmp_path, "test-profile"),
        confoverrides={"folio_profile": knobs},
    )
    app.build()
    assert warnings_of(app) == ""
    card_classes = set(_card(app)["class"])
    assert classes <= card_classes
    if absent:
        assert "folio-profile--circular" not in card_classes


def test_image_alt_knob(make_app, rootdir, tmp_path):
    app = make_app(
        "html",
        srcdir=_copy(rootdir, tmp_path, "test-profile"),
        confoverrides={"folio_profile": {"image_alt": "Ada at the lathe"}},
    )
    app.build()
    assert warnings_of(app) == ""
    assert _card(app).find("img")["alt"] == "Ada at the lathe"


@pytest.mark.sphinx("html", testroot="profile-monogram")
def test_without_a_photo_a_monogram_of_the_initials_is_drawn(app, built):
    built(app)
    card = _card(app)
    assert card.find("img") is None
    svg = card.find("svg", class_="folio-profile__monogram")
    assert svg["role"] == "img"
    assert svg["aria-label"] == "Grace Brewster Hopper"
    assert svg.find("title").get_text() == "Grace Brewster Hopper"
    assert svg.find("text").get_text() == "GH"
    # Defaults: left, circular. The heading ("Home") is not the name, so the card says it.
    assert {"folio-profile--left", "folio-profile--circular"} <= set(card["class"])
    assert card.find(class_="folio-profile__name").get_text() == "Grace Brewster Hopper"


def test_without_a_name_the_monogram_is_a_person_not_a_question_mark(make_app, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-profile-monogram", src)
    app = make_app("html", srcdir=src, confoverrides={"folio_name": ""})
    app.build()
    assert warnings_of(app) == ""
    svg = _card(app).find("svg", class_="folio-profile__monogram")
    assert svg["aria-label"] == "Profile"
    assert svg.find("text") is None and "?" not in svg.get_text()
    assert svg.find("path", class_="folio-monogram__text")["d"].startswith("M12 2.5")


def test_a_card_with_only_a_photo_has_no_empty_column(make_app, rootdir, tmp_path):
    # An imported site: no name, role or links in conf.py, the biography after the card.
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-profile-monogram", src)
    (src / "index.md").write_text("# Home\n\n```{profile}\n```\n\n## Biography\n\nText.\n")
    app = make_app(
        "html",
        srcdir=src,
        confoverrides={"folio_name": "", "folio_role": "", "folio_profile": {"align": "right"}},
    )
    app.build()
    assert warnings_of(app) == ""
    card = _card(app)
    assert card.find(class_="folio-profile__body") is None
    assert {"folio-profile--photo-only", "folio-profile--right"} <= set(card["class"])
    assert card.find("svg", class_="folio-profile__monogram") is not None


@pytest.mark.sphinx("html", testroot="profile-monogram")
def test_accounts_left_empty_render_nothing(app, built):
    built(app)
    assert _card(app).find(class_="folio-profile__social") is None
    assert page(app, "index").select(".navbar-icon-links a") == []


def test_missing_photo_is_an_error_naming_option_and_path(make_app, rootdir, tmp_path):
    with pytest.raises(InputError, match=r"folio_photo: '_static/nobody.png' does not exist"):
        make_app(
            "html",
            srcdir=_copy(rootdir, tmp_path, "test-profile"),
            confoverrides={"folio_photo": "_static/nobody.png"},
        )


@pytest.mark.parametrize(
    ("social", "message"),
    [
        ({"orcid": "1234"}, "folio_social['orcid'] must be a URL or an ORCID iD"),
        ({"github": "javascript:alert(1)"}, "folio_social['github'] must be an http(s) URL"),
        ({"email": "not-an-address"}, "folio_social['email'] must be an email address"),
        ({"website": "my site"}, "folio_social['website'] must be a URL"),
    ],
)
def test_bad_account_is_an_error_naming_it(make_app, rootdir, social, message, tmp_path):
    with pytest.raises(InputError) as error:
        make_app(
            "html",
            srcdir=_copy(rootdir, tmp_path, "test-profile"),
            confoverrides={"folio_social": social},
        )
    assert message in str(error.value)


def test_html_in_more_info_is_shown_as_text_never_injected(make_app, rootdir, tmp_path):
    app = make_app(
        "html",
        srcdir=_copy(rootdir, tmp_path, "test-profile"),
        confoverrides={"folio_profile": {"more_info": "<script>alert(1)</script>\n<b>Room</b> 3"}},
    )
    app.build()
    more = _card(app).find(class_="folio-profile__more")
    assert more.find("script") is None and more.find("b") is None
    assert [p.get_text() for p in more.find_all("p")] == [
        "<script>alert(1)</script>",
        "<b>Room</b> 3",
    ]
    warnings = warnings_of(app)
    assert (
        "WARNING: folio_profile['more_info'] contains HTML; it is shown as text "
        "(write Markdown instead): '<script>alert(1)</script>' [folio.config]"
    ) in warnings
    assert warnings.count("WARNING") == 2


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Anurag Mishra", "AM"), ("Grace Brewster Hopper", "GH"), ("Plato", "P"), ("", "?")],
)
def test_initials(name, expected):
    assert initials(name) == expected


def test_more_info_lines_accept_al_folio_paragraphs():
    assert more_info_lines("<p>555 Office</p><p>Bengaluru</p>") == ["555 Office", "Bengaluru"]
    assert more_info_lines("Line one\n\nLine two<br>Line three") == [
        "Line one",
        "Line two",
        "Line three",
    ]
