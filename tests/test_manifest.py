"""What the package wrote and would not write now is deleted; nothing else is.

A withdrawn paper must not stay online through ``_build/html`` (rsync, ``gh-pages``):
its page, its ``.bib`` and its copied PDF go with it. Files the package never wrote
(a ``CNAME`` put in by a deploy script, a note beside the papers) stay.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SiteCopy

ENGINES = re.compile(r"@inproceedings\{lovelace2024engines,.*?\n\}\n", re.DOTALL)


def test_a_withdrawn_paper_leaves_nothing_and_other_files_stay(tmp_path: Path) -> None:
    site = SiteCopy.of_root("test-pub", tmp_path)
    site.build()
    out = site.out
    paper = [
        out / "publications" / "lovelace2024engines.html",
        out / "publications" / "lovelace2024engines.bib",
        out / "publications" / "files" / "papers" / "engines.pdf",
        out / "publications" / "files" / "engines.png",
    ]
    assert all(path.is_file() for path in paper)
    theirs = [out / "CNAME", out / "publications" / "files" / "papers" / "notes.txt"]
    for path in theirs:
        path.write_text("not written by the package\n")

    bib = site.src / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    assert ENGINES.search(text)
    bib.write_text(ENGINES.sub("", text), encoding="utf-8")
    site.edit("notes.md", "{cite:t}`lovelace2024engines`", "the engines paper")
    site.build()

    assert [path for path in paper if path.exists()] == []
    assert all(path.read_text() == "not written by the package\n" for path in theirs)
    # The folder of the withdrawn PDF still holds a file of theirs: it stays.
    assert (out / "publications" / "files" / "papers").is_dir()
    index = site.page("publications/index")
    assert index.select_one("#pub-lovelace2024engines") is None


def test_a_build_into_another_folder_deletes_nothing_there(tmp_path: Path) -> None:
    site = SiteCopy.of_root("test-pub", tmp_path)
    site.build()
    other = tmp_path / "other"
    other.mkdir()
    (other / "lovelace2024engines.html").write_text("theirs\n")
    site.build(out=other)
    assert (other / "lovelace2024engines.html").read_text() == "theirs\n"
