"""Fixtures for the browser tests: the app under ``streamlit run``, and Debian's Chromium.

- ``start_app(data_dir=None)`` starts the app (once per data directory and test
  module) and returns its base URL; ``app_url`` is the app on its default data.
- ``browser``, ``context`` and ``page`` are pytest-playwright's, launched on
  Debian's Chromium (``browser_type_launch_args``) with a 1400x900 viewport
  (``browser_context_args``). A failing test keeps a full-page screenshot
  under ``test-results/<test-id>/`` (the ``--output`` and ``--screenshot``
  options in pyproject.toml; add ``--tracing=retain-on-failure`` for a trace),
  and its report shows the end of the server log.

Every test in this folder is marked ``e2e``. Waits and locators are in
``tests/e2e/helpers.py``; start and stop code is in ``tests/e2e/server.py``,
shared with ``bench/page_times.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.server import (
    CHROMIUM_ARGS,
    RESULTS_DIR,
    AppServer,
    ServerStartError,
    chromium_path,
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
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options, on Debian's Chromium with the flags it needs here."""
    executable = chromium_path()
    if not Path(executable).is_file():
        pytest.exit(
            f"no Chromium at {executable}: install Debian's chromium (make chromium) "
            "or set DYAD_CHROMIUM to a Chromium binary",
            returncode=4,
        )
    return {**browser_type_launch_args, "executable_path": executable, "args": list(CHROMIUM_ARGS)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Every test's context: the app's size on a laptop, downloads allowed."""
    return {**browser_context_args, "viewport": VIEWPORT, "accept_downloads": True}


# The module-scoped tabs some test modules share between their tests.
SHARED_TABS = ("reader", "briefer", "mixed_tab")


@pytest.fixture(autouse=True)
def _whole_app_in_failure_screenshot(request: pytest.FixtureRequest) -> Iterator[None]:
    """Grow a failing test's viewport to the app's scrolled height before its screenshot;
    for a test on a module's shared tab (``SHARED_TABS``), take that tab's screenshot
    (``test-results/<test id>-<tab>-failed.png``).

    Streamlit scrolls inside ``stMain``, not the document, so a full-page
    screenshot alone stops at the viewport. pytest-playwright takes its
    screenshot when the context closes, after this fixture's teardown.
    """
    shared = [name for name in SHARED_TABS if name in request.fixturenames]
    if shared:  # a module's shared tab outlives the test: pytest-playwright shoots none
        tab: Page = request.getfixturevalue(shared[0])
        yield
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed and not tab.is_closed():
            name = re.sub(r"[^\w.-]+", "-", request.node.nodeid)
            RESULTS_DIR.mkdir(exist_ok=True)
            tab.screenshot(path=RESULTS_DIR / f"{name}-{shared[0]}-failed.png")
        return
    if "page" not in request.fixturenames:
        yield
        return
    page: Page = request.getfixturevalue("page")
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and not page.is_closed():
        height = page.evaluate(SCROLLED_HEIGHT_JS)
        page.set_viewport_size(
            {"width": VIEWPORT["width"], "height": min(max(height, 900), 20_000)}
        )
