"""A build keeps what it loaded out of the garbage collector's sight, and gives it back
when it ends (a process that builds again, like this test run, collects it as before)."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys

from conftest import ROOTS, warnings_of


def test_loaded_objects_are_frozen_during_the_build_only(make_app, tmp_path) -> None:
    shutil.copytree(ROOTS / "test-pub", tmp_path / "site")
    app = make_app("html", srcdir=tmp_path / "site")
    during: list[int] = []
    app.connect("env-updated", lambda app, env: during.append(gc.get_freeze_count()))
    app.build()
    assert warnings_of(app) == ""
    assert during and during[0] > 0
    assert gc.get_freeze_count() == 0


def test_objects_someone_else_froze_stay_frozen(make_app, tmp_path) -> None:
    shutil.copytree(ROOTS / "test-pub", tmp_path / "site")
    gc.freeze()
    try:
        app = make_app("html", srcdir=tmp_path / "site")
        app.build()
        assert warnings_of(app) == ""
        assert gc.get_freeze_count() > 0  # not given back by the build
    finally:
        gc.unfreeze()


def test_a_build_process_skips_the_last_collection_at_exit(tmp_path) -> None:
    shutil.copytree(ROOTS / "test-pub", tmp_path / "site")
    # atexit runs handlers last registered first: this check runs after the extension's.
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from sphinx.cmd.build import main\n"
        "sys.exit(main(['-q', '-b', 'html', sys.argv[1], sys.argv[2]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "site"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "frozen at exit: True" in result.stdout
    assert (tmp_path / "out" / "publications" / "lovelace2024engines.html").is_file()
