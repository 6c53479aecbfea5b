"""Every chart card on every page, as a reader uses it: the Data view, the CSV, the source
links, the hover and the pack's colours.

The pack is ``tests/fixtures/packs-reader/ruritania-graustark``. Expected rows, addresses and
colours are literal values read off its YAML files, never built with the app's own code.
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.app.reader import (
    READER_DATA,
    _downloads_kept,  # noqa: F401 - autouse fixture
    charts,
    container,
    csv_rows,
    download_bytes,
    download_keys,
    open_all,
    open_page,
    page_table,
    plain_text,
)
from tests.conftest import SHIPPED_DATA

PACK_DIR = READER_DATA / "ruritania-graustark"
FIRST_COLOUR, SECOND_COLOUR = "#b15928", "#1b9e77"  # pack.yaml's countries, in order

# page -> chart key -> the ids of the rows behind it (the Data view and the CSV hold these).
CHART_ROWS = {
    "Overview": {
        "events-strip": [
            "talks-2021",
            "summit-2023",
            "michael-visit-2024",
            "pact-signing-2024",
            "summit-2025-planned",
            "flavia-visit-2026-planned",
        ],
    },
    "Trade": {
        "trade-by-year": [
            *(f"trade-{year}-customs" for year in range(2019, 2025)),
            "trade-2024-chronicle",
        ],
        "currency-share-over-time": ["currency-2023-ministry", "currency-2024-ministry"],
        "trade-partners": ["trade-2024-customs", "elbonia-trade-2024-customs"],
    },
    "Energy": {
        "gas-delivered": [
            *(f"gas-{year}-customs" for year in range(2021, 2025)),
            "capacity-2022-ministry",
        ],
        "planned-volumes": ["northern-route-2030-chronicle", "capacity-2022-ministry"],
    },
    "Agreements": {
        "agreements-by-kind": [
            "trade-pact-2024",
            "energy-memorandum-2024",
            "friendship-declaration-2019",
            "research-programme-2024",
            "port-portfolio",
        ],
        # One row per sector an agreement names.
        "agreement-sectors": [
            "trade-pact-2024",
            "trade-pact-2024",
            "energy-memorandum-2024",
            "friendship-declaration-2019",
            "research-programme-2024",
            "research-programme-2024",
            "port-portfolio",
        ],
    },
    "Timeline": {
        "timeline": [
            "rudolf-visit-2019",
            "talks-2021",
            "summit-2023",
            "michael-visit-2024",
            "pact-signing-2024",
            "summit-2025-planned",
            "flavia-visit-2026-planned",
        ],
    },
    "Claims": {
        "check-record-trade-2024": [
            "trade-2024-chronicle",
            "trade-2024-customs",
            "trade-2023-customs",
        ],
        "check-largest-partner": [
            "trade-2024-chronicle",
            "trade-2024-customs",
            "elbonia-trade-2024-customs",
        ],
        "check-almost-all-in-national-currencies": ["currency-2024-ministry"],
    },
    "Sources": {},
}
# Charts drawn in the first country's colour, and where in the figure that colour must be.
PAIR_COLOURED = {
    "trade-by-year": "line",
    "currency-share-over-time": "marker",
    "trade-partners": "marker",
    "gas-delivered": "marker",
}


def yaml_records(name: str, pack_dir=PACK_DIR) -> dict[str, dict]:
    """A record file read with PyYAML alone, by id."""
    return {r["id"]: r for r in yaml.safe_load((pack_dir / f"{name}.yaml").read_text()) or []}


SOURCES = yaml_records("sources")
RECORDS = {
    record_id: record
    for name in ("figures", "events", "agreements", "statements", "checks")
    for record_id, record in yaml_records(name).items()
}


@pytest.fixture(scope="module")
def pages():
    """Every page of the reader pack, run once for this module (and on it while tests rerun)."""
    mp = pytest.MonkeyPatch()
    try:
        # Every Data view opened, as a reader's click would (a closed one holds no table).
        yield {
            title: open_all(open_page(title, monkeypatch=mp), "data-")
            if CHART_ROWS[title]
            else open_page(title, monkeypatch=mp)
            for title in CHART_ROWS
        }
    finally:
        mp.undo()


def card_of(app, key: str):
    return container(app, f"chart-{key}")


@pytest.mark.parametrize("title", CHART_ROWS)
def test_every_chart_on_the_page_is_expected(pages, title):
    assert sorted(charts(pages[title])) == sorted(CHART_ROWS[title])


CARDS = [(title, key) for title, keys in CHART_ROWS.items() for key in keys]


@pytest.mark.parametrize(("title", "key"), CARDS, ids=[key for _, key in CARDS])
def test_data_view_shows_every_row_and_the_csv_holds_the_same_rows(pages, title, key):
    card = card_of(pages[title], key)
    [expander] = [e for e in card.get("expander") if e.label.startswith("Data")]
    [frame] = [d.value for d in expander.get("dataframe")]
    expected = CHART_ROWS[title][key]
    assert sorted(frame["id"]) == sorted(expected)
    noun = "row" if len(expected) == 1 else "rows"
    assert expander.label == (
        f"Data, CSV and images: {len(expected)} {noun}, with sources and quotes"
    )
    # The downloads sit in the opened expander, beside the rows they hold.
    assert {b.label for b in expander.get("download_button")} == {
        "CSV",
        "PNG",
        "PNG 4×",
        "SVG",
        "PDF",
    }
    rows = csv_rows(download_bytes(pages[title], f"csv-{key}"))
    assert [row["id"] for row in rows] == list(frame["id"]), "CSV and Data view differ"
    for row in rows:
        record = RECORDS[row["id"]]
        source = SOURCES[record["source"]]
        assert row["source"] == record["source"]
        assert row["source_url"] == source.get("url", "")
        assert row["source_title"] == source["title"]
        assert row["quote"] == record.get("quote", "")


MARKDOWN_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)")


def unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize(("title", "key"), CARDS, ids=[key for _, key in CARDS])
def test_sources_under_a_chart_link_to_their_own_addresses(pages, title, key):
    card = card_of(pages[title], key)
    [line] = [c.value for c in card.get("caption") if c.value.startswith("Source")]
    links = {unescaped(label): url for label, url in MARKDOWN_LINK.findall(line)}
    cited = {RECORDS[i]["source"] for i in CHART_ROWS[title][key]}
    assert sorted(links.values()) == sorted(SOURCES[s]["url"] for s in cited)
    for label, url in links.items():
        [source] = [s for s in cited if SOURCES[s]["url"] == url]
        assert label.startswith(SOURCES[source]["publisher"]), (label, url)
    # Nothing else in the line: every source is a link.
    assert MARKDOWN_LINK.sub("", line.split(": ", 1)[1]).strip(" ·") == ""


# Charts of single records (the agreement charts count records, and hover counts).
RECORD_CARDS = [(t, k) for t, k in CARDS if not k.startswith("agreement")]


@pytest.mark.parametrize(("title", "key"), RECORD_CARDS, ids=[key for _, key in RECORD_CARDS])
def test_hover_names_the_source_and_quotes_the_sentence(pages, title, key):
    spec = charts(pages[title])[key]
    hovers = [
        plain_text(text)
        for trace in spec["data"]
        for text in (
            trace.get("hovertext")
            if isinstance(trace.get("hovertext"), list)
            else [trace.get("hovertext")]
        )
        if text
    ]
    joined = " ".join(" ".join(hovers).split())
    for record_id in CHART_ROWS[title][key]:
        record = RECORDS[record_id]
        if record.get("quote"):
            assert " ".join(record["quote"].split()) in joined, (record_id, "quote")
        publisher = SOURCES[record["source"]]["publisher"]
        assert f"Source: {publisher}" in joined, (record_id, "source")


@pytest.mark.parametrize(("title", "key"), CARDS, ids=[key for _, key in CARDS])
def test_source_line_is_drawn_visibly_in_the_chart(pages, title, key):
    layout = charts(pages[title])[key]["layout"]
    [line] = [a for a in layout["annotations"] if a.get("name") == "source-line"]
    assert line.get("visible", True) is True
    cited = {RECORDS[i]["source"] for i in CHART_ROWS[title][key]}
    for source in cited:
        assert SOURCES[source]["publisher"] in plain_text(line["text"])


def colours_in(value) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(colours_in(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(colours_in(v) for v in value)) if value else set()
    if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return {value.lower()}
    return set()


@pytest.mark.parametrize("key", PAIR_COLOURED)
def test_the_pair_is_drawn_in_the_first_countrys_colour_from_the_pack(pages, key):
    title = next(t for t, keys in CHART_ROWS.items() if key in keys)
    traces = charts(pages[title])[key]["data"]
    part = PAIR_COLOURED[key]
    drawn = set().union(*(colours_in(trace.get(part, {})) for trace in traces))
    assert FIRST_COLOUR in drawn
    assert SECOND_COLOUR not in drawn


def shipped_colours() -> set[str]:
    pack = yaml.safe_load((SHIPPED_DATA / "russia-china" / "pack.yaml").read_text())
    return {country["color"].lower() for country in pack["countries"]}


@pytest.mark.parametrize(("title", "key"), CARDS, ids=[key for _, key in CARDS])
def test_no_chart_carries_another_packs_colours(pages, title, key):
    spec = charts(pages[title])[key]
    assert not colours_in(spec) & shipped_colours()


def test_every_csv_on_every_page_holds_rows_and_every_chart_has_one(pages):
    for title, app in pages.items():
        keys = [key for key in download_keys(app) if key.startswith("csv-")]
        assert {f"csv-{chart}" for chart in CHART_ROWS[title]} <= set(keys), title
        for key in keys:
            rows = csv_rows(download_bytes(app, key))
            assert rows, (title, key)
            assert set(rows[0]) & {"id", "metric"}, (title, key)


PACK_FILES = ["figures", "events", "agreements", "statements", "checks", "sources"]


def table_tab(app, name: str):
    """The Sources page with table ``name`` chosen, as a reader's click would."""
    app.session_state["sources-table-shown"] = name
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_sources_page_offers_every_table_and_draws_one_once_chosen(monkeypatch):
    app = open_page("Sources", monkeypatch=monkeypatch)
    chooser = app.button_group(key="sources-table-shown")
    assert {name.capitalize() for name in [*PACK_FILES, "metrics"]} <= set(chooser.options)
    # A first visit draws the list of sources and the chosen source's records: no whole table.
    assert len(app.dataframe) == 2
    assert not [key for key in download_keys(app) if key.startswith("csv-table-")]
    app = table_tab(app, "events")
    assert len(app.dataframe) == 3
    assert [key for key in download_keys(app) if key.startswith("csv-table-")] == [
        "csv-table-events"
    ]


