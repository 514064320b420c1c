"""``_config.yml``, ``_data/socials.yml`` and the about page's front matter -> conf.py values."""

from __future__ import annotations

import dataclasses as dc
import re
from pathlib import Path
from typing import Any

from sphinx.errors import ConfigError

from ..config import HOME_DEFAULTS, PROFILE_DEFAULTS, SOCIAL_KINDS, knobs
from ..social import SOCIAL, _social_link
from ..urls import refused, safe_url
from .assets import Assets
from .files import Page, read_yaml
from .html import html_to_lines, html_to_text
from .report import AlfolioError, Report

#: al-folio social key -> folio_social kind (whose URL pattern is in social.SOCIAL).
SOCIALS: dict[str, str] = {
    "email": "email",
    "github_username": "github",
    "scholar_userid": "scholar",
    "orcid_id": "orcid",
    "linkedin_username": "linkedin",
    "x_username": "x",
    "twitter_username": "x",
    "substack_username": "substack",
    "work_url": "website",
    "website_url": "website",
}
_NOT_ACCOUNTS = {"rss_icon", "contact_note"}


@dc.dataclass
class Settings:
    """Everything conf.py will say."""

    title: str = ""
    """The site's title (``_config.yml`` title, or the owner's name)."""
    url: str = ""
    baseurl: str = ""
    """``baseurl`` without slashes: links in pages may start with it."""
    folio: dict[str, Any] = dc.field(default_factory=dict)
    """``folio_<key>`` values, only those the al-folio site gives."""


def _line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return None


def read_config(
    source: Path, report: Report, files: list[str] | None = None
) -> tuple[dict[str, Any], str]:
    """The site's configuration: ``files`` (``--config a.yml,b.yml``), else the files the
    deploy workflow passes to ``jekyll build --config``, else ``_config.yml``.

    Several files merge as Jekyll merges them: later files win, and mappings merge key
    by key (Jekyll's ``Utils.deep_merge_hashes``); lists and other values are replaced.
    The text returned (for line numbers) is that of the first file.
    """
    names = files or workflow_configs(source, report) or ["_config.yml"]
    merged: dict[str, Any] = {}
    first_text = ""
    for name in names:
        path = source / name
        if not path.is_file():
            report.note(name, None, "missing; the site has no name, title or URL from it")
            continue
        data = read_yaml(path, name) or {}
        if not isinstance(data, dict):
            report.note(name, 1, "is not a mapping; ignored")
            continue
        if not first_text:
            first_text = path.read_text(encoding="utf-8")
        merged = deep_merge(merged, data)
    return merged, first_text


def deep_merge(base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """Jekyll's deep_merge_hashes: ``other`` wins; mappings on both sides merge."""
    out = dict(base)
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


_WORKFLOW_CONFIG = re.compile(r"jekyll\s+build\b[^\n]*?--config[= ]+['\"]?([^\s'\"]+)")


def workflow_configs(source: Path, report: Report) -> list[str]:
    """The config files named by ``jekyll build --config ...`` in a deploy workflow."""
    folder = source / ".github" / "workflows"
    if not folder.is_dir():
        return []
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        match = _WORKFLOW_CONFIG.search(text)
        if match:
            names = [n for n in match.group(1).split(",") if n]
            rel = path.relative_to(source).as_posix()
            line = text.count("\n", 0, match.start()) + 1
            report.done(f"{rel}:{line} -> config read from {', '.join(names)}")
            return names
    return []


def _name(config: dict[str, Any]) -> str:
    parts = [config.get(key) for key in ("first_name", "middle_name", "last_name")]
    return " ".join(" ".join(str(p).split()) for p in parts if p)


#: Words that mark a title as a group's, not a person's name.
_GROUP = re.compile(
    r"\b(lab|laboratory|group|team|center|centre|institute|university|school|department|"
    r"conference|workshop|symposium|seminar|course|class|society|journal|project|nlp|ai|"
    r"research|blog|site|website|home|page|portfolio)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"^[A-Z\u00c0-\u00de][\w'\u2019.-]*(\s+[A-Z\u00c0-\u00de][\w'\u2019.-]*){1,3}$"
)


def scholar_names(scholar: dict[str, Any]) -> list[str]:
    """The names jekyll-scholar highlights (``scholar`` first_name x last_name), and the
    alternative ones some al-folio versions add (first_name_alt/last_name_alt: a name in
    another script, say)."""
    return [
        f"{first} {last}"
        for suffix in ("", "_alt")
        for last in _as_list(scholar.get(f"last_name{suffix}"))
        for first in _as_list(scholar.get(f"first_name{suffix}"))
    ]


