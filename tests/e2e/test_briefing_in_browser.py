"""The Briefing in a real Chromium: every download clicked and opened, a presentation walked
by keys and buttons, and the offline report presenting with the network off.

Runs on the small fictional pack (its expected words come from its files), so
the few images drawn by kaleido stay quick.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pypdf
import pytest
import yaml
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from pptx import Presentation

from tests.conftest import FIXTURES, SHIPPED_DATA
from tests.e2e import helpers
from tests.e2e.helpers import (
    apart,
    current_page_title,
    expect_rerun,
    goto,
    no_error_elements,
    nothing_cut,
    on_page,
    open_chart_data,
    open_from_sidebar,
    plotly_charts,
    shared_tab,
)

PACK_DIR = FIXTURES / "packs" / "freedonia-sylvania"
PACK = yaml.safe_load((PACK_DIR / "pack.yaml").read_text())
SOURCES = yaml.safe_load((PACK_DIR / "sources.yaml").read_text())
AS_OF = "2 Mar 2024"  # pack.yaml: as_of: 2024-03-02
DECK = ["headlines", "trade-by-year", "claims"]
DOWNLOAD_MS = 90_000


@pytest.fixture(scope="module")
def fictional_url(start_app) -> str:
    return start_app(FIXTURES / "packs")


@pytest.fixture(scope="module")
def briefer(browser, browser_context_args, fictional_url) -> Iterator[Page]:
    """One briefer's tab, opened once on the Briefing page with the deck ``DECK`` chosen (by
    its link); the tests go on from where the one before left it, as a briefer would."""
    deck = f"briefing?charts={','.join(DECK)}"
    with shared_tab(browser, browser_context_args, fictional_url, deck) as page:
        yield page


def download(page: Page, button) -> tuple[str, bytes]:
    """Click a download button; the file's suggested name and its bytes (images and decks
    are drawn on the server when clicked: a slower ceiling than a page's run)."""
    return helpers.download(page, button, timeout=DOWNLOAD_MS)


def test_each_take_away_downloads_in_one_click_and_cites_its_sources(briefer: Page):
    page = briefer
    no_error_elements(page)
    takeaways = page.locator(".st-key-takeaways")
    files = {}
    for label in ("Deck (PPTX)", "Deck (PDF)", "Offline report (HTML)", "All data (ZIP)"):
        name, body = download(page, takeaways.get_by_role("button", name=label))
        files[name] = body
    stem = f"{PACK['id']}-briefing"
    assert set(files) == {f"{stem}.pptx", f"{stem}.pdf", f"{stem}.html", f"{PACK['id']}-data.zip"}

    deck = Presentation(io.BytesIO(files[f"{stem}.pptx"]))
    assert len(deck.slides) == 1 + len(DECK) + 1
    pdf = pypdf.PdfReader(io.BytesIO(files[f"{stem}.pdf"]))
    assert len(pdf.pages) == 1 + len(DECK) + 1
    report = files[f"{stem}.html"].decode()
    assert all(f'data-slide="{slide}"' in report for slide in DECK)
    with zipfile.ZipFile(io.BytesIO(files[f"{PACK['id']}-data.zip"])) as archive:
        readme = archive.read(f"{PACK['id']}/README.md").decode()
    closing = "\n".join(s.text_frame.text for s in list(deck.slides)[-1].shapes if s.has_text_frame)
    for source in SOURCES:
        assert source["title"] in closing and source["title"] in report
        assert source["title"] in readme and source["publisher"] in pdf.pages[-1].extract_text()


def slide_number(page: Page) -> str:
    return page.url.split("slide=")[1].split("&")[0] if "slide=" in page.url else ""


