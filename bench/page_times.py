"""How long each page of the app takes to draw in Chromium, against a one-chart floor.

    python -m bench.page_times [--repeat 3] [--data DIR]

For each repeat, in a fresh browser context: the time from ``page.goto`` to
the first page (Overview) drawn, then for every link of the sidebar navigation
the time from the click to that page drawn. "Drawn" means the script run has
finished and every visible plotly chart has its SVG (``wait_for_app``).

The floor is ``bench/floor_app.py``, one plotly chart of four points, served
and measured the same way in the same browser: its load, and its rerun (the
``r`` key) as the floor for a click. Each row prints its best and median in ms
and its median as a ratio to the matching floor median; the ratio is what to
compare across machines. Server logs go to ``bench/results/``. Run by hand;
never as a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.helpers import (
    current_page_title,
    expect_rerun,
    open_from_sidebar,
    sidebar_page_titles,
    wait_for_app,
    watch_script_runs,
)
from tests.e2e.server import REPO, launch_chromium, start_app_server

RESULTS = REPO / "bench" / "results"
VIEWPORT = {"width": 1400, "height": 900}
FLOOR_LOAD = "floor app: load"
FLOOR_RERUN = "floor app: rerun (r key)"


def timed(action: Callable[[], object]) -> float:
    """Seconds that ``action`` takes, by ``time.perf_counter``."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def open_page(browser: Browser) -> Page:
    page = browser.new_context(viewport=VIEWPORT).new_page()
    watch_script_runs(page)
    return page


def load(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def rerun_with_r_key(page: Page) -> None:
    with expect_rerun(page):
        page.keyboard.press("r")


def measure_floor(browser: Browser, url: str, times: dict[str, list[float]]) -> None:
    page = open_page(browser)
    times[FLOOR_LOAD].append(timed(partial(load, page, url)))
    times[FLOOR_RERUN].append(timed(partial(rerun_with_r_key, page)))
    page.context.close()


def measure_app(browser: Browser, url: str, times: dict[str, list[float]]) -> None:
    """Load the app, then open every sidebar page, the first page last."""
    page = open_page(browser)
    first_page_time = timed(partial(load, page, url))
    titles = sidebar_page_titles(page)
    first_title = current_page_title(page) if titles else "app"
    times[f"{first_title}: load"].append(first_page_time)
    # Leave the current page for last, so every click arrives from another page.
    for title in sorted(titles, key=lambda title: title == first_title):
        times[f"{title}: click"].append(timed(partial(open_from_sidebar, page, title)))
    page.context.close()


def print_table(times: dict[str, list[float]], repeat: int) -> None:
    floor_load = statistics.median(times[FLOOR_LOAD])
    floor_rerun = statistics.median(times[FLOOR_RERUN])
    print(f"\nPage times in Chromium, {repeat} run(s) each; ratio = median / floor median")
    print(f"{'page':<34} {'best ms':>9} {'median ms':>10} {'ratio':>7}")
    for label, seconds in times.items():
        floor = floor_rerun if label.endswith(("click", "(r key)")) else floor_load
        median = statistics.median(seconds)
        print(
            f"{label:<34} {min(seconds) * 1000:9.0f} {median * 1000:10.0f} {median / floor:6.1f}x"
        )
    print("load rows are compared with the floor's load; click rows with the floor's rerun")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=None, help="a data directory ($DYAD_DATA)")
    arguments = parser.parse_args()
    times: dict[str, list[float]] = defaultdict(list)
    floor_server = start_app_server(
        "bench/floor_app.py", log_path=RESULTS / "page_times-floor-server.log"
    )
    app_server = None
    try:
        app_server = start_app_server(
            data_dir=arguments.data, log_path=RESULTS / "page_times-app-server.log"
        )
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for _ in range(arguments.repeat):
                measure_floor(browser, floor_server.url, times)
                measure_app(browser, app_server.url, times)
            browser.close()
    finally:
        floor_server.stop()
        if app_server is not None:
            app_server.stop()
    print_table(times, arguments.repeat)


if __name__ == "__main__":
    main()
