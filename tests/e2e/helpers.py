"""Waits and locators for driving the Streamlit app in Chromium, shared by tests and bench.

Every wait here is on a condition, never on a duration. The test ids were
checked against the installed Streamlit 1.67 frontend bundle
(``streamlit/static/static/js/index.*.js``): ``stApp`` with
``data-test-script-state`` (``initial``, ``running``, ``notRunning``, ...),
``stSpinner``, ``stStatusWidgetRunningIcon``, ``stSkeleton`` (an element whose
code is still loading), ``stException``, ``stAlertContentError`` (built as
``stAlertContent`` + the capitalised kind), ``stPlotlyChart``, ``stSidebarNav``,
and ``data-stale`` on element containers from a previous run.

Why :func:`expect_rerun` exists: after a click, Streamlit's frontend keeps
``notRunning`` until the server's first message of the new run arrives, and
React often draws the whole run in one go, so ``notRunning`` is never seen to
change (about one click in five when measured). Waiting on the attribute alone
then returns before the run has even started. :func:`expect_rerun` instead
waits for the server to report the new run finished on the app's websocket.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, WebSocket
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# A ceiling, not a wait: a run on a busy 2-core machine can take many seconds.
WAIT_MS = 60_000
# What a reader would see go wrong: an exception, an error or a warning box.
ERROR_SELECTORS = (
    "[data-testid='stException']",
    "[data-testid='stAlertContentError']",
    "[data-testid='stAlertContentWarning']",
)
PLOTLY_CHARTS = "[data-testid='stPlotlyChart'] .js-plotly-plot"
SIDEBAR_NAV = "[data-testid='stSidebarNav']"

# True when the app has finished a run and drawn it: script state notRunning,
# nothing stale, loading or spinning, and every visible plotly chart has its SVG.
_APP_IS_READY_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const busy = "[data-stale='true'], [data-testid='stSpinner'], [data-testid='stSkeleton'],"
    + " [data-testid='stStatusWidgetRunningIcon']";
  if (app.querySelector(busy)) return false;
  // A chart in a closed tab or expander is not drawn until it is shown.
  return Array.from(app.querySelectorAll("[data-testid='stPlotlyChart']"))
    .filter((chart) => chart.checkVisibility())
    .every((chart) => chart.querySelector(".js-plotly-plot .main-svg") !== null);
}"""

