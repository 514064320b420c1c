"""The owner's profile: the ``{profile}`` card, the navbar's social icons, JSON-LD ``Person``.

Everything comes from the ``folio_*`` options in ``conf.py``: the card, the navbar icons
and the JSON-LD on the home page all read the same normalised list of social links
(:func:`social_links`), so an account is configured once and an empty one shows nowhere.

Icons are single-colour SVGs drawn through a CSS mask (``.folio-icon--<kind>`` in the
stylesheet): they follow ``currentColor`` in light and dark mode, cost no request and
need neither FontAwesome's JavaScript nor its 110 KB brands font.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from . import _compat
from .config import FolioConfig, get_config
from .escaping import as_docutils, html, json_ld
from .paths import OUTSIDE, resolve_inside
from .placeholders import Context, register_placeholder
from .publications.members import PEOPLE, is_group_site
from .resume import load_resume
from .social import social_links
from .state import folio
from .templating import render_around, templates_of
from .urls import site_url
from .warnings_ import FolioWarning, warn

# --- monogram ----------------------------------------------------------------------------


def initials(name: str) -> str:
    """ "Anurag Mishra" -> "AM"; one word -> its first letter; no name -> "?"."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w[:1].isalpha()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


#: A person's outline (octicon "person", MIT, as sphinx-design ships it), 24 x 24: the
#: monogram of a site that names no owner, rather than a "?" that looks like a fault.
PERSON_PATH = (
    "M12 2.5a5.5 5.5 0 0 1 3.096 10.047 9.005 9.005 0 0 1 5.9 8.181.75.75 0 1 1-1.499.044 "
    "7.5 7.5 0 0 0-14.993 0 .75.75 0 0 1-1.5-.045 9.005 9.005 0 0 1 5.9-8.18A5.5 5.5 0 0 1 "
    "12 2.5ZM8 8a4 4 0 1 0 8 0 4 4 0 0 0-8 0Z"
)


def monogram_svg(
    name: str, *, css_class: str = "folio-profile__monogram", decorative: bool = False
) -> str:
    """An inline SVG with the initials on a disc; an image with ``name`` as its label.

    Without a name (an imported site whose config names no one), a person's outline.
    ``decorative``: the name is written beside it, so screen readers skip the initials.
    """
    label = html(name or "Profile")
    text = html(initials(name))
    if text == "?":
        mark = (
            '<path class="folio-monogram__text" transform="translate(40 36) scale(5)" '
            f'd="{PERSON_PATH}"/>'
        )
    else:
        mark = (
            '<text class="folio-monogram__text" x="100" y="100" dy=".35em" '
            f'text-anchor="middle" font-size="{88 if len(text) > 1 else 110}">{text}</text>'
        )
    if decorative:
        return (
            f'<svg class="{css_class}" viewBox="0 0 200 200" aria-hidden="true" '
            'focusable="false" xmlns="http://www.w3.org/2000/svg">'
            '<rect class="folio-monogram__bg" width="200" height="200"/>'
            f"{mark}</svg>"
        )
    return (
        f'<svg class="{css_class}" viewBox="0 0 200 200" role="img" aria-label="{label}" '
        'xmlns="http://www.w3.org/2000/svg">'
        f"<title>{label}</title>"
        '<rect class="folio-monogram__bg" width="200" height="200"/>'
        f"{mark}</svg>"
    )


# --- the {profile} directive ---------------------------------------------------------------

_LINE_BREAKS = re.compile(r"</?p\s*>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<(?!https?://)[A-Za-z/!]")


def more_info_lines(text: str) -> list[str]:
    """``more_info`` as lines; al-folio's ``<p>…</p>`` and ``<br>`` also end a line."""
    lines = _LINE_BREAKS.sub("\n", text).splitlines()
    return [line.strip() for line in lines if line.strip()]


def icon(kind: str) -> nodes.inline:
    return nodes.inline("", "", classes=["folio-icon", f"folio-icon--{kind}"])


def _visually_hidden(text: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["visually-hidden"])


