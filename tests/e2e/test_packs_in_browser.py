"""Several packs in one data directory: a selector in the sidebar, kept in the URL; a broken
pack is listed with its problems while the others serve.

This module's server is its own and its first request is a shared link: Streamlit runs an
app with a ``pages/`` folder the old way until some session has called ``st.navigation``,
so the first visit to a fresh server must still open the linked page, filtered.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from components.registry import PAGES
from tests.conftest import FIXTURES, SHIPPED_DATA
from tests.e2e.helpers import (
    SIDEBAR_NAV,
    current_page_title,
    expect_rerun,
    goto,
    headline_card,
    no_error_elements,
    nothing_cut,
    plotly_charts,
    shared_tab,
    wait_for_app,
)
from tests.packgen import scaled_pack, write_pack


@pytest.fixture(scope="module")
def mixed_data(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(SHIPPED_DATA / "russia-china", data / "russia-china")
    shutil.copytree(FIXTURES / "packs" / "freedonia-sylvania", data / "freedonia-sylvania")
    shutil.copytree(
        FIXTURES / "broken" / "quote-not-found" / "freedonia-sylvania", data / "misquoted-pack"
    )
    return data


def test_a_shared_timeline_link_opens_filtered_on_a_fresh_server(page: Page, start_app, mixed_data):
    # The module's first test: its visit is the server's first request.
    goto(page, start_app(mixed_data), "timeline?pack=russia-china&kind=visit&person=Xi+Jinping")
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
    expect(headline_card(page, "trade-2023-gazette")).to_contain_text("$12.5 bn")
    with expect_rerun(page):
        page.locator(".st-key-pack").get_by_role("combobox").click()
        page.get_by_role("option", name="Russia–China relations").click()
    expect(headline_card(page, "trade-2024-realist")).to_contain_text("$245 bn")
    expect(headline_card(page, "trade-2023-gazette")).to_have_count(0)
    assert "pack=russia-china" in page.url

    shared = page.url.removeprefix(base.rstrip("/") + "/")
    fresh = page.context.new_page()
    goto(fresh, base, shared)
    expect(headline_card(fresh, "trade-2024-realist")).to_contain_text("$245 bn")


@pytest.fixture(scope="module")
def larger_data(tmp_path_factory):
    """Generated packs ten and a hundred times the shipped one (``tests.packgen.scaled_pack``),
    by scale: a decade's dozen values of one measure, six and fourteen partners to compare,
    charts no hand-made pack has."""
    made = {}

    def data(scale: int):
        if scale not in made:
            made[scale] = tmp_path_factory.mktemp(f"x{scale}")
            write_pack(made[scale], scaled_pack(scale))
        return made[scale]

    return data


@pytest.mark.parametrize(("scale", "width"), [(10, 960), (10, 1280), (100, 1280)])
def test_a_larger_packs_charts_are_whole_and_their_labels_apart(
    page: Page, start_app, larger_data, scale, width
):
    """Every chart of every page, and under its More figures, of a generated pack ten or a
    hundred times the shipped one: titles, ticks, labels and source line inside the chart,
    none over another or the source line. Before, six partners' labels turned aslant ran
    over the source line, the values of a crowded decade were written over each other, a
    label under a low value ran into the years under the axis, and a planned volume's label
    was cut at the chart's edge."""
    base = start_app(larger_data(scale))
    page.set_viewport_size({"width": width, "height": 800})
    drawn = 0
    for spec in PAGES:
        goto(page, base, "" if spec is PAGES[0] else spec.url_path)
        no_error_elements(page)
        more = page.get_by_text("More figures:", exact=False)
        if more.count():
            with expect_rerun(page):
                more.first.click()
        for chart in plotly_charts(page).all():
            chart.scroll_into_view_if_needed()
            nothing_cut(chart, f"{spec.title} at {width} px")
            drawn += 1
    assert drawn, "no chart was drawn: nothing was looked at"
