"""The package on its own: built, checked, installed into a fresh venv, used from there.

Nothing from this repository's tree may take part in the run from the venv: the commands
run from a temporary folder, without PYTHONPATH, with the venv's own interpreter, and the
test checks where ``sphinx_folio`` was imported from.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import yaml

import sphinx_folio
from sphinx_folio.new import _installed_pins

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
    """The environment without anything that points Python at this checkout, or pip at
    an index: pip reads no configuration file and finds packages only in --find-links."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_", "MAKE"))
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_NO_INDEX"] = "1"
    return env


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def wheel_of_installed(name: str, out: Path) -> Path:
    """A wheel (PEP 427) of the distribution ``name`` as installed in this interpreter,
    made from the files its RECORD lists: an installed package back in the form pip
    installs from, with no download. Scripts outside site-packages are left out (pip
    writes console scripts again from entry_points.txt)."""
    dist = metadata.distribution(name)
    info = dist.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Tag:")]
    stem = dist.metadata["Name"].replace("-", "_").replace(".", "_")
    version = dist.version
    # The file name holds the compressed tag set: py2-none-any + py3-none-any = py2.py3-none-any.
    parts = [".".join(dict.fromkeys(tag.split("-")[i] for tag in tags)) for i in range(3)]
    wheel = out / f"{stem}-{version}-{'-'.join(parts)}.whl"
    dist_info = next(str(f).split("/")[0] for f in dist.files or [] if str(f).endswith("METADATA"))
    skip = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
    records = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as archive:
        for file in dist.files or []:
            path = str(file)
            if path.startswith("..") or "__pycache__" in path:
                continue
            if path.startswith(f"{dist_info}/") and path.split("/", 1)[1] in skip:
                continue
            data = Path(file.locate()).read_bytes()
            archive.writestr(path, data)
            records.append(_record_line(path, data))
        records.append(f"{dist_info}/RECORD,,")
        archive.writestr(f"{dist_info}/RECORD", "\n".join(records) + "\n")
    return wheel


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wheels of every distribution a new site pins (the locked ones, as installed here)."""
    out = tmp_path_factory.mktemp("wheelhouse")
    for pin in _installed_pins("sphinx-folio", ("pdf",)):  # new sites install the [pdf] extra
        name, _, version = pin.partition("==")
        assert metadata.version(name) == version, pin
        wheel_of_installed(name, out)
    wheel_of_installed("setuptools", out)  # the build backend, for installs from source
    return out


def copy_of_repository(where: Path) -> Path:
    """A Git repository holding this checkout's tracked files as they are now, committed."""
    copy = where / "repo"
    tracked = run("git", "ls-files", "-z", cwd=REPO).split("\0")
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).write_bytes((REPO / name).read_bytes())
    run("git", "init", "-q", cwd=copy)
    run("git", "add", "-A", cwd=copy)
    who = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    run("git", *who, "commit", "-q", "-m", "copy", cwd=copy)
    return copy


def venv_with_locked_dependencies(where: Path) -> Path:
    """A fresh venv that sees .venv's site-packages through a path line (see ``venv``)."""
    run(sys.executable, "-m", "venv", "--without-pip", where / "venv", cwd=where)
    python = where / "venv/bin/python"
    own = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=where)
    locked = sysconfig.get_path("purelib")
    Path(own.strip(), "locked-dependencies.pth").write_text(locked + "\n", encoding="utf-8")
    return where / "venv"


