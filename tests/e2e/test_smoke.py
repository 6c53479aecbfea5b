"""The app starts under ``streamlit run``; a reader sees its home page, and the check for
anything gone wrong (an exception, an error or a warning) is not blind."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.conftest import SHIPPED_DATA
from tests.e2e.helpers import goto, no_error_elements, plotly_charts


def shipped_figure(figure_id: str) -> dict:
    figures = yaml.safe_load((SHIPPED_DATA / "russia-china" / "figures.yaml").read_text())
    return next(f for f in figures if f["id"] == figure_id)


def test_home_page_draws_the_pack_with_nothing_gone_wrong(page: Page, app_url: str) -> None:
    goto(page, app_url)
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    value = shipped_figure("trade-2024-realist")["value"]
    expect(page.locator(".st-key-card-trade-2024-realist")).to_contain_text(f"{value:g}")
    assert plotly_charts(page).count() >= 1
    no_error_elements(page)


def test_a_page_without_a_pack_fails_the_check(page: Page, start_app, tmp_path_factory) -> None:
    """With no pack to show, the app warns; the check every browser test uses must see it."""
    empty = tmp_path_factory.mktemp("no-packs")
    goto(page, start_app(empty))
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("No valid pack")
    with pytest.raises(AssertionError, match="stAlertContentWarning"):
        no_error_elements(page)
