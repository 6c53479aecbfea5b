"""The dashboard in a real Chromium: pages, charts, filters in the URL, downloads."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

from components.charts.trade import trade_by_year_chart
from components.exports import csv_bytes
from components.packs import load_packs
from components.registry import PAGES
from tests.conftest import SHIPPED_DATA
from tests.e2e.helpers import (
    current_page_title,
    download,
    element_code_prefetched,
    expect_rerun,
    goto,
    headline_card,
    no_error_elements,
    nothing_cut,
    on_page,
    open_chart_data,
    open_from_sidebar,
    plotly_charts,
    record_code_requests,
    shared_tab,
)

# Charts drawn on opening a page, and those under its "More figures" (drawn when opened).
CHARTS_PER_PAGE = {
    "Overview": (1, 0),  # the events strip
    # Trade by year, the settlement-share claims, partners compared; under "More figures"
    # China's trade with ASEAN (CNY trn, so in no USD chart).
    "Trade": (3, 1),
    "Energy": (2, 0),  # delivered with capacity; planned volumes
    "Agreements": (2, 0),
    # The timeline, who visited whom; under "More figures" Xi's visits counted.
    "Timeline": (2, 1),
    "Statements": (0, 0),
    "Claims": (6, 0),
    "Sources": (0, 0),
    "Briefing": (0, 0),
}

# Counts read from the pack file itself, not through the app's loader.
EVENTS = yaml.safe_load((SHIPPED_DATA / "russia-china" / "events.yaml").read_text("utf-8"))
VISITS = [event for event in EVENTS if event["kind"] == "visit"]
PUTIN_VISITS = [event for event in VISITS if "Vladimir Putin" in event.get("people", [])]


@pytest.fixture(scope="module")
def reader(browser, browser_context_args, app_url) -> Iterator[Page]:
    """One reader's tab, going from page to page through the sidebar as a reader does
    (a fresh tab per page would load the whole app each time), once the first page has
    fetched the code of every page's elements."""
    with shared_tab(browser, browser_context_args, app_url) as page:
        outcomes = element_code_prefetched(page)
        assert outcomes and all(o["status"] == "fulfilled" for o in outcomes), outcomes
        yield page


@pytest.fixture(scope="module")
def outside_requests(reader: Page, app_url: str) -> list[str]:
    """Every address outside the app that the reader's tab asks for from its first page on:
    a briefing room is often offline, and what a reader views is nobody else's business."""
    asked: list[str] = []
    reader.on(
        "request",
        lambda request: (
            None if request.url.startswith((app_url, "data:")) else asked.append(request.url)
        ),
    )
    return asked


@pytest.fixture(scope="module")
def scripts_requested(reader: Page) -> list[str]:
    """Every script, stylesheet and font the reader's tab requests after its first page and
    the prefetch."""
    return record_code_requests(reader)


def shipped_figure(figure_id: str) -> dict:
    figures = yaml.safe_load((SHIPPED_DATA / "russia-china" / "figures.yaml").read_text())
    return next(f for f in figures if f["id"] == figure_id)


def test_home_page_draws_the_pack_with_nothing_gone_wrong(reader: Page, app_url: str) -> None:
    page = reader  # opened at the app's address by the fixture
    if current_page_title(page) != PAGES[0].title:
        goto(page, app_url)
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    value = shipped_figure("trade-2024-realist")["value"]
    expect(headline_card(page, "trade-2024-realist")).to_contain_text(f"{value:g}")
    assert plotly_charts(page).count() >= 1
    no_error_elements(page)


@pytest.mark.parametrize("spec", PAGES, ids=[spec.title for spec in PAGES])
def test_page_opened_from_the_sidebar_draws_its_charts_with_sources(
    reader: Page, scripts_requested: list[str], outside_requests: list[str], spec
):
    scripts_requested.clear()
    page = on_page(reader, spec.title)
    # Its elements' code, styles and fonts were fetched while the first page was read: a first
    # visit waits for none (Agreements needed 46 modules, the table's stylesheet and a font).
    assert scripts_requested == [], f"{spec.title} fetched code: {scripts_requested}"
    assert outside_requests == [], f"{spec.title} asked outside the app: {outside_requests}"
    expect(page.get_by_role("heading", name=spec.title, level=1)).to_be_visible()
    no_error_elements(page)
    on_opening, under_more = CHARTS_PER_PAGE[spec.title]
    charts = plotly_charts(page)
    assert charts.count() == on_opening
    if under_more:
        with expect_rerun(page):
            page.get_by_text("More figures:", exact=False).click()
        assert charts.count() == on_opening + under_more
    for chart in charts.all():
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        # The source line is drawn inside every chart, as it is in every export.
        expect(chart.locator("text.annotation-text", has_text="Source")).to_have_count(1)
        nothing_cut(chart, spec.title)


