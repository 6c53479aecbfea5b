"""The check for anything gone wrong (an exception, an error or a warning) that every browser
test uses is not blind. (The home page itself: ``test_dashboard.py``.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import goto, no_error_elements


@pytest.mark.parametrize(
    ("folders", "alert", "text"),
    [
        # Nothing in the data directory: the app names it (an error).
        ((), "stAlertContentError", "holds no pack"),
        # A pack folder without its pack.yaml (it holds a sources.yaml): the page warns and
        # the sidebar lists its problems.
        (("half-a-pack",), "stAlertContentWarning", "No valid pack"),
    ],
    ids=["empty", "broken"],
)
def test_a_page_without_a_pack_fails_the_check(
    page: Page, start_app, tmp_path_factory, folders, alert, text
) -> None:
    """With no pack to show, the app says so; the check every browser test uses must see it."""
    data = tmp_path_factory.mktemp("no-packs")
    for folder in folders:
        (data / folder).mkdir()
        (data / folder / "sources.yaml").write_text("[]\n", encoding="utf-8")
    goto(page, start_app(data))
    expect(page.get_by_test_id(alert)).to_contain_text(text)
    with pytest.raises(AssertionError, match=alert):
        no_error_elements(page)


def test_the_browser_opens_no_browser_ui_of_its_own(page: Page) -> None:
    """The address bar's popup WebUI is off (``UNSEEN_BROWSER_UI``): each would cost a renderer
    per browser context."""
    page.goto("data:text/html,<p>a page</p>")
    session = page.context.browser.new_browser_cdp_session()
    kinds = [target["type"] for target in session.send("Target.getTargets")["targetInfos"]]
    assert "page" in kinds and "browser_ui" not in kinds, kinds