def test_a_presentation_walks_by_buttons_and_arrow_keys_and_reopens_from_its_link(
    briefer: Page, fictional_url
):
    page = briefer
    if current_page_title(page) != "Briefing":
        goto(page, fictional_url, f"briefing?charts={','.join(DECK)}")
    with expect_rerun(page):
        page.locator(".st-key-present").get_by_role("button").click()
    assert slide_number(page) == "1"
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_text(f"1 / {len(DECK)}")).to_be_visible()
    expect(page.locator(".st-key-slide")).to_contain_text("Source")

    with expect_rerun(page):
        page.keyboard.press("ArrowRight")
    assert slide_number(page) == "2"
    expect(plotly_charts(page)).to_have_count(1)
    drawn = page.locator(".st-key-slide text.annotation-text")
    expect(drawn.filter(has_text=re.compile(r"^Sources?: "))).to_have_count(1)
    expect(drawn.filter(has_text=f"sources to {AS_OF}")).to_have_count(1)

    with expect_rerun(page):
        page.locator(".st-key-slide-next").get_by_role("button").click()
    assert slide_number(page) == "3"
    expect(page.locator(".st-key-slide")).to_contain_text("Claims and their verdicts")
    expect(page.locator(".st-key-slide-next").get_by_role("button")).to_be_disabled()

    with expect_rerun(page):
        page.keyboard.press("ArrowLeft")
    assert slide_number(page) == "2"
    # A presentation clicker's two keys step the same way; the buttons behind them are unseen.
    with expect_rerun(page):
        page.keyboard.press("PageUp")
    assert slide_number(page) == "1"
    with expect_rerun(page):
        page.keyboard.press("PageDown")
    assert slide_number(page) == "2"
    expect(page.locator(".st-key-slide-clicker")).to_be_hidden()
    shared = page.url.removeprefix(fictional_url.rstrip("/") + "/")

    with expect_rerun(page):
        page.locator(".st-key-slide-exit").get_by_role("button").click()
    assert slide_number(page) == ""
    expect(page.get_by_role("heading", name="Briefing", level=1)).to_be_visible()

    fresh = page.context.new_page()
    goto(fresh, fictional_url, shared)
    expect(fresh.get_by_text(f"2 / {len(DECK)}")).to_be_visible()
    expect(plotly_charts(fresh)).to_have_count(1)
    fresh.close()


# A projector's screen, as a presenter's laptop sends it.
PROJECTOR = {"width": 1280, "height": 720}


@pytest.mark.parametrize("width", [1024, 1400])
def test_every_slide_of_the_deck_is_in_sight_in_its_chooser(
    browser: Browser, browser_context_args, app_url, width
):
    """The shipped pack's default deck, its slides named by their long titles: each chip lies
    inside the chooser's box (Streamlit's box stopped at 155 px and scrolled, so the sixth
    slide was cut off at its bottom edge, at 1400 px too)."""
    on_screen = {**browser_context_args, "viewport": {"width": width, "height": 900}}
    with shared_tab(browser, on_screen, app_url, "briefing") as page:
        no_error_elements(page)
        expect(page).to_have_url(re.compile(r"[?&]charts="))  # the deck, written by the page
        deck = parse_qs(urlparse(page.url).query)["charts"][0].split(",")
        tags = "[data-testid='stMultiSelectTagsContainer']"
        box = page.locator(f".st-key-briefing-slides div:has(> {tags})").bounding_box()
        chips = page.locator(f".st-key-briefing-slides {tags} > [role='group'] > span")
        expect(chips).to_have_count(len(deck))
        assert len(deck) >= 6, deck  # enough to fill the box it had
        for chip in chips.all():
            inside = chip.bounding_box()
            assert (
                box["y"] <= inside["y"]
                and inside["y"] + inside["height"] <= box["y"] + box["height"]
            ), (chip.inner_text(), inside, box)


def test_the_headline_slide_shows_every_label_whole_and_its_number_large(
    browser: Browser, browser_context_args, app_url
):
    """On the shipped pack, whose labels are long: no label is cut off (st.metric cut them to
    "Russian gas supplied to China, as s..."), and each number is set larger than its label."""
    metrics = yaml.safe_load((SHIPPED_DATA / "russia-china" / "pack.yaml").read_text("utf-8"))[
        "metrics"
    ]
    on_projector = {**browser_context_args, "viewport": PROJECTOR}
    with shared_tab(browser, on_projector, app_url, "briefing?charts=headlines&slide=1") as page:
        no_error_elements(page)
        numbers = page.locator(".st-key-slide .dyad-slide-number")
        expect(numbers.first).to_be_visible()
        shown = numbers.evaluate_all(
            """(cells) => cells.map((cell) => {
              const label = cell.querySelector(".dyad-slide-number-label");
              const value = cell.querySelector(".dyad-slide-number-value");
              const size = (element) => parseFloat(getComputedStyle(element).fontSize);
              return {
                label: label.innerText,
                whole: label.scrollWidth <= label.clientWidth
                  && label.scrollHeight <= label.clientHeight,
                larger: size(value) >= 1.5 * size(label),
                value: value.innerText,
              };
            })"""
        )
        assert len(shown) >= 2, shown
        for number in shown:
            assert any(number["label"].startswith(m["label"]) for m in metrics.values()), number
            assert number["whole"] and number["larger"] and number["value"], number


