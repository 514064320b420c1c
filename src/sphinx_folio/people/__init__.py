"""A research group's people: the ``people`` collection drawn as cards and pages.

People are items of the ``people`` collection (front matter checked by
:mod:`..collection.schema`); this package draws them::

    {people}            --write time--> cards by group, alumni last (directive.py, groups.py,
                                        render.py, person-card.html)
    a person's page     --write time--> photo or initials beside the details, and
                                        the person's papers at the end (page.py)
    people front matter --builder-inited--> members highlighted in every publication
                                        list (publications/members.py)
    records --html-page-context--> JSON-LD Person per member, the group as an
                                        Organization (metadata.py)
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..collection.resolve import HEADERS
from ..config import get_config
from ..placeholders import register_placeholder
from ..publications.members import PEOPLE
from ..state import folio
from .directive import PeopleDirective, fill_people, people_placeholder
from .metadata import add_json_ld
from .page import add_papers, fill_papers, person_header, person_papers


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """A person added, renamed or removed changes who is highlighted in every publication
    list, whose papers each person's page lists and the home page's members: those pages
    are read again."""
    folder = get_config(env).collections.get(PEOPLE)
    if not folder or not any(d.startswith(folder + "/") for d in added | changed | removed):
        return []
    store = folio(env)
    people = [r.docname for r in store.of([PEOPLE])]
    home = app.config.root_doc  # its JSON-LD lists the members
    return sorted((set(store.publication_lists) | set(people) | {home}) - removed)


def setup_people(app: Sphinx) -> None:
    """Register the people feature."""
    app.add_directive("people", PeopleDirective)
    register_placeholder(app, people_placeholder, fill_people)
    HEADERS[PEOPLE] = person_header
    # After the collection's own doctree-read (600), which makes the person's record.
    app.connect("doctree-read", add_papers, priority=610)
    register_placeholder(app, person_papers, fill_papers)
    app.connect("env-get-outdated", _outdated)
    app.connect("html-page-context", add_json_ld)  # Person per member, the group as Organization
