"""A room of readers: 25 protocol sessions and a few browsers reading the app at once.

    python -m bench.loadtest [--readers 25] [--browsers 2] [--duration 90] [--arrive 5] [--data DIR]
                             [--no-downloads] [--rooms 3]
    make loadtest

On loopback only (127.0.0.1). Each reader reads like a person: it arrives at
a random moment in the first ``--arrive`` seconds, then waits 1–3 s (uniformly random)
between clicks, clicks through every page in the sidebar's order, changes a
Timeline filter, and downloads a CSV and an image where the page offers them
(a chart's, after opening its "Data, CSV and images" expander; not with
``--no-downloads``, which leaves both rooms reading alike), until
``--duration`` seconds are up. Protocol readers (``bench.protocol_reader``)
speak Streamlit's websocket protocol, so 25 of them cost the measuring side
little; their page time is the server's, from the rerun request to
``script_finished``. Browser readers are contexts of one
Chromium; their page time runs to every chart drawn.

The same room then reads the same-figure floor (``bench/same_figure_app.py``,
the app's own figures and nothing else; with ``--padded-floor``, as many other
elements as each app page sends besides; with ``--replayed-floor``, the app page's
very messages, computing nothing), in the same run; ``--rooms`` rooms each
(default 3), who goes first alternating, and the ratio is their median. The report gives,
for each: errors, one lone reader's median page time, the room's p50 and p95,
and the server's RSS before the room, at its peak and per additional session;
then the app's p95 as a ratio to the floor's, and a table of p50 and p95 by page
(which pages the room's p95 is made of). Run by hand; never as a test.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from bench.large_packs import rss_mb
from bench.page_times import (
    REPLAYED,
    add_floor_arguments,
    app_and_floor,
    floor_name,
    load_average,
    results_name,
    write_csv,
)
from bench.protocol_reader import ProtocolReader
from components.ui import CHART_DATA
from tests.e2e.helpers import _APP_IS_READY_JS, _SETTLE_JS, SIDEBAR_NAV, _RunFinished
from tests.e2e.server import CHROMIUM_ARGS, AppServer, chromium_path

THINK_S = (1.0, 3.0)
WAIT_MS = 120_000


@dataclass
class Room:
    """What the readers of one room saw: page times by kind of reader, errors, sessions; and
    whether they download (``--no-downloads``: they only read and filter)."""

    with_downloads: bool = True
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # The protocol readers' page times by page (what the room's p95 is made of).
    by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    downloads: int = 0
    sessions: int = 0

    def error(self, who: str, error: BaseException) -> None:
        self.errors.append(f"{who}: {type(error).__name__}: {error}")


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


async def think(rng: random.Random) -> None:
    await asyncio.sleep(rng.uniform(*THINK_S))


async def protocol_reader(
    url: str, deadline: float, room: Room, rng: random.Random, arrive: float
) -> None:
    """One protocol reader: every page in turn, a filter, downloads, until the deadline."""
    await asyncio.sleep(rng.uniform(0, arrive))
    reader = ProtocolReader(url)
    try:
        room.times["first load"].append(await reader.connect())
        room.sessions += 1
        pages = list(reader.pages)
        start = rng.randrange(len(pages))
        turn = 0
        while time.monotonic() < deadline:
            await think(rng)
            page = pages[(start + turn) % len(pages)]
            turn += 1
            seconds = await reader.rerun(page)
            room.times["page"].append(seconds)
            room.by_page[page.name].append(seconds)
            if page.url_path == "timeline" and reader.of_type("multiselect"):
                await think(rng)
                room.times["filter"].append(await reader.choose("Kind", rng.randrange(3)))
            for label in ("CSV", "PNG") if room.with_downloads else ():
                if time.monotonic() < deadline and rng.random() < 0.5:
                    await think(rng)
                    # A chart's downloads sit in its closed "Data, CSV and images" expander.
                    opened = await reader.open_expander(CHART_DATA)
                    if opened is not None:
                        room.times["open data"].append(opened)
                    if await reader.download(label) is not None:
                        room.downloads += 1
    except Exception as error:  # every failure is a finding to report
        room.error("protocol reader", error)
    finally:
        await reader.close()


async def _rerun_of(page, action) -> None:
    """Run ``action`` and wait until the run it causes has finished and been drawn."""
    stream = page.streams[-1]
    async with stream.expect_event("framereceived", predicate=_RunFinished(), timeout=WAIT_MS):
        await action()
    await page.evaluate(_SETTLE_JS)
    await page.wait_for_function(_APP_IS_READY_JS, timeout=WAIT_MS)


async def browser_reader(
    browser: Browser, url: str, deadline: float, room: Room, rng: random.Random, arrive: float
) -> None:
    """One browser context: the same reading, through the sidebar, the widgets and the toolbar."""
    await asyncio.sleep(rng.uniform(0, arrive))
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = await context.new_page()
        page.streams = []
        page.on(
            "websocket",
            lambda ws: page.streams.append(ws) if ws.url.endswith("/_stcore/stream") else None,
        )
        started = time.perf_counter()
        await page.goto(url)
        await page.wait_for_function(_APP_IS_READY_JS, timeout=WAIT_MS)
        room.times["browser first load"].append(time.perf_counter() - started)
        room.sessions += 1
        titles = [
            t.strip()
            for t in await page.locator(
                f"{SIDEBAR_NAV} a [data-testid='stMarkdownContainer']"
            ).all_inner_texts()
        ]
        turn = rng.randrange(len(titles))
        while time.monotonic() < deadline:
            await think(rng)
            title = titles[turn % len(titles)]
            turn += 1
            link = page.locator(SIDEBAR_NAV).get_by_role("link", name=title, exact=True)
            started = time.perf_counter()
            await _rerun_of(page, link.click)
            room.times["browser page"].append(time.perf_counter() - started)
            kind = page.locator(".st-key-timeline-kind")
            if await kind.count():
                await think(rng)

                async def choose_a_kind(kind=kind) -> None:
                    await kind.locator("button[aria-pressed]").first.click()

                started = time.perf_counter()
                await _rerun_of(page, choose_a_kind)
                room.times["browser filter"].append(time.perf_counter() - started)
            if not room.with_downloads:
                continue
            data = page.locator("[data-testid='stExpander'] summary").filter(has_text=CHART_DATA)
            if await data.count():
                await think(rng)
                started = time.perf_counter()
                await _rerun_of(page, data.first.click)
                room.times["browser open data"].append(time.perf_counter() - started)
            downloads = {
                "CSV": page.locator("[data-testid='stDownloadButton']").filter(has_text="CSV"),
                "image": page.locator(".js-plotly-plot .modebar-btn[data-title^='Download plot']"),
            }
            for name, control in downloads.items():
                if time.monotonic() >= deadline or not await control.count():
                    continue
                await think(rng)
                if name == "image":
                    await page.locator(".js-plotly-plot").first.hover()
                async with page.expect_download(timeout=WAIT_MS) as download:
                    await control.first.click()
                if await (await download.value).path() is None:
                    raise RuntimeError(f"{name} download of {title} failed")
                room.downloads += 1
    except Exception as error:  # every failure is a finding to report
        room.error("browser reader", error)
    finally:
        await context.close()


async def lone_reader(url: str, rounds: int) -> list[float]:
    """One reader alone: every page ``rounds`` times, no waiting; its page times. A first
    round, not timed, visits every page once: a server's first visit to a page builds its
    charts, which the room's readers (arriving later) never wait for either."""
    reader = ProtocolReader(url)
    try:
        await reader.connect()
        for page in list(reader.pages):
            await reader.rerun(page)
        times = []
        for _ in range(rounds):
            for page in list(reader.pages):
                times.append(await reader.rerun(page))
        return times
    finally:
        await reader.close()


