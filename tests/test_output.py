"""What the commands print: help a person can read, builds that say what they do and no more.

Builds run in their own process, as ``make html``, so the log is exactly what a user sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

from sphinx_folio.cli import main
from sphinx_folio.publications.store import PROGRESS_FROM

from conftest import SiteCopy


def entries(count: int) -> str:
    return "".join(
        f"@article{{paper{i:03d},\n  author = {{Example, Ada}},\n  title = {{Note {i}}},\n"
        f"  journal = {{Memoirs}},\n  year = {{1843}},\n}}\n"
        for i in range(count)
    )


def site_with(tmp_path: Path, count: int) -> SiteCopy:
    site = SiteCopy.of_root("test-basic", tmp_path)
    (site.src / "refs.bib").write_text(entries(count), encoding="utf-8")
    return site


@pytest.mark.parametrize("command", [[], ["new"], ["import-alfolio"]])
def test_help_is_plain_text(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: sphinx-folio")
    assert "`" not in text, text  # reStructuredText or Markdown markup is not for a terminal
    if not command:
        assert "Write a research site" in text
        assert "sphinx-folio COMMAND --help" in text


def test_a_build_prints_no_configuration_dump(tmp_path: Path) -> None:
    site = site_with(tmp_path, 1)
    log = site.build()
    assert "formatting publications... 1 of 1 entries (paper000)" in log
    assert "MdParserConfig" not in log and "myst v" not in log
    assert "Writing evaluated template result" not in log
    # Demoted, not lost: both lines are there with -v (and this shows that the loggers
    # _compat entry 8 names still print them).
    verbose = site.build("-v", "-E", out=tmp_path / "verbose")
    assert "MdParserConfig(" in verbose
    assert "Writing evaluated template result" in verbose


def test_a_first_build_of_many_papers_shows_each_as_it_is_formatted_and_written(
    tmp_path: Path,
) -> None:
    count = PROGRESS_FROM + 10
    site = site_with(tmp_path, count)
    # Sphinx colours its output where it thinks a terminal is (CI=true is enough): the
    # person reads the text between the escape sequences.
    log = strip_escape_sequences(site.build())
    progress = re.findall(r"formatting publications\.\.\. \[ *(\d+)%\] (paper\d+)", log)
    assert [key for _, key in progress] == [f"paper{i:03d}" for i in range(count)]
    assert progress[-1][0] == "100"
    assert f"formatting publications... {count} of {count} entries" in log
    # Each paper's page (the site's owner, folio_name, wrote them all) as it is written.
    pages = re.findall(r"writing paper pages\.\.\. \[ *\d+%\] publications/(paper\d+)", log)
    assert sorted(pages) == [f"paper{i:03d}" for i in range(count)]
    assert (site.out / "publications/paper000.html").is_file()
    # A rebuild formats and writes nothing, and shows nothing of it.
    again = strip_escape_sequences(site.build())
    assert "formatting publications... up to date" in again
    assert "formatting publications... [" not in again
    assert "writing paper pages" not in again


def test_a_few_papers_are_formatted_without_a_line_each(tmp_path: Path) -> None:
    site = site_with(tmp_path, PROGRESS_FROM)
    log = site.build()
    assert "formatting publications... [" not in log
    assert "writing paper pages" not in log
    assert f"formatting publications... {PROGRESS_FROM} of {PROGRESS_FROM} entries" in log
    assert (site.out / f"publications/paper{PROGRESS_FROM - 1:03d}.html").is_file()