@pytest.mark.parametrize("name", PACK_FILES)
def test_sources_page_csv_of_each_table_holds_every_record(pages, name):
    app = table_tab(pages["Sources"], name)
    rows = csv_rows(download_bytes(app, f"csv-table-{name}"))
    assert sorted(row["id"] for row in rows) == sorted(yaml_records(name))
    # On screen, dates are the pack's labels: no table shows a midnight timestamp.
    shown = page_table(app.main, ["id"])
    assert sorted(shown["id"]) == sorted(yaml_records(name))
    assert not shown.map(lambda cell: "00:00:00" in str(cell)).any().any(), name


def test_sources_page_shows_figures_dated_by_their_labels_and_downloads_every_date(pages):
    app = table_tab(pages["Sources"], "figures")
    shown = page_table(app.main, ["id", "metric", "metric_label"])
    assert sorted(shown["id"]) == sorted(yaml_records("figures"))
    # A reader sees when a figure is for as the pack states it, not a timestamp, and no
    # exclusive end (2022's period "ends" at 2023-01-01 00:00:00).
    assert "period_label" in shown.columns
    assert not {"period", "period_end"} & set(shown.columns)
    rows = csv_rows(download_bytes(app, "csv-table-figures"))
    assert {"period", "period_end", "period_label"} <= set(rows[0])