async def sample_rss(server: AppServer, until: asyncio.Event, peak: list[float]) -> None:
    while not until.is_set():
        peak.append(rss_mb(server.process.pid))
        await asyncio.sleep(1)


async def run_room(
    server: AppServer,
    browser: Browser | None,
    readers: int,
    browsers: int,
    duration: float,
    seed: int,
    arrive: float,
    downloads: bool = True,
) -> tuple[Room, list[float]]:
    """The room on ``server``: readers arrive within ``arrive`` seconds and read for ``duration``
    more (the browser readers as contexts of ``browser``); what they saw and the server's RSS
    samples."""
    room, rss, done = Room(with_downloads=downloads), [], asyncio.Event()
    deadline = time.monotonic() + arrive + duration
    sampler = asyncio.create_task(sample_rss(server, done, rss))
    try:
        tasks = [
            protocol_reader(server.url, deadline, room, random.Random(seed + number), arrive)
            for number in range(readers)
        ] + [
            browser_reader(
                browser, server.url, deadline, room, random.Random(-seed - number), arrive
            )
            for number in range(browsers)
        ]
        await asyncio.gather(*tasks)
    finally:
        done.set()
        await sampler
    return room, rss


async def run_rooms(
    servers: dict[str, AppServer], arguments
) -> tuple[list[dict], dict, dict[str, dict[str, list[float]]]]:
    """Each server in turn, alone: a lone reader's page times, then the room; ``--rooms``
    times, who goes first alternating. One Chromium serves the browser readers of every
    room. A summary row per server and room (its ``room`` numbered from 1), the errors and
    the page times by page, per server, over every room."""
    rows, errors, by_page = [], defaultdict(list), defaultdict(lambda: defaultdict(list))
    async with async_playwright() as playwright:
        browser = None
        if arguments.browsers:
            browser = await playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=list(CHROMIUM_ARGS)
            )
        try:
            names = list(servers)
            for number in range(1, arguments.rooms + 1):
                # The server that goes first alternates, so a drift of the machine's speed
                # over the run falls on both alike.
                order = names if number % 2 else names[::-1]
                for name in order:
                    server = servers[name]
                    lone = await lone_reader(server.url, arguments.lone_rounds)
                    rss_before = rss_mb(server.process.pid)
                    room, rss = await run_room(
                        server,
                        browser,
                        arguments.readers,
                        arguments.browsers,
                        arguments.duration,
                        arguments.seed + number - 1,
                        arguments.arrive,
                        arguments.downloads,
                    )
                    rows.append({"room": number, **summary(name, lone, room, rss_before, rss)})
                    errors[name].extend(room.errors)
                    for page, seconds in room.by_page.items():
                        by_page[name][page].extend(seconds)
        finally:
            if browser is not None:
                await browser.close()
    return rows, errors, by_page


