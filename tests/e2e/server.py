"""The processes a browser test drives: ``streamlit run`` on a free port, and Chromium.

One copy of the start and stop code, shared by ``tests/e2e/conftest.py`` and
``bench/page_times.py``. A server is ready when ``/_stcore/health`` answers
``ok``; its stdout and stderr go to a log file so a failure can show them.
Chromium is Debian's (``/usr/bin/chromium``, or ``$DYAD_CHROMIUM``), because
``playwright install`` needs the internet.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Playwright

from components.images import CHROMIUM_FLAGS, UNSEEN_BROWSER_UI

REPO = Path(__file__).resolve().parents[2]
RESULTS_DIR = REPO / "test-results"
READY_TIMEOUT_S = 60.0
# What Playwright 1.65's own launch disables (its chromiumSwitches.ts). Chromium keeps only the
# last --disable-features of a command line and Playwright puts its own first, so a list of
# ours must repeat these (tests/unit/test_browser_flags.py compares them with the driver's).
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
# UNSEEN_BROWSER_UI: headless Chromium 156 preloads the address bar's popup (two WebUI
# renderers) in every browser context, about a CPU-second each time for a window nobody sees.
# Debian's Chromium as the app's own image exports launch it, and without the unseen UI.
CHROMIUM_ARGS = (
    *CHROMIUM_FLAGS,
    "--disable-features=" + ",".join((*PLAYWRIGHT_DISABLED_FEATURES, *UNSEEN_BROWSER_UI)),
)


class ServerStartError(RuntimeError):
    """The app did not answer its health check; the message holds its log."""


@dataclass
class AppServer:
    """A running ``streamlit run`` and where to reach it."""

    process: subprocess.Popen
    url: str
    log_path: Path

    def log_tail(self, characters: int = 4000) -> str:
        """The end of the server's combined stdout and stderr."""
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-characters:]

    def stop(self) -> None:
        """End the server's whole process group: SIGTERM, then SIGKILL after 10 s."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_app_server(
    script: str | Path = "app.py",
    *,
    data_dir: str | Path | None = None,
    log_path: Path | None = None,
    timeout: float = READY_TIMEOUT_S,
) -> AppServer:
    """Start ``streamlit run script`` from the repository root and wait until it is healthy.

    Args:
        script: the app to run, relative to the repository root.
        data_dir: passed to the app as ``$DYAD_DATA``; None runs it on its default
            data directory (an inherited ``$DYAD_DATA`` is removed).
        log_path: where the server's stdout and stderr go; defaults to
            ``test-results/server-<port>.log``.
        timeout: seconds to wait for ``/_stcore/health`` to answer ``ok``.

    Raises:
        ServerStartError: the server exited or stayed unhealthy; the message
            carries the end of its log.
    """
    # The free port can be taken between probing and binding; try another then.
    for attempt in range(3):
        server = _launch(script, free_port(), data_dir, log_path)
        try:
            wait_until_healthy(server, timeout)
        except ServerStartError:
            server.stop()
            if attempt < 2 and "is not available" in server.log_tail():
                continue
            raise
        except BaseException:
            server.stop()
            raise
        return server
    raise AssertionError("unreachable")


def _launch(
    script: str | Path, port: int, data_dir: str | Path | None, log_path: Path | None
) -> AppServer:
    url = f"http://127.0.0.1:{port}"
    log_path = log_path or RESULTS_DIR / f"server-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    environment.pop("DYAD_DATA", None)
    if data_dir is not None:
        environment["DYAD_DATA"] = str(data_dir)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with log_path.open("w", encoding="utf-8") as log:
        log.write(f"$ {' '.join(command)}\n# DYAD_DATA={environment.get('DYAD_DATA', '')}\n")
        log.flush()
        # A new session makes the server the leader of its own process group, so
        # stop() ends it and anything it spawned, and nothing else.
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return AppServer(process=process, url=url, log_path=log_path)


def wait_until_healthy(server: AppServer, timeout: float) -> None:
    """Poll ``/_stcore/health`` until it answers ``ok``, the process exits, or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise ServerStartError(
                f"streamlit exited with status {server.process.returncode} before it was "
                f"healthy; log {server.log_path}:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200 and answer.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise ServerStartError(
                f"streamlit at {server.url} did not answer /_stcore/health with 'ok' within "
                f"{timeout:.0f} s; log {server.log_path}:\n{server.log_tail()}"
            )
        # A poll interval, not a wait for the UI: the server is a separate process.
        time.sleep(0.1)


def chromium_path() -> str:
    """Debian's Chromium, or ``$DYAD_CHROMIUM`` when set."""
    return os.environ.get("DYAD_CHROMIUM") or "/usr/bin/chromium"


def launch_chromium(playwright: Playwright) -> Browser:
    """A headless Chromium from :func:`chromium_path`, with the flags this machine needs."""
    executable = chromium_path()
    if not Path(executable).is_file():
        raise FileNotFoundError(
            f"no Chromium at {executable}: install Debian's chromium (make chromium) "
            "or set DYAD_CHROMIUM to a Chromium binary"
        )
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
    )