def test_sources_page_csv_of_metrics_holds_every_metric(pages):
    rows = csv_rows(download_bytes(table_tab(pages["Sources"], "metrics"), "csv-table-metrics"))
    pack = yaml.safe_load((PACK_DIR / "pack.yaml").read_text())
    assert sorted(row["metric"] for row in rows) == sorted(pack["metrics"])


def test_shipped_pack_charts_use_its_own_colours(monkeypatch):
    pack = yaml.safe_load((SHIPPED_DATA / "russia-china" / "pack.yaml").read_text())
    first, second = (country["color"].lower() for country in pack["countries"])
    for title, key in [("Trade", "trade-by-year"), ("Energy", "gas-delivered")]:
        app = open_page(title, data_dir=None, monkeypatch=monkeypatch)
        traces = charts(app)[key]["data"]
        drawn = set().union(*(colours_in(t.get(PAIR_COLOURED[key], {})) for t in traces))
        assert first in drawn and second not in drawn, (title, key)


@pytest.mark.parametrize("title", [title for title, keys in CHART_ROWS.items() if keys])
def test_a_cards_rows_and_downloads_are_made_only_once_opened(monkeypatch, title):
    # A page as a reader first sees it: each card's rows and downloads wait behind a click.
    app = open_page(title, monkeypatch=monkeypatch)
    chart_keys = set(CHART_ROWS[title])
    closed = [e for e in app.get("expander") if e.label.startswith("Data, CSV and images: ")]
    assert len(closed) >= len(chart_keys)
    assert not any(e.get("dataframe") for e in closed)
    made = {re.sub(r"^(csv|image-[a-z0-9]+)-", "", key) for key in download_keys(app)}
    assert not made & chart_keys, "a card made its downloads before it was opened"
    # One click opens one card: its rows, its CSV and its images, no other card's.
    first = sorted(chart_keys)[0]
    app.session_state[f"data-{first}"] = True
    app.run()
    opened = [key for key in download_keys(app) if key.endswith(f"-{first}")]
    assert sorted(opened) == sorted(
        [f"csv-{first}", *(f"image-{fmt}-{first}" for fmt in ("png", "png4", "svg", "pdf"))]
    )
    made = {re.sub(r"^(csv|image-[a-z0-9]+)-", "", key) for key in download_keys(app)}
    assert made & chart_keys == {first}
