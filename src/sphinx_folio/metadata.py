"""What search engines, link previews and hosts expect: OpenGraph, sitemap, robots.txt, favicon, 404.

The extension brings sphinxext-opengraph, sphinx-sitemap and sphinx-notfound-page in
itself and gives them defaults derived from ``html_baseurl`` (each one only when
``conf.py`` does not set it):

* ``html_baseurl`` itself falls back to Read the Docs' ``READTHEDOCS_CANONICAL_URL``.
* OpenGraph: ``ogp_site_url`` is the base URL; no generated social-card images (they
  would need matplotlib); a Twitter/X ``summary`` card; the photo as ``og:image`` when
  it is published under ``_static``.
* Sitemap: plain ``{link}`` URLs (the base URL already holds any language/version
  path), without the 404, search and index pages, and complete after an incremental
  build (sphinx-sitemap alone lists only the pages written by that build).
* 404: ``notfound_urls_prefix`` is the base URL's path, so the page's assets and links
  resolve at any depth.
* A favicon (``html_favicon``) and ``/favicon.ico`` at the root, so browsers get no 404.

Without a base URL (a local preview), there is no absolute URL to give: the sitemap,
the robots.txt ``Sitemap:`` line, canonical links and ``og:url`` are left out, silently,
because a warning would fail every local ``-W`` build for something only the deployed
site needs.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config

from ._compat import (
    disconnect_sitemap,
    sitemap_excluded,
    sitemap_queue,
    sitemap_queue_in_process,
    user_set,
)
from .config import get_config
from .escaping import html
from .paths import relative_to_conf, write_if_changed
from .profile import published_photo
from .social import social_links
from .urls import site_url

DATA = Path(__file__).parent / "data"
FAVICON_SVG = DATA / "favicon.svg"
#: The same mark at 16 and 32 pixels (PNG images in an ICO container), for /favicon.ico.
FAVICON_ICO = DATA / "favicon.ico"
SITEMAP_EXCLUDES = ["404.html", "404/", "search.html", "search/", "genindex.html", "genindex/"]


def _unset(config: Config, name: str) -> bool:
    return not user_set(config, name)


def _defaults(app: Sphinx, config: Config) -> None:
    cfg = get_config(app)
    if _unset(config, "html_baseurl") and os.environ.get("READTHEDOCS_CANONICAL_URL"):
        config.html_baseurl = os.environ["READTHEDOCS_CANONICAL_URL"]
    base = site_url(config)
    defaults: dict[str, Any] = {
        "ogp_site_url": base,
        "ogp_social_cards": {"enable": False},
        "ogp_custom_meta_tags": _twitter_tags(app),
        "sitemap_url_scheme": "{link}",
        "sitemap_excludes": list(SITEMAP_EXCLUDES),
        "notfound_urls_prefix": urlsplit(base).path or "/" if base else "/",
        "html_favicon": relative_to_conf(app.confdir, FAVICON_SVG),  # see paths.py
    }
    image = published_photo(app, config)
    if base and image:
        defaults["ogp_image"] = image
        defaults["ogp_image_alt"] = cfg.profile["image_alt"] or f"Photo of {cfg.name}"
    for name, value in defaults.items():
        if _unset(config, name):
            setattr(config, name, value)


def _twitter_tags(app: Sphinx) -> list[str]:
    """Twitter/X reads og:title, og:description and og:image once it knows the card type."""
    tags = ['<meta name="twitter:card" content="summary" />']
    for link in social_links(get_config(app)):
        if link.kind == "x" and link.handle:
            tags.append(f'<meta name="twitter:creator" content="@{html(link.handle)}" />')
    return tags


# --- sitemap -------------------------------------------------------------------------------


def _skip_sitemap_without_url(app: Sphinx) -> None:
    """sphinx-sitemap warns and writes nothing without a base URL; skip it quietly."""
    if site_url(app.config):
        return
    disconnect_sitemap(app)


#: Emitted once per build; handlers return the names of pages they generate outside
#: Sphinx's documents (paper pages), so that the sitemap lists them even when a build
#: skips rewriting them.
SITEMAP_PAGES_EVENT = "folio-sitemap-pages"


def _sitemap_link(app: Sphinx, docname: str) -> str:
    if app.builder.name == "dirhtml":
        if docname == "index":
            return ""
        return docname[: -len("index")] if docname.endswith("/index") else docname + "/"
    return docname + (app.config.html_file_suffix or ".html")


def _complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Add the pages this build did not rewrite, so the sitemap lists every page."""
    links = sitemap_queue(app)
    if exception is not None or links is None or not site_url(app.config):
        return
    collected: dict[str, Any] = {}
    while True:
        try:
            link, lastmod = links.get_nowait()
        except queue.Empty:
            break
        collected[link] = lastmod
    generated = [page for pages in app.emit(SITEMAP_PAGES_EVENT) for page in pages]
    # An empty collection's index is not published (collection/toc.py).
    for docname, meta in app.env.metadata.items():
        if meta.get("folio_hidden"):
            collected.pop(_sitemap_link(app, docname), None)
    docnames = [d for d in app.env.all_docs if not app.env.metadata.get(d, {}).get("folio_hidden")]
    for docname in [*docnames, *generated]:
        link = _sitemap_link(app, docname)
        if link not in collected and not sitemap_excluded(link, app.config.sitemap_excludes):
            collected[link] = None
    for link in sorted(collected):  # sorted: the same site gives the same file
        links.put((link, collected[link]))


