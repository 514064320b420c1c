"""The one rule deciding whether a URL from the site's input may become a link.

Every input that can carry a URL goes through :func:`safe_url`: refs.bib link fields,
front matter (``links``, ``repository``, ``external_url``), the CV data file, the
``folio_social`` options and what the al-folio importer writes. A value it refuses is
shown as text (or left out) with a ``folio`` warning; it never becomes an ``href``.

Allowed: ``http(s)://host...`` everywhere, ``mailto:`` where an address belongs, and
(where the caller allows it) links inside the site: ``page.html``, ``../x/``, ``/x``,
``#anchor``. Refused: every other scheme (``javascript:``, ``data:``, ``vbscript:``,
``file:``, ``ftp:``...), protocol-relative ``//host``, backslashes (browsers read
``/\\host`` as ``//host``), ``< > " ` `` (never unencoded in a URL) and any whitespace or control character inside the value
(browsers drop tabs and newlines, so ``java\\tscript:`` would run as ``javascript:``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_WEB = frozenset({"http", "https"})
#: Characters a URL never holds unencoded (RFC 3986); in input they are an attack or a typo.
_MARKUP = re.compile(r'[\\<>"`]')
#: Whitespace and control characters, including the Unicode ones browsers also strip.
_HIDDEN = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def safe_url(value: str, *, mailto: bool = False, relative: bool = True) -> str | None:
    """``value`` (stripped) if it may be a link's target, else None.

    ``mailto``: an address belongs here, so ``mailto:`` URLs are allowed.
    ``relative``: a link inside the site is meaningful here.
    """
    url = value.strip()
    if not url or _HIDDEN.search(url) or _MARKUP.search(url):
        return None
    match = _SCHEME.match(url)
    if match is None:
        # No scheme: a link inside the site, unless it names another host.
        return url if relative and not url.startswith("//") else None
    scheme = match.group(1).lower()
    if scheme in _WEB:
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. an unbalanced "[" in the host
            return None
        return url if parts.netloc and not parts.netloc.startswith("@") else None
    if scheme == "mailto" and mailto:
        return url if len(url) > len("mailto:") else None
    return None


def expected(*, mailto: bool = False, relative: bool = True) -> str:
    """What :func:`safe_url` accepts, for warnings: "an http(s) URL or a link inside the site"."""
    kinds = ["an http(s) URL"]
    if mailto:
        kinds.append("a mailto: address")
    if relative:
        kinds.append("a link inside the site")
    return ", ".join(kinds[:-1]) + (" or " if len(kinds) > 1 else "") + kinds[-1]


def refused(value: str, *, mailto: bool = False, relative: bool = True) -> str:
    """The warning text for a refused ``value``; the caller says what is shown instead."""
    return f"{value!r} is not a link this site publishes (expected {expected(mailto=mailto, relative=relative)})"


def site_url(config: Any) -> str:
    """The site's address, ``html_baseurl`` with one trailing slash, or "" (a local preview)."""
    base = (config.html_baseurl or "").strip()
    return base.rstrip("/") + "/" if base else ""