def owner_name(config: dict[str, Any]) -> tuple[str, str]:
    """The owner's name and the keys it came from, for every era of al-folio's config.

    first/middle/last_name (2018 on); ``name`` (before 2018); the first of ``scholar``'s
    first_name/last_name lists (the names jekyll-scholar highlights); ``title`` when it
    reads as a person's name (two to four capitalised words, none like "Lab").
    """
    name = _name(config)
    if name:
        return name, "first_name/last_name"
    if isinstance(config.get("name"), str) and config["name"].strip():
        return " ".join(config["name"].split()), "name"
    raw = config.get("scholar")
    scholar: dict[str, Any] = raw if isinstance(raw, dict) else {}
    firsts, lasts = _as_list(scholar.get("first_name")), _as_list(scholar.get("last_name"))
    if firsts and lasts:
        return f"{firsts[0]} {lasts[0]}", "scholar.first_name/last_name"
    title = html_to_text(str(config.get("title") or "")).strip()
    if title != "blank" and _PERSON.match(title) and not _GROUP.search(title):
        return title, "title"
    return "", ""


def short_title(text: str, limit: int = 40) -> str:
    """A site title that fits a navbar: e-mail addresses and URLs out, the first phrase."""
    # Bounded first: the patterns below rescan a run of non-spaces (or spaces) from each
    # of its characters, and a navbar title needs no more than its first words.
    text = text[:500]
    text = re.sub(r"\S+@\S+|https?://\S+", "", text)
    text = " ".join(text.split()).strip(" .,;:|-")
    if len(text) <= limit:
        return text
    first = re.split(r"\s*(?:[.|;\u00b7\u2022\u2014\u2013]\s|\s-\s|,\s)", text)[0].strip(" .,;:")
    if 0 < len(first) <= limit:
        return first
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [str(value)]


def socials(data: dict[str, Any], file: str, text: str, report: Report) -> dict[str, str]:
    """al-folio social keys -> folio_social; anything else is reported."""
    out: dict[str, str] = {}
    for key, value in data.items():
        if key in _NOT_ACCOUNTS or value in (None, "", False):
            continue
        if key not in SOCIALS:
            if file == "_config.yml":
                continue  # _config.yml holds every other setting too
            report.note(
                file,
                _line(text, key),
                f"social account {key!r} has no place in folio_social "
                f"({', '.join(SOCIAL_KINDS)}); left out",
            )
            continue
        kind = SOCIALS[key]
        template = SOCIAL[kind][1]
        # folio_social takes an address and a domain as they are.
        pattern = template if template and kind != "email" else "{}"
        value = str(value).strip().removeprefix("mailto:")
        url = value if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:|//", value) else pattern.format(value)
        if kind != "email" and safe_url(url, relative=False) is None:
            report.note(file, _line(text, key), f"social account {key!r}: {refused(url)}; left out")
            continue
        try:  # the check conf.py's folio_social gets: what would stop the build is left out
            _social_link(kind, url)
        except ConfigError as error:
            report.note(file, _line(text, key), f"social account {key!r}: {error}; left out")
            continue
        out.setdefault(kind, url)
    return out


def _knob(
    section: Any, defaults: dict[str, Any], file: str, line: int | None, report: Report, what: str
) -> dict[str, Any]:
    """An about-page section (announcements, latest_posts) -> a folio_home entry."""
    out = dict(defaults)
    if isinstance(section, bool):
        out["enabled"] = section
        return out
    if not isinstance(section, dict):
        return out
    check = knobs(defaults)  # the same check as conf.py's folio_home gets
    for key, value in section.items():
        if key not in defaults:
            report.note(file, line, f"{what}.{key} has no counterpart; left out")
            continue
        try:
            out = check(f"folio_home[{what!r}]", {**out, key: value})
        except ConfigError as error:
            report.note(file, line, f"{error}; kept {defaults[key]!r}")
    return out


