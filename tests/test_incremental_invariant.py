"""A rebuild after any sequence of edits equals a clean build of the same sources.

Hypothesis makes sequences of edits to a small site (``differential.py``): entries added,
removed, re-keyed and edited; the local files they name added and deleted; posts added,
retitled, retagged and deleted (the first and the last too); ``folio_*`` options;
``coauthors.yaml`` and the CV; a template override; a page at a paper's path. After every
step the site is built twice: incrementally, into the folder of every earlier build, and
clean, into a new folder. Both must give the same files, byte for byte, the same
warnings and the same exit status.

``make test`` runs a few sequences (seeded, so a run is repeatable) and every sequence
that once failed. The long run keeps trying new sequences for that many minutes and prints
how many it tried::

    FOLIO_DIFFERENTIAL_MINUTES=30 .venv/bin/python -m pytest \
        tests/test_incremental_invariant.py -k test_long -n 0 -s
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from differential import Edit, Run, difference

KEYS = ["lovelace1843notes", "lovelace2024music", "babbage1864life", "lovelace2026new", "index"]
TITLES = ["Notes on the Engine", "Engines that Compose", "Poetical Science", "Nouvelle théorie"]
YEARS = ["1843", "2024", "2026", "20224", "0", "²⁰²⁴", "in press"]
FILES = ["papers/a.pdf", "papers/b.pdf", "img/a.png", "img/b.png"]
POSTS = ["first", "second", "third"]
TAGS = ["music", "engines", "poetry"]

keys = st.sampled_from(KEYS)
tags = st.lists(st.sampled_from(TAGS), unique=True, max_size=2)

EDITS: st.SearchStrategy[Edit] = st.one_of(
    st.tuples(st.just("entry_add"), keys, st.sampled_from(TITLES), st.sampled_from(YEARS)),
    st.tuples(st.just("entry_remove"), keys),
    st.tuples(st.just("entry_rekey"), keys, keys),
    st.tuples(st.just("entry_title"), keys, st.sampled_from(TITLES)),
    st.tuples(st.just("entry_year"), keys, st.sampled_from(YEARS)),
    st.tuples(st.just("entry_pdf"), keys, st.sampled_from(["", "papers/a.pdf", "papers/b.pdf"])),
    st.tuples(st.just("entry_preview"), keys, st.sampled_from(["", "img/a.png", "img/b.png"])),
    st.tuples(st.just("entry_keywords"), keys, st.sampled_from(["", "music", "music, poetry"])),
    st.tuples(st.just("entry_selected"), keys, st.booleans()),
    st.tuples(st.just("entry_owner"), keys, st.booleans()),
    st.tuples(
        st.just("entry_coauthor"),
        keys,
        st.sampled_from(["Charles Babbage", "Mary Somerville", "Mary Somerville*"]),
    ),
    st.tuples(st.just("file_add"), st.sampled_from(FILES)),
    st.tuples(st.just("file_remove"), st.sampled_from(FILES)),
    st.tuples(
        st.just("post_add"),
        st.sampled_from(POSTS),
        st.sampled_from(["A post", "Another post"]),
        st.sampled_from(["2024-01-02", "2025-06-07"]),
        tags,
    ),
    st.tuples(st.just("post_remove"), st.sampled_from(POSTS)),
    st.tuples(
        st.just("post_title"), st.sampled_from(POSTS), st.sampled_from(["Retitled", "Again"])
    ),
    st.tuples(st.just("post_tags"), st.sampled_from(POSTS), tags),
    st.tuples(
        st.just("option"),
        st.just("bio"),
        st.sampled_from([None, "Studies engines.", "Studies poetical science."]),
    ),
    st.tuples(st.just("option"), st.just("email"), st.sampled_from([None, "ada@example.org"])),
    st.tuples(st.just("option"), st.just("role"), st.sampled_from([None, "Analyst"])),
    st.tuples(st.just("option"), st.just("social"), st.sampled_from([None, {"github": "ada"}])),
    st.tuples(st.just("option"), st.just("max_authors"), st.sampled_from([None, 1])),
    st.tuples(st.just("option"), st.just("author_marks"), st.sampled_from([None, {"*": "equal"}])),
    st.tuples(st.just("option"), st.just("publications_dir"), st.sampled_from([None, "papers"])),
    st.tuples(
        st.just("coauthors"),
        st.sampled_from(
            [
                {},
                {"Charles Babbage": "https://example.org/babbage"},
                {"Mary Somerville": "https://example.org/somerville"},
            ]
        ),
    ),
    st.tuples(st.just("cv"), st.booleans()),
    st.tuples(st.just("cv_position"), st.sampled_from(["Engineer", "Director"])),
    st.tuples(st.just("template"), st.booleans()),
    st.tuples(st.just("page_at_paper"), st.sampled_from(["", *KEYS[:2]])),
)

SEQUENCES = st.lists(EDITS, min_size=1, max_size=6)

#: No shrinking: each try is a dozen builds, and a failing sequence is short already.
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def check(edits: list[Edit], *options: str) -> None:
    with tempfile.TemporaryDirectory(prefix="folio-differential-") as where:
        Run(Path(where), *options).check(edits)


@settings(
    max_examples=3,
    deadline=None,
    phases=NO_SHRINK,
    derandomize=True,  # the same sequences on every run of the suite
    suppress_health_check=[HealthCheck.too_slow],
)
@given(SEQUENCES)
def test_a_rebuild_after_any_edits_equals_a_clean_build(edits):
    check(edits)


@settings(max_examples=1, deadline=None, derandomize=True, phases=NO_SHRINK)
@given(SEQUENCES)
def test_a_parallel_rebuild_equals_a_clean_parallel_build(edits):
    check(edits, "-j", "2")


#: Sequences that once failed (found by the property test or by reading the code).
REGRESSIONS: dict[str, list[Edit]] = {
    # A word taken out of a paper's title stayed in searchindex.js as "word": [].
    "search-word-removed": [("entry_title", "lovelace2024music", "Poetical Science")],
    # A deleted, re-keyed or no longer owned paper kept its page, .bib and copied PDF.
    "paper-deleted": [("entry_remove", "lovelace1843notes")],
    "paper-rekeyed": [("entry_rekey", "lovelace1843notes", "lovelace1843x")],
    "paper-not-the-owners": [("entry_owner", "lovelace1843notes", False)],
    # The list of papers became empty: its feed, export and tag pages stayed.
    "no-papers-left": [
        ("entry_owner", "lovelace1843notes", False),
        ("entry_owner", "lovelace2024music", False),
    ],
    # A tag no item or paper has any more: its page stayed.
    "tag-no-longer-used": [
        ("post_tags", "second", []),
        ("entry_keywords", "lovelace2024music", "music"),
    ],
    # A PDF added after a "does not exist" warning: the warning stayed, no button.
    "pdf-added": [
        ("entry_pdf", "lovelace2024music", "papers/b.pdf"),
        ("file_add", "papers/b.pdf"),
    ],
    # A PDF deleted: the button and citation_pdf_url stayed.
    "pdf-deleted": [("file_remove", "papers/a.pdf")],
    # coauthors.yaml edited: the lists kept the old co-author links.
    "coauthors-edited": [("coauthors", {})],
    # A year the feed's dates cannot hold crashed the build (only with html_baseurl).
    "year-five-digits": [("entry_year", "lovelace2024music", "20224")],
    "year-zero": [("entry_year", "lovelace2024music", "0")],
    "year-superscript": [("entry_year", "lovelace2024music", "²⁰²⁴")],
    # Paper pages kept the old navbar after folio_social or folio_email changed.
    "social-changed": [("option", "social", {"github": "ada"})],
    "email-changed": [("option", "email", "ada@example.org")],
    # cv.yaml edited, then folio_cv unset: resume.json and the CV page stayed.
    "cv-edited-then-unset": [("cv", True), ("cv_position", "Director"), ("cv", False)],
    # A page at a paper's path renamed the paper page; the list linked the old name.
    "page-at-paper": [("page_at_paper", "lovelace2024music"), ("page_at_paper", "")],
    # Posts deleted: their pages stayed, the page beside them kept rel="prev" to them;
    # then a first post in the empty collection.
    "posts-deleted-then-one-added": [
        ("post_remove", "first"),
        ("post_remove", "second"),
        ("post_add", "third", "A post", "2025-06-07", ["poetry"]),
    ],
    # A post retitled: the page after it kept rel="prev" with the old title.
    "neighbour-retitled": [("post_title", "first", "Retitled")],
    # Options drawn at write time ("html" options), with a marked co-author.
    "write-time-options": [
        ("entry_coauthor", "lovelace2024music", "Mary Somerville*"),
        ("option", "author_marks", {"*": "equal contribution"}),
        ("option", "max_authors", 1),
        ("option", "bio", "Studies poetical science."),
    ],
    # A template override added and removed.
    "template-override": [("template", True), ("template", False)],
    # Everything moved to another folder of paper pages.
    "publications-dir": [("option", "publications_dir", "papers")],
}


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
def test_regression(name):
    check(REGRESSIONS[name])


def test_a_parallel_build_equals_a_serial_build(tmp_path):
    serial = Run(tmp_path / "serial")
    parallel = Run(tmp_path / "parallel", "-j", "2")
    edits: list[Edit | None] = [
        None,
        ("post_add", "third", "A post", "2025-06-07", ["poetry"]),
        ("entry_keywords", "lovelace1843notes", "poetry"),
        ("post_remove", "first"),
    ]
    for edit in edits:
        assert not serial.step(edit)
        assert not parallel.step(edit)
        assert not difference(parallel.incremental, serial.incremental)
        assert not difference(parallel.clean, serial.clean)


def long_run():
    """New sequences for FOLIO_DIFFERENTIAL_MINUTES minutes; prints how many were tried."""
    stop = time.monotonic() + 60 * float(os.environ["FOLIO_DIFFERENTIAL_MINUTES"])
    tried = 0
    failed: list[str] = []

    @settings(
        max_examples=10,
        deadline=None,
        phases=NO_SHRINK,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(SEQUENCES)
    def batch(edits: list[Edit]) -> None:
        nonlocal tried
        tried += 1
        check(edits)

    while time.monotonic() < stop:
        try:
            batch()
        except AssertionError as error:  # noted, and the search goes on
            failed.append(str(error).split("Failing test case")[0])
            print(f"differential: FAILED: {failed[-1]}", flush=True)
        print(f"differential: {tried} sequences tried, {len(failed)} failed", flush=True)
    assert not failed, "\n".join(failed)


# The long run exists only when asked for (FOLIO_DIFFERENTIAL_MINUTES=30), so that `make test`
# neither runs nor skips it.
if os.environ.get("FOLIO_DIFFERENTIAL_MINUTES"):
    test_long = long_run
