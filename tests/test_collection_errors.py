"""Bad front matter fails the build (-W) with a warning naming the file, line and key."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from conftest import ROOTS, page, warnings_of


def test_every_front_matter_error_names_the_file_and_the_key(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-collection-errors", src)
    app = make_app("html", srcdir=src)
    app.build()
    printed = re.sub(r"\x1b\[[0-9;]*m", "", warnings_of(app)).replace(str(src) + "/", "")
    assert sorted(printed.splitlines()) == sorted(
        [
            (
                "news/bad-date.md:3: WARNING: front matter key 'date' is not a real date: "
                "'2025-13' (there is no month 13) [folio.frontmatter]"
            ),
            (
                "news/news-key.md:3: WARNING: unknown front matter key 'status' in the news "
                "collection; known keys: date, image, links, pinned, summary, tags, title "
                "[folio.frontmatter]"
            ),
            (
                "news/bad-pinned.md:3: WARNING: front matter key 'pinned' must be true or false, "
                "got 'maybe' [folio.frontmatter]"
            ),
            (
                "posts/no-date.md:1: WARNING: front matter key 'date' is required in the posts "
                "collection [folio.frontmatter]"
            ),
            (
                "projects/no-title.md:1: WARNING: front matter key 'title' is required in the "
                "projects collection [folio.frontmatter]"
            ),
            (
                "research/bad-image.md:3: WARNING: front matter key 'image' names a file that "
                "does not exist: 'missing.png' [folio.image]"
            ),
            (
                "research/bad-values.md:3: WARNING: front matter key 'tags' must be a list of "
                "strings, e.g. [BEIR, Mamba], got 'Mamba' [folio.frontmatter]"
            ),
            (
                "research/bad-values.md:4: WARNING: front matter key 'links': 'Paper': "
                "'not-a-url' is not a link this site publishes (expected an http(s) URL); it is "
                "shown as text [folio.frontmatter]"
            ),
            (
                "research/bad-values.md:6: WARNING: front matter keys 'date' and 'start' exclude "
                "each other: give one date, or a start and an optional end [folio.frontmatter]"
            ),
            (
                "research/end-before-start.md:4: WARNING: front matter key 'end' (2024) is before "
                "'start' (2025-05) [folio.frontmatter]"
            ),
            (
                "research/end-before-start.md:5: WARNING: front matter key 'repository': "
                "'github.com/ada/x' is not a link this site publishes (expected an http(s) URL) "
                "[folio.frontmatter]"
            ),
            (
                "research/unknown-key.md:3: WARNING: unknown front matter key 'colour' in the "
                "research collection; known keys: date, end, image, links, repository, start, "
                "status, summary, tags, title [folio.frontmatter]"
            ),
        ]
    )
    # Without -W the build carries on and the page still gets the valid part of its header.
    header = page(app, "research/bad-values").select_one(".folio-item-header")
    assert header is not None and header.get_text(" ", strip=True) == "2024 Paper"
    # The refused link's label is text, not a link.
    assert header.select("a") == []
