"""A fatal input error found while a directive runs (the CV file went bad during the
build) is one line under ``sphinx-build``, and a plain exception for a host that builds in
its own process (pytest, a warm preview server): no ``SystemExit`` from a directive, and
no process-wide change at exit outside ``sphinx-build``."""

from __future__ import annotations

import atexit
import shutil
from pathlib import Path

import pytest
from sphinx_process import run_sphinx

from sphinx_folio import gc_pause
from sphinx_folio.errors import DirectiveInputError

from conftest import ROOTS

#: The CV file after the build has started: a YAML syntax error on line 1.
BROKEN = "work: [\n"

#: conf.py breaks the CV once the CV was checked (builder-inited) and before pages are read.
BREAK_AFTER_CHECK = f"""
def setup(app):
    def _break(app, env, docnames):
        from pathlib import Path
        Path(app.confdir, "data", "cv.yaml").write_text({BROKEN!r})
    app.connect("env-before-read-docs", _break)
"""


def _site(tmp_path: Path) -> Path:
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cv", src)
    return src


@pytest.mark.parametrize("options", [[], ["-j", "2"]], ids=["serial", "parallel"])
def test_sphinx_build_prints_the_error_from_the_directive_as_one_line(tmp_path, options):
    src = _site(tmp_path)
    (src / "conf.py").write_text((src / "conf.py").read_text() + BREAK_AFTER_CHECK)
    # With -j 2 the directive runs in a reader process, and Sphinx keeps only its text.
    result = run_sphinx(["-q", "-b", "html", *options, src, src / "_build"])
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("data/cv.yaml:2: cannot be read"), lines[0]
    assert lines[1].startswith("    How to fix:")
    assert "Traceback" not in result.stderr and "report" not in result.stderr.lower()


def test_a_host_building_in_its_own_process_gets_an_exception_and_goes_on(make_app, tmp_path):
    src = _site(tmp_path)
    app = make_app("html", srcdir=src)
    (src / "data" / "cv.yaml").write_text(BROKEN)  # after the check at builder-inited
    with pytest.raises(DirectiveInputError) as error:
        app.build()
    assert not isinstance(error.value, SystemExit)
    assert "data/cv.yaml:2: cannot be read" in str(error.value)
    # The host goes on: the file fixed, the next build succeeds.
    shutil.copy(ROOTS / "test-cv" / "data" / "cv.yaml", src / "data" / "cv.yaml")
    again = make_app("html", srcdir=src, freshenv=True)
    again.build()
    assert (Path(again.outdir) / "cv.html").is_file()


def test_no_exit_hook_is_registered_outside_sphinx_build(make_app, tmp_path, monkeypatch):
    registered = []
    monkeypatch.setattr(atexit, "register", registered.append)
    make_app("html", srcdir=_site(tmp_path))
    assert gc_pause._freeze_at_exit not in registered
