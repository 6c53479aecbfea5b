"""How long each page of the app takes to draw in Chromium, against the same-figure floor.

    python -m bench.page_times [--rounds 5] [--data DIR] [--pages Trade,Claims]
                               [--padded-floor | --replayed-floor]

The floor is ``bench/same_figure_app.py``: an app whose pages hold exactly the
plotly figures the app's pages draw for the pack in view (read back from the
app under ``AppTest`` by ``bench.figure_specs``), precomputed, and nothing
else: what Streamlit itself needs to send and draw those figures. With
``--padded-floor`` its pages also draw as many one-character captions as the
app's page sends other elements and blocks: what Streamlit needs for the
number of messages, so that what is left is the app's own work. With
``--replayed-floor`` its pages send the very messages the app's page sends
(recorded from the app by a protocol reader) and compute nothing: the browser
draws the same page from both, and what is left is the app's own work on the
server (the pack, the page's logic, the calls that make its elements).

Each round opens the app and the floor in two fresh contexts of one Chromium,
times the first load of each, then, a second later (a reader reads the first
page), clicks every sidebar page in turn, in the app and in the floor
alternately (who goes first alternates by round). A time
runs from the click to the server's ``script_finished`` on the app's websocket
and every visible chart drawn (``tests.e2e.helpers.expect_rerun``); a load
from ``page.goto`` to the first page drawn. The table gives medians over the
rounds and the ratio Dyad / floor, which is what to compare across machines;
a CSV of it goes to ``bench/results/``. Run by hand; never as a timed test.

Beside each time, its part until the page had every message of the run: from
the browser's request for the run to the server's ``script_finished`` as the
page took it in (CDP ``Network.webSocketFrameSent`` / ``Received``, one clock;
Chromium reports a frame as the page's main thread takes it, so a page busy
drawing earlier elements takes the last one later). What comes after it is
drawing alone: a page whose time is mostly that is made faster in the
browser, not on the server.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import csv
import datetime as dt
import json
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from playwright.sync_api import Browser, CDPSession, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.figure_specs import write_page_figures
from bench.protocol_reader import ProtocolReader
from tests.e2e.helpers import (
    current_page_title,
    open_from_sidebar,
    sidebar_page_titles,
    wait_for_app,
    watch_script_runs,
)
from tests.e2e.server import REPO, AppServer, launch_chromium, start_app_server

RESULTS = REPO / "bench" / "results"
VIEWPORT = {"width": 1400, "height": 900}
FLOOR_APP = "bench/same_figure_app.py"
FIRST_LOAD = "first load"


def timed(action: Callable[[], object]) -> float:
    """Seconds that ``action`` takes, by ``time.perf_counter``."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` prints them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


