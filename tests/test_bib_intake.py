"""The bibliography intake: every entry that can be read is kept, every problem is named.

One fixture per pattern found in real al-folio ``papers.bib`` files (see
benchmarks/bib_corpus.py), each written for this test suite.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.util.docutils import docutils_namespace
from sphinxcontrib.bibtex.bibfile import process_bibdata

from sphinx_folio.publications import intake

from conftest import ROOTS, page, warnings_of

FIXTURES = Path(__file__).parent / "fixtures" / "bib"


def _read(name: str) -> tuple[intake.ReadResult, str]:
    path = FIXTURES / name
    return intake.read_paths([path]), str(path)


def _messages(result: intake.ReadResult) -> list[str]:
    return [
        f"{Path(p.path).name}:{p.line}: {p.message} [folio.{p.kind.value}]" for p in result.problems
    ]


def test_repeated_key_keeps_the_first_entry_and_every_later_one():
    result, path = _read("repeated-key.bib")
    # Keys are compared without case, as BibTeX does.
    assert list(result.data.entries) == ["lovelace2020", "lovelace2022"]
    assert result.data.entries["lovelace2020"].fields["title"] == "First Paper"
    assert _messages(result) == [
        (
            "repeated-key.bib:7: entry key 'Lovelace2020' repeated (first on line 1); this entry is "
            "skipped, the first one and all others are kept [folio.bibduplicate]"
        )
    ]
    assert result.counts[path] == (2, 3)


def test_repeated_field_keeps_the_first_value_and_the_entries_after_it():
    result, _ = _read("repeated-field.bib")
    assert list(result.data.entries) == ["lovelace2019", "lovelace2020"]
    assert result.data.entries["lovelace2019"].fields["isbn"] == "978-0-00-000000-1"
    assert _messages(result) == [
        (
            "repeated-field.bib:5: entry 'lovelace2019': field 'isbn' repeated (first on line 4); "
            "the first value is kept [folio.bibduplicate]"
        )
    ]


def test_bare_word_is_read_as_that_word_with_how_to_write_it():
    result, _ = _read("bare-word.bib")
    fields = result.data.entries["lovelace2021"].fields
    assert (fields["bibtex_show"], fields["selected"]) == ("true", "false")
    assert _messages(result) == [
        (
            "bare-word.bib:5: entry 'lovelace2021': field 'bibtex_show' is the bare word 'true', "
            "which is no @string; read as 'true' (write bibtex_show = {true}) [folio.bibword]"
        ),
        (
            "bare-word.bib:6: entry 'lovelace2021': field 'selected' is the bare word 'false', "
            "which is no @string; read as 'false' (write selected = {false}) [folio.bibword]"
        ),
    ]


def test_missing_comma_between_fields_is_read_as_if_it_were_there():
    result, _ = _read("missing-comma.bib")
    fields = result.data.entries["lovelace2021"].fields
    assert (fields["title"], fields["year"]) == ("No Comma After Me", "2021")
    assert _messages(result) == [
        (
            "missing-comma.bib:3: entry 'lovelace2021': ',' missing after field 'title'; "
            "read as if it were there [folio.bibsyntax]"
        )
    ]


def test_an_entry_that_never_closes_loses_only_itself():
    result, path = _read("unclosed-entry.bib")
    assert list(result.data.entries) == ["lovelace2020", "lovelace2022"]
    assert _messages(result) == [
        (
            "unclosed-entry.bib:7: entry 'broken2021': its braces never close; skipped lines 7-12 "
            "[folio.bibsyntax]"
        )
    ]
    assert result.counts[path] == (2, 3)


def test_an_entry_missing_only_its_closing_brace_is_read_up_to_the_next():
    result, path = _read("missing-close.bib")
    assert list(result.data.entries) == ["lovelace2020", "lovelace2021"]
    assert result.data.entries["lovelace2020"].fields["year"] == "2020"
    assert _messages(result) == [
        (
            "missing-close.bib:4: entry 'lovelace2020': no '}' closes it before the next entry "
            "(line 6); read as if it were there [folio.bibsyntax]"
        )
    ]
    assert result.counts[path] == (2, 2)


def test_jekyll_front_matter_at_the_top_is_not_an_entry():
    result, _ = _read("front-matter.bib")
    assert list(result.data.entries) == ["lovelace2020"]
    assert result.problems == []


def test_a_comment_block_hides_the_entries_in_it_as_al_folio_does():
    # jekyll-scholar (bibtex-ruby) and biber skip a braced @comment{...} with what is in it.
    result, path = _read("comment-block.bib")
    assert list(result.data.entries) == ["lovelace2020"]
    assert result.problems == []
    assert result.counts[path] == (1, 1)


def test_string_macros_and_concatenation():
    result, _ = _read("string-macros.bib")
    fields = result.data.entries["lovelace2020"].fields
    assert fields["booktitle"] == "International Conference on Machine Learning (Workshop)"
    assert fields["publisher"] == "American Physical Society,"
    assert fields["month"] == "March~19"
    assert fields["year"] == "2020"
    assert result.problems == []


def test_names_separated_by_commas_are_read_as_names():
    result, _ = _read("comma-authors.bib")
    authors = result.data.entries["quan2019"].persons["author"]
    assert [str(p) for p in authors] == ["Qiu, Quan", "Sun, Na", "Bai, He", "Wang, Ning"]
    assert _messages(result) == [
        (
            "comma-authors.bib:1: entry 'quan2019': 'author' has names separated by commas; read as "
            "4 names (write 'and' between names: 'Quan Qiu and Na Sun') [folio.bibsyntax]"
        )
    ]


def test_an_entry_in_parentheses():
    result, _ = _read("paren-entry.bib")
    assert result.data.entries["lovelace2020"].fields["title"] == "Parentheses (Not Braces)"
    assert result.problems == []


def test_bytes_that_are_not_utf8_are_named_by_line(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_bytes(
        b"@article{a, title = {Caf\xe9}, year = 2020}\n\n@article{b, title = {Fine}, year = 2021}\n"
    )
    result = intake.read_paths([path])
    assert result.data.entries["a"].fields["title"] == "Caf\ufffd"
    assert list(result.data.entries) == ["a", "b"]
    assert _messages(result) == [
        (
            "refs.bib:1: bytes that are not UTF-8 on line 1; shown as \ufffd (save the file as UTF-8) "
            "[folio.bibencoding]"
        )
    ]


def test_a_key_in_two_files_is_kept_from_the_first(tmp_path):
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_text("@misc{same, title = {A}}\n")
    second.write_text("\n@misc{same, title = {B}}\n@misc{other, title = {C}}\n")
    result = intake.read_paths([first, second])
    assert result.data.entries["same"].fields["title"] == "A"
    assert result.keys == {str(first): {"same": None}, str(second): {"other": None}}
    assert _messages(result) == [
        (
            f"b.bib:2: entry key 'same' repeated (first at {first}:1); this entry is skipped, the "
            "first one and all others are kept [folio.bibduplicate]"
        )
    ]


def test_entries_are_built_as_pybtex_builds_them():
    """Same fields and persons as pybtex's own parser, so cached output stays valid."""
    from pybtex.database.input.bibtex import Parser

    text = (ROOTS / "test-pub" / "refs.bib").read_text()
    ours = intake.read_files([("refs.bib", text)]).data
    theirs = Parser().parse_string(text)
    assert list(ours.entries) == list(theirs.entries)
    for key, entry in theirs.entries.items():
        assert ours.entries[key].type == entry.type
        assert dict(ours.entries[key].fields) == dict(entry.fields)
        assert {r: [str(p) for p in ps] for r, ps in ours.entries[key].persons.items()} == {
            r: [str(p) for p in ps] for r, ps in entry.persons.items()
        }


