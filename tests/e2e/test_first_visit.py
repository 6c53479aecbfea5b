"""The first visit to a fresh server is a deep link: it must open that page, filtered.

Streamlit runs an app with a ``pages/`` folder the old way until some session
has called ``st.navigation``; this module's server is its own, so its first
request is the shared link.
"""

from __future__ import annotations

import yaml
from playwright.sync_api import Page, expect

from tests.conftest import SHIPPED_DATA
from tests.e2e.helpers import (
    SIDEBAR_NAV,
    current_page_title,
    goto,
    no_error_elements,
    wait_for_app,
)


def test_a_shared_timeline_link_opens_filtered_on_a_fresh_server(page: Page, app_url):
    goto(page, app_url, "timeline?kind=visit&person=Xi+Jinping")
    # The first run on a fresh server is Streamlit's pages-folder run, which sends the visit
    # through app.py again; the page is ready once the app's own navigation names it.
    current = page.locator(
        f"{SIDEBAR_NAV} a[aria-current='page'] [data-testid='stMarkdownContainer']"
    )
    expect(current).to_have_text("Timeline")
    wait_for_app(page)
    no_error_elements(page)
    assert current_page_title(page) == "Timeline"
    events = yaml.safe_load((SHIPPED_DATA / "russia-china" / "events.yaml").read_text("utf-8"))
    xi = [e for e in events if e["kind"] == "visit" and "Xi Jinping" in e.get("people", [])]
    expect(page.get_by_text(f"{len(xi)} of {len(events)} events")).to_be_visible()
    expect(page.locator(".st-key-chart-timeline text.gtitle")).to_contain_text(f"{len(xi)} visits")
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Overview")