@pytest.mark.parametrize("slide", ["trade-by-year", "agreements-by-kind"])
@pytest.mark.parametrize(
    "screen", [PROJECTOR, {"width": 1920, "height": 1080}, {"width": 1024, "height": 768}]
)
def test_a_chart_slide_fills_the_screen_with_its_source_line_and_buttons_on_it(
    browser: Browser, browser_context_args, app_url, screen, slide
):
    """A chart slide takes the screen's height, whatever the screen: at 1280 x 720 a chart
    700 px high pushed its source line and the buttons off the bottom; at 1920 x 1080 it
    left a third of the screen empty. Its source line is inside the chart, once, clear of the
    "sources to" note beside it (on a 1024 px screen the agreements' one line of sources, wrapped
    for the slide's width, ran under it)."""
    on_screen = {**browser_context_args, "viewport": screen}
    with shared_tab(browser, on_screen, app_url, f"briefing?charts={slide}&slide=1") as page:
        no_error_elements(page)
        chart = page.locator(".st-key-slide .js-plotly-plot")
        source_line = chart.locator(".annotation-text", has_text=re.compile(r"^Sources?: "))
        expect(source_line).to_have_count(1)
        as_of = chart.locator(".annotation-text", has_text=re.compile(r"^Dyad · sources to "))
        expect(as_of).to_have_count(1)
        assert apart(source_line.bounding_box(), as_of.bounding_box()), slide
        exit_button = page.locator(".st-key-slide-exit").get_by_role("button")
        for shown in (chart, source_line, exit_button):
            box = shown.bounding_box()
            assert box is not None and box["y"] + box["height"] <= screen["height"], box
        assert chart.bounding_box()["height"] >= 0.75 * screen["height"]
        expect(page.locator(".st-key-slide [data-testid='stCaptionContainer']")).to_have_count(0)
        nothing_cut(chart, f"slide at {screen}")


def test_the_claims_slide_fits_a_projectors_screen_with_its_source_line(
    browser: Browser, browser_context_args, app_url
):
    """The shipped pack's dozen claims, its source line and the buttons on one 1280 x 720
    screen: one paragraph a claim ran past the bottom of it."""
    checks = yaml.safe_load((SHIPPED_DATA / "russia-china" / "checks.yaml").read_text("utf-8"))
    on_projector = {**browser_context_args, "viewport": PROJECTOR}
    with shared_tab(browser, on_projector, app_url, "briefing?charts=claims&slide=1") as page:
        no_error_elements(page)
        slide = page.locator(".st-key-slide")
        for check in checks:
            expect(slide).to_contain_text(check["claim"])
        for shown in (
            slide.locator("li").last,
            slide.get_by_text(re.compile(r"^Sources?: ")),
            page.locator(".st-key-slide-exit").get_by_role("button"),
        ):
            box = shown.bounding_box()
            assert box is not None and box["y"] + box["height"] <= PROJECTOR["height"], box


def test_what_was_said_fits_a_projectors_screen_with_its_source_line(
    browser: Browser, browser_context_args, app_url
):
    """The shipped pack's documents' statements, each after who said it, the line counting
    the rest, its source line and the buttons, on one 1280 x 720 screen."""
    folder = SHIPPED_DATA / "russia-china"
    checks = yaml.safe_load((folder / "checks.yaml").read_text("utf-8"))
    statements = yaml.safe_load((folder / "statements.yaml").read_text("utf-8"))
    documents = {check["source"] for check in checks}
    on_projector = {**browser_context_args, "viewport": PROJECTOR}
    with shared_tab(browser, on_projector, app_url, "briefing?charts=statements&slide=1") as page:
        no_error_elements(page)
        slide = page.locator(".st-key-slide")
        for statement in statements:
            if statement["source"] in documents:
                expect(slide).to_contain_text(statement["said"].strip())
        for shown in (
            slide.get_by_text(re.compile("more statements? on Dyad's Statements page")),
            slide.get_by_text(re.compile(r"^Sources?: ")),
            page.locator(".st-key-slide-exit").get_by_role("button"),
        ):
            box = shown.bounding_box()
            assert box is not None and box["y"] + box["height"] <= PROJECTOR["height"], box


def test_the_deck_chosen_is_still_there_after_a_visit_to_another_page(briefer: Page, fictional_url):
    """A briefer checks a chart on another page and comes back to the deck they chose, in
    their order: a page link opens a page without the address's query, so the deck can
    only come back from what the session kept."""
    deck = ["claims", "headlines"]  # not the default deck, which opens on the headlines
    tab = briefer.context.new_page()
    try:
        goto(tab, fictional_url, f"briefing?charts={','.join(deck)}")
        order = "Change the order of the 2 slides"
        expect(tab.get_by_text(order)).to_be_visible()
        open_from_sidebar(tab, "Trade")
        assert "charts=" not in tab.url, "the page link kept the query: test is void"
        open_from_sidebar(tab, "Briefing")
        expect(tab.get_by_text(order)).to_be_visible()
        assert parse_qs(urlparse(tab.url).query)["charts"] == [",".join(deck)]
    finally:
        tab.close()


