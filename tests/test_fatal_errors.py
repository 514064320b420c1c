"""A fatal input error reads as one: ``file:line: what is wrong``, how to fix it, a non-zero
exit, and no Python traceback or "please report this to the developers"."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOTS


def _sphinx_build(src: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(src / "_build")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _site(tmp_path: Path, conf_extra: str = "", cv: bytes | None = None) -> Path:
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", src)
    if conf_extra:
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(conf_extra)
    if cv is not None:
        (src / "data" / "cv.yaml").write_bytes(cv)
    return src


CASES = [
    (
        'folio_publications_dir = "../x"\n',
        None,
        "{conf}:10: folio_publications_dir leads outside the site with '..', got '../x'",
        "    How to fix: correct folio_publications_dir in conf.py as the message says",
    ),
    (
        'folio_social = {"github": "javascript:alert(1)"}\n',
        None,
        (
            "{conf}:10: folio_social['github'] must be an http(s) URL or a user name, "
            "got 'javascript:alert(1)'"
        ),
        "    How to fix: correct folio_social in conf.py as the message says",
    ),
    (
        "",
        "work:\n  - name: Lab\n    position: Ing\xe9nieur\n".encode("latin-1"),
        "data/cv.yaml:3: is not UTF-8 text (byte 0xe9)",
        "    How to fix: save the file as UTF-8",
    ),
    (
        "",
        b"work:\n  - name: Lab\n    highlights: Did things\n",
        "data/cv.yaml:3: work[0].highlights: expected a list, got 'Did things'",
        "    How to fix: see https://jsonresume.org/schema for the fields and their types",
    ),
    (
        "",
        b"work:\n  - {name: Lab\n",
        (
            "data/cv.yaml:3: cannot be read: while parsing a flow mapping, expected ',' or '}', "
            "but got '<stream end>'"
        ),
        "    How to fix: correct the syntax at that line (a YAML or JSON checker shows more)",
    ),
]


@pytest.mark.parametrize(("conf", "cv", "error", "fix"), CASES, ids=lambda v: str(v)[:30])
def test_sphinx_build_prints_one_line_and_exits_non_zero(tmp_path, conf, cv, error, fix):
    src = _site(tmp_path, conf, cv)
    result = _sphinx_build(src)
    assert result.returncode != 0
    assert result.stderr.splitlines() == [error.replace("{conf}", str(src / "conf.py")), fix]
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "report" not in output.lower()