def summary(name: str, lone: list[float], room: Room, rss_before: float, rss: list[float]):
    pages = room.times["page"]
    peak = max(rss) if rss else float("nan")
    row = {
        "server": name,
        "errors": len(room.errors),
        "sessions": room.sessions,
        "page runs": len(pages),
        "downloads": room.downloads,
        "lone median s": statistics.median(lone),
        "room p50 s": percentile(pages, 0.5) if pages else float("nan"),
        "room p95 s": percentile(pages, 0.95) if pages else float("nan"),
        "browser p50 s": percentile(room.times["browser page"], 0.5)
        if room.times["browser page"]
        else float("nan"),
        "browser p95 s": percentile(room.times["browser page"], 0.95)
        if room.times["browser page"]
        else float("nan"),
        "RSS before MB": rss_before,
        "RSS peak MB": peak,
        "MB per session": (peak - rss_before) / max(1, room.sessions),
    }
    row["p95 / lone median"] = row["room p95 s"] / row["lone median s"]
    return row


def room_ratios(rows: list[dict]) -> list[float]:
    """Each room's p95 of Dyad over the floor's, by room number (rows from ``run_rooms``)."""
    p95 = {(row["room"], row["server"]): row["room p95 s"] for row in rows}
    rooms = sorted({row["room"] for row in rows})
    return [p95[room, "Dyad"] / p95[room, "floor"] for room in rooms]


