"""`sphinx-folio new`: a complete site for a new owner, that builds with -W and tests itself."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import sphinx_folio
from sphinx_folio import new
from sphinx_folio.cli import main

from browser.harness import NEW_SITE_FLAGS
from conftest import conf_values, sphinx_build

FLAGS = NEW_SITE_FLAGS


def html(out: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((out / "html" / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "ada-site"
    assert main(["new", str(folder), *FLAGS]) == 0
    return folder


@pytest.fixture(scope="module")
def built(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("new-build")
    result = sphinx_build(site, out, "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr
    return out


def test_writes_every_part_of_a_site(site: Path) -> None:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    for expected in [
        "conf.py",
        "index.md",
        "publications/index.md",
        "research/index.md",
        "research/example-thread.md",
        "projects/example-project.md",
        "news/example-news.md",
        "refs.bib",
        "cv.yaml",
        "cv.md",
        "Makefile",
        "requirements.txt",
        ".readthedocs.yaml",
        ".gitignore",
        "README.md",
        "tests/test_smoke.py",
    ]:
        assert expected in files
    assert not any(f.endswith(".j2") for f in files)
    assert ".github/workflows/pages.yml" not in files  # Read the Docs is the default host


def test_conf_holds_the_owner(site: Path) -> None:
    conf = conf_values(site)
    assert conf["folio_name"] == "Ada Lovelace"
    assert conf["folio_role"] == "PhD student in computing"
    assert conf["folio_affiliation"] == "University of London"
    assert conf["folio_email"] == "ada@example.org"
    assert conf["folio_social"] == {"email": "ada@example.org"}
    assert conf["extensions"] == ["sphinx_folio"]


def test_requirements_are_pinned(site: Path) -> None:
    lines = [
        line
        for line in (site / "requirements.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert lines[0].startswith("sphinx-folio[pdf]")  # the extra that typesets cv.pdf
    names = {line.split("==")[0].lower() for line in lines[1:]}
    assert {"sphinx", "myst-parser", "sphinxcontrib-bibtex", "pydata-sphinx-theme"} <= names
    assert "typst" in names
    assert all("==" in line for line in lines[1:]), lines


def test_read_the_docs_builds_as_make_html_does(site: Path) -> None:
    config = yaml.safe_load((site / ".readthedocs.yaml").read_text())
    assert config["sphinx"] == {
        "configuration": "conf.py",
        "builder": "html",
        "fail_on_warning": True,
    }
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    # The pins were taken from this interpreter: the host runs the same version.
    assert (
        config["build"]["tools"]["python"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"sphinx-folio {sphinx_folio.__version__}"


def test_makefile_has_serve_and_test(site: Path) -> None:
    makefile = (site / "Makefile").read_text()
    for target in ("serve:", "test:", "html:"):
        assert f"\n{target}" in makefile


def test_examples_are_marked_and_the_bib_is_empty(site: Path) -> None:
    for item in ("research/example-thread.md", "projects/example-project.md"):
        assert "**This page is an example.**" in (site / item).read_text()
    assert "example" in (site / "news/example-news.md").read_text()
    bib = (site / "refs.bib").read_text()
    assert "@comment{\n@inproceedings{lovelace2025engines" in bib


def test_builds_with_warnings_as_errors(built: Path) -> None:
    home = html(built, "index.html")
    profile = home.select_one(".folio-profile")
    assert profile is not None
    assert "Ada Lovelace" in profile.get_text()
    assert "PhD student in computing" in profile.get_text()
    nav = " ".join(a["href"] for a in home.select("nav a[href]"))
    for section in ("research/index.html", "publications/index.html", "cv.html"):
        assert section in nav
    thread = html(built, "research/index.html").get_text()
    assert "Example research thread" in thread
    cv = html(built, "cv.html").get_text()
    assert "University of London" in cv
    # The [pdf] extra its requirements name is installed here: the build typesets the CV.
    assert (built / "html" / "cv.pdf").read_bytes().startswith(b"%PDF-")
    assert "Download PDF" in cv


def test_the_site_passes_its_own_smoke_test(site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "unittest", "discover", "-s", "tests"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ran 3 tests" in result.stderr


def test_github_pages_gets_a_workflow(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    assert main(["new", str(folder), *FLAGS, "--host", "github-pages"]) == 0
    assert not (folder / ".readthedocs.yaml").exists()
    workflow = yaml.safe_load((folder / ".github/workflows/pages.yml").read_text())
    steps = [step.get("uses", step.get("run")) for step in workflow["jobs"]["build"]["steps"]]
    assert "make test" in steps
    deploy = workflow["jobs"]["deploy"]["environment"]["url"]
    assert deploy == "${{ steps.deployment.outputs.page_url }}"
    assert "GitHub Pages" in (folder / "README.md").read_text()


def test_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["new", str(tmp_path), *FLAGS]) == 2
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_without_a_terminal_the_name_is_required(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["new", str(tmp_path / "site")]) == 2
    assert "--name is required" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_bad_email_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "s"), "--name", "A B", "--email", "not-an-address"]) == 2
    assert "is not an email address" in capsys.readouterr().err


def test_asks_in_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["", "Grace Hopper", "Rear admiral", "", "grace@", "grace@example.org", ""])
    asked: list[str] = []

    def prompt(question: str) -> str:
        asked.append(question)
        return next(answers)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", prompt)
    assert main(["new", str(tmp_path / "site")]) == 0
    conf = conf_values(tmp_path / "site")
    assert conf["folio_name"] == "Grace Hopper"
    assert conf["folio_role"] == "Rear admiral"
    assert conf["folio_email"] == "grace@example.org"
    assert (tmp_path / "site" / ".readthedocs.yaml").exists()
    # An empty name and a bad address are asked again; the host offers its default.
    assert len(asked) == 7
    assert asked[-1].endswith("[readthedocs]: ")
    out = capsys.readouterr().out
    assert "a name is needed" in out
    assert "is not an email address" in out


def test_in_a_terminal_asks_only_what_the_flags_leave_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or "github-pages")
    assert main(["new", str(tmp_path / "site"), *FLAGS]) == 0
    assert asked == ["Where to publish (readthedocs or github-pages) [readthedocs]: "]
    assert (tmp_path / "site" / ".github/workflows/pages.yml").exists()


def test_scaffold_files_are_templates_not_python_strings() -> None:
    templates = list(new.SCAFFOLD.rglob("*.j2"))
    assert len(templates) >= 15
    rendered = new.render(new.Owner("X Y"))
    assert set(rendered) >= {"conf.py", "index.md", "refs.bib", ".gitignore"}


# --- where sphinx-folio came from (PEP 610's direct_url.json) --------------------------------

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("direct_url", "requirement", "local"),
    [
        (
            None,
            f"sphinx-folio[pdf]=={sphinx_folio.__version__}",
            "",
        ),  # an index: no direct_url.json
        (
            json.dumps(
                {
                    "url": "https://github.com/o/r.git",
                    "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "v1"},
                }
            ),
            f"sphinx-folio[pdf] @ git+https://github.com/o/r.git@{COMMIT}",
            "",
        ),
        (
            json.dumps(
                {
                    "url": "https://github.com/o/r.git",
                    "subdirectory": "pkg",
                    "vcs_info": {"vcs": "git", "commit_id": COMMIT},
                }
            ),
            f"sphinx-folio[pdf] @ git+https://github.com/o/r.git@{COMMIT}#subdirectory=pkg",
            "",
        ),
        (  # pip refuses "name @ git+file:///..." (no host); file://localhost/ is the same path
            f'{{"url": "file:///src/folio", "vcs_info": {{"vcs": "git", "commit_id": "{COMMIT}"}}}}',
            f"sphinx-folio[pdf] @ git+file://localhost/src/folio@{COMMIT}",
            "/src/folio",
        ),
        (
            '{"url": "file:///src/folio", "dir_info": {"editable": true}}',
            "sphinx-folio[pdf] @ file:///src/folio",
            "/src/folio",
        ),
        (
            '{"url": "file:///tmp/d/sphinx_folio-1.0-py3-none-any.whl", "archive_info": {}}',
            "sphinx-folio[pdf] @ file:///tmp/d/sphinx_folio-1.0-py3-none-any.whl",
            "/tmp/d/sphinx_folio-1.0-py3-none-any.whl",
        ),
        (
            '{"url": "https://example.org/sphinx_folio-1.0.tar.gz", "archive_info": {}}',
            "sphinx-folio[pdf] @ https://example.org/sphinx_folio-1.0.tar.gz",
            "",
        ),
        ("not json", f"sphinx-folio[pdf]=={sphinx_folio.__version__}", ""),
        ('{"url": 5}', f"sphinx-folio[pdf]=={sphinx_folio.__version__}", ""),
        (
            '{"url": "https://example.org/a.tar.gz", "vcs_info": "git", "subdirectory": 1}',
            "sphinx-folio[pdf] @ https://example.org/a.tar.gz",
            "",
        ),
    ],
    ids=[
        "index",
        "git",
        "git-subdirectory",
        "git-local",
        "folder",
        "wheel",
        "archive",
        "not-json",
        "bad-url",
        "bad-fields",
    ],
)
def test_the_requirement_names_where_the_package_came_from(
    direct_url: str | None, requirement: str, local: str
) -> None:
    source = new.package_source(direct_url)
    assert source.requirement == requirement
    assert source.local == local
    # Every form is one pip reads as a requirement.
    from packaging.requirements import Requirement

    assert Requirement(requirement).name == "sphinx-folio"


def test_a_local_copy_is_named_and_the_line_to_change_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wheel = '{"url": "file:///tmp/d/sphinx_folio-1.0-py3-none-any.whl", "archive_info": {}}'
    monkeypatch.setattr(new, "_direct_url", lambda: wheel)
    assert main(["new", str(tmp_path / "site"), *FLAGS]) == 0
    said = capsys.readouterr().out
    lines = (tmp_path / "site/requirements.txt").read_text().splitlines()
    number = lines.index("sphinx-folio[pdf] @ file:///tmp/d/sphinx_folio-1.0-py3-none-any.whl") + 1
    assert f"requirements.txt, line {number}, installs sphinx-folio from /tmp/d/" in said
    assert f"sphinx-folio[pdf]=={sphinx_folio.__version__}" in said
    readme = (tmp_path / "site/README.md").read_text()
    assert "First change the `sphinx-folio[pdf] @` line of `requirements.txt`" in readme


def test_a_released_copy_needs_no_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(new, "_direct_url", lambda: None)
    assert main(["new", str(tmp_path / "site"), *FLAGS]) == 0
    assert "Note:" not in capsys.readouterr().out
    lines = (tmp_path / "site/requirements.txt").read_text().splitlines()
    assert f"sphinx-folio[pdf]=={sphinx_folio.__version__}" in lines
    assert not any("file:" in line for line in lines)
    assert "First change" not in (tmp_path / "site/README.md").read_text()