class ProfileDirective(SphinxDirective):
    """The profile card; the directive's body is the biography."""

    has_content = True
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        cfg = get_config(self.env)
        knobs = cfg.profile
        classes = ["folio-profile", f"folio-profile--{knobs['align']}"]
        if knobs["image_circular"]:
            classes.append("folio-profile--circular")
        header = self._header(cfg)
        bio = self.parse_content_to_nodes()
        if not header and not bio:
            # Only a photo (an imported site whose biography follows the directive): the
            # card floats beside the text that follows, as al-folio draws it, instead of
            # leaving an empty column beside the photo.
            classes.append("folio-profile--photo-only")
        card = nodes.container(classes=classes)
        self.set_source_info(card)
        card += self._aside(cfg)
        if header or bio:
            body = nodes.container(classes=["folio-profile__body"])
            body += header
            body += nodes.container("", *bio, classes=["folio-profile__bio"])
            card += body
        # Drawn when the page is written: through profile-card.html for HTML builders,
        # as these nodes for the others.
        placeholder = profile_placeholder("", card)
        self.set_source_info(placeholder)
        return [placeholder]

    def _aside(self, cfg: FolioConfig) -> nodes.container:
        aside = nodes.container(classes=["folio-profile__aside"])
        alt = cfg.profile["image_alt"] or (f"Photo of {cfg.name}" if cfg.name else "Photo")
        if cfg.photo:
            # "/" makes the path relative to the source folder; Sphinx copies the file,
            # writes the right relative URL at any depth and rebuilds when it changes.
            aside += nodes.image(
                uri="/" + cfg.photo.lstrip("/"),
                alt=alt,
                classes=["folio-profile__photo"],
            )
        else:
            aside += nodes.raw("", monogram_svg(cfg.name), format="html")
        lines = more_info_lines(cfg.profile["more_info"])
        if lines:
            more = nodes.container(classes=["folio-profile__more"])
            for line in lines:
                para = nodes.paragraph()
                if _TAG.search(line):
                    warn(
                        FolioWarning.CONFIG,
                        "folio_profile['more_info'] contains HTML; it is shown as text "
                        f"(write Markdown instead): {line!r}",
                        self.get_location(),
                    )
                    para += nodes.Text(line)
                else:
                    inline, messages = self.parse_inline(line)
                    para.extend(inline)
                    para.extend(messages)
                more += para
            aside += more
        return aside

    def _header(self, cfg: FolioConfig) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        title = next(iter(self.state.document.findall(nodes.title)), None)
        # The page heading usually is the name already; say it once.
        if cfg.name and (title is None or title.astext().strip() != cfg.name.strip()):
            out.append(nodes.paragraph(cfg.name, cfg.name, classes=["folio-profile__name"]))
        if cfg.role:
            out.append(nodes.paragraph(cfg.role, cfg.role, classes=["folio-profile__role"]))
        where = [part for part in (cfg.affiliation, cfg.location) if part]
        if where:
            para = nodes.paragraph(classes=["folio-profile__where"])
            for i, part in enumerate(where):
                if i:
                    para += nodes.inline(" · ", " · ", classes=["folio-profile__sep"])
                kind = "affiliation" if part is cfg.affiliation else "location"
                para += nodes.inline(part, part, classes=[f"folio-profile__{kind}"])
            out.append(para)
        links = social_links(cfg)
        if links:
            items = nodes.bullet_list(classes=["folio-profile__social"])
            for link in links:
                ref = nodes.reference("", "", refuri=link.url, classes=["folio-social"])
                ref += icon(link.kind)
                ref += _visually_hidden(link.label)
                items += nodes.list_item("", nodes.paragraph("", "", ref))
            out.append(items)
        return out


