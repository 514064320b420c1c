"""Collections as a visitor sees them: listings, item headers, home sections, tag pages, feeds.

Tests that change a knob or edit a file build their own copy of
``tests/roots/test-collection`` (so nothing leaks between tests); the others share one
build of it. Every build must print no warning.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from sphinx.testing.util import SphinxTestApp

from sphinx_folio.dates import DASH
from sphinx_folio.errors import InputError

from conftest import ROOTS, build_copy_of_root, page, warnings_of

ATOM = "{http://www.w3.org/2005/Atom}"
Build = Callable[..., SphinxTestApp]


@pytest.fixture
def site(tmp_path: Path, make_app: Callable[..., SphinxTestApp]) -> Build:
    """Build a fresh copy of the collection root, with conf.py overrides; no warnings."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-collection", src)

    def build(**overrides: Any) -> SphinxTestApp:
        app = make_app("html", srcdir=src, confoverrides=overrides)
        app.build()
        assert warnings_of(app) == "", warnings_of(app)
        return app

    return build


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The collection root as it is, built once for the tests that only read it."""
    for app in build_copy_of_root(tmp_path_factory, "collection"):
        assert warnings_of(app) == "", warnings_of(app)
        yield app


def text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def titles(container: Tag | None, selector: str = ".folio-row-title") -> list[str]:
    assert container is not None
    return [text(title) for title in container.select(selector)]


def section(app: SphinxTestApp, ident: str) -> Tag | None:
    return page(app, "index").find(id=ident)


# --- listings -----------------------------------------------------------------------------


def test_research_cards_newest_first_with_period_status_tags_and_image(
    built_site: SphinxTestApp,
) -> None:
    app = built_site
    cards = page(app, "research/index").select("ul.folio-cards > li.sd-card")
    assert [text(card.select_one(".sd-card-title")) for card in cards] == [
        "Beta Thread",
        "Alpha Thread",
    ]
    beta, alpha = cards
    assert text(beta.select_one(".folio-meta")) == f"Apr 2026 {DASH} present active"
    assert beta.select_one(".sd-card-title em").get_text() == "Thread"  # Markdown in the title
    assert text(alpha.select_one(".folio-meta")) == f"Mar 2024 {DASH} 2025 completed"
    assert [t["datetime"] for t in alpha.select("time")] == ["2024-03", "2025"]
    assert text(alpha.select_one(".sd-card-text")) == "What alpha asks."
    tags = alpha.select(".folio-tags a.folio-tag")
    assert [(text(a), a["href"]) for a in tags] == [
        ("Mamba", "../tags/mamba.html"),
        ("BEIR", "../tags/beir.html"),
    ]
    image = alpha.select_one("img.sd-card-img-top")
    assert image is not None and image["alt"] == "" and image["loading"] == "lazy"
    assert (Path(app.outdir) / "research" / image["src"]).resolve().is_file()
    assert beta.select_one("img") is None
    assert alpha.select_one(".sd-card-title a")["href"] == "alpha.html"


def test_listing_sort_limit_tags_and_status_options(built_site: SphinxTestApp) -> None:
    projects = page(built_site, "projects/index")
    by_title, tagged, completed, oldest = (
        projects.select_one("#projects > ul.folio-cards"),
        projects.select_one("#newest-tagged-mamba ul"),
        projects.select_one("#completed ul"),
        projects.select_one("#oldest-first ul"),
    )
    card = ".sd-card-title"
    assert titles(by_title, card) == ["Delta Study", "Epsilon Library", "Gamma Tool"]
    # Tagged Mamba across research and posts, newest first, limit 1: Beta (Apr 2026).
    assert titles(tagged) == ["Beta Thread"]
    assert "folio-rows" in tagged["class"]
    assert titles(completed, card) == ["Gamma Tool", "Delta Study"]  # dated, then undated
    # Oldest first; an undated item still comes last.
    assert titles(oldest, card) == ["Gamma Tool", "Epsilon Library", "Delta Study"]
    assert text(oldest.select_one(".folio-meta")) == "2023 completed"
    assert "3 May 2024" in text(oldest)


def test_news_archive_shows_each_item_with_its_date_and_text(built_site: SphinxTestApp) -> None:
    rows = page(built_site, "news/index").select("ul.folio-rows > li")

    def date(row: Tag) -> str | None:
        cell = row.select_one(".folio-row-date")
        return None if cell is None else text(cell)

    assert [(date(row), text(row.select_one(".folio-row-title"))) for row in rows] == [
        ("2026", "Paper at a 2026 workshop"),
        ("3 May 2025", "Talk given"),
        ("May 2025", "Degree completed"),
        (None, "An award"),  # undated items: after the dated ones, with no date cell at all
        (None, "New job"),
    ]  # fmt: skip
    assert [("folio-row--undated" in row["class"]) for row in rows] == [False] * 3 + [True] * 2
    body = rows[0].select_one(".folio-row-body")
    assert "A paper appears at a workshop , see the alpha thread ." in text(body)
    # A link in a news item, copied to the archive, still points at its target.
    assert body.find("a", string="a workshop")["href"] == "https://workshop.example.org/"
    assert body.find("a", string="alpha thread")["href"] == "../research/alpha.html"
    assert not rows[3].select("time")


def test_posts_archive_lists_a_post_published_elsewhere_like_the_others(
    built_site: SphinxTestApp,
) -> None:
    rows = page(built_site, "posts/index").select("ul.folio-rows > li")
    assert titles(rows[0].parent) == [
        "Published elsewhere",
        "A long read",
        "Second post",
        "First post",
    ]
    external = rows[0].select_one(".folio-row-title a")
    assert external["href"] == "https://ada.substack.com/p/elsewhere"
    assert "folio-external" in external["class"]
    assert text(rows[0].select_one(".folio-row-date")) == "Jan 2026"


def test_listing_adds_its_items_to_the_navigation(built_site: SphinxTestApp) -> None:
    app = built_site
    assert app.env.toctree_includes["news/index"] == [
        "news/award", "news/degree", "news/new-job", "news/paper-2026", "news/talk",
    ]  # fmt: skip
    crumbs = page(app, "news/talk").select(".bd-breadcrumbs li")
    assert [text(li) for li in crumbs][1:] == ["News", "Talk given"]


# --- item pages ---------------------------------------------------------------------------


def test_item_page_header_shows_period_status_tags_and_links(built_site: SphinxTestApp) -> None:
    app = built_site
    alpha = page(app, "research/alpha")
    header = alpha.select_one("h1 + .folio-item-header")
    assert header is not None
    assert text(header.select_one(".folio-meta")) == f"Mar 2024 {DASH} 2025 completed"
    assert [text(a) for a in header.select("a.folio-tag")] == ["Mamba", "BEIR"]
    assert [(text(a), a["href"]) for a in header.select("a.folio-link")] == [
        ("Repository", "https://github.com/ada/alpha"),
        ("Paper", "https://arxiv.org/abs/2401.00001"),
        ("Slides", "https://ada.example.org/slides.pdf"),
    ]
    elsewhere = page(app, "posts/elsewhere").select_one(".folio-item-header")
    assert text(elsewhere) == "Jan 2026 Read it on ada.substack.com"
    # A news item without a date: no date in its header, and nothing else to show.
    assert page(app, "news/award").select_one(".folio-item-header").get_text(strip=True) == ""


# --- tag pages ----------------------------------------------------------------------------


def test_tag_page_lists_everything_with_the_tag_across_collections(
    built_site: SphinxTestApp,
) -> None:
    app = built_site
    mamba = page(app, "tags/mamba")
    assert text(mamba.find("h1")) == "Tag: Mamba"
    cards = mamba.select("ul.folio-cards > li")
    assert [text(c.select_one(".sd-card-title")) for c in cards] == [
        "Beta Thread", "A long read", "Alpha Thread",
    ]  # fmt: skip
    assert [text(c.select_one(".folio-kind")) for c in cards] == ["Research", "Posts", "Research"]
    # On its own page the tag is not a link; the other tags are.
    assert not mamba.find_all("a", class_="folio-tag", string="Mamba")
    assert mamba.find("a", class_="folio-tag", string="BEIR")["href"] == "beir.html"
    index = page(app, "tags/index")
    assert [text(a) for a in index.select("a.folio-tag")] == [
        "BEIR (1)",
        "Mamba (3)",
        "Tooling (1)",
    ]


def test_a_tag_page_the_site_wrote_wins(site: Build, tmp_path: Path) -> None:
    tags = tmp_path / "src" / "tags"
    tags.mkdir()
    (tags / "beir.md").write_text(
        "---\norphan: true\n---\n# About BEIR\n\n```{listing}\n:tags: BEIR\n```\n"
    )
    beir = page(site(), "tags/beir")
    assert text(beir.find("h1")) == "About BEIR #"
    assert titles(beir, ".sd-card-title") == ["Alpha Thread"]


# --- home page knobs ----------------------------------------------------------------------


def test_home_sections_with_their_headings_scroll_box_and_archive_links(
    built_site: SphinxTestApp,
) -> None:
    app = built_site
    news = section(app, "news")
    assert text(news.find("h2")) == "News"
    box = news.select_one("div.folio-scroll")  # five items, scrollable: a scroll box
    assert box is not None
    assert (box["tabindex"], box["role"], box["aria-label"]) == ("0", "region", "News")
    assert titles(box) == [
        "Paper at a 2026 workshop", "Talk given", "Degree completed", "An award", "New job",
    ]  # fmt: skip
    assert text(box.select_one(".folio-row-body p:not(.folio-row-title)")).startswith(
        "A paper appears"
    )  # the news text, not only its title
    assert news.select_one(".folio-more a")["href"] == "news/index.html"

    posts = section(app, "latest-posts")
    assert text(posts.find("h2")) == "Latest posts"
    assert posts.select_one(".folio-scroll") is None  # scrollable: False
    assert titles(posts) == ["Published elsewhere", "A long read", "Second post"]  # limit: 3
    assert posts.select_one(".folio-row-body p:not(.folio-row-title)") is None


@pytest.mark.parametrize(
    ("home", "news", "posts"),
    [
        # enabled: false removes the whole section, heading included
        ({"announcements": {"enabled": False}}, None, (3, False)),
        ({"latest_posts": {"enabled": False}}, (5, True), None),
        # limit caps the items; three or fewer never scroll
        ({"announcements": {"limit": 3}}, (3, False), (3, False)),
        ({"announcements": {"limit": 4}}, (4, True), (3, False)),
        ({"announcements": {"scrollable": False}}, (5, False), (3, False)),
        ({"latest_posts": {"scrollable": True, "limit": 10}}, (5, True), (4, True)),
    ],
)
def test_home_knobs(
    site: Build,
    home: dict[str, Any],
    news: tuple[int, bool] | None,
    posts: tuple[int, bool] | None,
) -> None:
    app = site(folio_home=home)
    for ident, expected in (("news", news), ("latest-posts", posts)):
        found = section(app, ident)
        if expected is None:
            assert found is None
            continue
        assert found is not None
        count, scrolls = expected
        assert len(found.select(".folio-row")) == count
        assert (found.select_one(".folio-scroll") is not None) == scrolls


def test_an_empty_home_section_shows_nothing(site: Build, tmp_path: Path) -> None:
    # A site without posts yet: no "Latest posts" heading over "No posts yet.".
    for post in (tmp_path / "src" / "posts").glob("*.md"):
        if post.name != "index.md":
            post.unlink()
    home = page(site(), "index")
    assert home.find(id="latest-posts") is None
    assert "Latest posts" not in home.get_text() and "No posts" not in home.get_text()
    assert home.find(id="news").select(".folio-row")  # the other section stays


def test_home_sections_are_siblings_of_the_section_they_follow(site: Build, tmp_path: Path) -> None:
    index = tmp_path / "src" / "index.md"
    index.write_text(
        index.read_text()
        .replace("# Ada Example\n", "# Ada Example\n\n## Interests\n\nSome text.\n")
        .replace("{announcements}", "{announcements} Recent news")
        .replace("```{toctree}", "## Links\n\nSome links.\n\n```{toctree}")
    )
    article = page(site(), "index").find("article")
    assert [text(h) for h in article.find_all("h2")] == [
        "Interests #", "Recent news", "Latest posts", "Links #",
    ]  # fmt: skip
    assert article.find(id="recent-news").select(".folio-row")


# --- feeds --------------------------------------------------------------------------------


def _feed(app: SphinxTestApp, name: str) -> ET.Element:
    return ET.parse(Path(app.outdir) / name / "atom.xml").getroot()


def test_feeds_are_valid_atom_with_dated_items_newest_first(built_site: SphinxTestApp) -> None:
    app = built_site
    news = _feed(app, "news")
    assert news.tag == f"{ATOM}feed"
    assert news.findtext(f"{ATOM}id") == "https://ada.example.org/news/atom.xml"
    assert news.findtext(f"{ATOM}title") == "Ada Example: News"
    assert news.findtext(f"{ATOM}updated") == "2026-01-01T00:00:00+00:00"
    assert news.find(f"{ATOM}link[@rel='self']").get("href") == news.findtext(f"{ATOM}id")
    entries = news.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert entry.find(f"{ATOM}link").get("href").startswith("https://ada.example.org/")
    # Undated items are left out rather than given an invented date.
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Paper at a 2026 workshop", "Talk given", "Degree completed",
    ]  # fmt: skip
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == [
        "2026-01-01", "2025-05-03", "2025-05-01",
    ]  # fmt: skip
    assert entries[0].findtext(f"{ATOM}summary") == (
        "A paper appears at a workshop, see the alpha thread."
    )

    posts = _feed(app, "posts").findall(f"{ATOM}entry")
    assert posts[0].findtext(f"{ATOM}title") == "Published elsewhere"
    assert posts[0].find(f"{ATOM}link").get("href") == "https://ada.substack.com/p/elsewhere"
    assert posts[0].findtext(f"{ATOM}id") == "https://ada.example.org/posts/elsewhere.html"


@pytest.mark.parametrize("name", ["index", "research/alpha", "tags/mamba", "genindex"])
def test_every_page_links_the_feeds_in_its_head(built_site: SphinxTestApp, name: str) -> None:
    head = page(built_site, name).find("head")
    links = head.find_all("link", rel="alternate", type="application/atom+xml")
    depth = "../" * name.count("/")
    assert [(link["title"], link["href"]) for link in links] == [
        ("Ada Example: News", f"{depth}news/atom.xml"),
        ("Ada Example: Posts", f"{depth}posts/atom.xml"),
    ]


def test_without_a_base_url_there_are_no_feeds_and_no_warning(site: Build) -> None:
    app = site(html_baseurl="")
    assert not (Path(app.outdir) / "news" / "atom.xml").exists()
    assert not page(app, "index").find("link", type="application/atom+xml")


# --- builds -------------------------------------------------------------------------------


def test_parallel_read_gives_the_same_site(site: Build, make_app: Any, tmp_path: Path) -> None:
    first = site()
    serial = page(first, "index").find("article")
    first.cleanup()  # before a second app in the same test
    app = make_app("html", srcdir=tmp_path / "src", parallel=4, freshenv=True)
    app.build(force_all=True)
    assert warnings_of(app) == ""
    assert page(app, "index").find("article") == serial


def test_text_builder(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-collection", src)
    app = make_app("text", srcdir=src)
    app.build()
    assert warnings_of(app) == ""
    home = (Path(app.outdir) / "index.txt").read_text()
    assert "3 May 2025" in home and "Published elsewhere" in home


@pytest.mark.parametrize(
    ("collections", "message"),
    [
        ({"news": "/news"}, "folio_collections['news'] must be a folder such as 'news'"),
        ({"news": "x", "posts": "x"}, "folio_collections gives two collections the same folder"),
    ],
)
def test_bad_collections_option_names_the_option(
    make_app: Any, collections: dict[str, str], message: str
) -> None:
    with pytest.raises(InputError) as error:
        make_app(
            "html", srcdir=ROOTS / "test-basic", confoverrides={"folio_collections": collections}
        )
    assert message in str(error.value)


def test_listing_page_names_an_unknown_collection(
    site: Build, tmp_path: Path, make_app: Any
) -> None:
    index = tmp_path / "src" / "posts" / "index.md"
    index.write_text(index.read_text().replace("{listing} posts", "{listing} pots"))
    app = make_app("html", srcdir=tmp_path / "src")
    app.build()
    assert (
        "listing: unknown collection(s) pots; expected some of research, projects, news, posts"
        in (warnings_of(app))
    )
