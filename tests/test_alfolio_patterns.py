"""Patterns found in real al-folio sites (benchmarks/alfolio_corpus.py), one test each.

Every site here is written by the test itself, from a few lines that reproduce one
pattern; names are fictional. One combined site is built with ``-W`` (module fixture).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx_process import run_sphinx

from sphinx_folio.alfolio import Report, import_alfolio
from sphinx_folio.cli import main

from conftest import build_imported, conf_values

ABOUT = "---\nlayout: about\npermalink: /\n---\nHello.\n"


def make(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def notes(report: Report) -> list[str]:
    return [str(n) for n in report.notes]


def run(tmp_path: Path, files: dict[str, str], **kw: Any) -> tuple[Path, Report]:
    files.setdefault("_pages/about.md", ABOUT)
    source = make(tmp_path / "src", files)
    out = tmp_path / "out"
    return out, import_alfolio(source, out, **kw)


# --- owner (point 3)


@pytest.mark.parametrize(
    ("config", "name"),
    [
        ("first_name: Ada\nmiddle_name: B.\nlast_name: Byron\n", "Ada B. Byron"),
        ("name: Ada Byron\ntitle: blank\n", "Ada Byron"),  # before 2018
        ("title: blank\nscholar:\n  last_name: [Byron, Lovelace]\n  first_name: [Ada, A.]\n",
         "Ada Byron"),
        ("title: Ada Byron\n", "Ada Byron"),  # a person's name as the title
    ],
    ids=["first_last", "name", "scholar_arrays", "title"],
)  # fmt: skip
def test_owner_found_in_every_era(tmp_path, config, name):
    out, report = run(tmp_path, {"_config.yml": config})
    assert conf_values(out)["folio_name"] == name
    assert not any("no owner named" in n for n in notes(report))


def test_group_title_is_not_taken_for_an_owner(tmp_path):
    out, report = run(tmp_path, {"_config.yml": "title: Robotics Lab\nfirst_name:\n"})
    values = conf_values(out)
    assert values["folio_name"] == "" and values["project"] == "Robotics Lab"
    assert any("no owner named" in n and "folio_name" in n for n in notes(report))


LAB_BIB = (
    "@article{a, title={T}, author={Curie, Marie}, year={2020}, journal={J}, selected={true}}\n"
    "@article{b, title={No journal}, author={Curie, Pierre}, year={1905}}\n"
    "@conference{c, title={A talk}, author={Curie, Eve}, year={1930}, booktitle={B}}\n"
)


def test_site_naming_no_author_lists_every_entry(tmp_path):
    out, report = run(
        tmp_path, {"_config.yml": "title: Robotics Lab\n", "_bibliography/papers.bib": LAB_BIB}
    )
    page = (out / "publications" / "index.md").read_text(encoding="utf-8")
    # al-folio lists every entry of papers.bib, @conference and entries without a journal too.
    assert page == "# Publications\n\n```{publication-list}\n```\n"
    assert conf_values(out)["folio_list_every_entry"] is True
    assert "selected-publications" in (out / "index.md").read_text(encoding="utf-8")
    assert any("none of the 3 entries has no owner" in n for n in notes(report))


def test_site_whose_owner_wrote_a_paper_lists_the_owners(tmp_path):
    config = "first_name: Marie\nlast_name: Curie\n"
    out, _ = run(tmp_path, {"_config.yml": config, "_bibliography/papers.bib": LAB_BIB})
    assert "{publication-list}" in (out / "publications" / "index.md").read_text(encoding="utf-8")
    assert "selected-publications" in (out / "index.md").read_text(encoding="utf-8")


def test_long_title_with_email_is_shortened(tmp_path):
    title = "Senior Engineer & Researcher. me@example.org . Many more words follow here."
    out, report = run(tmp_path, {"_config.yml": f"title: {title!r}\n"})
    assert conf_values(out)["project"] == "Senior Engineer & Researcher"
    assert any("shortened" in n for n in notes(report))


# --- config files (point 10)


def test_config_files_merge_as_jekyll_does(tmp_path):
    files = {
        "_config.yml": "title: A\nfirst_name: Ada\nlast_name: Byron\nurl: https://a.example\n"
        "scholar:\n  last_name: [Byron]\n  first_name: [Ada]\n",
        "_config_prod.yml": "url: https://b.example\nscholar:\n  first_name: [A.]\n",
    }
    out, _ = run(tmp_path, files, config_files=["_config.yml", "_config_prod.yml"])
    values = conf_values(out)
    assert values["html_baseurl"] == "https://b.example/"  # the later file wins
    # hashes merge key by key: last_name from the first file, first_name from the second
    assert values["folio_name_variants"] == ["A. Byron"]


def test_cli_config_option(tmp_path, capsys):
    source = make(
        tmp_path / "src",
        {"_pages/about.md": ABOUT, "a.yml": "first_name: Ada\n", "b.yml": "last_name: Byron\n"},
    )
    assert main(["import-alfolio", str(source), "--out", str(tmp_path / "o"), "--config", "a.yml,b.yml"]) == 0  # fmt: skip
    assert conf_values(tmp_path / "o")["folio_name"] == "Ada Byron"


def test_deploy_workflow_config_is_read(tmp_path):
    workflow = "jobs:\n  b:\n    steps:\n      - run: bundle exec jekyll build --config _config.yml,_config_site.yml\n"  # fmt: skip
    out, report = run(
        tmp_path,
        {
            "_config.yml": "first_name: Ada\nlast_name: Byron\n",
            "_config_site.yml": "last_name: Lovelace\n",
            ".github/workflows/deploy.yml": workflow,
        },
    )
    assert conf_values(out)["folio_name"] == "Ada Lovelace"
    assert any(".github/workflows/deploy.yml:4" in c for c in report.converted)


# --- CV (point 5)


def test_resume_json_open_ends_and_impossible_dates(tmp_path):
    work = [
        {"name": "A", "position": "P", "startDate": "2020-01", "endDate": "current"},
        {"name": "B", "position": "P", "startDate": "2019", "endDate": "Present"},
        {"name": "C", "position": "P", "startDate": "2018", "endDate": ""},
        {"name": "D", "position": "P", "startDate": "2017", "endDate": "now"},
        {"name": "E", "position": "P", "startDate": "2016", "endDate": "2025-17-01"},
    ]
    text = json.dumps({"basics": {"name": "Ada"}, "work": work}, indent=2)
    out, report = run(tmp_path, {"_config.yml": "first_name: Ada\n", "assets/json/resume.json": text})  # fmt: skip
    written = json.loads((out / "resume.json").read_text(encoding="utf-8"))
    assert all("endDate" not in job for job in written["work"])
    assert [job["startDate"] for job in written["work"]] == ["2020-01", "2019", "2018", "2017", "2016"]  # fmt: skip
    line = text.split("\n").index(next(t for t in text.split("\n") if "2025-17-01" in t)) + 1
    assert f"assets/json/resume.json:{line}: work[4].endDate '2025-17-01' is not a date" in "\n".join(notes(report))  # fmt: skip


def test_resume_json_entry_the_cv_would_refuse_is_left_out(tmp_path):
    work = [
        {"name": "A", "startDate": "2020"},
        {"name": "B", "position": "P", "startDate": "2019"},
    ]
    text = json.dumps({"basics": {"name": "Ada"}, "work": work})
    out, report = run(tmp_path, {"_config.yml": "name: Ada\n", "assets/json/resume.json": text})
    written = json.loads((out / "resume.json").read_text(encoding="utf-8"))
    assert [job["name"] for job in written["work"]] == ["B"]
    assert any("work[0].position is missing; that entry is left out" in n for n in notes(report))
    assert conf_values(out)["folio_cv"] == "resume.json"


def test_cv_yml_impossible_date_reported_and_left_out(tmp_path):
    cv = (
        "- title: Experience\n  type: time_table\n  contents:\n"
        "    - title: Engineer\n      institution: X\n      year: 2025-17-01\n"
    )
    out, report = run(tmp_path, {"_config.yml": "first_name: Ada\n", "_data/cv.yml": cv})
    text = (out / "cv.yaml").read_text(encoding="utf-8")
    assert "2025-17-01" not in text and "Engineer" in text
    assert any(
        n.startswith("_data/cv.yml:6:") and "'2025-17-01' is not a date" in n for n in notes(report)
    )


# --- pages (point 6)

PAGES = {
    "_pages/teaching.md": "---\nlayout: page\ntitle: Teaching\npermalink: /teaching/\n---\nI teach *logic*.\n",
    "_pages/people.md": "---\nlayout: page\ntitle: People\npermalink: /people/\n---\n{% for p in site.data.people %}\n{{ p.name }}\n{% endfor %}\n",
    "_pages/profiles.md": "---\nlayout: profiles\ntitle: Profiles\nprofiles:\n  - align: right\n---\n",
    "_pages/dropdown.md": "---\ntitle: more\ndropdown: true\nchildren:\n  - title: Teaching\n    permalink: /teaching/\n---\n",
    "_pages/publications.md": "---\nlayout: page\npermalink: /publications/\n---\n{% bibliography %}\n",
    "_pages/keynotes.md": "---\nlayout: keynotes\ntitle: Keynotes\nkeynotes:\n  - title: Spies\n---\n",
    "_bibliography/papers.bib": "@article{a, title={T}, author={Byron, Ada}, year={2020}, journal={J}}\n",
}  # fmt: skip


def test_every_page_is_converted_or_reported(tmp_path):
    out, report = run(tmp_path, {"_config.yml": "first_name: Ada\nlast_name: Byron\n", **PAGES})
    assert "I teach *logic*." in (out / "teaching.md").read_text(encoding="utf-8")
    text = "\n".join(notes(report))
    assert "_pages/people.md:6: page built by Liquid loops over site.data.people" in text
    assert "write _data/people.yml as Markdown" in text
    assert "_pages/profiles.md:" in text and "profiles page" in text
    assert "_pages/dropdown.md:" in text and "dropdown menu" in text
    assert any(c.startswith("_pages/publications.md -> publications/index.md") for c in report.converted)  # fmt: skip
    assert "_pages/keynotes.md:4: page has no text of its own (layout 'keynotes'" in text
    assert not (out / "people.md").exists() and not (out / "keynotes.md").exists()


# A collection of the site's own (not one the importer maps, as _people is).
PEOPLE = {
    "_crew/ada.md": "---\nname: Ada Byron\nposition: PhD student\n---\nWorks on *engines*.\n",
    "_crew/bob.md": "---\nname: Bob\n---\n",
}


def test_collection_of_its_own_becomes_a_section_of_pages(tmp_path):
    out, report = run(tmp_path, {**PEOPLE, "_posts.bkp/old.md": "---\ntitle: Old\n---\n"})
    index = (out / "crew" / "index.md").read_text(encoding="utf-8")
    assert "- [Ada Byron](ada.md)" in index and "- [Bob](bob.md)" in index
    ada = (out / "crew" / "ada.md").read_text(encoding="utf-8")
    assert ada.startswith("# Ada Byron\n") and "PhD student" in ada and "*engines*" in ada
    assert "crew/index" in (out / "index.md").read_text(encoding="utf-8")
    assert "_crew/ada.md -> crew/ada.md" in report.converted
    assert any(n.startswith("_posts.bkp/: 1 files in a copy or backup") for n in notes(report))


def test_drafts_and_pages_outside_pages_are_reported(tmp_path):
    files = {
        "_drafts/idea.md": "---\ntitle: Idea\n---\n",
        "teaching.md": "---\nlayout: page\n---\nOld place.\n",
        "README.md": "# not a page\n",
    }
    _, report = run(tmp_path, files)
    text = "\n".join(notes(report))
    assert "_drafts/: 1 drafts not imported" in text
    assert "teaching.md:1: page outside _pages/ not converted" in text
    assert "README.md" not in text


# --- fences, footnotes, anchors (point 7)

FENCES = """Text.