_APP_STATE_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const count = (selector) => document.querySelectorAll(selector).length;
  return {
    scriptState: app ? app.getAttribute("data-test-script-state") : "no stApp",
    stale: count("[data-stale='true']"),
    spinners: count("[data-testid='stSpinner']"),
    loading: count("[data-testid='stSkeleton']"),
    charts: count("[data-testid='stPlotlyChart']"),
    drawnCharts: count("[data-testid='stPlotlyChart'] .js-plotly-plot .main-svg"),
  };
}"""

# Let the page finish the tasks already queued (the websocket messages the
# server sent and the React render they schedule) before reading the DOM.
_SETTLE_JS = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"

_STREAMS: weakref.WeakKeyDictionary[Page, list[WebSocket]] = weakref.WeakKeyDictionary()


def wait_for_app(page: Page, timeout: float = WAIT_MS) -> None:
    """Wait until the app has finished its script run and drawn it, charts included.

    Sound after a page load (the state starts at ``initial``); after a click or
    a widget change use :func:`expect_rerun`.
    """
    try:
        page.wait_for_function(_APP_IS_READY_JS, timeout=timeout)
    except PlaywrightTimeoutError as error:
        state = page.evaluate(_APP_STATE_JS)
        raise AssertionError(
            f"the app was not ready within {timeout / 1000:.0f} s: {state}"
        ) from error


def goto(page: Page, base_url: str, path: str = "") -> None:
    """Open ``base_url/path`` and wait until the app has run and drawn."""
    watch_script_runs(page)
    page.goto(f"{base_url.rstrip('/')}/{path.lstrip('/')}")
    wait_for_app(page)


def watch_script_runs(page: Page) -> None:
    """Remember the page's app websocket, which :func:`expect_rerun` listens on.

    Call before the page opens the app; :func:`goto` does.
    """
    if page in _STREAMS:
        return
    streams: list[WebSocket] = []
    _STREAMS[page] = streams

    def remember(websocket: WebSocket) -> None:
        if websocket.url.endswith("/_stcore/stream"):
            streams.append(websocket)

    page.on("websocket", remember)


class _RunFinished:
    """A websocket-frame predicate: a run started, then ended other than by a rerun."""

    def __init__(self) -> None:
        self.started = False

    def __call__(self, payload: str | bytes) -> bool:
        if not isinstance(payload, bytes):
            return False
        message = ForwardMsg.FromString(payload)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.started = True
            return False
        return (
            self.started
            and kind == "script_finished"
            and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        )


@contextmanager
def expect_rerun(page: Page, timeout: float = WAIT_MS) -> Iterator[None]:
    """Wait, after the body's action, until the run it caused has finished and been drawn.

    Use around anything that makes Streamlit rerun (a click on a page link, a
    widget change). The body must cause a run, or this fails after ``timeout``.

    Example:
        with expect_rerun(page):
            page.locator(".st-key-country").get_by_role("combobox").fill("China")
    """
    streams = [stream for stream in _STREAMS.get(page, []) if not stream.is_closed()]
    if not streams:
        raise RuntimeError("expect_rerun needs a page opened with goto()")
    with streams[-1].expect_event("framereceived", predicate=_RunFinished(), timeout=timeout):
        yield
    page.evaluate(_SETTLE_JS)
    wait_for_app(page, timeout)


# Resolves once the element has stayed where it is, at the same size, for ten frames, with no
# element loading above it. A table's code loads lazily: until it has, a short placeholder
# stands in its place and the buttons below it sit higher. Playwright's own check (two
# frames) let a click's press land on a download button and its release, 34 ms later, on the
# table that had pushed it down: a lost click (seen about once in ten full runs).
_STEADY_JS = """(element) => new Promise((done) => {
  let last = "", same = 0, frames = 0;
  const tick = () => {
    frames += 1;
    const box = element.getBoundingClientRect();
    const now = `${box.x},${box.y},${box.width},${box.height}`;
    const loading = document.querySelector("[data-testid='stSkeleton']");
    same = now === last && !loading ? same + 1 : 0;
    last = now;
    // Never waits for ever: after 600 frames (ten seconds) the click goes ahead.
    if (same >= 10 || frames > 600) done(); else requestAnimationFrame(tick);
  };
  tick();
})"""

# Records where the pointer's events land (capture phase, on the window) and any download
# button's error, for a failure to show.
_RECORD_POINTER_JS = """() => {
  window.dyadPointer = [];
  if (window.dyadPointerRecorded) return;
  window.dyadPointerRecorded = true;
  const describe = (node) => node && node.closest
    ? [node.tagName, node.closest("[data-testid]")?.getAttribute("data-testid"),
       node.closest("[class*='st-key-']")?.className.match(/st-key-[^ ]+/)?.[0],
       (node.innerText || "").slice(0, 30)].join(" ")
    : String(node);
  for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
    window.addEventListener(type, (event) => window.dyadPointer.push(
      `${type} at ${event.clientX},${event.clientY} on ${describe(event.target)}`
      + ` scrollY=${window.scrollY} t=${Math.round(performance.now())}`), true);
  }
  // A download button's error shows for five seconds only: keep its words.
  new MutationObserver(() => {
    for (const shown of document.querySelectorAll("[data-testid='stDownloadButtonError']")) {
      const said = `download button error: ${shown.innerText}`;
      if (!window.dyadPointer.includes(said)) window.dyadPointer.push(said);
    }
  }).observe(document.body, {childList: true, subtree: true});
}"""


def download(page: Page, button: Locator, timeout: float = WAIT_MS) -> tuple[str, bytes]:
    """Click a download ``button`` as a reader does; the file's suggested name and its bytes.

    Should no download start within ``timeout``, the failure says what happened after the
    click: the messages the tab sent and got on the app's websocket (a deferred download
    asks the server for its file in one), the media files it requested and their answers,
    the button's own error text and the browser's console, so a lost click can be told
    from a slow or failed file. The click waits until the button has stopped moving
    (``_STEADY_JS``), as a reader's eye does.
    """
    trail: list[str] = []
    clicked = time.monotonic()

    def note(what: str) -> None:
        trail.append(f"{(time.monotonic() - clicked) * 1000:7.0f} ms  {what}")

    streams = [stream for stream in _STREAMS.get(page, []) if not stream.is_closed()]

    def sent(payload) -> None:
        note(f"sent on the websocket: {len(payload)} bytes")

    def received(payload) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            note(f"received on the websocket: {message.WhichOneof('type')}")

    def answered(response) -> None:
        if "/media/" in response.url:
            note(f"media file {response.url}: HTTP {response.status}")

    def console(message) -> None:
        note(f"console {message.type}: {message.text}")

    listeners = [(page, "response", answered), (page, "console", console)]
    for stream in streams[-1:]:
        listeners += [(stream, "framesent", sent), (stream, "framereceived", received)]
    for target, event, listener in listeners:
        target.on(event, listener)
    page.evaluate(_RECORD_POINTER_JS)
    button.evaluate(_STEADY_JS, timeout=timeout)
    try:
        with page.expect_download(timeout=timeout) as info:
            clicked = time.monotonic()
            button.click()
            note(f"click done, the button at {button.bounding_box()}")
        return info.value.suggested_filename, Path(info.value.path()).read_bytes()
    except PlaywrightTimeoutError as error:
        shown = button.locator("xpath=ancestor::*[@data-testid='stDownloadButton'][1]")
        errors = shown.locator("[data-testid='stDownloadButtonError']").all_inner_texts()
        note(f"button disabled: {button.is_disabled()}; its error text: {errors}")
        for event in page.evaluate("() => window.dyadPointer || []"):
            note(f"(in the page) {event}")
        raise AssertionError(
            f"no download within {timeout / 1000:.0f} s of the click; after it:\n  "
            + "\n  ".join(trail or ["nothing on the websocket, no media file, no console"])
        ) from error
    finally:
        for target, event, listener in listeners:
            target.remove_listener(event, listener)


def open_chart_data(page: Page, chart_key: str) -> Locator:
    """Open the "Data, CSV and images" expander of the chart card ``chart_key`` as a reader
    does, and wait for the run that draws its rows and downloads; the opened expander."""
    data = page.locator(f".st-key-chart-{chart_key} .st-key-data-{chart_key}")
    if data.locator("details[open]").count() == 0:  # a click on an open one would close it
        with expect_rerun(page):
            data.locator("summary").click()
    # Drawn: its CSV button is on screen (the rows and every download come in one run).
    data.locator(f".st-key-csv-{chart_key}").get_by_role("button").wait_for(
        state="visible", timeout=WAIT_MS
    )
    return data


def headline_card(page: Page, record_id: str) -> Locator:
    """The Overview's headline card of the record ``record_id`` (one card of the block of HTML
    in the container keyed ``headline-cards``)."""
    return page.locator(f".st-key-headline-cards [data-record='{record_id}']")


def no_error_elements(page: Page) -> None:
    """Assert the page shows no exception, error or warning (call once the app is ready)."""
    for selector in ERROR_SELECTORS:
        texts = page.locator(selector).all_inner_texts()
        assert not texts, f"{len(texts)} {selector} on the page: {texts}"


def plotly_charts(page: Page) -> Locator:
    """The plotly charts Streamlit has rendered (``st.plotly_chart``)."""
    return page.locator(PLOTLY_CHARTS)


def sidebar_nav_links(page: Page) -> Locator:
    """The page links of the sidebar navigation (``st.navigation``)."""
    return page.locator(SIDEBAR_NAV).get_by_role("link")


def sidebar_page_titles(page: Page) -> list[str]:
    """The titles of the sidebar's page links, top to bottom (without their icons)."""
    titles = page.locator(f"{SIDEBAR_NAV} a [data-testid='stMarkdownContainer']")
    return [title.strip() for title in titles.all_inner_texts()]


