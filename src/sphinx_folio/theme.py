"""The extension's stylesheet and templates, layered on pydata-sphinx-theme, made light.

A bare pydata-sphinx-theme page transfers about 260 KB (gzip) in 17 requests. Most of it
pays for icons: Font Awesome ships twice, as ``fontawesome.js`` (87 KB, used only to turn
``<i>`` tags into SVG, which the theme does not need because its CSS draws the icons) and
as a webfont whose solid face (112 KB) is fetched as soon as any icon shows. This module:

- leaves ``fontawesome.js`` out (``templates/layout.html``);
- draws the icons the theme itself shows (theme switch, search, menus, breadcrumbs,
  admonitions, external links) from small SVG masks in a generated stylesheet, so the
  webfont is only fetched by a page that shows some other Font Awesome icon;
- loads Sphinx's search scripts and index only on the search page, unless the site turns
  ``search_as_you_type`` on (the search dialog otherwise just opens the search page);
- loads sphinx-design's stylesheet and tab script, and the code highlighting stylesheet,
  only on pages that use them, and defers Sphinx's own scripts, which wait for the
  page anyway;
- links ``basic.css`` directly rather than through ``theme.css``'s ``@import`` chain;
- starts in "auto" mode (the browser's preference) unless the site sets ``default_mode``,
  which also removes the theme's "Got invalid theme mode" console error on a first visit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.config import Config

from . import _compat
from ._compat import THEME, user_set
from .paths import relative_to_conf, write_if_changed

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

#: The generated stylesheet with the theme's icons.
ICONS_CSS = "sphinx_folio_icons.css"

#: The one icon no bundled set has: a circle, half filled (the theme's "auto" mode).
HALF_CIRCLE = (
    "M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0Zm0 1.5a6.5 6.5 0 0 0 0 13Z",
    16,
)

#: Font Awesome icons the theme's templates put in ``<i>`` tags -> octicon drawn instead.
TAG_ICONS = {
    "sun": "sun",
    "moon": "moon",
    "circle-half-stroke": "",  # HALF_CIRCLE
    "magnifying-glass": "search",
    "bars": "three-bars",
    "outdent": "list-unordered",
    "list": "list-unordered",
    "house": "home",
    "arrow-up": "arrow-up",
    "chevron-down": "chevron-down",
    "angle-left": "chevron-left",
    "angle-right": "chevron-right",
    "pencil": "pencil",
    "file-lines": "file",
    "xmark": "x",
}

#: Icons the theme's stylesheet draws in ``::before``/``::after`` with the webfont:
#: selector -> (octicon, rules for the box the icon is drawn in).
PSEUDO_ICONS = {
    "ul.bd-breadcrumbs li.breadcrumb-item:not(.breadcrumb-home)::before": (
        "chevron-right",
        (
            "width:.8rem;height:.8rem;padding:0;margin:0 .5rem;"
            "background-color:var(--pst-color-text-muted)"
        ),
    ),
    ".nav-link.nav-external::after, nav.bd-links li>a.reference.external::after": (
        "link-external",
        "width:.75em;height:.75em;margin-left:.3em;background-color:currentColor",
    ),
    "a.reference.download::before": (
        "download",
        (
            "width:.8em;height:.8em;padding:0;margin:0 .25em;"
            "background-color:var(--pst-color-text-muted)"
        ),
    ),
    "div#searchbox p.highlight-link a::before": (
        "zoom-out",
        "width:1em;height:1em;margin-right:.5rem;background-color:currentColor",
    ),
    "span.versionmodified::before": (
        "issue-opened",
        "width:1em;height:1em;background-color:currentColor",
    ),
}

#: Admonition classes -> octicon, after the theme's own choice of Font Awesome icon.
ADMONITION_ICONS = {
    "": "bell",  # any other admonition
    "note": "info",
    "attention": "issue-opened",
    "important": "issue-opened",
    "caution": "alert",
    "warning": "alert",
    "danger": "alert",
    "error": "x-circle",
    "hint": "light-bulb",
    "tip": "light-bulb",
    "seealso": "share",
    "admonition-todo": "pencil",
}


def _svg_url(name: str) -> str:
    """An octicon (MIT, shipped with sphinx-design) as a CSS ``url()`` of an SVG."""
    if name:
        from sphinx_design.icons import get_octicon_data

        data = get_octicon_data()[name]["heights"]
        size = "16" if "16" in data else min(data)
        path, width = data[size]["path"], data[size]["width"]
    else:
        d, width = HALF_CIRCLE
        size, path = str(width), f'<path d="{d}"></path>'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {size}">{path}</svg>'
    return f'url("data:image/svg+xml,{quote(svg, safe=" =:/,.-")}")'


def icons_css() -> str:
    """The stylesheet that draws the theme's icons without the Font Awesome webfont."""
    mask = "-webkit-mask:var(--folio-icon) center/contain no-repeat;" + (
        "mask:var(--folio-icon) center/contain no-repeat"
    )
    out = [
        "/* sphinx-folio: the theme's icons as SVG masks (octicons, MIT, via sphinx-design),",
        "   so that no page fetches the 112 KB Font Awesome webfont for them. Generated by",
        "   sphinx_folio/theme.py: do not edit. */",
    ]
    for fa_name, octicon in TAG_ICONS.items():
        out.append(
            f'i.fa-{fa_name},span.fa-{fa_name}{{--fa:"";font-family:inherit;'
            f"--folio-icon:{_svg_url(octicon)}}}"
        )
    tags = ",".join(f"i.fa-{n}::before,span.fa-{n}::before" for n in TAG_ICONS)
    out.append(
        f'{tags}{{content:"";display:inline-block;width:1em;height:1em;'
        f"vertical-align:-.125em;background-color:currentColor;{mask}}}"
    )
    for selector, (octicon, box) in PSEUDO_ICONS.items():
        out.append(
            f'{selector}{{content:"";display:inline-block;font:inherit;{box};'
            f"--folio-icon:{_svg_url(octicon)};{mask}}}"
        )
    title = ".admonition>.admonition-title::after,div.admonition>.admonition-title::after"
    out.append(f'{title}{{content:"";font:inherit;background-color:currentColor;{mask}}}')
    for cls, octicon in ADMONITION_ICONS.items():
        scope = f".admonition.{cls}" if cls else ".admonition"
        out.append(f"{scope}>.admonition-title{{--folio-icon:{_svg_url(octicon)}}}")
    return "\n".join(out) + "\n"


