"""JSON-LD for a group's site: each person's page describes a ``Person`` (with the
group as ``memberOf`` and their ``affiliation``), and the home page of a site whose owner
is the group describes an ``Organization`` with its members and alumni (the owner's own
``Person`` is left out there: the owner is not a person).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..collection.records import Record
from ..config import get_config
from ..escaping import json_ld
from ..publications.members import PEOPLE, is_group_site
from ..state import folio
from ..urls import site_url
from .groups import ALUMNI, group_of
from .render import detail


def group_name(app: Sphinx) -> str:
    """The group's name: the owner's when the owner is the group, else the project's."""
    cfg = get_config(app)
    return cfg.name if group_site(app) else (app.config.project or cfg.name)


def people_of(app: Sphinx) -> list[Record]:
    return sorted(folio(app.env).of([PEOPLE]), key=lambda r: r.docname)


def group_site(app: Sphinx) -> bool:
    members = [(r.title, r.names) for r in people_of(app)]
    return is_group_site(members, get_config(app).name)


def _page_url(app: Sphinx, docname: str) -> str:
    base = site_url(app.config)
    return base + app.builder.get_target_uri(docname) if base else ""


def person_data(app: Sphinx, record: Record, *, brief: bool = False) -> dict[str, Any]:
    """schema.org ``Person`` for one member; ``brief``: name and page only (in a list)."""
    data: dict[str, Any] = {"@type": "Person", "name": record.title}
    url = _page_url(app, record.docname)
    if url:
        data["url"] = url
    if brief:
        return data
    role = detail(record, "Role")
    if role:
        data["jobTitle"] = role
    organization = {"@type": "Organization", "name": group_name(app)}
    base = site_url(app.config)
    if base:
        organization["url"] = base
    if group_of(record) == ALUMNI:
        data["alumniOf"] = organization
    else:
        data["memberOf"] = organization
    affiliation = detail(record, "Affiliation")
    if affiliation:
        data["affiliation"] = {"@type": "Organization", "name": affiliation}
    elif "memberOf" in data:
        data["affiliation"] = organization  # an alumnus's is not known
    published = getattr(app.builder, "images", {}).get(record.image) if record.image else None
    if published and base:
        data["image"] = f"{base}{app.builder.imagedir}/{published}"
    if record.email:
        data["email"] = record.email
    same_as = [url for _, url in record.links if url and not url.startswith("mailto:")]
    if same_as:
        data["sameAs"] = same_as
    return data


def organization_data(app: Sphinx) -> dict[str, Any]:
    """schema.org ``Organization`` for a site whose owner is the group."""
    data: dict[str, Any] = {"@type": "Organization", "name": get_config(app).name}
    base = site_url(app.config)
    if base:
        data["url"] = base
    people = people_of(app)
    members = [person_data(app, r, brief=True) for r in people if group_of(r) != ALUMNI]
    alumni = [person_data(app, r, brief=True) for r in people if group_of(r) == ALUMNI]
    if members:
        data["member"] = members
    if alumni:
        data["alumni"] = alumni
    return data


def add_json_ld(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: a person's page, and the home page of a group's site."""
    record = folio(app.env).records.get(pagename)
    if record is not None and record.collection == PEOPLE:
        data = {"@context": "https://schema.org", **person_data(app, record)}
    elif pagename == app.config.root_doc and get_config(app).name and group_site(app):
        data = {"@context": "https://schema.org", **organization_data(app)}
    else:
        return
    context["metatags"] = context.get("metatags", "") + json_ld(data, indent=1)
