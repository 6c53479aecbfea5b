"""Chart images drawn on the server: PNG (2× and 4×), SVG and PDF, 16:9, by kaleido.

kaleido 1.x drives a headless Chromium (Debian's, found by ``find_chromium``).
One browser is kept per process and started on the first image asked for,
never before; every image goes through it behind one lock, because Streamlit
serves sessions on threads and a kaleido browser takes one request at a time.
Images are cached per figure and format, so a second click costs nothing.

Why not ``kaleido.start_sync_server``: its callers wait without a timeout on a
queue that a thread fills, and when that thread dies (no browser, or one that
fails to start) they wait for ever. Here the browser lives on an event loop of
our own and every wait has a deadline; a missing Chromium is reported before
anything starts, in a message that says how to install it.

Each image is the chart as the app draws it (title, subtitle with its unit,
source line inside) at 1600×900, with the pack's "as of" date added bottom
right, so an image carries its provenance wherever it goes.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import copy
import hashlib
import io
import logging
import os
import shutil
import threading
from collections import OrderedDict
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

import plotly.graph_objects as go

from components.charts.base import SCREEN_FIGURE_PX, SOURCE_CHAR_PX, Chart, fit_text, plain

WIDTH, HEIGHT = 1600, 900
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Flags beyond kaleido's own: no sandbox (root in containers), no GPU, and no
# network traffic of the browser's own, so images draw the same offline.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# Headless Chromium 156 preloads the address bar's popup as WebUI renderers in every window,
# which no image needs (a renderer's memory and about a CPU-second each time it starts).
UNSEEN_BROWSER_UI = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
START_TIMEOUT = 30.0
RENDER_TIMEOUT = 30.0
CACHE_ENTRIES = 96
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImageFormat:
    """A format a reader can download: its label, kaleido format, scale and file type."""

    label: str
    format: str
    scale: int
    extension: str
    mime: str


FORMATS = {
    "png": ImageFormat("PNG", "png", 2, "png", "image/png"),
    "png4": ImageFormat("PNG 4×", "png", 4, "png", "image/png"),
    "svg": ImageFormat("SVG", "svg", 1, "svg", "image/svg+xml"),
    "pdf": ImageFormat("PDF", "pdf", 1, "pdf", "application/pdf"),
}


class ImagesUnavailable(RuntimeError):
    """Server-side images cannot be drawn here; the message says why and what to do."""


class RenderTimeout(ImagesUnavailable):
    """Chromium took too long over one image; it is started afresh for the next."""


def find_chromium() -> str | None:
    """The Chromium to draw with: ``$DYAD_CHROMIUM`` when set, else one on the PATH or Debian's.

    A ``$DYAD_CHROMIUM`` that is not an executable file means no browser: it
    is never silently replaced by another.
    """
    given = os.environ.get("DYAD_CHROMIUM")
    if given:
        return given if os.path.isfile(given) and os.access(given, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return DEBIAN_CHROMIUM if os.access(DEBIAN_CHROMIUM, os.X_OK) else None


def missing_chromium_message() -> str:
    """What a reader is told when no Chromium is found, and how to get one."""
    given = os.environ.get("DYAD_CHROMIUM")
    where = f"DYAD_CHROMIUM={given} is not a browser" if given else "No Chromium was found"
    return (
        f"{where}, so images cannot be drawn on the server. Install it with "
        "`apt-get install chromium` (Debian; `make test` does this) or set DYAD_CHROMIUM "
        "to a Chromium binary. The camera in the chart's toolbar still saves an image."
    )


def images_available() -> bool:
    """True when a Chromium to draw with is installed (a quick check of the file system)."""
    return find_chromium() is not None


def export_figure(
    chart: Chart, as_of: str, height: int = HEIGHT, text_px: int = SCREEN_FIGURE_PX
) -> go.Figure:
    """The chart as exported: 1600×900 (or taller), title 24 px from the top, "as of" bottom
    right, its title, subtitle and source line wrapped for 1600 px.

    A slide or a report on screen asks for another ``height`` and takes the screen's width:
    its text is wrapped for ``text_px`` (the narrowest screen it is drawn on).
    """
    figure = go.Figure(copy.deepcopy(chart.figure.to_dict()))
    width = WIDTH if height == HEIGHT else None
    note = f"Dyad · sources to {plain(as_of)}"
    # The source line ends short of the note at its right: on a 1024 px slide, one line of
    # sources ran under it.
    fit_text(figure, width or text_px, keep_right_px=len(note) * SOURCE_CHAR_PX + 24)
    # A chart that needs more than 900 px (a bar per record of a large pack) keeps its own
    # height: squeezed, its labels cannot fit and plotly's automargin never settles.
    if width and (chart.figure.layout.height or 0) > HEIGHT:
        height = chart.figure.layout.height
    figure.update_layout(width=width, height=height, title={"y": 1 - 24 / height})
    bottom = figure.layout.margin.b or 90
    figure.add_annotation(
        text=note,
        xref="paper",
        yref="paper",
        x=1,
        y=0,
        xanchor="right",
        yanchor="top",
        yshift=-(bottom - 32),
        showarrow=False,
        align="right",
        font={"size": 14, "color": "#404040"},
        name="as-of",
    )
    return figure


class _Browser:
    """One kaleido browser on an event loop of its own; every call has a deadline."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def render(self, figure: dict, fmt: ImageFormat) -> bytes:
        path = find_chromium()
        if path is None:
            raise ImagesUnavailable(missing_chromium_message())
        layout = figure.get("layout", {})
        width, height = layout.get("width") or WIDTH, layout.get("height") or HEIGHT
        opts = {"format": fmt.format, "width": width, "height": height, "scale": fmt.scale}
        with self.lock:
            if self._kaleido is None:
                self._start(path)
            future = asyncio.run_coroutine_threadsafe(
                self._kaleido.calc_fig(figure, opts), self._loop
            )
            try:
                return future.result(RENDER_TIMEOUT)
            except BaseException as error:
                future.cancel()
                # A browser that failed once is started afresh for the next image.
                self._stop()
                if isinstance(error, FutureTimeout):
                    raise RenderTimeout(
                        f"Chromium did not draw the image within {RENDER_TIMEOUT:.0f} s"
                    ) from error
                raise

    def _start(self, path: str) -> None:
        import kaleido  # imported on first use: it starts nothing, but is slow to import

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="dyad-kaleido", daemon=True).start()

        async def open_browser():
            browser = kaleido.Kaleido(
                path=path, mathjax=False, timeout=RENDER_TIMEOUT, browser_cls=_dyad_chromium()
            )
            await browser.open()
            return browser

        self._loop = loop
        future = asyncio.run_coroutine_threadsafe(open_browser(), loop)
        try:
            self._kaleido = future.result(START_TIMEOUT)
        except BaseException as error:
            future.cancel()
            self._stop()
            raise ImagesUnavailable(f"Chromium at {path} did not start: {error}") from error

    def _stop(self) -> None:
        loop, browser = self._loop, self._kaleido
        self._loop, self._kaleido = None, None
        if loop is None:
            return
        if browser is not None:
            # Closing a broken browser is best effort.
            with contextlib.suppress(BaseException):
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)

    def close(self) -> None:
        with self.lock:
            self._stop()