def _write_icons(app: Sphinx) -> None:
    """Write the icon stylesheet into the output's ``_static`` before pages are written."""
    if app.builder.format != "html":
        return
    write_if_changed(Path(app.outdir) / "_static" / ICONS_CSS, icons_css())


def _add_static_path(app: Sphinx) -> None:
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]


def _add_paths(app: Sphinx, config: Config) -> None:
    # The templates and stylesheet are written for pydata-sphinx-theme: a site that names
    # no theme gets it (Sphinx's default, alabaster, would be a different site).
    if not user_set(config, "html_theme"):
        config.html_theme = THEME
    # Appended, so that a site's own _static and _templates win over ours.
    # New lists: appending in place would change the defaults that every later Sphinx app
    # in the same process starts from (tests build many).
    # Both are "html" options, whose values Sphinx hashes to decide whether every page
    # must be written again: an absolute path into the virtual environment would make a
    # moved environment (a CI cache restored elsewhere) rewrite the whole site. So the
    # templates folder is given relative to conf.py (the same while site and environment
    # move together), and the static folder only once the builder has taken that hash
    # (builder-inited, :func:`_add_static_path`): Sphinx copies static files at the end.
    config.templates_path = [*config.templates_path, relative_to_conf(app.confdir, TEMPLATES)]
    # "auto" follows the visitor's system; pydata-sphinx-theme's default is an empty mode,
    # which its script reports as an error on a first visit.
    config.html_context = {"default_mode": "auto", **config.html_context}
    if config.html_theme == THEME:
        _site_defaults(config)


#: pydata-sphinx-theme's options as a research site wants them, unless conf.py says
#: otherwise: no "Previous / Next" pager between unrelated pages (it repeats a long site
#: title as a link), only the page's contents in the right sidebar (no "Show Source"),
#: and a search field that speaks of a site.
THEME_DEFAULTS: dict[str, Any] = {
    "show_prev_next": False,
    "secondary_sidebar_items": ["page-toc"],
    # The theme's "Search the docs ..." is for documentation.
    "search_bar_text": "Search this site\u2026",
}


def _site_defaults(config: Config) -> None:
    config.html_theme_options = {**THEME_DEFAULTS, **config.html_theme_options}
    # The navbar holds the site's sections; the theme's left sidebar would repeat them,
    # or show an empty "Section Navigation" on a listing page.
    if not config.html_sidebars:
        config.html_sidebars = {"**": []}


CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
VIEWPORT_META = re.compile(r'<meta name="viewport"[^>]*>\n?')

#: Scripts that wait for the DOM anyway, so ``defer`` only stops them blocking the first
#: paint. Not on the search page, whose inline search scripts use them straight away.
DEFERRABLE = ("doctools.js", "sphinx_highlight.js")


def _asset_name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]


def _lighten_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out the scripts and stylesheets this page does not use."""
    body = str(context.get("body", ""))
    classes = " ".join(CLASS_ATTRIBUTE.findall(body)).split()
    unused = set()
    if not any(c.startswith("sd-") for c in classes):
        unused.add("sphinx-design.min.css")
    if "sd-tab-set" not in classes:
        unused.add("design-tabs.js")
    if "highlight" not in classes and pagename != "search":
        unused.add("pygments.css")
    if pagename == "404":
        # Nothing to highlight on a missing page, and no "Hide Search Matches" either.
        unused.add("sphinx_highlight.js")
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            assets[:] = [a for a in assets if _asset_name(a) not in unused]
    metatags = context.get("metatags")
    if isinstance(metatags, str):
        # docutils' HTML writer adds a viewport tag of its own; basic/layout.html has one.
        context["metatags"] = VIEWPORT_META.sub("", metatags)
    scripts = context.get("script_files")
    if pagename != "search" and isinstance(scripts, list):
        scripts[:] = [_deferred(s) if _asset_name(s) in DEFERRABLE else s for s in scripts]


def _deferred(script: Any) -> Any:
    """``script`` with ``defer``, as ``app.add_js_file(..., loading_method="defer")`` makes it."""
    attributes = getattr(script, "attributes", None)
    if attributes is None or "async" in attributes or "defer" in attributes:
        return script
    return _compat.with_attribute(script, "defer", "defer")


def setup_theme(app: Sphinx) -> None:
    app.connect("config-inited", _add_paths)
    app.connect("builder-inited", _add_static_path, priority=100)
    app.connect("builder-inited", _write_icons)
    # After the theme and sphinx-design have added their files for the page.
    app.connect("html-page-context", _lighten_page, priority=900)
    app.add_css_file("sphinx_folio.css")
    app.add_css_file(ICONS_CSS)