@pytest.mark.parametrize("width", [960, 1024, 1280])
def test_every_source_line_fits_its_chart_in_a_smaller_window(page: Page, app_url, width):
    """A laptop's 1280 px window, a 1024 px one or half a 1920 px screen (960), the sidebar
    open, draws narrower charts than the tests' 1400: every chart's title, subtitle, labels and
    source line still end inside it, on every page (each chart the page draws on opening). At
    1024 px, before, most titles and source lines ran up to 270 px past a 500 px claim chart's
    right edge; at 960 px, with a 300 px sidebar, up to 64 px past a 548 px one."""
    page.set_viewport_size({"width": width, "height": 800})
    for spec in PAGES:
        if not CHARTS_PER_PAGE[spec.title][0]:
            continue
        # The first page is the app's address itself (Streamlit serves its default page there).
        goto(page, app_url, "" if spec is PAGES[0] else spec.url_path)
        charts = plotly_charts(page)
        expect(charts).to_have_count(CHARTS_PER_PAGE[spec.title][0])
        for chart in charts.all():
            chart.scroll_into_view_if_needed()
            expect(chart.locator("text.annotation-text", has_text="Source")).to_have_count(1)
            nothing_cut(chart, spec.title)


def test_every_choice_of_every_page_is_in_sight_in_a_1024_px_window(page: Page, app_url):
    """Each pill and segment of every page lies inside its own box, wrapped to another line
    where a row is too long: at 1024 px with the sidebar open the Timeline's "other" kind was
    scrolled out of sight beside "anniversary" (Streamlit scrolls a long row sideways, its
    scroll bar hidden)."""
    page.set_viewport_size({"width": 1024, "height": 800})
    seen = 0
    for spec in PAGES:
        goto(page, app_url, "" if spec is PAGES[0] else spec.url_path)
        out_of_sight = page.evaluate(
            """() => [...document.querySelectorAll("[data-testid='stButtonGroup']")].flatMap(
              (group) => {
                const box = group.getBoundingClientRect();
                return [...group.querySelectorAll("button")]
                  .filter((b) => b.textContent && b.getBoundingClientRect().right > box.right + 0.5)
                  .map((b) => b.textContent);
              })"""
        )
        assert out_of_sight == [], (spec.title, out_of_sight)
        seen += page.locator("[data-testid='stMain'] [data-testid='stButtonGroup']").count()
    assert seen, "no page drew a row of pills: nothing was looked at"


def test_a_deep_link_opens_its_page(page: Page, app_url):
    goto(page, app_url, "trade")
    expect(page.get_by_role("heading", name="Trade", level=1)).to_be_visible()
    no_error_elements(page)


def timeline_caption(page: Page):
    return page.get_by_text("events · the link in the address bar opens this view")


def press(page: Page, key: str, option: str) -> Locator:
    """Press the pill ``option`` of the pills with ``key``, wait for the rerun; the pill."""
    pill = page.locator(f".st-key-{key}").get_by_role("button", name=option, exact=True)
    with expect_rerun(page):
        pill.click()
    return pill