def print_by_page(by_page: dict[str, dict[str, list[float]]]) -> None:
    """The protocol readers' p50 and p95 by page, Dyad beside the floor: which pages the
    room's p95 is made of."""
    app, floor = by_page.get("Dyad", {}), by_page.get("floor", {})
    if not app:
        return
    print(
        f"\n{'page':<12} {'runs':>5} {'Dyad p50':>9} {'p95':>7} {'floor p50':>10} {'p95':>7} ratio"
    )
    for page, seconds in app.items():
        base = floor.get(page) or [float("nan")]
        mine_95, base_95 = percentile(seconds, 0.95), percentile(base, 0.95)
        print(
            f"{page:<12} {len(seconds):>5} {percentile(seconds, 0.5):9.3f} {mine_95:7.3f}"
            f" {percentile(base, 0.5):10.3f} {base_95:7.3f} {mine_95 / base_95:5.2f}x"
        )


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=25)
    parser.add_argument("--browsers", type=int, default=2)
    parser.add_argument("--duration", type=float, default=90.0, help="seconds of reading")
    parser.add_argument(
        "--arrive", type=float, default=5.0, help="seconds over which readers arrive"
    )
    parser.add_argument("--lone-rounds", type=int, default=2)
    parser.add_argument(
        "--rooms",
        type=int,
        default=3,
        help="rooms per server, who goes first alternating; the ratio reported is their "
        "median (one room's ratio moved 1.68-2.00x between runs of the same code)",
    )
    parser.add_argument("--data", type=Path, default=None, help="a data directory ($DYAD_DATA)")
    parser.add_argument("--seed", type=int, default=1)
    add_floor_arguments(parser)
    parser.add_argument(
        "--downloads",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="readers download a CSV and an image where a page offers them; with "
        "--no-downloads they only read and filter, as alike in both rooms as they can be "
        "(the floor offers no CSV and no server-drawn image; the replayed floor draws the "
        "app's download buttons but cannot serve their files, so it reads with "
        "--no-downloads)",
    )
    arguments = parser.parse_args(argv)
    if arguments.downloads is None:
        arguments.downloads = arguments.floor != REPLAYED
    elif arguments.downloads and arguments.floor == REPLAYED:
        parser.error("the replayed floor cannot serve the app's files: use --no-downloads")
    return arguments


def report(app: AppServer, floor: AppServer, arguments) -> list[dict]:
    """The room on the running app, then on its running floor; print the report, write its
    CSV; the two summary rows."""
    load_before = load_average()
    try:
        rows, errors, by_page = asyncio.run(run_rooms({"Dyad": app, "floor": floor}, arguments))
    except Exception:
        traceback.print_exc()
        raise
    print(
        f"\nA room of {arguments.readers} protocol readers and {arguments.browsers} browser"
        f" readers, {arguments.duration:.0f} s, 1–3 s between clicks, against the"
        f" {floor_name(arguments)}"
        f"{'' if arguments.downloads else ', no downloads'}; load average"
        f" {load_before} before, {load_average()} after"
    )
    for row in rows:
        print(f"\n{row['server']}, room {row['room']} of {arguments.rooms}")
        for key, value in row.items():
            if key in ("server", "room"):
                continue
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {key:<20} {shown}")
    ratios = room_ratios(rows)
    listed = ", ".join(f"{ratio:.2f}x" for ratio in ratios)
    print(
        f"\nDyad room p95 / floor room p95: {statistics.median(ratios):.2f}x"
        + (f", the median of {len(ratios)} rooms ({listed})" if len(ratios) > 1 else "")
    )
    print_by_page(by_page)
    for name, found in errors.items():
        for error in found[:10]:
            print(f"error ({name}): {error}")
    print(f"CSV: {write_csv(rows, results_name('loadtest', arguments))}")
    return rows


def main(argv: list[str] | None = None) -> None:
    arguments = parse(argv)
    with app_and_floor(arguments.data, label="loadtest", floor=arguments.floor) as (
        app,
        floor,
        _,
    ):
        report(app, floor, arguments)


if __name__ == "__main__":
    main()
