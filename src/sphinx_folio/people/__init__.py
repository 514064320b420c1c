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

from ..collection.resolve import HEADERS
from ..placeholders import register_placeholder
from ..publications.members import PEOPLE
from .directive import PeopleDirective, fill_people, people_placeholder
from .metadata import add_json_ld
from .page import add_papers, fill_papers, person_header, person_papers


def setup_people(app: Sphinx) -> None:
    """Register the people feature."""
    app.add_directive("people", PeopleDirective)
    register_placeholder(app, people_placeholder, fill_people)
    HEADERS[PEOPLE] = person_header
    # After the collection's own doctree-read (600), which makes the person's record.
    app.connect("doctree-read", add_papers, priority=610)
    register_placeholder(app, person_papers, fill_papers)
    app.connect("html-page-context", add_json_ld)  # Person per member, the group as Organization
