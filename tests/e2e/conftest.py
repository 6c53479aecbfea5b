"""Fixtures for the browser tests: the app under ``streamlit run``, Chromium, and a page.

- ``start_app(data_dir=None)`` starts the app (once per data directory and test
  module) and returns its base URL; ``app_url`` is the app on its default data.
- ``page`` is a fresh 1400x900 browser context; a failing test leaves a
  full-page screenshot in ``test-results/<test-name>.png``, and its report
  shows the end of the server log.

Every test in this folder is marked ``e2e``. Waits and locators are in
``tests/e2e/helpers.py``; start and stop code is in ``tests/e2e/server.py``,
shared with ``bench/page_times.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.e2e.server import (
    RESULTS_DIR,
    AppServer,
    ServerStartError,
    launch_chromium,
    start_app_server,
)

E2E_DIR = Path(__file__).resolve().parent
VIEWPORT = {"width": 1400, "height": 900}
SCROLLED_HEIGHT_JS = """() => Math.max(
  ...["[data-testid='stMain']", "[data-testid='stSidebarContent']"].map(
    (selector) => document.querySelector(selector)?.scrollHeight ?? 0))"""

# Servers running now, so a failing test's report can show their logs.
_LIVE_SERVERS: list[AppServer] = []


# A script run on this 2-core machine can take a few seconds while another
# server starts; assertions wait on conditions, so a longer ceiling costs nothing.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e as ``e2e`` (this hook sees the whole session)."""
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """Keep each phase's report on the item (``item.rep_call``) and add server logs to failures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    if report.failed:
        for server in _LIVE_SERVERS:
            report.sections.append((f"app server log {server.log_path}", server.log_tail()))
    return report


class _AppServers:
    """The servers one test module started, one per data directory."""

    def __init__(self, module_name: str) -> None:
        self.module_name = module_name
        self.by_data_dir: dict[Path | None, AppServer] = {}

    def get(self, data_dir: str | Path | None) -> AppServer:
        key = None if data_dir is None else Path(data_dir).resolve()
        if key not in self.by_data_dir:
            name = "default" if key is None else key.name
            log_path = RESULTS_DIR / f"server-{self.module_name}-{name}.log"
            try:
                server = start_app_server(data_dir=key, log_path=log_path)
            except ServerStartError as error:
                pytest.fail(str(error), pytrace=False)
            self.by_data_dir[key] = server
            _LIVE_SERVERS.append(server)
        return self.by_data_dir[key]

    def stop_all(self) -> None:
        for server in self.by_data_dir.values():
            server.stop()
            _LIVE_SERVERS.remove(server)
        self.by_data_dir.clear()


@pytest.fixture(scope="module")
def app_servers(request: pytest.FixtureRequest) -> Iterator[_AppServers]:
    """The module's running servers; all are stopped when the module's tests are done."""
    servers = _AppServers(request.module.__name__.rpartition(".")[2])
    yield servers
    servers.stop_all()


@pytest.fixture(scope="module")
def start_app(app_servers: _AppServers) -> Callable[..., str]:
    """A factory: ``start_app(data_dir=None)`` returns the base URL of the app on that data.

    ``data_dir`` reaches the app as ``$DYAD_DATA``; each directory gets one server per module.
    """

    def start(data_dir: str | Path | None = None) -> str:
        return app_servers.get(data_dir).url

    return start


@pytest.fixture(scope="module")
def app_server(app_servers: _AppServers) -> AppServer:
    """The app on its default data directory (the repository's ``data/``)."""
    return app_servers.get(None)


@pytest.fixture(scope="module")
def app_url(app_server: AppServer) -> str:
    """The base URL of the app on its default data directory."""
    return app_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium (``/usr/bin/chromium`` or ``$DYAD_CHROMIUM``), one per test session."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh context; on failure a full-page screenshot goes to test-results/."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        save_full_page_screenshot(page, request.node.name)
    context.close()


def save_full_page_screenshot(page: Page, test_name: str) -> Path:
    """Screenshot the whole app to ``test-results/<test-name>.png``.

    Streamlit scrolls inside ``stMain``, not the document, so Playwright's
    ``full_page`` alone stops at the viewport: grow the viewport to the
    scrolled height first.
    """
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', test_name)}.png"
    height = page.evaluate(SCROLLED_HEIGHT_JS)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 900), 20_000)})
    page.screenshot(path=path, full_page=True)
    return path
