"""A build keeps what it loaded out of the garbage collector's sight, and gives it back
when it ends (a process that builds again, like this test run, collects it as before)."""

from __future__ import annotations

import gc
import shutil

from conftest import ROOTS, warnings_of


def test_loaded_objects_are_frozen_during_the_build_only(make_app, tmp_path) -> None:
    shutil.copytree(ROOTS / "test-pub", tmp_path / "site")
    assert gc.get_freeze_count() == 0
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