def _dyad_chromium():
    """choreographer's Chromium with Dyad's flags added to its command line."""
    from choreographer.browsers.chromium import Chromium

    class DyadChromium(Chromium):
        def get_cli(self):
            cli = list(super().get_cli())
            ours = [*CHROMIUM_FLAGS, "--disable-features=" + ",".join(UNSEEN_BROWSER_UI)]
            if any(flag.startswith("--disable-features") for flag in cli):
                # Chromium honours only the last one: keep choreographer's list.
                ours.pop()
            return cli + [flag for flag in ours if flag not in cli]

    return DyadChromium


_BROWSER = _Browser()
atexit.register(_BROWSER.close)
_CACHE: OrderedDict[tuple[str, str], bytes] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def chart_image(chart: Chart, fmt: str, as_of: str) -> bytes:
    """The chart as an image in format ``fmt`` (a key of ``FORMATS``), drawn once and cached.

    Raises:
        ImagesUnavailable: no Chromium here (the message says how to install
            it), or it failed to start or draw in time.
    """
    figure = export_figure(chart, as_of)
    if fmt == "pdf" and (figure.layout.height or HEIGHT) > HEIGHT:
        # Chromium's PDF of a page taller than 16:9 never returns: such a chart's PDF
        # holds its 2× PNG instead (the same picture, its text not selectable).
        return _png_as_pdf(figure_image(figure, "png"))
    return figure_image(figure, fmt)


def _png_as_pdf(png: bytes) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(out, format="PDF", resolution=200)
    return out.getvalue()


def figure_image(figure: go.Figure, fmt: str) -> bytes:
    """Any figure laid out for 1600×900 as an image in format ``fmt``, drawn once and cached."""
    image_format = FORMATS[fmt]
    spec = figure.to_dict()
    key = (hashlib.sha256(figure.to_json().encode()).hexdigest(), fmt)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    try:
        image = _BROWSER.render(spec, image_format)
    except RenderTimeout as error:
        # Seen about once in a hundred PDFs under load: the browser was restarted; try once more.
        _LOG.warning("%s: drawing the %s once more in a new browser", error, image_format.label)
        image = _BROWSER.render(spec, image_format)
    with _CACHE_LOCK:
        _CACHE[key] = image
        while len(_CACHE) > CACHE_ENTRIES:
            _CACHE.popitem(last=False)
    return image


def file_name(chart: Chart, fmt: str) -> str:
    """``russia-china-trade-by-year.png``; the 4× PNG says so: ``...-4x.png``."""
    suffix = "-4x" if fmt == "png4" else ""
    return f"{chart.file_stem}{suffix}.{FORMATS[fmt].extension}"


def close_browser() -> None:
    """Close the browser (it starts again on the next image); for tests and benchmarks."""
    _BROWSER.close()