def make_in_own_venv(site: Path, wheelhouse: Path, *targets: str) -> str:
    """The site's own `make TARGET`s: its Makefile makes .venv from requirements.txt, and
    pip finds every package in the wheelhouse, or nowhere."""
    env = clean_env()
    env["PIP_FIND_LINKS"] = str(wheelhouse)
    base = Path(sys._base_executable)  # a venv is made from the interpreter, not from ours
    return "".join(run("make", target, f"PYTHON={base}", cwd=site, env=env) for target in targets)


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
    python = venv_with_locked_dependencies(where) / "bin/python"
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
    assert f"sphinx_folio-{sphinx_folio.__version__}.dist-info/licenses/LICENSE" in names
    assert "License-Expression: MIT" in text
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
    assert "LICENSE" in names
    assert "src/sphinx_folio/scaffold/README.md.j2" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_makes_a_site_that_builds_and_tests_in_its_own_venv(
    venv: Path, dist: Path, wheelhouse: Path, tmp_path: Path
) -> None:
    """From the wheel to a new site's own `make html` and `make test`, nothing downloaded:
    the site's venv is made by its Makefile from its requirements.txt alone."""
    env = clean_env()
    python = venv / "bin/python"
    where = run(python, "-c", "import sphinx_folio; print(sphinx_folio.__file__)", cwd=tmp_path)
    assert str(venv) in where and str(REPO) not in where, where

    version = run(venv / "bin/sphinx-folio", "--version", cwd=tmp_path, env=env)
    assert version.strip() == f"sphinx-folio {sphinx_folio.__version__}"
    said = run(
        venv / "bin/sphinx-folio", "new", "site", "--name", "Ada Lovelace", cwd=tmp_path, env=env
    )
    site = tmp_path / "site"

    # Installed from a wheel file: the requirement names that file, which works here, and
    # the screen and the file both say which line to change before hosting.
    (wheel,) = dist.glob("*.whl")
    lines = (site / "requirements.txt").read_text().splitlines()
    requirement = f"sphinx-folio[pdf] @ {wheel.as_uri()}"
    assert requirement in lines, lines
    number = lines.index(requirement) + 1
    assert f"requirements.txt, line {number}, installs sphinx-folio from {wheel}" in said, said
    assert f"sphinx-folio[pdf]=={sphinx_folio.__version__}" in said
    assert any(
        line.startswith(f"# sphinx-folio[pdf]=={sphinx_folio.__version__} ") for line in lines
    )

    out = make_in_own_venv(site, wheelhouse, "html")
    assert (site / "_build/html/index.html").is_file()
    assert "Ada Lovelace" in (site / "_build/html/index.html").read_text(encoding="utf-8")
    assert "build succeeded" in out and "WARNING" not in out, out
    own = site / ".venv/bin/python"
    where = run(own, "-c", "import sphinx_folio; print(sphinx_folio.__file__)", cwd=tmp_path)
    assert str(site / ".venv") in where, where
    run(own, "-m", "pip", "check", cwd=site, env=env)

    out = make_in_own_venv(site, wheelhouse, "test")
    assert "Ran 3 tests" in out and "\nOK" in out, out
    assert "test_home_names_the_owner" in out, out  # one of the three that passed


def test_installed_from_git_makes_a_site_pinned_to_that_commit(
    wheelhouse: Path, tmp_path: Path
) -> None:
    """The README's way: installed from a Git URL, `new` pins that commit, and the site
    installs sphinx-folio from there (on its host: the same line with the real address)."""
    repo = copy_of_repository(tmp_path)
    commit = run("git", "rev-parse", "HEAD", cwd=repo).strip()
    venv = venv_with_locked_dependencies(tmp_path)
    env = clean_env()
    env["PIP_FIND_LINKS"] = str(wheelhouse)  # setuptools, to build from the clone
    url = f"git+{repo.as_uri()}"  # as typed on the command line: git+file:///...
    run(
        venv / "bin/python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        url,
        cwd=tmp_path,
        env=env,
    )
    said = run(
        venv / "bin/sphinx-folio", "new", "site", "--name", "Ada Lovelace", cwd=tmp_path, env=env
    )
    site = tmp_path / "site"
    lines = (site / "requirements.txt").read_text().splitlines()
    localhost = repo.as_uri().replace("file:///", "file://localhost/")
    assert f"sphinx-folio[pdf] @ git+{localhost}@{commit}" in lines, lines
    assert "Note:" in said  # a repository on this machine: which line to change is shown
    out = make_in_own_venv(site, wheelhouse, "test")
    assert "Ran 3 tests" in out and "\nOK" in out, out
    installed = json.loads(
        run(
            site / ".venv/bin/python",
            "-c",
            "from importlib import metadata; "
            "print(metadata.distribution('sphinx-folio').read_text('direct_url.json'))",
            cwd=site,
        )
    )
    assert installed["vcs_info"]["commit_id"] == commit


def test_installing_from_the_repository_leaves_it_clean(tmp_path: Path) -> None:
    """`pip install .` builds in the tree (setuptools' build/): git must not show it."""
    copy = copy_of_repository(tmp_path)
    assert run("git", "status", "--porcelain", cwd=copy) == ""
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation"]
    run(*pip, "--target", tmp_path / "installed", ".", cwd=copy, env=clean_env())
    assert (copy / "build").is_dir()  # else this test shows nothing
    assert run("git", "status", "--porcelain", cwd=copy) == run(
        "git", "status", "--porcelain", "--untracked-files=no", cwd=copy
    )


def test_the_license_is_the_one_pyproject_names() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    license_text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert pyproject["license"] == "MIT" and license_text.startswith("MIT License")
    for author in pyproject["authors"]:
        assert f"Copyright (c) 2026 {author['name']}" in license_text


def test_a_version_tag_builds_tests_checks_and_publishes() -> None:
    """The release workflow, read as GitHub reads it (it cannot run here)."""
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text())
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads "on" as True
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    commands = "\n".join(step.get("run", "") for step in build["steps"])
    for command in ("make test", "-m build", "twine check --strict dist/*", "__version__"):
        assert command in commands
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}  # trusted publishing, no token
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert "pypa/gh-action-pypi-publish@release/v1" in uses
    assert not any("password" in str(step) for step in publish["steps"])
