"""Math pages as a phone shows them: a long formula scrolls inside its own box, which the
keyboard can reach; the page itself never scrolls sideways; only pages with math load the
math font, and it comes from the site."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from browser.conftest import Visit

pytestmark = pytest.mark.browser

BOXES_JS = """() => [...document.querySelectorAll('.folio-math')].map((box) => ({
  scrolls: box.scrollWidth > box.clientWidth + 1,
  focusable: box.tabIndex >= 0,
}))"""


@pytest.mark.parametrize("site", ["test-math"], indirect=True)
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_long_formula_scrolls_in_its_own_box_on_a_phone(
    site, mode: str, base_url: str, visit: Callable[..., Visit]
) -> None:
    opened = visit(viewport={"width": 390, "height": 800}, color_scheme=mode)
    page = opened.page()
    page.goto(base_url + "features.html")
    page.wait_for_load_state("networkidle")
    boxes = page.evaluate(BOXES_JS)
    assert any(box["scrolls"] for box in boxes), "no formula is wider than a phone"
    assert all(box["focusable"] for box in boxes if box["scrolls"])
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], "the page scrolls sideways"
    # The font is the site's, loaded because the page has math; nothing left 127.0.0.1.
    fonts = [url for url in opened.requested if url.endswith(".woff2")]
    assert any("NotoSansMath" in url for url in fonts), fonts
    assert opened.external == []
    plain = opened.page()
    opened.requested.clear()
    plain.goto(base_url + "plain.html")
    plain.wait_for_load_state("networkidle")
    assert not [url for url in opened.requested if "math" in url.lower()]