def test_month_forms_real_files_use():
    from sphinx_folio.publications.records import build

    result, _ = _read("month-forms.bib")
    pubs = [build(k, e, "", lambda person: True) for k, e in result.data.entries.items()]
    assert [pub.month for pub in pubs] == [7, 6, 7, 3, 0, 10]  # a range: its first month
    assert pubs[-2].problems == (
        "entry 'm5': month '2016-06-03T00:00:00' is not a month (1 to 12, or jan to dec); left out",
    )
    assert pubs[-1].problems == ()
    dates = ["2020/07", "2020/06", "2020/07", "2020/03", "2020", "2018/10"]
    assert [pub.date for pub in pubs] == dates


# --- the site a visitor sees ----------------------------------------------------------


def _plain(app) -> list[str]:
    lines = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app)).splitlines()
    # A second app in one process warns that Sphinx's own nodes are registered again.
    return [line for line in lines if "[app.add_" not in line]


@pytest.mark.sphinx("html", testroot="bib-intake")
def test_messy_bib_keeps_every_readable_entry_for_lists_and_cite_roles(app):
    app.build()
    bib = Path(app.srcdir) / "refs.bib"
    assert _plain(app) == [
        (
            f"{bib}:10: WARNING: entry 'lovelace2020first': field 'keywords' repeated (first on line "
            "9); the first value is kept [folio.bibduplicate]"
        ),
        (
            f"{bib}:13: WARNING: entry key 'lovelace2020first' repeated (first on line 4); this entry "
            "is skipped, the first one and all others are kept [folio.bibduplicate]"
        ),
        (
            f"{bib}:24: WARNING: entry 'lovelace2024engines': field 'bibtex_show' is the bare word "
            "'true', which is no @string; read as 'true' (write bibtex_show = {true}) [folio.bibword]"
        ),
        (
            f"{bib}:30: WARNING: entry 'babbage1864passages': ',' missing after field 'title'; read "
            "as if it were there [folio.bibsyntax]"
        ),
        (
            f"{bib}:19: WARNING: entry 'lovelace2024engines': date '2024-13-45' is not a real date "
            "(there is no month 13) [folio.bibtex]"
        ),
        (
            f"{bib}:35: WARNING: entry 'lovelace2023month': month '13' is not a month (1 to 12, "
            "or jan to dec); left out [folio.bibtex]"
        ),
    ]
    assert "read 4 of 5 entries" in app.status.getvalue()
    # Our list: the first of the repeated entries, and every entry after it.
    items = [li["id"] for li in page(app, "index").select("li[id^=pub-]")]
    assert items == ["pub-lovelace2024engines", "pub-lovelace2023month", "pub-lovelace2020first"]
    first = page(app, "index").select_one("li#pub-lovelace2020first .folio-pub-title")
    assert first.get_text() == "The First Paper"
    # The bare word did what it says: the BibTeX is shown.
    assert page(app, "index").select_one("li#pub-lovelace2024engines .folio-bibtex") is not None
    # sphinxcontrib-bibtex's roles and bibliography directive work on the entries after it.
    notes = page(app, "notes")
    assert "Babbage" in notes.select_one("div.citation-list").get_text()
    assert "Passages from the Life of a Philosopher" in notes.get_text()
    # No impossible dates reach Google Scholar's tags.
    head = page(app, "publications/lovelace2024engines").head
    assert head.select_one('meta[name="citation_publication_date"]')["content"] == "2024"
    head = page(app, "publications/lovelace2023month").head
    assert head.select_one('meta[name="citation_publication_date"]')["content"] == "2023"