```mermaid
graph TD; A-->B
```

```mermaid
graph TD; B-->C
```

```chartjs
{"type": "bar"}
```

{% highlight c++ %}
int main(int argc, char const \\*argv[]) { return 0; }
{% endhighlight %}

```python
print("fine")
```
"""


def test_js_drawn_fences_become_plain_code_reported_once_per_kind(tmp_path):
    out, report = run(tmp_path, {"_posts/2024-01-01-f.md": "---\ntitle: F\n---\n" + FENCES})
    text = (out / "posts" / "2024-01-01-f.md").read_text(encoding="utf-8")
    assert "```mermaid" not in text and "```chartjs" not in text
    assert text.count("```text") == 4  # two mermaid, one chartjs, the c++ that cannot be lexed
    assert "```python" in text
    mermaid = [n for n in notes(report) if "```mermaid" in n]
    assert len(mermaid) == 1 and mermaid[0].startswith("_posts/2024-01-01-f.md:6:")
    assert any("```chartjs" in n for n in notes(report))
    assert any("```c++ block cannot be highlighted" in n for n in notes(report))


TABS = """{% tabs log %}

{% tab log php %}

```php
var_dump('hello');
```

{% endtab %}

{% tab log diagram %}

```mermaid
graph TD; A-->B
```