@dataclass
class Times:
    """Seconds per target (``Dyad``, ``floor``, ...) per row (``first load``, a page title)."""

    seconds: dict[str, dict[str, list[float]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def add(self, target: str, row: str, seconds: float) -> None:
        self.seconds[target][row].append(seconds)

    def median(self, target: str, row: str) -> float:
        return statistics.median(self.seconds[target][row])

    def rows(self) -> list[str]:
        first = next(iter(self.seconds.values()))
        return list(first)


class ServerFrames:
    """The app websocket's frames as Chromium reports them (CDP), in one clock: when the
    browser asked for a run, and when the page took in the server's word that it finished."""

    def __init__(self, session: CDPSession) -> None:
        self.streams: set[str] = set()
        self.requests: list[float] = []  # when each rerun request left the browser
        self.finished: list[float] = []  # when each run's script_finished arrived
        session.on("Network.webSocketCreated", self._created)
        session.on("Network.webSocketFrameSent", self._sent)
        session.on("Network.webSocketFrameReceived", self._received)
        session.send("Network.enable")

    def _created(self, event: dict) -> None:
        if event["url"].endswith("/_stcore/stream"):
            self.streams.add(event["requestId"])

    @staticmethod
    def _payload(event: dict) -> bytes | None:
        frame = event["response"]
        return base64.b64decode(frame["payloadData"]) if frame.get("opcode") == 2 else None

    def _sent(self, event: dict) -> None:
        payload = self._payload(event) if event["requestId"] in self.streams else None
        if payload and BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
            self.requests.append(event["timestamp"])

    def _received(self, event: dict) -> None:
        payload = self._payload(event) if event["requestId"] in self.streams else None
        if payload is None:
            return
        message = ForwardMsg.FromString(payload)
        if (
            message.WhichOneof("type") == "script_finished"
            and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            self.finished.append(event["timestamp"])

    def mark(self) -> tuple[int, int]:
        return len(self.requests), len(self.finished)

    def seconds_to_finished(self, since: tuple[int, int]) -> float:
        """From the last rerun request after ``since`` (a ``mark()``) to the first run finished
        after it (infinity when none was seen)."""
        requests, finished = self.requests[since[0] :], self.finished[since[1] :]
        if not requests:
            return float("inf")
        asked = requests[-1]
        answered = [moment for moment in finished if moment >= asked]
        return answered[0] - asked if answered else float("inf")


@dataclass
class Target:
    """One tab of one target (the app or the floor): its page and its websocket's frames."""

    page: Page
    frames: ServerFrames


@contextmanager
def open_target(browser: Browser, url: str) -> Iterator[Target]:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        watch_script_runs(page)
        yield Target(page, ServerFrames(context.new_cdp_session(page)))
    finally:
        context.close()


# How long a reader looks at the first page before the first click.
READING_PAUSE_MS = 1_000

# How long one load or click may take before it is recorded as a timeout (inf).
TIMEOUT_MS = 30_000


def warm_up(url: str) -> None:
    """One first visit to the server at ``url`` over Streamlit's own protocol, not timed."""

    async def visit() -> None:
        reader = ProtocolReader(url)
        try:
            await reader.connect()
        finally:
            await reader.close()

    asyncio.run(visit())


def load(page: Page, url: str) -> None:
    page.goto(url, timeout=TIMEOUT_MS)
    wait_for_app(page, TIMEOUT_MS)


def click(page: Page, title: str) -> None:
    open_from_sidebar(page, title, TIMEOUT_MS)


def set_timeout(seconds: float) -> None:
    global TIMEOUT_MS
    TIMEOUT_MS = seconds * 1000


def timed_or_inf(action: Callable[[], object]) -> float:
    """Seconds of ``action``, or infinity when it timed out (a table shows ``inf``)."""
    try:
        return timed(action)
    except (AssertionError, PlaywrightTimeoutError):
        return float("inf")


# A target's part of a time until its page had the run's last message, recorded under its
# name with this after it.
LAST_MESSAGE = " last msg"


def record(times: Times, name: str, row: str, tab: Target, action: Callable[[], object]) -> None:
    """Time ``action`` in ``tab`` as ``name``'s ``row``: the whole, and its part until the
    page had the run's last message (``LAST_MESSAGE``)."""
    since = tab.frames.mark()
    seconds = timed_or_inf(action)
    tab.page.evaluate("() => 0")  # every frame event of the action delivered
    last = tab.frames.seconds_to_finished(since) if seconds != float("inf") else float("inf")
    times.add(name, row, seconds)
    times.add(name + LAST_MESSAGE, row, last)


def measure_round(
    browser: Browser,
    targets: dict[str, str],
    times: Times,
    pages: list[str] | None,
    round_number: int,
) -> None:
    """One round: load every target, then click each page in every target in turn.

    Targets take turns, the first one rotating by round, so a burst of load
    from elsewhere on the machine falls on all of them alike.
    """
    names = list(targets)
    shift = round_number % len(names)
    order = names[shift:] + names[:shift]
    with ExitStack() as stack:
        tabs = {name: stack.enter_context(open_target(browser, targets[name])) for name in order}
        for name in order:
            record(
                times, name, FIRST_LOAD, tabs[name], partial(load, tabs[name].page, targets[name])
            )
        # A reader reads the first page before clicking: the tab loaded last gets that moment
        # too (the first had the other's load), so no first click lands on the work a page
        # does right after it is drawn (Dyad fetches the code of other pages' elements then).
        tabs[order[-1]].page.wait_for_timeout(READING_PAUSE_MS)
        first_tab = tabs[order[0]].page
        titles = sidebar_page_titles(first_tab)
        first_title = current_page_title(first_tab)
        wanted = [title for title in titles if pages is None or title in pages]
        # The page in view goes last, so every click arrives from another page.
        if pages is not None and wanted == [first_title] and len(titles) > 1:
            wanted = [next(t for t in titles if t != first_title), first_title]
        for title in sorted(wanted, key=lambda title: title == first_title):
            for name in order:
                if pages is None or title in pages:
                    record(times, name, title, tabs[name], partial(click, tabs[name].page, title))
                else:
                    timed_or_inf(partial(click, tabs[name].page, title))


def measure(targets: dict[str, str], rounds: int, pages: list[str] | None = None) -> Times:
    """Page times of every target (name -> base URL) in one Chromium, ``rounds`` rounds."""
    times = Times()
    # One unmeasured visit each first: a server's first run imports and loads the pack.
    # A protocol session does it without drawing anything in a browser.
    for url in targets.values():
        warm_up(url)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for round_number in range(rounds):
                measure_round(browser, targets, times, pages, round_number)
        finally:
            browser.close()
    return times


def table_rows(times: Times, charts: dict[str, int], app: str, floor: str) -> list[dict]:
    """One row per page (first load first), then all pages together (the sums of medians):
    each target's time, the ratio, and each target's part until the last message
    (``LAST_MESSAGE``) where the times hold one."""
    columns = [app, floor] + [
        name + LAST_MESSAGE for name in (app, floor) if name + LAST_MESSAGE in times.seconds
    ]
    rows = []
    for row in times.rows():
        values = {column: times.median(column, row) for column in columns}
        rows.append({"page": row, "charts": charts.get(row, ""), **values})
    switches = [row for row in rows if row["page"] != FIRST_LOAD]
    if switches:
        sums = {column: sum(row[column] for row in switches) for column in columns}
        rows.append({"page": "all pages", "charts": "", **sums})
    # The ratio after the two times, the parts until the last message after it.
    return [
        {
            "page": row["page"],
            "charts": row["charts"],
            app: row[app],
            floor: row[floor],
            "ratio": row[app] / row[floor],
            **{column: row[column] for column in columns[2:]},
        }
        for row in rows
    ]


def print_table(rows: list[dict], columns: list[str], heading: str) -> None:
    print(f"\n{heading}")
    widths = {"page": 14, "charts": 6}
    header = [f"{'page':<14}", f"{'charts':>6}"]
    shown = [column for column in columns if column not in widths]
    header += [column.rjust(max(10, len(column))) for column in shown]
    print(" ".join(header))
    for row in rows:
        cells = [f"{row['page']:<14}", f"{row['charts']!s:>6}"]
        for column in shown:
            value = row[column]
            cell = f"{value:9.2f}x" if column.startswith("ratio") else f"{value:8.3f} s"
            cells.append(cell.rjust(max(10, len(column))))
        print(" ".join(cells))


def write_csv(rows: list[dict], name: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{name}-{stamp}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


FIGURES, PADDED, REPLAYED = "figures", "padded", "replayed"
FLOORS = {
    FIGURES: "same-figure floor",
    PADDED: "padded floor",
    REPLAYED: "replayed floor",
}


@contextmanager
def app_and_floor(
    data_dir: Path | None,
    label: str = "page_times",
    pages: list[str] | None = None,
    floor: str = FIGURES,
) -> Iterator[tuple[AppServer, AppServer, list[dict]]]:
    """The app on ``data_dir`` and its floor (``FLOORS``), both running; their pages' figures
    (of ``pages`` and the first page only, when given). The padded floor's pages also send as
    many other elements as the app's; the replayed floor's send the app's very messages
    (``recorded_messages``)."""
    figures_path = RESULTS / f"{label}-figures.json"
    figures = write_page_figures(figures_path, data_dir, pages)
    saved = os.environ.get("DYAD_FLOOR_FIGURES")
    os.environ["DYAD_FLOOR_FIGURES"] = str(figures_path)
    try:
        with ExitStack() as stack:
            app = start_app_server(data_dir=data_dir, log_path=RESULTS / f"{label}-app.log")
            stack.callback(app.stop)
            if floor != FIGURES:
                sent = asyncio.run(recorded_messages(app.url))
                for page in figures:
                    messages = sent.pages[page["title"]]
                    if floor == PADDED:
                        page["padding"] = max(0, len(messages) - len(page["charts"]))
                    else:
                        page["replay"] = encoded(messages)
                if floor == REPLAYED:
                    # A session's first run (the first page's) sends some elements once.
                    figures[0]["first_replay"] = encoded(sent.first_run)
                figures_path.write_text(json.dumps(figures), encoding="utf-8")
            floor_server = start_app_server(FLOOR_APP, log_path=RESULTS / f"{label}-floor.log")
            stack.callback(floor_server.stop)
            yield app, floor_server, figures
    finally:
        if saved is None:
            os.environ.pop("DYAD_FLOOR_FIGURES", None)
        else:
            os.environ["DYAD_FLOOR_FIGURES"] = saved


@dataclass
class Recorded:
    """What the app sends a reader, delta by delta (elements and blocks, each cached one as
    the message it refers to): on a session's first run (its first page's), which also holds
    what is sent once a session, such as the script that fetches the code of every page's
    elements (``components.element_code``); and on each page when a reader comes back to it,
    which is what every later click gets."""

    first_run: list[ForwardMsg]
    pages: dict[str, list[ForwardMsg]]


async def recorded_messages(url: str) -> Recorded:
    """What the app at ``url`` sends one reader who opens it and visits every page twice."""
    reader = ProtocolReader(url)
    try:
        await reader.connect()
        first_run = reader.messages
        for page in list(reader.pages):
            await reader.rerun(page)
        pages = {}
        for page in list(reader.pages):
            await reader.rerun(page)
            pages[page.name] = reader.messages
        return Recorded(first_run, pages)
    finally:
        await reader.close()


def encoded(messages: list[ForwardMsg]) -> list[str]:
    return [base64.b64encode(message.SerializeToString()).decode("ascii") for message in messages]


async def page_deltas(url: str) -> dict[str, int]:
    """How many deltas each page of the app at ``url`` sends a reader who comes back to it:
    each is a message, which Streamlit handles and sends on its own."""
    return {name: len(messages) for name, messages in (await recorded_messages(url)).pages.items()}


FLOOR_HELP = {
    PADDED: "the floor's pages also draw as many one-character captions as the app's page "
    "sends elements and blocks beside its charts: Streamlit's cost for the number of "
    "messages, which the app's own work is then measured beyond",
    REPLAYED: "the floor's pages send the very messages the app's page sends (its elements "
    "and blocks, charts included, recorded from the app by a protocol reader) and compute "
    "nothing: Streamlit's cost to send and draw the same page, which the app's own work is "
    "then measured beyond",
}


def add_floor_arguments(parser: argparse.ArgumentParser) -> None:
    """``--padded-floor`` or ``--replayed-floor`` (``arguments.floor``), the same-figure floor
    when neither."""
    group = parser.add_mutually_exclusive_group()
    for kind in (PADDED, REPLAYED):
        group.add_argument(
            f"--{kind}-floor",
            dest="floor",
            action="store_const",
            const=kind,
            default=FIGURES,
            help=FLOOR_HELP[kind],
        )


def floor_name(arguments: argparse.Namespace) -> str:
    return FLOORS[arguments.floor]


def results_name(name: str, arguments: argparse.Namespace) -> str:
    """A results CSV's name: ``name``, marked with its floor when not the same-figure one."""
    return name if arguments.floor == FIGURES else f"{name}-{arguments.floor}"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", "--repeat", type=int, default=5)
    add_floor_arguments(parser)
    parser.add_argument("--data", type=Path, default=None, help="a data directory ($DYAD_DATA)")
    parser.add_argument("--pages", default=None, help="comma-separated page titles (default all)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a timeout")
    arguments = parser.parse_args(argv)
    arguments.pages = arguments.pages.split(",") if arguments.pages else None
    return arguments


def report(app: AppServer, floor: AppServer, figures: list[dict], arguments) -> list[dict]:
    """Measure the running app against its running floor (``figures``: what the floor draws),
    print the table and write its CSV; the table's rows."""
    set_timeout(arguments.timeout)
    load_before = load_average()
    times = measure({"Dyad": app.url, "floor": floor.url}, arguments.rounds, arguments.pages)
    charts = {page["title"]: len(page["charts"]) for page in figures}
    charts[FIRST_LOAD] = charts[figures[0]["title"]]
    rows = table_rows(times, charts, "Dyad", "floor")
    print_table(
        rows,
        list(rows[0]),
        f"Page times in Chromium against the {floor_name(arguments)}; medians of {arguments.rounds}"
        f" round(s); load average {load_before} before, {load_average()} after",
    )
    print(f"CSV: {write_csv(rows, results_name('page_times', arguments))}")
    return rows


def main(argv: list[str] | None = None) -> None:
    arguments = parse(argv)
    with app_and_floor(arguments.data, pages=arguments.pages, floor=arguments.floor) as (
        app,
        floor,
        figures,
    ):
        report(app, floor, figures, arguments)


if __name__ == "__main__":
    main()