def current_page_title(page: Page) -> str:
    """The title of the sidebar link marked as the page in view."""
    current = page.locator(
        f"{SIDEBAR_NAV} a[aria-current='page'] [data-testid='stMarkdownContainer']"
    )
    return current.inner_text().strip()


def open_from_sidebar(page: Page, title: str, timeout: float = WAIT_MS) -> None:
    """Click the sidebar link titled ``title`` and wait until that page has run and drawn."""
    link = page.locator(SIDEBAR_NAV).get_by_role("link", name=title, exact=True)
    with expect_rerun(page, timeout):
        link.click()


def on_page(page: Page, title: str) -> Page:
    """``page`` on the app's page titled ``title``: through the sidebar, unless it is there."""
    if current_page_title(page) != title:
        open_from_sidebar(page, title)
    return page


@contextmanager
def shared_tab(
    browser: Browser, context_args: dict, base_url: str, path: str = ""
) -> Iterator[Page]:
    """A tab a module's tests share, opened once at ``base_url/path``: the tests go on from
    where the one before left it, as a reader does (a fresh tab loads the whole app again).
    Also one test's own tab, of a screen size of its own (``context_args``' viewport)."""
    context = browser.new_context(**context_args)
    try:
        page = context.new_page()
        goto(page, base_url, path)
        yield page
    finally:
        context.close()


