"""The importer follows the site's one URL rule: it writes no link the build would refuse."""

from __future__ import annotations

from sphinx_folio.alfolio import import_alfolio

from conftest import conf_values


def test_unsafe_links_are_reported_and_not_written(tmp_path):
    source = tmp_path / "src"
    (source / "_pages").mkdir(parents=True)
    (source / "_projects").mkdir()
    (source / "_config.yml").write_text(
        'first_name: A\nlast_name: B\ngithub_username: "javascript:alert(1)"\n'
        "linkedin_username: a-b\n",
        encoding="utf-8",
    )
    (source / "_pages" / "about.md").write_text(
        "---\nlayout: about\n---\nSee [this](javascript:void%280%29) and [that](https://example.org).\n",
        encoding="utf-8",
    )
    (source / "_projects" / "p.md").write_text(
        '---\nlayout: page\ntitle: P\ngithub: "data:text/html,x"\n'
        'redirect: "vbscript:msgbox(1)"\n---\nText.\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = import_alfolio(source, out)
    notes = [str(note) for note in report.notes]

    assert conf_values(out)["folio_social"] == {"linkedin": "https://www.linkedin.com/in/a-b"}
    assert any(
        n.startswith("_config.yml:3: social account 'github_username': 'javascript:alert(1)'")
        for n in notes
    ), notes
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "javascript" not in index
    assert "See this and [that](https://example.org)." in index
    assert any(n.startswith("_pages/about.md:4: link 'javascript:void%280%29'") for n in notes), (
        notes
    )
    project = (out / "projects" / "p.md").read_text(encoding="utf-8")
    assert "data:" not in project and "vbscript" not in project
    assert any(n.startswith("_projects/p.md:4: github: 'data:text/html,x'") for n in notes), notes