{% endtab %}

{% endtabs %}
"""


def test_jekyll_tabs_become_a_tab_set(tmp_path):
    out, report = run(tmp_path, {"_posts/2024-01-01-t.md": "---\ntitle: T\n---\n" + TABS})
    text = (out / "posts" / "2024-01-01-t.md").read_text(encoding="utf-8")
    assert "````{tab-set}\n```{tab-item} php\n" not in text  # items need more ticks than code
    assert "`````{tab-set}\n````{tab-item} php\n```php\nvar_dump('hello');\n```\n````" in text
    assert "````{tab-item} diagram\n```text\ngraph TD" in text  # fences inside tabs too
    assert not any("tab" in n and "Liquid" in n for n in notes(report))


MEDIA = """{% include video.liquid path="assets/video/clip.mp4" class="img-fluid" controls=true %}
{% include video.liquid path="https://www.youtube.com/embed/abc" caption="A talk" %}
{% include audio.liquid path="assets/audio/missing.mp3" controls=true %}
{% twitter https://twitter.com/someone/status/1 %}
"""


def test_video_audio_and_tweets_become_links(tmp_path):
    files = {"_posts/2024-01-01-m.md": "---\ntitle: M\n---\n" + MEDIA, "assets/video/clip.mp4": "x"}
    out, report = run(tmp_path, files)
    text = (out / "posts" / "2024-01-01-m.md").read_text(encoding="utf-8")
    assert "[Video](../_static/video/clip.mp4)" in text
    assert "[A talk](https://www.youtube.com/embed/abc)" in text
    assert "[https://twitter.com/someone/status/1](https://twitter.com/someone/status/1)" in text
    assert "missing.mp3" not in text
    joined = "\n".join(notes(report))
    assert "_posts/2024-01-01-m.md:6: file 'assets/audio/missing.mp3' not found" in joined
    assert "Liquid tag" not in joined


FOOTNOTES = """Claim[^a] and another[^missing].

[^a]: Used.
[^unused]: Never referenced.
"""


def test_footnotes_jekyll_accepts(tmp_path):
    out, report = run(tmp_path, {"_posts/2024-01-01-n.md": "---\ntitle: N\n---\n" + FOOTNOTES})
    text = (out / "posts" / "2024-01-01-n.md").read_text(encoding="utf-8")
    assert "[^a]: Used." in text and "[^unused]" not in text
    assert "\\[^missing\\]" in text
    assert any("[^unused] is defined but never referenced" in n for n in notes(report))
    assert any("[^missing] has no definition" in n for n in notes(report))


CAROUSEL = """## Photos

<div id="carouselX" class="carousel slide">
<a class="carousel-control-prev" href="#carouselX" role="button">Previous</a>
</div>

[Back to photos](#photos)
"""


def test_carousel_controls_left_out_and_heading_anchor_kept(tmp_path):
    out, report = run(tmp_path, {"_posts/2024-01-01-c.md": "---\ntitle: C\n---\n" + CAROUSEL})
    text = (out / "posts" / "2024-01-01-c.md").read_text(encoding="utf-8")
    # issue 20: a carousel's controls are no leftover labels ("Previous Next")
    assert "(#carouselX)" not in text and "Previous" not in text
    assert "[Back to photos](#photos)" in text
    assert any("carousel" in n and "controls are left out" in n for n in notes(report))


# --- links and images (point 8)

LINKS = """[My CV]({{ site.baseurl }}{% link _pages/cv.md %}) and
[Old CV]({{ site.baseurl }}{% link misc/cv.md %}) and
[Teaching]({% link _pages/teaching.md %}) and [the post]({% post_url 2024-01-01-p %})
and [gone](/nowhere/) and [pdf](/assets/pdf/missing.pdf)
and [slides](/assets/pdf/talk(2024).pdf) and [week](/assets/pdf/Week 1 (draft).pdf).
"""


def test_links_resolve_or_become_text(tmp_path):
    files = {
        "_config.yml": "first_name: Ada\n",
        "_pages/cv.md": "---\nlayout: cv\npermalink: /cv/\n---\n",
        "misc/cv.md": "---\nlayout: page\n---\nAn old CV page outside _pages/.\n",
        "_pages/teaching.md": PAGES["_pages/teaching.md"],
        "_data/cv.yml": "- title: Education\n  type: time_table\n  contents:\n    - title: BSc\n      year: 2010\n",
        "_posts/2024-01-01-p.md": "---\ntitle: P\n---\nx\n",
        "_news/a.md": "---\ndate: 2024-01-02\ninline: true\n---\n" + LINKS,
    }
    files["assets/pdf/talk(2024).pdf"] = files["assets/pdf/Week 1 (draft).pdf"] = "%PDF"
    out, report = run(tmp_path, files)
    text = (out / "news" / "a.md").read_text(encoding="utf-8")
    assert "[slides](../_static/pdf/talk(2024).pdf)" in text
    # the copy's name is ASCII without spaces (docutils, MyST and the link checks drop,
    # encode or refuse them): its ASCII part and a short hash of the original
    assert re.search(r"\[week\]\(\.\./_static/pdf/Week-1-draft-[0-9a-f]{8}\.pdf\)", text)
    assert "[My CV](../cv.md)" in text
    assert "[Teaching](../teaching.md)" in text
    assert "[the post](../posts/2024-01-01-p.md)" in text
    assert "]()" not in text and "Old CV" in text and "[Old CV]" not in text
    assert "[gone]" not in text and "[pdf]" not in text
    joined = "\n".join(notes(report))
    assert "_news/a.md:6: {% link misc/cv.md %}: no such page" in joined
    assert "_pages/cv.md" not in joined and "_pages/teaching.md %}" not in joined
    assert "'/nowhere/' points at nothing" in joined
    assert not (out / "_static" / "misc").exists()  # a page is never copied as a file
    assert "misc/cv.md:1: page outside _pages/ not converted" in joined


def test_links_to_posts_projects_files_and_under_baseurl(tmp_path):
    about = ABOUT + (
        "[a post]({{ site.baseurl }}{% link _posts/2018-04-27-x.md %}),\n"
        "[a project](/projects/robot/), [teaching](/lab/teaching/),\n"
        "[slides]({% link /assets/pdfs/t.pdf %}).\n"
    )
    files = {
        "_config.yml": "first_name: Ada\nbaseurl: /lab\n",
        "_pages/about.md": about,
        "_pages/teaching.md": PAGES["_pages/teaching.md"],
        "_posts/2018-04-27-x.md": "---\ntitle: X\n---\nx\n",
        "_projects/robot.md": "---\ntitle: Robot\n---\nr\n",
        "assets/pdfs/t.pdf": "%PDF",
    }
    out, report = run(tmp_path, files)
    text = (out / "index.md").read_text(encoding="utf-8")
    assert "[a post](posts/2018-04-27-x.md)" in text
    assert "[a project](projects/robot.md)" in text and "[teaching](teaching.md)" in text
    assert "[slides](_static/pdfs/t.pdf)" in text
    assert not [n for n in notes(report) if "about.md:" in n and ("link" in n or "Liquid" in n)]


def test_pre_2020_images_folder(tmp_path):
    about = "---\nlayout: about\npermalink: /\nprofile:\n  image: me.jpg\n---\n![x](/assets/img/b.png)\n"  # fmt: skip
    source = make(tmp_path / "src", {"_config.yml": "name: Ada Byron\n", "_pages/about.md": about})
    (source / "assets" / "images").mkdir(parents=True)
    (source / "assets" / "images" / "me.jpg").write_bytes(b"\xff\xd8")
    (source / "assets" / "images" / "b.png").write_bytes(b"\x89PNG")
    report = import_alfolio(source, tmp_path / "out")
    assert conf_values(tmp_path / "out")["folio_photo"] == "_static/images/me.jpg"
    assert (tmp_path / "out" / "_static" / "images" / "b.png").is_file()
    assert not any("not found" in n for n in notes(report))


# --- report (point 10)


def test_report_file_summary_and_build_command(tmp_path, capsys):
    source = make(tmp_path / "src", {"_pages/about.md": ABOUT, "_config.yml": "first_name: A\n"})
    assert main(["import-alfolio", str(source), "--out", str(tmp_path / "o")]) == 0
    printed = capsys.readouterr().out
    written = (tmp_path / "o" / "IMPORT-REPORT.md").read_text(encoding="utf-8")
    assert written.strip() == printed.strip()
    assert "Summary:\n  converted:" in printed and "left out or to check:" in printed
    assert "sphinx-build -W -b html" in printed
    assert "IMPORT-REPORT.md" in conf_values(tmp_path / "o")["exclude_patterns"]


# --- everything above in one site, built with -W


@pytest.fixture(scope="module")
def combined(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("combined")
    files = {
        "_config.yml": "title: blank\nscholar:\n  last_name: [Byron]\n  first_name: [Ada]\n",
        **PAGES,
        "_posts/2024-01-01-f.md": "---\ntitle: F\n---\n" + FENCES,
        "_posts/2024-01-02-n.md": "---\ntitle: N\n---\n" + FOOTNOTES,
        "_posts/2024-01-04-t.md": "---\ntitle: T\n---\n" + TABS,
        "_posts/2024-01-05-m.md": "---\ntitle: M\n---\n" + MEDIA,
        "assets/video/clip.mp4": "x",
        "_posts/2024-01-03-c.md": "---\ntitle: C\n---\n" + CAROUSEL,
        "_posts/2024-01-01-p.md": "---\ntitle: P\n---\nx\n",
        "_news/a.md": "---\ndate: 2024-01-02\ninline: true\n---\n" + LINKS,
        "misc/cv.md": "---\nlayout: page\n---\nAn old CV page outside _pages/.\n",
        **PEOPLE,
        "_pages/about.md": ABOUT + "\n---\n\n---\n\nMore.\n",
        "assets/json/resume.json": json.dumps(
            {
                "basics": {"name": "Ada"},
                "work": [{"name": "X", "position": "P", "startDate": "2020", "endDate": "current"}],
            }
        ),
    }
    source = make(root / "src", files)
    out = root / "out"
    import_alfolio(source, out)
    log = build_imported(out)
    return out, log


def test_combined_site_builds_with_warnings_as_errors(combined):
    _out, log = combined
    assert log.returncode == 0, log.stderr


def test_combined_site_lists_the_owners_paper_and_pages(combined):
    out, _ = combined
    html = out / "_build" / "html"
    pubs = BeautifulSoup((html / "publications" / "index.html").read_text(encoding="utf-8"), "html.parser")  # fmt: skip
    assert len(pubs.select("li.folio-pub")) == 1  # scholar arrays name the owner
    teaching = BeautifulSoup((html / "teaching.html").read_text(encoding="utf-8"), "html.parser")
    assert "logic" in teaching.get_text()
    post = BeautifulSoup((html / "posts" / "2024-01-01-f.html").read_text(encoding="utf-8"), "html.parser")  # fmt: skip
    assert "graph TD; A-->B" in post.get_text()
    tabs = BeautifulSoup((html / "posts" / "2024-01-04-t.html").read_text(encoding="utf-8"), "html.parser")  # fmt: skip
    assert [label.get_text(strip=True) for label in tabs.select(".sd-tab-set label")] == ["php", "diagram"]  # fmt: skip
    assert not (html / "IMPORT-REPORT.html").exists()
    people = BeautifulSoup((html / "crew" / "index.html").read_text(encoding="utf-8"), "html.parser")  # fmt: skip
    assert [a["href"] for a in people.select("article a[href$='.html']")][:2] == ["ada.html", "bob.html"]  # fmt: skip


def test_lab_site_builds_and_lists_every_paper(tmp_path):
    files = {
        "_config.yml": "title: Robotics Lab\n",
        "_bibliography/papers.bib": LAB_BIB,
        "_pages/about.md": ABOUT,
    }
    source = make(tmp_path / "src", files)
    out = tmp_path / "out"
    import_alfolio(source, out)
    html = out / "_build" / "html"
    log = run_sphinx(["-b", "html", "-W", "-q", out, html])
    assert log.returncode == 0, log.stderr
    pubs = BeautifulSoup((html / "publications" / "index.html").read_text(encoding="utf-8"), "html.parser")  # fmt: skip
    # Every entry, as al-folio lists it: the one without a journal and the @conference too.
    entries = {li["id"]: li.get_text(" ", strip=True) for li in pubs.select("li.folio-pub")}
    assert sorted(entries) == ["pub-a", "pub-b", "pub-c"]
    assert "Marie Curie" in entries["pub-a"] and not pubs.select(".folio-owner")
    index = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.find("h1").get_text(strip=True).rstrip("#") == "Robotics Lab"


def test_images_on_other_hosts_become_links_so_no_page_fetches_from_them(tmp_path):
    """A visitor's browser fetches nothing from another host: an image there is linked (or,
    inside a link, its alt text stands), and the report says which."""
    post = (
        "---\nlayout: post\ntitle: Photos\n---\n"
        "A cat ![a cat](https://example.org/cat.png) and "
        '<img src="https://example.org/dog.png" alt="dog">.\n\n'
        "[![build badge](https://img.shields.io/b.svg)](https://github.com/x/y)\n"
    )
    out, report = run(
        tmp_path, {"_config.yml": "first_name: Ada\n", "_posts/2020-01-02-photos.md": post}
    )
    log = build_imported(out)
    assert log.returncode == 0, log.stderr
    html = BeautifulSoup(
        (out / "_build/html/posts/2020-01-02-photos.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert not html.select("img[src^='http'], img[src^='//']")
    links = {a.get_text(): a["href"] for a in html.select("article a.reference.external")}
    assert links["a cat"] == "https://example.org/cat.png"
    assert links["dog"] == "https://example.org/dog.png"
    assert links["build badge"] == "https://github.com/x/y"
    said = "\n".join(notes(report))
    assert "image 'https://example.org/cat.png' is on another host; linked" in said
    assert "image 'https://img.shields.io/b.svg' is on another host; its alt text" in said