def element_code_prefetched(page: Page, timeout: float = WAIT_MS) -> list[dict]:
    """Wait until the app's prefetch of element code (``components.element_code``) has
    settled in ``page``; each module's outcome (``status``, and ``reason`` if it failed)."""
    page.wait_for_function("() => window.dyadPrefetch !== undefined", timeout=timeout)
    return page.evaluate(
        """() => window.dyadPrefetch.then((outcomes) => outcomes.map((o) => (
             {status: o.status, reason: o.reason ? String(o.reason) : ""})))"""
    )


def record_code_requests(page: Page) -> list[str]:
    """A list that fills with the address of every script, stylesheet and font ``page``
    requests from now on: what a first visit to a page would wait for."""
    requested: list[str] = []
    page.on(
        "request",
        lambda request: (
            requested.append(request.url)
            if request.resource_type in ("script", "stylesheet", "font")
            else None
        ),
    )
    return requested


def apart(first: dict, second: dict) -> bool:
    """Whether two bounding boxes (Playwright's ``bounding_box()``) share no pixel."""
    return (
        first["x"] + first["width"] <= second["x"]
        or second["x"] + second["width"] <= first["x"]
        or first["y"] + first["height"] <= second["y"]
        or second["y"] + second["height"] <= first["y"]
    )


def nothing_cut(chart: Locator, where: str) -> None:
    """Everything drawn with the chart ends inside it: its title, its source line, its labels
    and ticks, none cut off at an edge, and nothing is written over its source line. At 1280
    px the planned volumes' source line ran 74 px past the right edge (at 1400 too), the
    trade chart's 4 px, a two-line agreements title 14 px, and a bar's label "50 bcm/yr"
    read "50 bcm"."""
    cut = chart.evaluate(
        """(plot) => {
          const figure = plot.querySelector('svg.main-svg').getBoundingClientRect();
          const drawn = '.annotation, .bartext, .g-gtitle, .g-gtitle-subtitle, .xtick, .ytick';
          return [...plot.querySelectorAll(drawn)]
            .map((element) => [element.textContent.slice(0, 50), element.getBoundingClientRect()])
            .filter(([, box]) => box.left < figure.left - 0.5 || box.right > figure.right + 0.5)
            .map(([text, box]) => [text, Math.round(box.left - figure.left),
                                   Math.round(box.right - figure.left), Math.round(figure.width)]);
        }"""
    )
    assert cut == [], (where, cut)
    # Nor is the source line written over: the claim charts' labels, turned aslant under
    # their bars, and later an axis title, ran across it.
    over = chart.evaluate(
        """(plot) => {
          const drawn = '.annotation, .bartext, .xtick, .ytick, .g-xtitle, .g-ytitle, .legendtext';
          const boxes = [...plot.querySelectorAll(drawn)].map(
            (element) => [element.textContent.slice(0, 50), element.getBoundingClientRect()]);
          const source = boxes.filter(([text]) => /^Sources?: /.test(text));
          const apart = (a, b) => a.right <= b.left || b.right <= a.left
            || a.bottom <= b.top || b.bottom <= a.top;
          return boxes.filter(([text, box]) => !/^Sources?: /.test(text) && text
            && source.some(([, line]) => !apart(line, box))).map(([text]) => text);
        }"""
    )
    assert over == [], (where, "written over the source line", over)
    # Nor is a label or a tick written over another: two stated shares two months apart, 92%
    # and 90%, were drawn one over the other. (Labels turned aslant have boxes that touch by
    # a pixel or two where the words do not: 3 px are let pass.)
    crossed = chart.evaluate(
        """(plot) => {
          const drawn = '.textpoint text, .annotation-text, .bartext, .legendtext, '
            + '.xtick text, .ytick text';
          const boxes = [...plot.querySelectorAll(drawn)]
            .filter((element) => element.textContent.trim())
            .map((element) => [element.textContent.slice(0, 50), element.getBoundingClientRect()]);
          const apart = (a, b) => a.right <= b.left + 3 || b.right <= a.left + 3
            || a.bottom <= b.top + 3 || b.bottom <= a.top + 3;
          return boxes.flatMap(([text, box], i) => boxes.slice(i + 1)
            .filter(([, other]) => !apart(box, other)).map(([other]) => [text, other]));
        }"""
    )
    assert crossed == [], (where, "labels written over each other", crossed)
