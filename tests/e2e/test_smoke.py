"""The app starts under ``streamlit run`` and its home page renders in Chromium."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import goto, no_error_elements


def test_home_page_loads_with_the_app_name_and_no_error(page: Page, app_url: str) -> None:
    goto(page, app_url)
    expect(page.get_by_test_id("stApp")).to_contain_text("Dyad")
    no_error_elements(page)
