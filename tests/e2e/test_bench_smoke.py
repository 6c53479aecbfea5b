"""The benchmarks still run: one page, one round of each, on the small fixture pack.

These never assert a time; they assert that each run completes and prints
its table, so the tools cannot rot between the times someone runs them. The
tools run in this process (their ``main`` or, where two share one app and one
same-figure floor, their ``report``), so the smoke starts one app and one
(padded) floor for all three instead of a pair each, and no interpreter of its
own; a second pair, app and replayed floor, for the replayed floor's checks. The floor
holds the figures of the first page and Trade, the one page the smoke times; the
load test's room has protocol readers only (its browser readers are the page
times' clicks at random, and would not get past a first load in two seconds).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import large_packs, loadtest, page_times
from tests.conftest import FIXTURES

DATA = str(FIXTURES / "packs")


@pytest.fixture(scope="module")
def app_and_floor() -> Iterator[tuple]:
    """The app on the fixture pack and its same-figure floor (the first page's and Trade's
    figures), padded (``--padded-floor``): the smoke runs read the floor in its fuller form."""
    with page_times.app_and_floor(
        FIXTURES / "packs", label="smoke", pages=["Trade"], floor=page_times.PADDED
    ) as servers:
        yield servers


@pytest.fixture(scope="module")
def app_and_replayed_floor() -> Iterator[tuple]:
    """The app on the fixture pack and its replayed floor (``--replayed-floor``)."""
    with page_times.app_and_floor(
        FIXTURES / "packs", label="smoke-replayed", pages=["Trade"], floor=page_times.REPLAYED
    ) as servers:
        yield servers


def test_the_padded_floor_sends_as_many_messages_as_each_app_page(app_and_floor: tuple) -> None:
    app, floor, figures = app_and_floor
    app_deltas = asyncio.run(page_times.page_deltas(app.url))
    floor_deltas = asyncio.run(page_times.page_deltas(floor.url))
    assert list(floor_deltas) == list(app_deltas)  # the same pages, in the same order
    assert floor_deltas == app_deltas
    # Trade's floor draws the app's figures, the padding made up of the rest.
    trade = next(page for page in figures if page["title"] == "Trade")
    assert trade["charts"] and trade["padding"] == app_deltas["Trade"] - len(trade["charts"])


# Each run below, against each floor: its servers' fixture, its option, its name in the output.
EACH_FLOOR = pytest.mark.parametrize(
    ("servers", "option", "floor"),
    [
        ("app_and_floor", "--padded-floor", "padded floor"),
        ("app_and_replayed_floor", "--replayed-floor", "replayed floor"),
    ],
)


def what_is_drawn(message) -> tuple:
    """A delta as the browser draws it: where, what kind, and what (a download's file id, made
    anew on every run of the app, left out)."""
    delta = ForwardMsg()
    delta.CopyFrom(message)
    if delta.delta.new_element.WhichOneof("type") == "download_button":
        delta.delta.new_element.download_button.ClearField("deferred_file_id")
    return tuple(delta.metadata.delta_path), delta.delta.SerializeToString(deterministic=True)


def test_the_replayed_floor_sends_each_app_pages_very_elements(
    app_and_replayed_floor: tuple,
) -> None:
    app, floor, _ = app_and_replayed_floor
    app_sent = asyncio.run(page_times.recorded_messages(app.url))
    floor_sent = asyncio.run(page_times.recorded_messages(floor.url))
    assert list(floor_sent.pages) == list(app_sent.pages)  # the same pages, in the same order
    for page, messages in app_sent.pages.items():
        assert any(m.delta.new_element.WhichOneof("type") for m in messages), page
        drawn = [what_is_drawn(m) for m in floor_sent.pages[page]]
        assert drawn == [what_is_drawn(m) for m in messages], page
    # A session's first run, too: the app's sends some elements once a session.
    app_first, floor_first = app_sent.first_run, floor_sent.first_run
    assert [what_is_drawn(m) for m in floor_first] == [what_is_drawn(m) for m in app_first]
    assert len(app_first) > len(next(iter(app_sent.pages.values())))
    charts = [
        m
        for m in app_sent.pages["Trade"]
        if m.delta.new_element.WhichOneof("type") == "plotly_chart"
    ]
    assert charts, "Trade draws no chart on the fixture pack: the test is void"


@EACH_FLOOR
def test_page_times_prints_its_table_against_its_floor(
    servers: str, option: str, floor: str, request: pytest.FixtureRequest, capsys
) -> None:
    arguments = page_times.parse(["--rounds", "1", "--pages", "Trade", "--data", DATA, option])
    rows = page_times.report(*request.getfixturevalue(servers), arguments)
    output = capsys.readouterr().out
    assert "page" in output and floor in output and "ratio" in output, output
    assert "first load" in output and "Trade" in output and "all pages" in output, output
    # Each time's part until the page had the run's last message was seen, and lies within it.
    assert "Dyad last msg" in output and "floor last msg" in output, output
    for row in rows:
        for target in ("Dyad", "floor"):
            assert 0 < row[f"{target} last msg"] <= row[target], row


@EACH_FLOOR
def test_loadtest_prints_its_report(
    servers: str, option: str, floor: str, request: pytest.FixtureRequest, capsys
) -> None:
    app, floor_server, _ = request.getfixturevalue(servers)
    arguments = loadtest.parse(
        [
            *("--readers", "2", "--browsers", "0", "--arrive", "0.5", "--duration", "2"),
            *("--lone-rounds", "1", "--rooms", "2", "--data", DATA, option),
        ]
    )
    rows = loadtest.report(app, floor_server, arguments)
    output = capsys.readouterr().out
    assert "room p95 s" in output and "MB per session" in output, output
    assert f"against the {floor}" in output, output
    assert "floor room p95" in output and "the median of 2 rooms" in output, output
    # Two rooms a server, the one that goes first alternating; no reader saw an error.
    assert [(row["room"], row["server"]) for row in rows] == [
        (1, "Dyad"),
        (1, "floor"),
        (2, "floor"),
        (2, "Dyad"),
    ]
    assert [row["errors"] for row in rows] == [0, 0, 0, 0], output
    assert "Dyad p50" in output and "floor p50" in output, output  # the table by page


def test_the_replayed_floors_room_reads_without_downloads() -> None:
    """The replayed floor draws the app's download buttons but cannot serve their files: its
    room reads and filters only, and asking it to download is refused."""
    assert loadtest.parse(["--replayed-floor"]).downloads is False
    assert loadtest.parse([]).downloads is True
    with pytest.raises(SystemExit):
        loadtest.parse(["--replayed-floor", "--downloads"])


def test_large_packs_prints_its_tables(app_and_floor: tuple, capsys: pytest.CaptureFixture) -> None:
    app, _, _ = app_and_floor  # the app on the same data: the run's "shipped" pack
    large_packs.main(
        [
            *("--scales", "2", "--rounds", "1", "--load-rounds", "1", "--pages", "Trade"),
            *("--data", DATA),
        ],
        running={"shipped": app},
    )
    output = capsys.readouterr().out
    assert "cold load" in output and "cached" in output and "RSS" in output, output
    assert "ratio x2" in output and "Trade" in output, output
