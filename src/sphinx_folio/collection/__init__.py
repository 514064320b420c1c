"""Collections: research, projects, news and posts, one Markdown file per item.

Front matter in, everything else out::

    *.md front matter --source-read--> dates kept as written (yamldates.py)
    *.md front matter --doctree-read--> records in the env (records.py, schema.py, dates.py)
    records --write time--> {listing} cards and rows, item headers,
                            {announcements} and {latest-posts} (directives.py, home.py,
                            resolve.py, render.py)
    records --html-collect-pages--> tag pages (tags.py)
    records --build-finished--> Atom feeds, linked from every page (feeds.py)
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .directives import ListingDirective
from .feeds import setup_feeds
from .home import Announcements, LatestPosts
from .nodes import setup_nodes
from .records import setup_records
from .resolve import setup_resolve
from .tags import setup_tags
from .toc import setup_toc
from .yamldates import setup_yamldates


def setup_collection(app: Sphinx) -> None:
    """Register the collection feature."""
    setup_nodes(app)
    setup_yamldates(app)
    setup_records(app)
    setup_toc(app)  # every item in the navigation, even of a new collection
    app.add_directive("listing", ListingDirective)
    app.add_directive("announcements", Announcements)
    app.add_directive("latest-posts", LatestPosts)
    setup_resolve(app)  # placeholders filled at write time, copied links rebased
    setup_tags(app)
    setup_feeds(app)
