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


def test_the_browser_opens_no_browser_ui_of_its_own(page: Page) -> None:
    """The address bar's popup WebUI is off (``UNSEEN_BROWSER_UI``): each would cost a renderer
    per browser context."""
    page.goto("data:text/html,<p>a page</p>")
    session = page.context.browser.new_browser_cdp_session()
    kinds = [target["type"] for target in session.send("Target.getTargets")["targetInfos"]]
    assert "page" in kinds and "browser_ui" not in kinds, kinds
