"""Several packs in one data directory: a selector in the sidebar, kept in the URL; a broken
pack is listed with its problems while the others serve."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import FIXTURES, SHIPPED_DATA
from tests.e2e.helpers import expect_rerun, goto, no_error_elements, shared_tab


@pytest.fixture(scope="module")
def mixed_data(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(SHIPPED_DATA / "russia-china", data / "russia-china")
    shutil.copytree(FIXTURES / "packs" / "freedonia-sylvania", data / "freedonia-sylvania")
    shutil.copytree(
        FIXTURES / "broken" / "quote-not-found" / "freedonia-sylvania", data / "misquoted-pack"
    )
    return data


@pytest.fixture(scope="module")
def mixed_tab(browser, browser_context_args, start_app, mixed_data) -> Iterator[Page]:
    """One reader's tab on the app over the mixed data directory, opened once."""
    with shared_tab(browser, browser_context_args, start_app(mixed_data)) as page:
        yield page


def test_broken_pack_is_listed_with_file_line_and_field(mixed_tab: Page):
    sidebar = mixed_tab.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("Pack misquoted-pack was left out")
    expect(sidebar).to_contain_text(
        "misquoted-pack/statements.yaml:1: quote: not found in sources/gazette-2024-03-02.txt"
    )


def test_pack_selector_switches_the_app_and_a_shared_link_keeps_the_pack(
    mixed_tab: Page, start_app, mixed_data
):
    page = mixed_tab
    base = start_app(mixed_data)
    no_error_elements(page)
    # Packs are offered in folder order; the first is in view until another is chosen.
    expect(page.locator(".st-key-card-trade-2023-gazette")).to_contain_text("$12.5 bn")
    with expect_rerun(page):
        page.locator(".st-key-pack").get_by_role("combobox").click()
        page.get_by_role("option", name="Russia–China relations").click()
    expect(page.locator(".st-key-card-trade-2024-realist")).to_contain_text("$245 bn")
    expect(page.locator(".st-key-card-trade-2023-gazette")).to_have_count(0)
    assert "pack=russia-china" in page.url

    shared = page.url.removeprefix(base.rstrip("/") + "/")
    fresh = page.context.new_page()
    goto(fresh, base, shared)
    expect(fresh.locator(".st-key-card-trade-2024-realist")).to_contain_text("$245 bn")
