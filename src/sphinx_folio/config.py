"""Every option of the extension, declared once.

Each field of :class:`FolioConfig` becomes a ``folio_<field>`` value in ``conf.py``.
Values are checked on ``config-inited``; a bad value stops the build with the option's
name and what was expected, because a silently ignored setting is worse than an error.
Modules read options only through :func:`get_config`.
"""

from __future__ import annotations

import dataclasses as dc
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError

from ._compat import user_set
from .errors import InputError, conf_location, fatal_config
from .paths import lexical_problem
from .social import SOCIAL
from .urls import refused, safe_url

Validator = Callable[[str, Any], Any]


# --- validators: each returns the normalised value or raises ConfigError ---------------


def _str(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{name} must be a string, got {type(value).__name__}: {value!r}")
    return value


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{name} must be True or False, got {type(value).__name__}: {value!r}")
    return value


def _site_path(name: str, value: Any) -> str:
    """A file or folder inside the site (the folder of conf.py, or the output folder)."""
    text = _str(name, value)
    problem = lexical_problem(text, absolute_ok=name == "folio_photo")
    if problem:
        raise ConfigError(f"{name} {problem}, got {text!r}")
    return text


def _site_folder(name: str, value: Any) -> str:
    text = _site_path(name, value)
    if not text.strip("/.") or text.startswith("/"):
        raise ConfigError(
            f"{name} must be a folder inside the site such as 'publications', got {text!r}"
        )
    return text


def _str_list(name: str, value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ConfigError(f"{name} must be a list of strings, got {value!r}")
    for item in value:
        _str(f"{name}[...]", item)
    return list(value)


def _str_map(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{name} must be a dict of strings, got {value!r}")
    for key, item in value.items():
        _str(f"{name}[{key!r}]", item)
    return dict(value)


def knobs(defaults: Mapping[str, Any]) -> Validator:
    """A dict whose keys are exactly those of ``defaults``, each of the same type."""

    def check(name: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise ConfigError(f"{name} must be a dict, got {value!r}")
        unknown = sorted(set(value) - set(defaults))
        if unknown:
            raise ConfigError(
                f"{name} has unknown key(s) {', '.join(unknown)}; "
                f"expected some of {', '.join(defaults)}"
            )
        merged = dict(defaults)
        for key, item in value.items():
            default = defaults[key]
            if isinstance(default, Mapping):
                merged[key] = knobs(default)(f"{name}[{key!r}]", item)
            elif key == "limit":
                # None means "no limit", as a blank limit does in al-folio.
                if item is not None and (type(item) is not int or item < 1):
                    raise ConfigError(
                        f"{name}[{key!r}] must be a positive int or None, got {item!r}"
                    )
                merged[key] = item
            elif type(item) is not type(default):
                raise ConfigError(
                    f"{name}[{key!r}] must be a {type(default).__name__}, got {item!r}"
                )
            else:
                merged[key] = item
        return merged

    return check


def _field(
    default: Any,
    validator: Validator,
    help_: str,
    rebuild: str = "env",
    example: Any = None,
    types: tuple[type, ...] = (),
) -> Any:
    """An option: its default, validator, help text and an example value (for the docs).

    ``types``: the types conf.py may give, when there is more than the default's.
    """
    factory = (lambda: _copy(default)) if isinstance(default, dict | list) else None
    meta = {
        "validator": validator,
        "help": help_,
        "rebuild": rebuild,
        "example": example,
        "types": types,
    }
    if factory is not None:
        return dc.field(default_factory=factory, metadata=meta)
    return dc.field(default=default, metadata=meta)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


HOME_DEFAULTS: dict[str, Any] = {
    "announcements": {"enabled": True, "scrollable": True, "limit": None},
    "latest_posts": {"enabled": True, "scrollable": True, "limit": 3},
    "selected_papers": {"enabled": True},
}
PROFILE_DEFAULTS: dict[str, Any] = {
    "align": "left",
    "image_circular": True,
    "more_info": "",
    "image_alt": "",
}
SOCIAL_KINDS = tuple(SOCIAL)


def _profile(name: str, value: Any) -> dict[str, Any]:
    merged = knobs(PROFILE_DEFAULTS)(name, value)
    if merged["align"] not in ("left", "right"):
        raise ConfigError(f"{name}['align'] must be 'left' or 'right', got {merged['align']!r}")
    return merged


COLLECTION_DEFAULTS = {
    "research": "research",
    "projects": "projects",
    "news": "news",
    "posts": "posts",
}


def _collections(name: str, value: Any) -> dict[str, str]:
    folders = _str_map(name, value)
    for key, folder in folders.items():
        if (
            not folder.strip("/")
            or folder != folder.strip("/")
            or lexical_problem(folder)
            or ".." in folder.split("/")
        ):
            raise ConfigError(f"{name}[{key!r}] must be a folder such as 'news', got {folder!r}")
    if len(set(folders.values())) != len(folders):
        raise ConfigError(f"{name} gives two collections the same folder: {folders!r}")
    return folders


#: Contribution marks an author name may carry (publications/records.py reads them).
MARKS = ("*", "\u2217", "†", "‡", "¶", "&", "^")  # \u2217: the asterisk operator


#: cv.pdf's paper sizes and themes (Typst's names; data/cv/cv.typ draws the themes).
CV_PDF_PAPERS = ("a4", "us-letter")
CV_PDF_THEMES = ("classic", "modern")


def _one_of(choices: tuple[str, ...]) -> Validator:
    def check(name: str, value: Any) -> str:
        if value not in choices:
            expected = " or ".join(repr(c) for c in choices)
            raise ConfigError(f"{name} must be {expected}, got {value!r}")
        return str(value)

    return check


def _coauthors(name: str, value: Any) -> dict[str, str] | str:
    if isinstance(value, str):
        return _site_path(name, value)
    links = _str_map(name, value)
    for person, url in links.items():
        if safe_url(url, relative=False) is None:
            raise ConfigError(f"{name}[{person!r}] {refused(url, relative=False)}")
    return links


def _author_marks(name: str, value: Any) -> dict[str, str]:
    marks = _str_map(name, value)
    unknown = sorted(set(marks) - set(MARKS))
    if unknown:
        raise ConfigError(
            f"{name} has unknown mark(s) {', '.join(unknown)}; expected some of {' '.join(MARKS)}"
        )
    return marks


def _max_authors(name: str, value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ConfigError(f"{name} must be a whole number (0 for no limit), got {value!r}")
    return value


def _math_macros(name: str, value: Any) -> dict[str, str]:
    """``{"R": r"\\mathbb{R}"}``, or MathJax's ``{"norm": [r"\\lVert #1 \\rVert", 1]}``."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"{name} must be a dict of macro name -> LaTeX, got {value!r}")
    macros = {}
    for key, body in value.items():
        if not isinstance(key, str) or not re.fullmatch(r"\\?[A-Za-z]+", key):
            raise ConfigError(f"{name} has a bad macro name {key!r}: letters only, like 'R'")
        if isinstance(body, list | tuple) and body and isinstance(body[0], str):
            body = body[0]  # MathJax's [definition, number of arguments]: Temml counts #n
        if not isinstance(body, str):
            raise ConfigError(f"{name}[{key!r}] must be a string of LaTeX, got {body!r}")
        macros["\\" + key.lstrip("\\")] = body
    return macros


def _social(name: str, value: Any) -> dict[str, str]:
    links = _str_map(name, value)
    unknown = sorted(set(links) - set(SOCIAL_KINDS))
    if unknown:
        raise ConfigError(
            f"{name} has unknown account(s) {', '.join(unknown)}; "
            f"expected some of {', '.join(SOCIAL_KINDS)}"
        )
    return links


@dc.dataclass
class FolioConfig:
    """The validated options; ``conf.py`` sets them as ``folio_<name>``."""

    name: str = _field(
        "", _str, "The site owner's full name, as it appears in refs.bib.", example="Ada Lovelace"
    )
    name_variants: list[str] = _field(
        [],
        _str_list,
        "Other spellings of the owner's name to highlight in author lists.",
        example=["A. Lovelace", "Lovelace, A. A."],
    )
    list_every_entry: bool = _field(
        False,
        _bool,
        "List every entry of the bib files, as al-folio lists every entry of papers.bib, not "
        "only those with the owner among their authors (the owner is still highlighted where "
        "matched). An entry without author or year is then listed without a warning.",
        example=True,
    )
    role: str = _field(
        "", _str, "Job title or role, shown under the name.", example="PhD student in robotics"
    )
    affiliation: str = _field(
        "", _str, "Current employer or institution.", example="University of London"
    )
    location: str = _field(
        "", _str, "City or region, shown on the profile card.", example="London, UK"
    )
    email: str = _field(
        "", _str, "Contact address; shown only when set.", example="ada@example.org"
    )
    photo: str = _field(
        "",
        _site_path,
        "Path of the profile photo under the source folder.",
        example="_static/me.jpg",
    )
    bio: str = _field(
        "",
        _str,
        "One or two sentences used as the site description.",
        rebuild="html",  # only how pages are written (drawn at write time)
        example="Ada Lovelace studies how machines can compute more than numbers.",
    )
    social: dict[str, str] = _field(
        {},
        _social,
        "Social accounts: " + ", ".join(SOCIAL_KINDS) + ". Empty ones are hidden.",
        example={"github": "ada-lovelace", "orcid": "0000-0002-1825-0097"},
    )
    profile: dict[str, Any] = _field(
        PROFILE_DEFAULTS,
        _profile,
        "Profile card knobs: align, image_circular, more_info (lines of Markdown under the "
        "photo), image_alt (default: 'Photo of <name>').",
        example={"align": "right", "image_circular": False, "more_info": "Room 42\\nLondon"},
    )
    home: dict[str, Any] = _field(
        HOME_DEFAULTS,
        knobs(HOME_DEFAULTS),
        "Home page sections: announcements, latest_posts, selected_papers.",
        example={"latest_posts": {"enabled": False, "scrollable": True, "limit": 3}},
    )
    publications_dir: str = _field(
        "publications",
        _site_folder,
        "Folder (URL prefix) that holds the generated page of each paper.",
        example="papers",
    )
    coauthors: dict[str, str] | str = _field(
        {},
        _coauthors,
        "Co-authors' homepages: a dict of name -> URL, or the path of a YAML file holding "
        "one (coauthors.yaml). Every appearance of a co-author in a publication links there; "
        "names match with initials and accents the way the owner's name does.",
        example={"Charles Babbage": "https://example.org/babbage"},
        types=(dict, str),
    )
    author_marks: dict[str, str] = _field(
        {},
        _author_marks,
        "What each contribution mark on an author name means (" + " ".join(MARKS) + "); "
        "shown once as a legend under each publication list and each paper page.",
        rebuild="html",  # only how pages are written (drawn at write time)
        example={"*": "equal contribution", "†": "corresponding author"},
    )
    max_authors: int = _field(
        0,
        _max_authors,
        "Authors shown before 'and K more' (al-folio's max_author_limit); the rest open "
        "without JavaScript and the owner is always shown. 0 shows every author.",
        rebuild="html",  # only how pages are written (drawn at write time)
        example=5,
    )
    cv: str = _field(
        "", _site_path, "JSON Resume data file (YAML or JSON) for the CV page.", example="cv.yaml"
    )
    cv_pdf: bool = _field(
        True,
        _bool,
        "Typeset the CV as cv.pdf at build time (needs the extra: pip install "
        "'sphinx-folio[pdf]'); False leaves it out.",
        rebuild="html",  # the CV page's link; pages need not be read again
        example=False,
    )
    cv_pdf_paper: str = _field(
        "a4",
        _one_of(CV_PDF_PAPERS),
        "Paper size of cv.pdf: " + " or ".join(repr(p) for p in CV_PDF_PAPERS) + ".",
        rebuild="",  # only cv.pdf changes, and cv_pdf.py sees that itself
        example="us-letter",
    )
    cv_pdf_theme: str = _field(
        "classic",
        _one_of(CV_PDF_THEMES),
        "Look of cv.pdf: 'classic' (Libertinus Serif, ruled small-caps headings) or "
        "'modern' (New Computer Modern, barred capital headings).",
        rebuild="",
        example="modern",
    )
    collections: dict[str, str] = _field(
        COLLECTION_DEFAULTS,
        _collections,
        "Collections and the folder of each: every .md in the folder but index.md is an item. "
        "research, projects, news, posts, people, talks and teaching have their own front "
        "matter schema.",
        example={"research": "research", "news": "news", "talks": "talks"},
    )

    footer_credit: bool = _field(
        False,
        _bool,
        "End the footer of every page (the owner and the year) with a 'Built with "
        "sphinx-folio' link.",
        rebuild="html",
        example=True,
    )

    math_macros: dict[str, str] = _field(
        {},
        _math_macros,
        "LaTeX macros every formula of the site may use: name -> definition, #1.. for "
        "arguments. MathJax's form [definition, arguments] is read too.",
        example={"R": "\\mathbb{R}", "norm": "\\lVert #1 \\rVert"},
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> FolioConfig:
        values = {}
        for field in dc.fields(cls):
            option = f"folio_{field.name}"
            values[field.name] = field.metadata["validator"](option, getattr(config, option))
        return cls(**values)


def _defaults(field: dc.Field[Any]) -> Any:
    if field.default_factory is not dc.MISSING:
        return field.default_factory()
    return field.default


#: Defaults the extension gives other extensions' options, unless conf.py sets them.
#: Front matter ``title`` becomes the page heading, so a collection item states it once.
#: Bibliographies keep titles as written and say "et al." (publications/style.py).
STACK_DEFAULTS: dict[str, Any] = {
    "myst_title_to_header": True,
    # $$...$$ (and \[...\]) inside a sentence is display math, as MathJax reads it.
    "myst_dmath_double_inline": True,
    "bibtex_default_style": "folio",
    "bibtex_reference_style": "folio_author_year",
}


#: The bibliography a site has without naming one (``bibtex_bibfiles``), if the file is there;
#: without it the site has no bibliography, and publication lists say so.
DEFAULT_BIB = "refs.bib"


def _check(app: Sphinx, config: Config) -> None:
    from .profile import check_profile  # profile.py reads this module's options

    with fatal_config(app.confdir):
        config._folio = FolioConfig.from_sphinx(config)
        check_profile(app.confdir, config._folio)
    for option, value in STACK_DEFAULTS.items():
        if not user_set(config, option):
            setattr(config, option, value)
    if not user_set(config, "html_title"):
        # Sphinx's default, "<project> documentation", names a manual, not a person's site.
        config.html_title = config._folio.name or config.project
    # sphinxcontrib-bibtex stops in Sphinx's crash format when its option is unset (None),
    # and reads a string as a list of one-letter file names.
    if config.bibtex_bibfiles is None:
        config.bibtex_bibfiles = [DEFAULT_BIB] if Path(app.confdir, DEFAULT_BIB).is_file() else []
    try:
        _str_list("bibtex_bibfiles", config.bibtex_bibfiles)
    except ConfigError as error:
        where = conf_location(app.confdir, "bibtex_bibfiles")
        raise InputError(where, str(error), 'a list of file names: ["refs.bib"]') from None


def get_config(app_or_env: Sphinx | BuildEnvironment) -> FolioConfig:
    """The validated options of the current build."""
    return app_or_env.config._folio


def setup_config(app: Sphinx) -> None:
    for field in dc.fields(FolioConfig):
        default = _defaults(field)
        app.add_config_value(
            f"folio_{field.name}",
            default,
            field.metadata["rebuild"],
            types=frozenset(field.metadata["types"] or {type(default)}),
            description=field.metadata["help"],
        )
    # Early, so that every later config-inited handler sees validated values.
    app.connect("config-inited", _check, priority=100)
