"""The owner's accounts: the one table of networks, and the links made from ``folio_social``.

The importer maps al-folio's keys onto the same table (alfolio/settings.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from .urls import safe_url

if TYPE_CHECKING:
    from .config import FolioConfig

#: kind -> (label, URL template for a bare handle; None: the value must be a URL)
SOCIAL: dict[str, tuple[str, str | None]] = {
    "email": ("Email", "mailto:{}"),
    "github": ("GitHub", "https://github.com/{}"),
    "scholar": ("Google Scholar", "https://scholar.google.com/citations?user={}"),
    "orcid": ("ORCID", "https://orcid.org/{}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "substack": ("Substack", "https://{}.substack.com"),
    "x": ("X", "https://x.com/{}"),
    "website": ("Website", None),
}

_HANDLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_DOMAIN = re.compile(r"^[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+(/\S*)?$")


@dataclass(frozen=True)
class SocialLink:
    """One configured account."""

    kind: str  #: one of :data:`SOCIAL`'s keys
    label: str  #: human name of the network, e.g. "Google Scholar"
    url: str  #: absolute http(s) or mailto URL
    handle: str  #: the user name or address as given, without URL ("" when a URL was given)


def _social_link(kind: str, value: str) -> SocialLink:
    option = f"folio_social[{kind!r}]"
    label, template = SOCIAL[kind]
    value = value.strip()
    if kind == "email":
        address = value.removeprefix("mailto:")
        if not _EMAIL.match(address) or safe_url(f"mailto:{address}", mailto=True) is None:
            raise ConfigError(f"{option} must be an email address, got {value!r}")
        return SocialLink(kind, label, f"mailto:{address}", address)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:|//", value):
        url = safe_url(value, relative=False)
        if url is None:
            raise ConfigError(f"{option} must be an http(s) URL or a user name, got {value!r}")
        return SocialLink(kind, label, url, "")
    if template is None:  # website: a bare domain
        if not _DOMAIN.match(value):
            raise ConfigError(f"{option} must be a URL such as https://example.org, got {value!r}")
        return SocialLink(kind, label, f"https://{value}", "")
    handle = value.removeprefix("@") if kind == "x" else value
    valid = _ORCID.match(handle) if kind == "orcid" else _HANDLE.match(handle)
    if not valid:
        expected = "an ORCID iD such as 0000-0002-1825-0097" if kind == "orcid" else "a user name"
        raise ConfigError(f"{option} must be a URL or {expected}, got {value!r}")
    return SocialLink(kind, label, template.format(handle), handle)


def social_links(cfg: FolioConfig) -> list[SocialLink]:
    """The configured accounts in a fixed order; empty ones are left out.

    The email link is ``folio_social["email"]``, or else ``folio_email``, so the address
    is written once.
    """
    values = dict(cfg.social)
    if not values.get("email", "").strip() and cfg.email.strip():
        values["email"] = cfg.email
    return [_social_link(kind, values[kind]) for kind in SOCIAL if values.get(kind, "").strip()]