@pytest.mark.sphinx(
    "html",
    testroot="bib-intake",
    confoverrides={
        "suppress_warnings": [
            "folio.bibduplicate",
            "folio.bibword",
            "folio.bibsyntax",
            "folio.bibtex",
        ]
    },
)
def test_bib_warnings_can_be_silenced_like_the_others(app):
    app.build()
    assert _plain(app) == []


def test_bib_warnings_come_back_on_a_rebuild_that_does_not_reread(make_app, tmp_path):
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-bib-intake", src)
    app = make_app("html", srcdir=src)
    app.build()
    first = _plain(app)
    again = make_app("html", srcdir=src)
    again.build()
    # -W keeps failing until the file is fixed.
    assert "checking bibtex cache... up to date" in again.status.getvalue()
    assert _plain(again) == first
    assert "read 4 of 5 entries" in again.status.getvalue()


def test_upstream_keeps_the_installed_bibdata(make_app, tmp_path):
    """sphinxcontrib-bibtex must take our data as parsed (see citations.install_bibdata)."""
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-bib-intake", src)
    app = make_app("html", srcdir=src)
    domain = app.env.get_domain("cite")
    bibdata = domain.bibdata
    paths = [src / "refs.bib"]
    assert list(bibdata.bibfiles) == paths
    # Upstream's own check finds nothing to re-parse: it keeps our object as it is.
    assert process_bibdata(bibdata, paths, app.config.bibtex_encoding) is bibdata
    # pybtex would have stopped at the repeated key: the entries after it are ours.
    assert "babbage1864passages" in bibdata.data.entries
    assert list(bibdata.bibfiles[paths[0]].keys) == list(bibdata.data.entries)


# --- fatal errors: one line, no crash report --------------------------------------------


def test_unreadable_bib_file_is_one_line_and_a_non_zero_exit(make_app, tmp_path, monkeypatch):
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-bib-intake", src)

    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.suffix == ".bib":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    # The app dies in its constructor, before the fixture could undo its docutils
    # registrations: keep them out of the tests that follow.
    with docutils_namespace(), pytest.raises(SystemExit) as exit_:
        make_app("html", srcdir=src)
    assert str(exit_.value) == (
        f"{src / 'refs.bib'}: the bibliography cannot be read (Permission denied)\n"
        "    How to fix: check that it is a readable file"
    )


def test_fatal_bib_error_prints_no_crash_report(tmp_path):
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-bib-intake", src)
    with (src / "conf.py").open("a") as conf:
        conf.write('bibtex_encoding = "no-such-encoding"\n')
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = (src / "conf.py").read_text(encoding="utf-8").splitlines()
    assert result.stderr.strip().splitlines() == [
        (
            f"{src / 'conf.py'}:{len(lines)}: bibtex_encoding = 'no-such-encoding' is not an "
            "encoding Python knows"
        ),
        "    How to fix: use 'utf-8'",
    ]
