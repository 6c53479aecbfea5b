"""The check for anything gone wrong (an exception, an error or a warning) that every browser
test uses is not blind. (The home page itself: ``test_dashboard.py``.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import goto, no_error_elements


def test_a_page_without_a_pack_fails_the_check(page: Page, start_app, tmp_path_factory) -> None:
    """With no pack to show, the app warns; the check every browser test uses must see it."""
    empty = tmp_path_factory.mktemp("no-packs")
    goto(page, start_app(empty))
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("No valid pack")
    with pytest.raises(AssertionError, match="stAlertContentWarning"):
        no_error_elements(page)
