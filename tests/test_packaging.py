"""The package on its own: built, checked, installed into a fresh venv, used from there.

Nothing from this repository's tree may take part in the run from the venv: the commands
run from a temporary folder, without PYTHONPATH, with the venv's own interpreter, and the
test checks where ``sphinx_folio`` was imported from.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import sphinx_folio

from conftest import REPO


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def clean_env() -> dict[str, str]:
    """The environment without anything that points Python at this checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, the wheel built from the sdist (as `python -m build` does)."""
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: the build backend of the locked venv, so no download is needed.
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO, cwd=out)
    return out


@pytest.fixture(scope="session")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel, its dependencies being the locked ones of ``.venv``.

    The venv sees ``.venv``'s site-packages through a ``.pth`` path line, which Python adds
    to ``sys.path`` without running the ``.pth`` files in it, so this checkout's editable
    install stays out. The wheel goes in with ``--no-index``: nothing is downloaded, and
    ``pip check`` then proves that its declared dependencies are all installed, at
    versions they accept. pip itself is one of those locked packages: a venv made with
    its own copy of pip takes three seconds more, for nothing the test looks at.
    """
    where = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", where / "venv", cwd=where)
    python = where / "venv/bin/python"
    own = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=where)
    locked = sysconfig.get_path("purelib")
    Path(own.strip(), "locked-dependencies.pth").write_text(locked + "\n", encoding="utf-8")
    (wheel,) = dist.glob("*.whl")
    pip = [python, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps"]
    run(*pip, wheel, cwd=where, env=clean_env())
    run(python, "-m", "pip", "check", cwd=where, env=clean_env())
    return where / "venv"


def test_wheel_and_sdist_pass_twine_check(dist: Path) -> None:
    files = sorted(p.name for p in dist.iterdir())
    assert any(f.endswith(".whl") for f in files), files
    assert any(f.endswith(".tar.gz") for f in files), files
    out = run(sys.executable, "-m", "twine", "check", "--strict", *dist.iterdir(), cwd=dist)
    assert out.count("PASSED") == 2, out


def test_wheel_carries_templates_scaffold_and_metadata(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode()
    assert "sphinx_folio/scaffold/conf.py.j2" in names
    assert "sphinx_folio/scaffold/dot-github/workflows/pages.yml.j2" in names
    assert "sphinx_folio/templates/layout.html" in names
    assert "sphinx_folio/static/sphinx_folio.css" in names
    assert "sphinx_folio/data/resume-schema.json" in names
    assert "sphinx_folio/data/cv/cv.typ" in names  # cv.pdf's template
    assert "Provides-Extra: pdf" in text and "typst" in text
    assert not any(n.startswith(("tests/", "docs/", "examples/")) for n in names)
    assert "Classifier: Framework :: Sphinx :: Extension" in text
    assert f"\nVersion: {sphinx_folio.__version__}\n" in text
    assert f"## [{sphinx_folio.__version__}]" in (REPO / "CHANGELOG.md").read_text()


def test_sdist_is_the_package_and_its_changelog(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [n.split("/", 1)[1] for n in archive.getnames() if "/" in n]
    assert "CHANGELOG.md" in names
    assert "src/sphinx_folio/scaffold/README.md.j2" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_makes_a_site_that_builds(venv: Path, dist: Path, tmp_path: Path) -> None:
    env = clean_env()
    python = venv / "bin/python"
    where = run(python, "-c", "import sphinx_folio; print(sphinx_folio.__file__)", cwd=tmp_path)
    assert str(venv) in where and str(REPO) not in where, where

    version = run(venv / "bin/sphinx-folio", "--version", cwd=tmp_path, env=env)
    assert version.strip() == f"sphinx-folio {sphinx_folio.__version__}"
    run(venv / "bin/sphinx-folio", "new", "site", "--name", "Ada Lovelace", cwd=tmp_path, env=env)
    site = tmp_path / "site"
    # The site's own `make test`, in the venv the wheel went into: requirements.txt pins
    # exactly what is installed there, so pip finds everything (the wheel by --find-links)
    # and nothing is downloaded. Its smoke test builds the site with -W -n and finds the
    # owner's name on the home page.
    (site / ".venv").symlink_to(venv)
    env["PIP_FIND_LINKS"] = str(dist)
    out = run("make", "test", cwd=site, env=env)
    assert "Ran 3 tests" in out and "\nOK" in out, out
    assert "test_home_names_the_owner" in out, out  # one of the three that passed
