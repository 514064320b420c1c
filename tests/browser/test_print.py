"""Printing: no page of a site prints a form control, a button or a toggle.

Every built page of each site is loaded (after its scripts ran: the publication filter is
built by JavaScript) and seen through print media emulation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from browser.conftest import SITES, Visit

pytestmark = pytest.mark.browser

#: What can be used on a screen and means nothing on paper.
CONTROLS = (
    "input, select, textarea, button, summary, details, form, "
    "[role=button], [role=switch], [role=checkbox], [role=searchbox], [role=combobox]"
)

#: The controls that take up room on the printed page, described for the report.
PRINTED_JS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
  .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim() ?
      "." + el.className.trim().split(/\\s+/).join(".") : "") +
    ` "${el.textContent.trim().slice(0, 30)}"`)"""


@pytest.mark.parametrize("site", SITES, indirect=True)
def test_no_page_prints_a_control(
    site: Path, pages: list[str], base_url: str, visit: Callable[..., Visit]
) -> None:
    page = visit(viewport={"width": 1280, "height": 900}).page()
    page.emulate_media(media="print")
    printed = []
    for name in pages:
        page.goto(base_url + name, wait_until="load")
        printed += [f"{name}: {c}" for c in page.evaluate(PRINTED_JS, CONTROLS)]
    assert not printed, "printed controls:\n" + "\n".join(printed)