def build_settings(
    source: Path,
    about: Page | None,
    assets: Assets,
    report: Report,
    config_files: list[str] | None = None,
) -> tuple[Settings, str]:
    """The settings, and the about page's subtitle as text (for the profile role)."""
    config, config_text = read_config(source, report, config_files)
    settings = Settings()
    folio = settings.folio

    name, found_in = owner_name(config)
    folio["name"] = name
    title = html_to_text(str(config.get("title") or "")).strip()
    if title in ("", "blank"):
        title = name
    short = short_title(title)
    if short != title:
        report.note(
            "_config.yml",
            _line(config_text, "title"),
            f"title {title!r} is too long for a site title; shortened to {short!r}",
        )
    settings.title = short
    if name and found_in != "first_name/last_name":
        report.done(f"_config.yml {found_in} -> folio_name {name!r}")
    if not name:
        report.note(
            "_config.yml",
            _line(config_text, "first_name") or _line(config_text, "title"),
            "no owner named (first_name/last_name, name, scholar.last_name or a person's "
            "title): folio_name is empty, so the publication list shows no paper; "
            "set folio_name in conf.py to the name as written in refs.bib",
        )

    raw_scholar = config.get("scholar")
    scholar: dict[str, Any] = raw_scholar if isinstance(raw_scholar, dict) else {}
    variants = [v for v in dict.fromkeys(scholar_names(scholar)) if v != name]
    if variants:
        folio["name_variants"] = variants

    limit = config.get("max_author_limit")
    if type(limit) is int and limit > 0:
        folio["max_authors"] = limit
        report.done(f"_config.yml max_author_limit -> folio_max_authors {limit}")

    description = config.get("description")
    if description:
        folio["bio"] = html_to_text(_markdown_links_to_text(str(description)))

    url = str(config.get("url") or "").strip().rstrip("/")
    baseurl = str(config.get("baseurl") or "").strip().strip("/")
    settings.baseurl = baseurl
    if url and not re.match(r"^https?://", url):
        # "example.org" without a scheme: Jekyll writes it into links as it is; Sphinx
        # (and the 404 page) need an absolute URL.
        report.note("_config.yml", _line(config_text, "url"), f"url {url!r} has no https://; added")
        url = f"https://{url}"
    if url:
        settings.url = f"{url}/{baseurl}/" if baseurl else f"{url}/"

    if config.get("external_sources"):
        report.note(
            "_config.yml",
            _line(config_text, "external_sources"),
            "external_sources (posts read from RSS feeds) not imported; "
            "add them as posts with external_url",
        )

    # social accounts: _data/socials.yml, else the older keys of _config.yml
    social_file = source / "_data" / "socials.yml"
    if social_file.is_file():
        try:
            data = read_yaml(social_file, "_data/socials.yml") or {}
        except AlfolioError as error:  # one unreadable file costs its accounts, not the import
            report.note(error.note.file, error.note.line, f"{error.note.message}; left out")
            data = {}
        text = social_file.read_text(encoding="utf-8")
        accounts = socials(
            data if isinstance(data, dict) else {}, "_data/socials.yml", text, report
        )
    else:
        accounts = socials(config, "_config.yml", config_text, report)
    if accounts.get("email"):
        folio["email"] = accounts["email"]

    subtitle = ""
    if about is not None:
        subtitle = _about(about, folio, accounts, assets, report)
    else:
        folio["social"] = accounts
    return settings, subtitle


def _markdown_links_to_text(text: str) -> str:
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")


def _about(
    about: Page, folio: dict[str, Any], accounts: dict[str, str], assets: Assets, report: Report
) -> str:
    meta = about.meta
    file = about.rel

    raw_profile = meta.get("profile")
    profile: dict[str, Any] = raw_profile if isinstance(raw_profile, dict) else {}
    knobs = dict(PROFILE_DEFAULTS)
    if profile.get("align") in ("left", "right"):
        knobs["align"] = profile["align"]
    elif "align" in profile:
        report.note(
            file, about.line_of("profile"), f"profile.align {profile['align']!r} kept as left"
        )
    if isinstance(profile.get("image_circular"), bool):
        knobs["image_circular"] = profile["image_circular"]
    info = [profile.get(key) for key in ("more_info", "address") if profile.get(key)]
    if info:
        knobs["more_info"] = "\n".join(line for part in info for line in html_to_lines(str(part)))
    folio["profile"] = knobs
    if profile.get("image"):
        image = str(profile["image"])
        line = next(
            (n for n, t in enumerate(about.front, start=2) if re.match(r"^\s+image\s*:", t)), None
        )
        what = "profile image (the profile card shows no photo)"
        copied = assets.copy(image, file, line, "", "assets/img", what)
        if copied is not None:
            folio["photo"] = copied
    for key in profile:
        if key not in ("align", "image", "image_circular", "more_info", "address", "image_cropped"):
            report.note(
                file, about.line_of("profile"), f"profile.{key} has no counterpart; left out"
            )

    home: dict[str, Any] = {}
    news = meta.get("announcements", meta.get("news"))
    key = "announcements" if "announcements" in meta else "news"
    home["announcements"] = _knob(
        news, HOME_DEFAULTS["announcements"], file, about.line_of(key), report, key
    )
    home["latest_posts"] = _knob(
        meta.get("latest_posts"),
        HOME_DEFAULTS["latest_posts"],
        file,
        about.line_of("latest_posts"),
        report,
        "latest_posts",
    )
    selected = meta.get("selected_papers")
    home["selected_papers"] = {
        "enabled": selected
        if isinstance(selected, bool)
        else HOME_DEFAULTS["selected_papers"]["enabled"]
    }
    folio["home"] = home

    if meta.get("social") is False and accounts:
        report.note(
            file,
            about.line_of("social"),
            "social: false, so the social accounts "
            f"({', '.join(accounts)}) are not put on the profile card",
        )
    else:
        folio["social"] = accounts

    subtitle = meta.get("subtitle") or ""
    if isinstance(meta.get("description"), str) and not subtitle:
        subtitle = meta["description"]  # older al-folio: the line under the name
    return html_to_text(_markdown_links_to_text(str(subtitle))) if subtitle else ""
