"""A page whose items grow with the pack draws a page of them: its cost must not grow too.

The pack is generated (``tests.packgen.scaled_pack``); expected counts come from
the spec written to disk, never from the app.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.reader import (
    _downloads_kept,  # noqa: F401 - autouse fixture
    cards_shown,
    chart_csv_rows,
    claim_cards,
    visit_another_page_and_come_back,
)
from tests.conftest import REPO
from tests.packgen import scaled_pack, write_pack


@pytest.fixture(scope="module")
def scaled(tmp_path_factory) -> tuple[dict, str]:
    """A pack three times the shipped one, written once for the module: its spec and folder
    (one data directory, so the app loads it once for every test here)."""
    spec = scaled_pack(3, seed=1)
    folder = tmp_path_factory.mktemp("scaled")
    write_pack(folder, spec)
    return spec, str(folder)


def open_on(
    data: str, script: str, monkeypatch, state: dict | None = None, query: dict | None = None
) -> AppTest:
    """The app on the packs of ``data``, opened at the page ``script`` by a link with ``query``
    and ``state`` (session keys, such as an expander opened) set, as a reader's clicks would."""
    monkeypatch.setenv("DYAD_DATA", data)
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    if script != "pages/overview.py":
        app.switch_page(script)
    for key, value in (state or {}).items():
        app.session_state[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def chooser_pages(app: AppTest, key: str) -> Iterator[None]:
    """Each page of the "1–12" chooser with ``key`` in turn, as a reader picks them."""
    for start in app.selectbox(key=key).options:
        app.selectbox(key=key).set_value(int(start.split("–")[0]) - 1).run()
        assert not app.exception, [e.value for e in app.exception]
        yield


def test_claims_are_drawn_twelve_at_a_time_with_every_claim_reachable(scaled, monkeypatch):
    spec, data = scaled
    claim_ids = [check["id"] for check in spec["checks"]]
    assert len(claim_ids) > 12, "the generated pack must have more claims than a page holds"
    app = open_on(data, "pages/claims.py", monkeypatch)

    def showing() -> list[str]:
        return [str(c.value) for c in app.caption if str(c.value).startswith("Showing ")]

    def claims_drawn() -> list[str]:  # each claim is a card of HTML, in a box or with others
        return list(claim_cards(app))

    assert showing() == [f"Showing 1–12 of {len(claim_ids)} claims"]
    assert len(claims_drawn()) == 12
    app.selectbox(key="claims-page").set_value(12).run()
    assert not app.exception, [e.value for e in app.exception]
    last = min(24, len(claim_ids))
    assert showing() == [f"Showing 13–{last} of {len(claim_ids)} claims"]
    seen = []
    for _ in chooser_pages(app, "claims-page"):
        drawn = claims_drawn()
        assert 0 < len(drawn) <= 12
        seen += drawn
    assert sorted(seen) == sorted(claim_ids)


def test_overview_cards_are_drawn_twelve_at_a_time_with_every_card_reachable(scaled, monkeypatch):
    app = open_on(scaled[1], "pages/overview.py", monkeypatch)

    def cards_drawn() -> list[str]:  # the record ids of the cards in the block of cards
        return list(cards_shown(app))

    [caption] = [str(c.value) for c in app.caption if str(c.value).startswith("Showing ")]
    total = int(caption.split(" of ")[1].split()[0].replace(",", ""))
    assert caption == f"Showing 1–12 of {total} headline cards" and total > 12
    seen: list[str] = []
    for _ in chooser_pages(app, "overview-cards"):
        drawn = cards_drawn()
        assert 0 < len(drawn) <= 12
        seen += drawn
    assert len(seen) == len(set(seen)) == total, "every card once, across the pages"


@pytest.fixture(scope="module")
def scaled_ten(tmp_path_factory) -> tuple[dict, str]:
    """A pack ten times the shipped one: the smallest scale with more than three finance
    metrics and more stated energy capacities than one chart draws."""
    spec = scaled_pack(10, seed=1)
    folder = tmp_path_factory.mktemp("scaled-ten")
    write_pack(folder, spec)
    return spec, str(folder)


def test_metric_charts_are_drawn_three_at_a_time_with_every_metric_reachable(
    scaled_ten, monkeypatch
):
    """Trade's finance charts and its more figures: each list a chooser of three charts."""
    spec, data = scaled_ten
    trade_topics = {"trade", "finance", "investment"}  # the Trade page's topics
    dated = {figure["metric"] for figure in spec["figures"] if figure.get("period") is not None}
    on_trade = {
        key for key, metric in spec["pack"]["metrics"].items() if metric["topic"] in trade_topics
    } & dated
    finance = {key for key in on_trade if spec["pack"]["metrics"][key]["topic"] == "finance"}
    # "More figures", opened.
    app = open_on(data, "pages/trade.py", monkeypatch, {"more-figures-open-Trade": True})

    def metric_charts() -> set[str]:  # a metric's chart card is keyed "chart-<metric>-over-time"
        keys = [block.proto.id for block in app.main.get("flex_container") if block.proto]
        return {
            key.split("-chart-", 1)[1].removesuffix("-over-time")
            for key in keys
            if "-chart-" in key and key.endswith("-over-time")
        }

    def showing(noun: str) -> int:
        [caption] = [
            c.value for c in app.caption if c.value.startswith("Showing ") and noun in c.value
        ]
        total = int(caption.split(" of ")[1].split()[0].replace(",", ""))
        assert caption == f"Showing 1–3 of {total} {noun}", caption
        return total

    def walk(chooser: str) -> list[set[str]]:
        """The metric charts drawn on each page of ``chooser``, back on its first page after."""
        pages = []
        for _ in chooser_pages(app, chooser):
            pages.append(metric_charts())
        app.selectbox(key=chooser).set_value(0).run()
        return pages

    totals = {"finance charts": showing("finance charts"), "figures": showing("figures")}
    assert totals["finance charts"] == len(finance) > 3
    drawn: set[str] = set()
    for chooser, noun in (("finance-page", "finance charts"), ("more-figures-Trade", "figures")):
        pages = walk(chooser)
        fixed = set.intersection(*pages)  # what the other list shows meanwhile
        changing = [page - fixed for page in pages]
        assert all(0 < len(page) <= 3 for page in changing), changing
        assert sum(map(len, changing)) == len(set().union(*changing)) == totals[noun]
        drawn |= set().union(*pages)
    assert finance <= drawn and drawn <= on_trade
    # Every other dated metric of the page's topics is in one of the page's own charts (by
    # year, by partner): its label is in what that chart draws.
    own = " ".join(
        chart.proto.spec
        for chart in app.get("plotly_chart")
        if not chart.proto.id.endswith("-over-time")  # keyed "plot-<chart key>"
    )
    labels = {key: spec["pack"]["metrics"][key]["label"] for key in on_trade - drawn}
    assert labels and all(label in own for label in labels.values()), labels


def test_stated_energy_volumes_are_drawn_twenty_at_a_time_with_every_volume_reachable(
    tmp_path, monkeypatch
):
    spec = scaled_pack(3, seed=1)
    # Twenty-five planned routes, one stated volume each, on top of the pack's own capacities.
    source = spec["figures"][0]["source"]
    for number in range(1, 26):
        spec["pack"]["metrics"][f"route-{number}"] = {
            "label": f"Route {number}",
            "unit": "bcm/yr",
            "topic": "energy",
        }
        spec["figures"].append(
            {
                "id": f"route-figure-{number}",
                "metric": f"route-{number}",
                "period": "2031",
                "value": 1.5 * number,
                "status": "planned",
                "source": source,
            }
        )
    write_pack(tmp_path, spec)
    data = str(tmp_path)
    metrics = spec["pack"]["metrics"]
    # Capacities and routes' yearly volumes: energy metrics whose unit is a rate ("bcm/yr").
    rates = {
        key
        for key, metric in metrics.items()
        if metric["topic"] == "energy" and "/" in metric["unit"] and "measure" not in metric
    }
    stated = sorted(figure["id"] for figure in spec["figures"] if figure["metric"] in rates)
    assert len(stated) > 20, "the pack must state more volumes than a chart draws"
    planned = [f for f in spec["figures"] if f["metric"] in rates and f["status"] != "reported"]
    top = max(figure["value"] for figure in planned)
    largest = {metrics[f["metric"]]["label"] for f in planned if f["value"] == top}
    # "More figures", opened.
    app = open_on(data, "pages/energy.py", monkeypatch, {"more-figures-open-Energy": True})

    def volume_chart() -> dict:
        [chart] = [c for c in app.get("plotly_chart") if "-plot-planned-volumes" in c.proto.id]
        return json.loads(chart.proto.spec)

    def bars(figure: dict) -> int:
        return sum(len(trace["x"]) for trace in figure["data"] if trace["type"] == "bar")

    captions = [c.value for c in app.caption if c.value.endswith(" volumes")]
    assert captions == [f"Showing 1–20 of {len(stated)} volumes"]

    def more_figures() -> list[str]:
        return [c.value for c in app.caption if c.value.endswith(" figures")]

    seen, listed = [], []
    for _ in chooser_pages(app, "planned-volumes-page"):
        figure = volume_chart()
        assert 0 < bars(figure) <= 20
        # The finding is of every stated volume, on every page of them.
        title = figure["layout"]["title"]["text"]
        assert any(f"The largest planned volume is {label}," in title for label in largest)
        seen += [row["id"] for row in chart_csv_rows(app, "planned-volumes")]
        # "More figures" lists the same figures whichever volumes are in view: the routes
        # on the chooser's other pages are reached there, not drawn again below.
        listed.append(more_figures())
        more = [c.proto.id for c in app.get("plotly_chart") if c.proto.id.endswith("-over-time")]
        assert not [m for m in more if "-route-" in m]
    assert sorted(seen) == sorted(stated)
    assert len(listed) > 1 and listed[0] and all(page == listed[0] for page in listed), listed


@pytest.fixture(scope="module")
def long_timeline(tmp_path_factory) -> tuple[str, list[int]]:
    """A pack of 600 events, ten a year from 1950 to 2009, each on a day: its folder and the
    year of each event."""
    spec = scaled_pack(3, seed=1)
    source = spec["events"][0]["source"]
    spec["events"] = [
        {
            "id": f"long-event-{number}",
            "date": f"{1950 + number // 10}-06-{1 + number % 10:02d}",
            "title": f"Meeting {number}",
            "kind": "summit",
            "status": "held",
            "source": source,
        }
        for number in range(600)
    ]
    folder = tmp_path_factory.mktemp("long-timeline")
    write_pack(folder, spec)
    years = [int(event["date"][:4]) for event in spec["events"]]
    return str(folder), years


def test_a_long_timeline_opens_on_its_latest_years_and_widens_to_every_event(
    long_timeline, monkeypatch
):
    data, years = long_timeline
    # The latest run of years holding at most 500 of the 600 events, counted from the file.
    start = max(years)
    while sum(year >= start - 1 for year in years) <= 500:
        start -= 1
    opening = (start, max(years))
    in_view = sum(year >= start for year in years)
    app = open_on(data, "pages/timeline.py", monkeypatch, state={"timeline-events": True})

    def drawn() -> tuple[int, int]:
        """Events drawn as markers on the timeline, and rows of its table."""
        [chart] = [c for c in app.get("plotly_chart") if c.proto.id.endswith("-plot-timeline")]
        markers = sum(
            len(trace["x"])
            for trace in json.loads(chart.proto.spec)["data"]
            if trace.get("mode") == "markers"
        )
        [table] = [t for t in app.dataframe if "title" in t.value.columns]
        return markers, len(table.value)

    assert app.slider(key="timeline-years").value == opening
    assert drawn() == (in_view, in_view)
    [caption] = [c.value for c in app.caption if " of 600 events" in c.value]
    assert caption.startswith(
        f"{in_view} of 600 events · a timeline this long opens on its latest years, "
        f"{opening[0]}–{opening[1]}"
    )
    assert "years" not in app.query_params
    # Widened to every year: every event, and a link that says so.
    app.slider(key="timeline-years").set_value((min(years), max(years))).run()
    assert drawn() == (600, 600)
    assert app.query_params["years"] == f"{min(years)}-{max(years)}"
    every_year = {"years": f"{min(years)}-{max(years)}"}
    shared = open_on(data, "pages/timeline.py", monkeypatch, query=every_year)
    assert shared.slider(key="timeline-years").value == (min(years), max(years))
    assert [c.value for c in shared.caption if " of 600 events" in c.value] == [
        "600 of 600 events · the link in the address bar opens this view"
    ]


def test_a_pack_of_many_sources_is_searched_before_a_source_is_chosen(scaled_ten, monkeypatch):
    """More sources than a chooser lists: a search narrows the chooser, so that any source is
    found by words of its title, in any case (expected from the pack's written sources)."""
    spec, data = scaled_ten
    sources = spec["sources"]
    app = open_on(data, "pages/sources.py", monkeypatch)
    listed = len(app.selectbox(key="sources-chosen").options)
    assert 0 < listed < len(sources), "the pack must have more sources than the chooser lists"
    [found] = [str(c.value) for c in app.caption if "sources found" in str(c.value)]
    assert (
        found
        == f"{len(sources):,} of {len(sources):,} sources found; the first {listed} are listed."
    )

    wanted = sources[-1]  # the last one: not among those listed before a search
    words = " ".join(wanted["title"].split()[:2]).upper() + " "  # "REPORT 559 "
    app.text_input(key="sources-find").input(words).run()
    assert not app.exception, [e.value for e in app.exception]
    expected = [s["id"] for s in sources if words.lower() in f"{s['title']} ".lower()]
    assert expected == [wanted["id"]]
    chooser = app.selectbox(key="sources-chosen")
    assert len(chooser.options) == 1 and chooser.value == wanted["id"]
    assert any(wanted["title"] in str(m.value) for m in app.markdown)  # the source, shown
    assert [str(c.value) for c in app.caption if "sources found" in str(c.value)] == [
        f"1 of {len(sources):,} sources found."
    ]

    app.text_input(key="sources-find").input("no such words anywhere").run()
    assert app.selectbox(key="sources-chosen").value is None
    assert [i.value for i in app.info] == [
        "No source has those words in its id, citation or title."
    ]


def test_a_link_to_a_source_beyond_those_listed_opens_on_it(scaled_ten, monkeypatch):
    """A shared link names a source the chooser does not list before a search: the page opens
    on it, listed first, keeps it after a visit to another page, and a search lists what it
    finds, as it does for any reader."""
    spec, data = scaled_ten
    sources = spec["sources"]
    wanted = sources[-1]
    app = open_on(data, "pages/sources.py", monkeypatch, query={"source": wanted["id"]})
    chooser = app.selectbox(key="sources-chosen")
    assert chooser.value == wanted["id"] and chooser.options[0].endswith(f" · {wanted['title']}")
    assert any(wanted["title"] in str(m.value) for m in app.markdown)  # the source, shown
    assert app.query_params["source"] == wanted["id"]
    visit_another_page_and_come_back(app, "Sources")
    assert app.selectbox(key="sources-chosen").value == wanted["id"]
    assert app.query_params["source"] == wanted["id"], "the address names it again"
    other = sources[0]
    words = " ".join(other["title"].split()[:2]) + " "
    app.text_input(key="sources-find").input(words).run()
    found = [s["id"] for s in sources if words.lower() in f"{s['title']} ".lower()]
    assert app.selectbox(key="sources-chosen").value == found[0] != wanted["id"]
