"""Everything the extension keeps between the phases of a build, in one Sphinx domain.

Modelled on sphinxcontrib-bibtex's ``cite`` domain: the per-document data lives in
``self.data`` (pickled with the environment, so incremental builds keep it), Sphinx calls
:meth:`FolioDomain.clear_doc` when a page is re-read or removed and
:meth:`FolioDomain.merge_domaindata` when pages were read in other processes, and
``data_version`` makes Sphinx start afresh when the shape changes.

A few things belong to one build only: the builder (post-transforms have no public way
to it), the publications derived from the bib files, and the parsed CV. They are plain
attributes of the domain object: Sphinx leaves ``env.domains`` out of the pickled
environment, and a new one is made for every build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from .collection.records import Record
    from .publications.store import Store as Publications
    from .templating import Templates

#: Keys of ``data`` that map a docname to what that page holds.
PER_DOC = ("records", "listers", "publication_lists", "citation_lines")


class FolioDomain(Domain):
    name = "folio"
    label = "sphinx-folio"
    #: Bump when the shape of ``data`` changes: Sphinx then reads every page again.
    data_version: ClassVar[int] = 3
    initial_data: ClassVar[dict[str, Any]] = {
        # collections: docname -> Record (one per item page)
        "records": {},
        # docname -> the collections its listings show (re-read when one changes)
        "listers": {},
        # docname -> kind of publication list on it ("all", "selected") -> its line
        "publication_lists": {},
        # docname -> {cited key: line of its first citation} (for messages)
        "citation_lines": {},
        # collections whose Atom feed every page links to, as of the last build
        "feeds": frozenset(),
        # what the last read of the bib files reported: (problems, counts per file)
        "bib_intake": ([], {}, {}),
        # docname -> (parent, previous, next) as of the last build (relations.py)
        "relations": {},
    }

    # --- this build only (not pickled; see the module's docstring)
    builder: Builder | None = None
    #: the package's templates (a site's own first), one Jinja environment per build
    templates: Templates | None = None
    publications: Publications | None = None
    #: (path, mtime_ns, size) of the CV file -> what reading it gave
    resume: tuple[tuple[Any, ...], Any] | None = None
    #: the generated tag pages, written this build or not (for the sitemap)
    tag_pages: tuple[str, ...] = ()
    #: files under the output folder the package wrote or kept this build (manifest.py)
    written: set[str] | None = None
    #: documents whose source went since the last build (their pages are deleted)
    removed: frozenset[str] = frozenset()

    def resolve_any_xref(self, *args: Any) -> list[Any]:
        """Nothing of this domain is a cross-reference target: an ``any`` or MyST link
        resolves elsewhere (without this, Sphinx warns once a site has such a link)."""
        return []

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOC:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        for key in PER_DOC:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    # --- typed access

    @property
    def records(self) -> dict[str, Record]:
        return cast("dict[str, Record]", self.data["records"])

    @property
    def listers(self) -> dict[str, frozenset[str]]:
        return cast("dict[str, frozenset[str]]", self.data["listers"])

    @property
    def publication_lists(self) -> dict[str, dict[str, int]]:
        return cast("dict[str, dict[str, int]]", self.data["publication_lists"])

    @property
    def citation_lines(self) -> dict[str, dict[str, int]]:
        return cast("dict[str, dict[str, int]]", self.data["citation_lines"])

    @property
    def feeds(self) -> frozenset[str]:
        return cast("frozenset[str]", self.data["feeds"])

    @feeds.setter
    def feeds(self, value: frozenset[str]) -> None:
        self.data["feeds"] = value

    def of(self, collections: Iterable[str]) -> Iterator[Record]:
        """The records of the given collections."""
        wanted = set(collections)
        return (r for r in self.records.values() if r.collection in wanted)


def folio(env: BuildEnvironment) -> FolioDomain:
    """The extension's state in ``env``."""
    return cast("FolioDomain", env.get_domain(FolioDomain.name))