def test_a_chart_cards_data_view_downloads_png_png4x_svg_and_pdf(briefer: Page):
    page = on_page(briefer, "Trade")
    menu = open_chart_data(page, "trade-by-year")
    stem = f"{PACK['id']}-trade-by-year"
    expected = {
        "PNG": (f"{stem}.png", (3200, 1800)),
        "PNG 4×": (f"{stem}-4x.png", (6400, 3600)),
    }
    for label, (file_name, size) in expected.items():
        name, body = download(page, menu.get_by_role("button", name=label, exact=True))
        assert name == file_name
        assert Image.open(io.BytesIO(body)).size == size
    name, body = download(page, menu.get_by_role("button", name="SVG", exact=True))
    assert name == f"{stem}.svg" and body.lstrip().startswith(b"<svg")
    assert PACK["metrics"]["bilateral-trade"]["label"].encode() in body
    name, body = download(page, menu.get_by_role("button", name="PDF", exact=True))
    assert name == f"{stem}.pdf" and body.startswith(b"%PDF")


def test_the_reports_text_slides_presented_fit_a_projectors_screen(
    browser: Browser, tmp_path: Path
):
    """The shipped pack's report, presented on a 1280 x 720 screen: the chosen slides of what
    was said and of the claims show every line and their source line (in one column, what was
    said ran past the screen's bottom)."""
    from components.catalogue import build_catalogue
    from components.packs import load_pack
    from components.report import offline_report

    tables, _ = load_pack(SHIPPED_DATA / "russia-china")
    report = tmp_path / "report.html"
    chosen = ["statements", "claims"]
    report.write_text(
        offline_report(build_catalogue(tables, tables.pack.as_of.start), chosen), "utf-8"
    )
    context = browser.new_context(viewport=PROJECTOR)
    try:
        page = context.new_page()
        page.goto(report.as_uri())
        page.keyboard.press("p")
        for slide_id in chosen:
            page.keyboard.press("ArrowRight")
            current = page.locator(".slide.current")
            expect(current).to_have_attribute("data-slide", slide_id)
            for shown in (current.locator("li").last, current.locator(".source-line")):
                box = shown.bounding_box()
                assert box is not None and box["y"] + box["height"] <= PROJECTOR["height"], (
                    slide_id,
                    box,
                )
    finally:
        context.close()


@pytest.mark.parametrize(
    "pack_dir", [PACK_DIR, SHIPPED_DATA / "russia-china"], ids=lambda p: p.name
)
def test_the_offline_report_opens_and_presents_with_the_network_off(
    browser: Browser, tmp_path: Path, pack_dir: Path
):
    from components.catalogue import build_catalogue
    from components.packs import load_pack
    from components.report import offline_report

    tables, _ = load_pack(pack_dir)
    catalogue = build_catalogue(tables, tables.pack.as_of.start)
    report = tmp_path / "report.html"
    report.write_text(offline_report(catalogue, ["trade-by-year", "claims"]), encoding="utf-8")

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_offline(True)
    asked_for = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("file:")
            else (asked_for.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri())
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    # trade-by-year and the timeline (added when not chosen) are drawn.
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    # Each chart whole, its plot not squeezed by its text: wrapped for a card's 606 px, the
    # shipped pack's timeline had 17 lines of sources and a plot a third of its height.
    for chart in page.locator(".js-plotly-plot").all():
        nothing_cut(chart, "the offline report")
        plot = chart.locator(".nsewdrag").first.bounding_box()
        assert plot["height"] >= 0.4 * chart.bounding_box()["height"], plot

    page.get_by_role("button", name="Present").click()
    current = page.locator(".slide.current")
    expect(current).to_have_attribute("id", "opening")
    page.keyboard.press("ArrowRight")
    expect(current).to_have_attribute("data-slide", "trade-by-year")
    expect(current.locator(".main-svg").first).to_be_visible()
    expect(page.locator(".slide:visible")).to_have_count(1)
    page.get_by_role("button", name="Next →").click()
    expect(current).to_have_attribute("data-slide", "claims")
    page.keyboard.press("ArrowLeft")
    expect(current).to_have_attribute("data-slide", "trade-by-year")
    assert page.url.endswith("#slide-2")
    page.keyboard.press("Escape")
    expect(page.locator(".slide:visible").first).to_be_visible()
    assert asked_for == [] and errors == []
    context.close()