def test_timeline_filters_change_the_chart_and_survive_a_reload(reader: Page, app_url):
    page = on_page(reader, "Timeline")
    expect(timeline_caption(page)).to_have_text(
        f"{len(EVENTS)} of {len(EVENTS)} events · the link in the address bar opens this view"
    )
    expect(press(page, "timeline-kind", "visit")).to_have_attribute("aria-pressed", "true")
    chart = page.locator(".st-key-chart-timeline")
    expect(chart.locator("text.gtitle")).to_contain_text(f"{len(VISITS)} visits")
    expect(timeline_caption(page)).to_have_text(
        f"{len(VISITS)} of {len(EVENTS)} events · the link in the address bar opens this view"
    )
    expect(press(page, "timeline-person", "Vladimir Putin")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(timeline_caption(page)).to_contain_text(f"{len(PUTIN_VISITS)} of {len(EVENTS)} events")
    assert "kind=visit" in page.url and "person=Vladimir+Putin" in page.url

    shared = page.url.removeprefix(app_url.rstrip("/") + "/")
    fresh = page.context.new_page()
    goto(fresh, app_url, shared)
    expect(timeline_caption(fresh)).to_contain_text(f"{len(PUTIN_VISITS)} of {len(EVENTS)} events")
    expect(fresh.locator(".st-key-chart-timeline text.gtitle")).to_contain_text(
        f"{len(PUTIN_VISITS)} visits"
    )
    kinds = fresh.locator(".st-key-timeline-kind").get_by_role("button", pressed=True)
    expect(kinds).to_have_text(["visit"])
    people = fresh.locator(".st-key-timeline-person").get_by_role("button", pressed=True)
    expect(people).to_have_text(["Vladimir Putin"])
    fresh.close()


def test_each_timeline_filter_change_is_one_step_back_in_the_browser(reader: Page, app_url):
    """A filter change writes the view into the address once: Back goes to the view before,
    not to a half-written address (each write of the address is a history entry)."""
    statuses = sorted({event["status"] for event in EVENTS})
    assert len(statuses) > 1, "the shipped events have one status: test is void"
    tab = reader.context.new_page()
    try:
        goto(tab, app_url, "timeline?kind=visit")
        before = tab.evaluate("history.length")
        press(tab, "timeline-status", statuses[0])
        assert "kind=visit" in tab.url and f"status={statuses[0]}" in tab.url
        assert tab.evaluate("history.length") == before + 1
        press(tab, "timeline-kind", "visit")  # unpressed: every kind
        assert "kind=" not in tab.url and f"status={statuses[0]}" in tab.url
        assert tab.evaluate("history.length") == before + 2
        # Back: the view before, its filters and its events, not only its address.
        with expect_rerun(tab):
            tab.go_back()
        kinds = tab.locator(".st-key-timeline-kind").get_by_role("button", pressed=True)
        expect(kinds).to_have_text(["visit"])
        status = tab.locator(".st-key-timeline-status").get_by_role("button", pressed=True)
        expect(status).to_have_text([statuses[0]])
        assert "kind=visit" in tab.url and f"status={statuses[0]}" in tab.url
        # Another page and back through the sidebar: the filters chosen are still there.
        open_from_sidebar(tab, "Trade")
        open_from_sidebar(tab, "Timeline")
        expect(kinds).to_have_text(["visit"])
        expect(status).to_have_text([statuses[0]])
        assert "kind=visit" in tab.url and f"status={statuses[0]}" in tab.url
    finally:
        tab.close()


AGREEMENTS = yaml.safe_load((SHIPPED_DATA / "russia-china" / "agreements.yaml").read_text("utf-8"))


def test_an_agreements_filter_is_in_the_address_and_its_link_opens_the_same_rows(
    reader: Page, app_url
):
    """Copy link, and the address bar, give the filtered view: a colleague who opens it sees
    the same agreements (Streamlit keeps a bound widget and the address in step)."""
    kind = AGREEMENTS[0]["kind"]
    same_kind = sum(agreement["kind"] == kind for agreement in AGREEMENTS)
    assert same_kind < len(AGREEMENTS), "every agreement is of one kind: test is void"
    caption = f"{same_kind} of {len(AGREEMENTS)} agreements"
    tab = reader.context.new_page()
    try:
        goto(tab, app_url, "agreements")
        press(tab, "agreements-kind", kind)
        expect(tab.get_by_text(caption, exact=True)).to_be_visible()
        assert f"agreements-kind={kind}" in tab.url
        with expect_rerun(tab):
            tab.locator(".st-key-copy-link-sidebar").get_by_role("button").click()
        link = tab.get_by_test_id("stCode").inner_text().strip()
        assert link.startswith(app_url.rstrip("/") + "/agreements?")
        assert f"agreements-kind={kind}" in link
        colleague = reader.context.browser.new_context()
        try:
            other = colleague.new_page()
            goto(other, app_url, link.removeprefix(app_url.rstrip("/") + "/"))
            expect(other.get_by_text(caption, exact=True)).to_be_visible()
            pressed = other.locator(".st-key-agreements-kind").get_by_role("button", pressed=True)
            expect(pressed).to_have_text([kind])
        finally:
            colleague.close()
    finally:
        tab.close()


def test_csv_download_is_exactly_the_rows_behind_the_chart(reader: Page):
    page = on_page(reader, "Trade")
    data = open_chart_data(page, "trade-by-year")
    name, body = download(page, data.locator(".st-key-csv-trade-by-year").get_by_role("button"))
    assert name == "russia-china-trade-by-year.csv"
    expected = trade_by_year_chart(load_packs(SHIPPED_DATA).packs["russia-china"])
    assert body == csv_bytes(expected.rows)
    assert "In 2024, bilateral trade hit a record $245 billion." in body.decode("utf-8-sig")


def test_the_trade_charts_years_are_those_its_figures_cover(reader: Page):
    """A tick for each year from the pack's first annual trade figure to its last, and no
    other: the axis runs on past the last point (room for its label), where a tick named a
    year the pack has no figure for (2026, under a series that ends in 2025)."""
    pack = yaml.safe_load((SHIPPED_DATA / "russia-china" / "pack.yaml").read_text())
    figures = yaml.safe_load((SHIPPED_DATA / "russia-china" / "figures.yaml").read_text())
    years = [
        int(f["period"])
        for f in figures
        if f["metric"] == pack["headline_trade"] and re.fullmatch(r"\d{4}", str(f["period"]))
    ]
    page = on_page(reader, "Trade")
    chart = page.locator(".st-key-chart-trade-by-year .js-plotly-plot")
    expect(chart).to_be_visible()
    ticks = chart.locator(".xtick text").all_text_contents()
    assert ticks == [str(year) for year in range(min(years), max(years) + 1)]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_toolbar_saves_a_print_resolution_png_named_after_the_chart(reader: Page):
    page = on_page(reader, "Trade")
    chart = page.locator(".st-key-chart-trade-by-year .js-plotly-plot")
    chart.hover()
    name, body = download(page, chart.locator(".modebar-btn[data-title='Download plot as a PNG']"))
    assert name == "russia-china-trade-by-year.png"
    assert png_size(body) == (3200, 1800)


def test_a_card_leads_in_one_click_to_its_sentence_and_source(reader: Page):
    page = on_page(reader, "Overview")
    figure = shipped_figure("trade-2024-realist")
    card = headline_card(page, figure["id"])
    expect(card).to_contain_text("$245 bn")
    quote = card.get_by_text(figure["quote"])
    expect(quote).to_be_hidden()  # behind the card's Source until a reader opens it
    card.locator("summary", has_text="Source").click()
    expect(quote).to_be_visible()
    link = card.get_by_role("link", name="Putin and Xi joint press statement after Kremlin talks")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("target", "_blank")  # the reader's view stays open
    expect(card).to_contain_text("Realist English (May 2025)")
    no_error_elements(page)


def shipped_record(record_id: str) -> dict:
    for name in ("figures", "events", "agreements", "statements"):
        path = SHIPPED_DATA / "russia-china" / f"{name}.yaml"
        found = [r for r in yaml.safe_load(path.read_text()) if r["id"] == record_id]
        if found:
            return found[0]
    raise AssertionError(f"no record {record_id} in the shipped pack")


def test_a_claims_evidence_opens_in_place_with_each_records_quote(reader: Page):
    page = on_page(reader, "Claims")
    checks = yaml.safe_load((SHIPPED_DATA / "russia-china" / "checks.yaml").read_text())
    check = next(c for c in checks if len(c.get("evidence", [])) > 1)
    card = page.locator(f"[data-kind='claim'][data-record='{check['id']}']")
    expect(card).to_contain_text(check["claim"])
    quoted = [shipped_record(i) for i in check["evidence"] if shipped_record(i).get("quote")]
    assert quoted, "no quoted evidence: test is void"
    quotes = [card.get_by_text(" ".join(r["quote"].split())) for r in quoted]
    for quote in quotes:
        expect(quote).to_be_hidden()  # until a reader opens the evidence
    with_nothing_run = page.locator("[data-testid='stApp'][data-test-script-state='notRunning']")
    card.locator("summary", has_text="Evidence").click()
    for quote in quotes:
        expect(quote).to_be_visible()
    expect(with_nothing_run).to_have_count(1)  # opened in the browser, no run of the page
    no_error_elements(page)


def test_a_tables_toolbar_offers_no_csv_of_its_own_but_the_app_does(reader: Page):
    """A table's toolbar CSV writes formula cells as they are: it is turned off
    (``client.disableDataExport``), and the app's CSV, formula cells neutralised, is beside
    the table instead."""
    page = on_page(reader, "Agreements")
    # The page's one table drawn (its charts' tables are behind their closed Data views).
    table = page.get_by_test_id("stElementContainer").filter(has=page.get_by_test_id("stDataFrame"))
    expect(table).to_have_count(1)
    table.hover()
    search = table.get_by_role("button", name=re.compile("Search"))
    expect(search).to_be_visible()  # the toolbar is drawn: the test is not void
    expect(table.get_by_role("button", name=re.compile("Download as CSV"))).to_have_count(0)
    expect(page.locator(".st-key-csv-agreements-table").get_by_role("button")).to_be_visible()
