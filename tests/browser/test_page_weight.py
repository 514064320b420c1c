"""The home page stays within its budget: bytes on the wire with gzip, and requests.

Bytes, not time: the same build served the same way always transfers the same bytes.
``benchmarks/page_weight.py`` prints the same measurement for every page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from browser.conftest import Visit
from browser.harness import BUDGET_BYTES, BUDGET_REQUESTS, measure

pytestmark = pytest.mark.browser


def test_home_page_is_within_budget(base_url: str, visit: Callable[..., Visit]) -> None:
    weight = measure(visit().page(), base_url, "index.html")
    listing = "\n".join(
        f"{size:>8} B  {url}"
        for url, size in sorted(weight.transfers.items(), key=lambda kv: -kv[1])
    )
    assert weight.transferred <= BUDGET_BYTES, (
        f"home page transfers {weight.transferred} B, budget {BUDGET_BYTES} B:\n{listing}"
    )
    assert weight.requests <= BUDGET_REQUESTS, (
        f"home page makes {weight.requests} requests, budget {BUDGET_REQUESTS}:\n{listing}"
    )