class profile_placeholder(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """The profile card as nodes, until the page is written (:func:`fill_profile`)."""


def _part(card: nodes.Element, cls: type[nodes.Element], name: str) -> nodes.Element | None:
    return next((n for n in card.findall(cls) if name in n["classes"]), None)


def fill_profile(context: Context, node: profile_placeholder) -> list[nodes.Node]:
    """The card through ``profile-card.html`` (HTML builders), around the directive's
    nodes that Sphinx draws: the photo, the more_info lines, the accounts and the bio."""
    card = node[0]
    if not context.html:
        return [card]
    cfg = get_config(context.env)
    photo = _part(card, nodes.image, "folio-profile__photo")
    more = _part(card, nodes.container, "folio-profile__more")
    social = _part(card, nodes.bullet_list, "folio-profile__social")
    bio = _part(card, nodes.container, "folio-profile__bio")
    body = _part(card, nodes.container, "folio-profile__body")
    aside = _part(card, nodes.container, "folio-profile__aside")
    slots: dict[str, list[nodes.Node]] = {
        "photo": [photo] if photo is not None else [],
        # A raw node, as before: the search index reads its text, page descriptions do not.
        "monogram": list(aside.findall(nodes.raw)) if aside is not None else [],
        "more": list(more.children) if more is not None else [],
        "social": [social] if social is not None else [],
        "bio": list(bio.children) if bio is not None else [],
    }

    def text(cls: type[nodes.Element], name: str) -> str:
        # As read (smart quotes included), as the nodes would show it.
        part = _part(card, cls, name)
        return as_docutils(part.astext()) if part is not None else ""

    return render_around(
        templates_of(context.env),
        "folio/profile-card.html",
        slots,
        classes=as_docutils(" ".join(card["classes"]), attribute=True),
        has_more=more is not None,
        has_body=body is not None,
        name=text(nodes.paragraph, "folio-profile__name"),
        role=text(nodes.paragraph, "folio-profile__role"),
        affiliation=text(nodes.inline, "folio-profile__affiliation"),
        location=text(nodes.inline, "folio-profile__location"),
        links=social_links(cfg),
    )


# --- navbar icons ---------------------------------------------------------------------------


def _navbar_icons(app: Sphinx) -> None:
    """Add the social accounts to pydata-sphinx-theme's navbar ``icon_links``."""
    options = _compat.theme_options(app.builder)
    if options is None or not _compat.theme_declares(app.builder, "icon_links"):
        return
    existing = list(options.get("icon_links") or [])
    known = {entry.get("url") for entry in existing if isinstance(entry, dict)}
    for link in social_links(get_config(app)):
        if link.url in known:
            continue
        entry: dict[str, Any] = {
            "name": link.label,
            "url": link.url,
            # Rendered as <i class="folio-icon folio-icon--github fa-lg">: our CSS draws it.
            "icon": f"folio-icon folio-icon--{link.kind}",
            "type": "fontawesome",
        }
        if link.kind == "email":
            entry["attributes"] = {"target": "_self"}
        existing.append(entry)
    options["icon_links"] = existing


# --- JSON-LD Person ---------------------------------------------------------------------------


def person(app: Sphinx) -> dict[str, Any]:
    """schema.org ``Person`` for the owner, from conf.py and the CV's education."""
    cfg = get_config(app)
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": cfg.name}
    base = site_url(app.config)
    if base:
        data["url"] = base
        photo = published_photo(app, app.config)
        if photo:
            data["image"] = base + photo
    if cfg.role:
        data["jobTitle"] = cfg.role
    if cfg.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": cfg.affiliation}
    if cfg.bio:
        data["description"] = cfg.bio
    if cfg.location:
        data["homeLocation"] = {"@type": "Place", "name": cfg.location}
    links = social_links(cfg)
    email = next((link.handle for link in links if link.kind == "email"), "")
    if email:
        data["email"] = email
    resume = load_resume(app)
    if resume is not None:
        schools: list[str] = []
        for school in resume.data.get("education", []):
            name = school.get("institution", "")
            if name and name not in schools:
                schools.append(name)
        if schools:
            data["alumniOf"] = [
                {"@type": "EducationalOrganization", "name": name} for name in schools
            ]
    same_as = [link.url for link in links if link.kind != "email"]
    if same_as:
        data["sameAs"] = same_as
    return data


def published_photo(app: Sphinx, config: Config) -> str:
    """The photo's URL path under the site root when a static path publishes it, else ""."""
    photo = config._folio.photo
    if not photo:
        return ""
    source = Path(app.srcdir, photo.lstrip("/")).resolve()
    for static in config.html_static_path:
        folder = Path(app.confdir, static).resolve()
        if source.is_relative_to(folder):
            return "_static/" + source.relative_to(folder).as_posix()
    return ""


def _add_json_ld(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename != app.config.root_doc or not get_config(app).name:
        return
    members = [(r.title, r.names) for r in folio(app.env).of([PEOPLE])]
    if is_group_site(members, get_config(app).name):
        return  # the owner is a group: people/metadata.py describes an Organization
    context["metatags"] = context.get("metatags", "") + json_ld(person(app), indent=1)


def _home_depends_on_cv(app: Sphinx, doctree: nodes.document) -> None:
    """The home page's JSON-LD lists the CV's schools: rebuild it when the CV changes."""
    env = app.env
    cfg = get_config(app)
    if env.docname == app.config.root_doc and cfg.cv:
        env.note_dependency(Path(app.srcdir, cfg.cv))


# --- checks and wiring --------------------------------------------------------------------


def check_profile(confdir: str | Path, cfg: FolioConfig) -> None:
    """Raise ConfigError naming the account or the photo that is wrong (run by config.py)."""
    social_links(cfg)
    if cfg.photo:
        photo = resolve_inside(confdir, cfg.photo)
        if photo is None:
            raise ConfigError(f"folio_photo {OUTSIDE}: {cfg.photo!r}")
        if not photo.is_file():
            raise ConfigError(f"folio_photo: {cfg.photo!r} does not exist (looked for {photo})")


def setup_profile(app: Sphinx) -> None:
    """Register the profile feature."""
    app.add_directive("profile", ProfileDirective)
    register_placeholder(app, profile_placeholder, fill_profile)
    app.connect("builder-inited", _navbar_icons)
    app.connect("doctree-read", _home_depends_on_cv)
    app.connect("html-page-context", _add_json_ld)