# --- 404 -----------------------------------------------------------------------------------------


def not_found_body(app: Sphinx) -> str:
    """The 404 page: the way home, the site's sections and a search box.

    Links are absolute paths (``notfound_urls_prefix``): the page is served at any URL.
    """
    prefix = app.config.notfound_urls_prefix or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    root = app.config.root_doc
    env = app.env

    def href(docname: str) -> str:
        return html(prefix + app.builder.get_target_uri(docname))

    sections = [
        f'<li><a href="{href(doc)}">{html(env.titles[doc].astext())}</a></li>'
        for doc in env.toctree_includes.get(root, [])
        if doc in env.titles and not env.metadata.get(doc, {}).get("folio_hidden")
    ]
    home = html(env.titles[root].astext()) if root in env.titles else "Home"
    parts = [
        "<h1>Page not found</h1>",
        (
            '<p class="folio-404-lead">There is no page at this address. It may have moved, '
            "or the link may be mistyped.</p>"
        ),
        (
            f'<p class="folio-404-home"><a class="folio-btn" href="{href(root)}">Go to the '
            f"home page ({home})</a></p>"
        ),
    ]
    if sections:
        parts.append(
            '<nav class="folio-404-sections" aria-labelledby="folio-404-sections">'
            '<h2 id="folio-404-sections">Sections of this site</h2>'
            f"<ul>{''.join(sections)}</ul></nav>"
        )
    if getattr(app.builder, "search", False):
        parts.append(
            f'<form class="folio-404-search" action="{html(prefix)}search.html" method="get" '
            'role="search"><h2><label for="folio-404-q">Search this site</label></h2>'
            '<input id="folio-404-q" type="search" name="q" autocomplete="off"> '
            '<button class="folio-btn" type="submit">Search</button></form>'
        )
    return "\n".join(parts)


_DEFAULT_404 = "_folio_default_404"


def _not_found_page(app: Sphinx) -> list[Any]:
    """html-collect-pages, before sphinx-notfound-page: its default body, made useful."""
    if app.builder.format == "html" and _unset(app.config, "notfound_context"):
        setattr(app, _DEFAULT_404, app.config.notfound_context)
        context = dict(app.config.notfound_context)
        context["body"] = not_found_body(app)
        app.config.notfound_context = context
    return []


def _not_found_page_done(app: Sphinx) -> list[Any]:
    """After sphinx-notfound-page took the context: the option as it was, so the build's
    recorded configuration (``.buildinfo``) does not change and the next build is clean."""
    if hasattr(app, _DEFAULT_404):
        app.config.notfound_context = getattr(app, _DEFAULT_404)
        delattr(app, _DEFAULT_404)
    return []


# --- files at the root ------------------------------------------------------------------------


def _write_root_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    extra = {
        path.name
        for folder in app.config.html_extra_path
        for path in Path(app.confdir, folder).glob("*")
    }
    base = site_url(app.config)
    robots = "User-agent: *\nAllow: /\n"
    if base and app.builder.name in ("html", "dirhtml"):
        robots += f"\nSitemap: {base}{app.config.sitemap_filename}\n"
    files = {"robots.txt": robots.encode(), "favicon.ico": FAVICON_ICO.read_bytes()}
    for name, content in files.items():
        if name not in extra:  # else the site ships its own
            write_if_changed(out / name, content)


# --- per page ----------------------------------------------------------------------------------

_OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')


def _drop_relative_og_url(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Without a base URL sphinxext-opengraph writes a relative og:url, which is invalid."""
    if site_url(app.config) or app.config.ogp_site_url or "metatags" not in context:
        return
    context["metatags"] = _OG_URL.sub("", context["metatags"])


def _home_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The home page is described by ``folio_bio``, not by the profile card's first words."""
    bio = get_config(app).bio
    if pagename != app.config.root_doc or not bio or "metatags" not in context:
        return
    meta = dict(context.get("meta") or {})
    meta.setdefault("og:description", bio)
    context["meta"] = meta
    if 'name="description"' not in context["metatags"]:
        context["metatags"] += f'<meta name="description" content="{html(bio)}" />\n'


def setup_metadata(app: Sphinx) -> None:
    """Register the metadata feature."""
    # sphinxext-opengraph prints a note on import when matplotlib (for social cards,
    # which we turn off) is missing; keep the build output clean.
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.setup_extension("sphinx_sitemap")
    sitemap_queue_in_process(app)  # no server process per build unless -j writes in workers
    app.add_event(SITEMAP_PAGES_EVENT)
    app.setup_extension("notfound.extension")
    app.connect("config-inited", _defaults, priority=400)
    app.connect("builder-inited", _skip_sitemap_without_url)
    app.connect("html-page-context", _home_description, priority=450)  # before opengraph
    app.connect("html-page-context", _drop_relative_og_url, priority=600)
    # Before sphinx-sitemap writes the file (priority 500).
    app.connect("build-finished", _complete_sitemap, priority=400)
    app.connect("build-finished", _write_root_files)
    app.connect("html-collect-pages", _not_found_page, priority=400)
    app.connect("html-collect-pages", _not_found_page_done, priority=600)
