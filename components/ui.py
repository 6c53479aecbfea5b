"""The few streamlit widgets every page shares: the pack in view, the chart card, sources.

Pack tables are cached on the content of the pack files (a hash of every
file), so an edited pack is picked up on the next rerun and an unchanged one
is never parsed twice. What pages draw from a pack (charts, derived tables,
CSV bytes) is computed once per pack content by ``computed`` and shared by
every session, read-only: a rerun only sends it. Every text that comes from a pack goes through ``md``
before it reaches markdown, so a pack can never inject markup, links, LaTeX
or icons: it is shown as plain text.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import os
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util, runtime

from components import cards, images
from components.catalogue import Catalogue, build_catalogue
from components.charts.base import SLIDE_FIGURE_PX, Chart, in_words, undrawn_metrics
from components.charts.trade import claims_over_time_chart
from components.element_code import element_modules, prefetch_script
from components.exports import csv_bytes
from components.packs import (
    LoadResult,
    default_data_dir,
    folders_of_packs_below,
    load_packs,
    pack_fingerprint,
)
from components.registry import page_spec
from components.tables import PackTables, plural
from components.theme import EXPORT_SIZE

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def today() -> dt.date:
    """Today's date, or ``$DYAD_TODAY`` (YYYY-MM-DD) when set: tests and rehearsals pass in a day.

    A bad value is named on the page and the real date is used, so a typo never stops the app.
    """
    given = os.environ.get("DYAD_TODAY")
    if given:
        try:
            return dt.date.fromisoformat(given)
        except ValueError:
            st.warning(f"DYAD_TODAY={md(given)} is not a date as YYYY-MM-DD; using today's date.")
    return dt.date.today()


def md(text: object) -> str:
    """Pack text escaped for ``st.markdown``: shown exactly as written, never as markup."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def link(label: object, url: object) -> str:
    """A markdown link whose label is plain text and whose address is http(s) only."""
    if not cards.web_address(url):
        return md(label)
    return f"[{md(label)}]({url_quote(url, safe=':/?#&=%~+,;@!')})"


def settle_heap() -> None:
    """Leave every object alive now out of the collector's full passes (``gc.freeze``).

    Called once a pack is loaded and once its charts are built: what they made lives as
    long as the cache that holds it. Python's full collection otherwise walks every object
    of the packs, their charts, pandas, plotly and Streamlit, and holds every session
    still meanwhile: 100-240 ms each, six times in one minute of a room of 25 readers
    (``bench/loadtest.py``), against 7-49 ms once they were left out. What an earlier call
    froze is let go first and collected once (one full pass, at a load or a chart build,
    not in a reader's run), so a pack replaced or charts dropped from the cache are freed,
    not kept for ever.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


# A resource, not data: every session shares the one LoadResult (nobody mutates its
# tables; pandas copies on write), where cache_data would unpickle a copy every rerun.
@st.cache_resource(show_spinner=False, max_entries=8)
def _load_packs(directory: str, fingerprint: str) -> LoadResult:
    del fingerprint  # part of the cache key: the files' content
    result = load_packs(directory)
    settle_heap()
    return result


def load_result(*, say_why: bool = True) -> LoadResult | None:
    """Every pack of the data directory, from cache while its files are unchanged.

    A missing data directory, or one that holds no pack, is named once, by app.py
    (``say_why``); pages ask quietly.
    """
    directory = default_data_dir()
    if not directory.is_dir():
        if say_why:
            st.error(f"The data directory {md(directory)} does not exist. {WHERE_PACKS_GO}")
        return None
    result = _load_packs(str(directory), files_fingerprint(directory))
    if say_why and not result.packs and not result.problems:
        below = [md(folder) for folder in folders_of_packs_below(directory)]
        if len(below) == 1:
            hint = f" {below[0]} holds packs: set DYAD_DATA to it."
        elif below:
            hint = f" {', '.join(below)} hold packs: set DYAD_DATA to one of them."
        else:
            hint = f" {WHERE_PACKS_GO}"
        st.error(
            f"The data directory {md(directory)} holds no pack (a pack is a folder with a "
            f"pack.yaml).{hint}"
        )
    return result


# What a reader is told to do when the data directory has no pack to show.
WHERE_PACKS_GO = "Set DYAD_DATA to a folder of packs, or to one pack's folder."


# The pack files' fingerprint as read at the start of this run, by directory (app.py's
# ``one_read_per_run``): the app, the page and the catalogue each ask for it, and on a pack of
# a thousand stored texts a read (a stat of every file) costs 20 ms.
_THIS_RUN = threading.local()


@contextmanager
def one_read_per_run() -> Iterator[None]:
    """Within, the pack files are looked at once: every ``files_fingerprint`` of a directory
    gives the first one's answer, so one run sees one version of the pack throughout. An
    edit lands on the next run. app.py wraps each run in it (the thread is the run's)."""
    _THIS_RUN.fingerprints = {}
    try:
        yield
    finally:
        _THIS_RUN.fingerprints = None


def files_fingerprint(directory: Path) -> str:
    """``pack_fingerprint(directory)``, read once per run inside ``one_read_per_run``."""
    known = getattr(_THIS_RUN, "fingerprints", None)
    if known is None:
        return pack_fingerprint(directory)
    key = str(directory)
    if key not in known:
        known[key] = pack_fingerprint(directory)
    return known[key]


T = TypeVar("T")
_MEMO_ENTRIES = 2048
_MEMO_LOCK = threading.Lock()
# One memo per loaded PackTables: a changed pack is a new PackTables, so its old
# results go with the old object.
_MEMOS: dict[int, tuple[weakref.ref, OrderedDict]] = {}


def _argument_key(value: object) -> object:
    """A hashable key for a builder argument.

    A frame is keyed by its rows' index and its columns: the frames pages pass
    are selections of the pack's own rows, so the index says which.
    """
    if isinstance(value, pd.DataFrame):
        return ("frame", tuple(value.index), tuple(value.columns))
    if isinstance(value, Chart):
        # A built chart: which chart, of which records (its rows are renumbered from 0, so
        # their index would not tell two selections of the same length apart).
        records = tuple(value.rows["id"]) if "id" in value.rows else len(value.rows)
        return ("chart", value.key, records, value.listed_metrics)
    if isinstance(value, pd.Series):
        return ("row", value.name, tuple(value.index), tuple(map(str, value.to_numpy())))
    if isinstance(value, list | tuple):
        return tuple(_argument_key(item) for item in value)
    return value


def _memo_of(tables: PackTables) -> OrderedDict:
    with _MEMO_LOCK:
        entry = _MEMOS.get(id(tables))
        if entry is None or entry[0]() is not tables:
            for key in [k for k, (ref, _) in _MEMOS.items() if ref() is None]:
                del _MEMOS[key]
            entry = (weakref.ref(tables), OrderedDict())
            _MEMOS[id(tables)] = entry
        return entry[1]


def computed(function: Callable[..., T], tables: PackTables, *args: Any, **kwargs: Any) -> T:
    """``function(tables, *args, **kwargs)``, computed once per pack content and arguments.

    For the pure builders of ``components`` (charts, derived tables): the result
    is shared by every session and every rerun, so nothing may mutate it
    (``st.plotly_chart`` copies a figure before sending it; images copy it too).
    """
    memo = _memo_of(tables)
    key = (
        function.__module__,
        function.__qualname__,
        tuple(_argument_key(a) for a in args),
        tuple(sorted((name, _argument_key(v)) for name, v in kwargs.items())),
    )
    with _MEMO_LOCK:
        if key in memo:
            memo.move_to_end(key)
            return memo[key]
    value = function(tables, *args, **kwargs)
    with _MEMO_LOCK:
        memo[key] = value
        while len(memo) > _MEMO_ENTRIES:
            memo.popitem(last=False)
    return value


# What is derived from an object (a cached chart's rows and sources, a pack table), while
# that object lives: the same objects come back every rerun, so each is derived once.
_DERIVED_LOCK = threading.Lock()
_DERIVED: dict[tuple[int, str], tuple[weakref.ref, Any]] = {}


def _derived(source: Any, function: Callable[[Any], T]) -> T:
    key = (id(source), function.__qualname__)
    with _DERIVED_LOCK:
        entry = _DERIVED.get(key)
        if entry is not None and entry[0]() is source:
            return entry[1]
    value = function(source)
    with _DERIVED_LOCK:
        for stale in [k for k, (ref, _) in _DERIVED.items() if ref() is None]:
            del _DERIVED[stale]
        _DERIVED[key] = (weakref.ref(source), value)
    return value


# CSV bytes by the content of the frame, for frames made anew each rerun (a filtered
# table): hashing a frame costs a tenth of writing its CSV.
_CSV_BY_CONTENT: OrderedDict[tuple, bytes] = OrderedDict()
_CSV_BY_CONTENT_ENTRIES = 64


def _csv_of(rows: pd.DataFrame) -> bytes:
    """``csv_bytes(rows)``, made once per frame object or per frame content."""
    return _derived(rows, _csv_by_content)


def _csv_by_content(rows: pd.DataFrame) -> bytes:
    try:
        hashed = pd.util.hash_pandas_object(rows, index=True).to_numpy().tobytes()
    except TypeError:  # unhashable cells (lists): no key, just write it
        return csv_bytes(rows)
    key = (tuple(rows.columns), hashed)
    with _DERIVED_LOCK:
        if key in _CSV_BY_CONTENT:
            _CSV_BY_CONTENT.move_to_end(key)
            return _CSV_BY_CONTENT[key]
    body = csv_bytes(rows)
    with _DERIVED_LOCK:
        _CSV_BY_CONTENT[key] = body
        while len(_CSV_BY_CONTENT) > _CSV_BY_CONTENT_ENTRIES:
            _CSV_BY_CONTENT.popitem(last=False)
    return body


def pack_selector(result: LoadResult) -> str | None:
    """Choose the pack in view (sidebar, kept in the URL as ``?pack=``); list failed packs."""
    ids = list(result.packs)
    for pack_id, problems in result.problems.items():
        with st.sidebar.expander(f"⚠ Pack {pack_id} was left out", expanded=not ids):
            st.caption(
                f"{len(problems)} problem(s); fix them and the pack loads on the next visit:"
            )
            st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)
    if not ids:
        return None
    wanted = st.query_params.get("pack")
    if st.session_state.get("pack") not in ids:
        st.session_state["pack"] = wanted if wanted in ids else ids[0]
    if len(ids) > 1:
        st.sidebar.selectbox(
            "Country pair",
            ids,
            key="pack",
            format_func=lambda pack_id: result.packs[pack_id].pack.title,
        )
        set_query(["pack"], {"pack": st.session_state["pack"]})
    return st.session_state["pack"]


def _run_through_app() -> None:
    """Make sure a page runs inside app.py's navigation, even on a server's first visit.

    Streamlit treats an app with a ``pages/`` folder the old (v1) way until
    some session has called ``st.navigation``: a first visitor who opens a
    deep link such as ``/timeline?kind=visit`` would run the page script alone,
    without the pack selector or the page registry. ``st.navigation`` clears
    this same flag itself; clearing it here and rerunning sends that first
    visit through app.py, to the same page with the same query.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_pack() -> PackTables:
    """The tables of the pack in view; stops the page when no pack loaded."""
    _run_through_app()
    result = load_result(say_why=False)
    pack_id = st.session_state.get("pack")
    if result is None or pack_id not in result.packs:
        # A pack that failed is listed in the sidebar; a missing or empty data directory is
        # named by app.py above the page.
        if result is not None and result.problems:
            st.warning("No valid pack to show. The sidebar lists what needs fixing.")
        st.stop()
    # Chart cards stamp images with the pack's "as of" date.
    st.session_state["as-of"] = result.packs[pack_id].pack.as_of.label
    return result.packs[pack_id]


@st.cache_resource(show_spinner=False, max_entries=16)
def _catalogue(
    directory: str, fingerprint: str, pack_id: str, day: dt.date, _tables: PackTables
) -> Catalogue:
    del directory, fingerprint, pack_id  # the cache key: which pack, and its files' content
    made = build_catalogue(_tables, day)
    settle_heap()
    return made


def catalogue(tables: PackTables) -> Catalogue:
    """Every chart of the pack, drawn once per pack content and day (read-only: shared)."""
    directory = default_data_dir()
    return _catalogue(str(directory), files_fingerprint(directory), tables.id, today(), tables)


# The app's own CSS, sent on every run:
# - Below 1280 px Streamlit keeps 5rem of empty space each side of the page beside an open
#   sidebar: a 1024 px window drew a claim's chart 500 px wide, too narrow for the text wrapped
#   for the screen (``charts.base.SCREEN_FIGURE_PX``, 606 px). 1.5rem gives it 612 px. (Under
#   640 px Streamlit lays the page out for a phone, padding of its own; a presented slide sets
#   its own.)
# - Below 1024 px (a window half of a 1920 px screen is 960) the open sidebar is 236 px, not
#   300, and the padding 1rem: at 960 px every chart's source line and the claims' titles ran
#   up to 64 px past the right edge of a 548 px claim chart; now it is 628 px, and every
#   window from 944 px up gives a claim's chart at least the 612 px of a 1024 px one. (Under
#   about 770 px Streamlit closes the sidebar over the page.)
# - A row of pills that is wider than its column wraps: Streamlit scrolls it sideways, its
#   scroll bar hidden, so at 1024 px the Timeline's "other" kind was out of sight.
APP_CSS = """<style>
@media (min-width: 640px) and (max-width: 1279.98px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
}
@media (min-width: 640px) and (max-width: 1023.98px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
  [data-testid="stSidebar"][data-collapsed="false"] { width: 236px !important; min-width: 236px !important; }
}
[data-testid="stButtonGroup"] > div { flex-wrap: wrap; overflow-x: visible; }
</style>"""


SIDEBAR_NOTE = "Dyad · every number leads to its source: hover a chart, open a card's Source."


def sidebar_note() -> None:
    """The sidebar's line on what Dyad is, with the app's CSS (``APP_CSS``) in the same
    element: sent on every run (a style a run sends no more is taken away), and one element,
    not two (each element is a message of its own on every page a reader opens)."""
    st.sidebar.caption(f"{SIDEBAR_NOTE}\n\n{APP_CSS}", unsafe_allow_html=True)


def page_header(tables: PackTables, title: str, intro: str = "") -> None:
    """A page's title, the pair in view and a line of introduction."""
    st.title(title)
    countries = in_words([c.name for c in tables.pack.countries])
    st.caption(
        f"{md(tables.pack.title)} · {md(countries)} · sources considered to {md(tables.pack.as_of.label)}"
    )
    if intro:
        st.markdown(intro)


IMAGE_FORMATS = {"PNG": "png", "SVG": "svg"}


def image_format_selector() -> None:
    """Sidebar choice of what every chart toolbar's camera saves: PNG or SVG."""
    st.sidebar.segmented_control(
        "Chart toolbar saves",
        list(IMAGE_FORMATS),
        default="PNG",
        key="image-format",
        help="The camera in each chart's toolbar saves the chart, title and source line "
        "included, at 1600×900 (PNG at 2×, for print; SVG for editing).",
    )


def plotly_config(chart: Chart) -> dict:
    """Toolbar: save the chart at print resolution, named after it; no selection tools."""
    image_format = IMAGE_FORMATS.get(st.session_state.get("image-format") or "PNG", "png")
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": image_format,
            "filename": chart.file_stem,
            **EXPORT_SIZE,
        },
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    }


# The links under a chart: past this many, the rest are counted (a timeline of thousands of
# events cited 2,300 sources, one caption the browser took seconds to lay out); each row's own
# source stays in the Data view, the CSV and the hover.
MAX_SOURCE_LINKS = 30


def source_links(sources: pd.DataFrame) -> str:
    """ "Sources: A · B" as markdown, each linked where it has an address; "· and 12 more, each
    with its rows in the Data view" past ``MAX_SOURCE_LINKS``."""
    return _derived(sources, _source_links)


def _source_links(sources: pd.DataFrame) -> str:
    shown = sources.iloc[:MAX_SOURCE_LINKS]
    items = [link(c, u) for c, u in zip(shown["citation"], shown["url"], strict=True)]
    if len(sources) > len(shown):
        items.append(f"and {len(sources) - len(shown):,} more, each with its rows in the Data view")
    return ("Sources: " if len(sources) > 1 else "Source: ") + " · ".join(items)


PAGE_SIZE = 20
# A list of charts is drawn three at a time: a chart card is most of a screen, and each one
# drawn costs the browser about a quarter of a second here, far more than a line of text.
CHART_PAGE_SIZE = 3


# A page's filters and choosers keep their values for the session: Streamlit otherwise
# forgets a widget's value on a run that does not draw it, so a visit to another page
# would lose the view a reader chose (a deck's slides, a verdict, a search). A value that
# another pack does not offer is dropped by Streamlit when the widget is drawn for it.
KEPT = "session"
# A page's view in the address, so that its link (Copy link, or the address bar) opens the
# same view: a widget bound to the query parameter named by its key (Streamlit keeps the two
# in step, and drops a value the widget does not offer). The Timeline writes its own, shorter
# names (``ui.set_query``), and the Briefing its deck.
BOUND = "query-params"


# A filter of up to this many options is a row of pills: every option in view and one click
# away. Past it (a pack's people on a long timeline), a multiselect that finds an option as
# the reader types, where a row of pills would wrap over many lines.
FEW_OPTIONS = 8


def any_of(
    label: str,
    options: list,
    *,
    key: str,
    everything: str,
    where: Any = st,
    bind: str | None = None,
    format_func: Callable[[Any], str] = str,
    help: str | None = None,
) -> list:
    """A filter, any number of ``options`` chosen; none chosen means ``everything``, as its
    help says (after ``help``). Pills for few options (the format's kinds, statuses,
    verdicts; a pair's people and countries), a multiselect past ``FEW_OPTIONS``; a pill row
    also costs the browser half what a multiselect does to draw on each visit. ``where``: a
    column or container to draw it in. Kept for the session (``KEPT``); in the address with
    ``bind=BOUND``."""
    said = f"{help}. None chosen: {everything}" if help else f"None chosen: {everything}"
    if len(options) > FEW_OPTIONS:
        return where.multiselect(
            label,
            options,
            key=key,
            format_func=format_func,
            placeholder=everything[:1].upper() + everything[1:],
            help=said,
            persist_state=KEPT,
            bind=bind,
        )
    return where.pills(
        label,
        options,
        selection_mode="multi",
        key=key,
        format_func=format_func,
        help=said,
        persist_state=KEPT,
        bind=bind,
    )


def page_of(count: int, noun: str, key: str, size: int = PAGE_SIZE) -> slice:
    """Which ``size`` of ``count`` items to draw: all of a short list; for a long one a
    chooser and a "Showing 1–20 of 1,200 claims" caption, so a page's cost does not
    grow with the pack (filters still apply to every item before paging)."""
    if count <= size:
        return slice(0, count)
    starts = range(0, count, size)
    start = st.selectbox(
        f"{noun.capitalize()} shown",
        starts,
        format_func=lambda first: f"{first + 1}–{min(first + size, count)}",
        key=key,
        persist_state=KEPT,
    )
    start = start if start in starts else 0
    st.caption(f"Showing {start + 1}–{min(start + size, count)} of {count:,} {noun}")
    return slice(start, start + size)


def record_cards(made: list[str], *, kind: str, noun: str, page_key: str) -> None:
    """A page of records as cards, one a row, in one block keyed ``{kind}-cards``: ``made``
    holds each record's card (``components.cards.card``), made once per pack."""
    shown = made[page_of(len(made), noun, key=page_key)]
    with st.container(key=f"{kind}-cards"):
        html(cards.cards_block(shown, rows=True))


def more_figures(tables: PackTables, page: str, drawn: list[Chart | None]) -> None:
    """Every figure of the page's topics that ``drawn`` leaves out, one chart per metric,
    behind one click: the page's own charts come first, and each chart drawn costs the
    browser about a quarter of a second on every visit."""
    metrics = computed(undrawn_metrics, tables, tuple(page_spec(page).topics), drawn)
    if not metrics:
        return

    def body() -> None:
        shown = page_of(len(metrics), "figures", key=f"more-figures-{page}", size=CHART_PAGE_SIZE)
        for metric in metrics[shown]:
            chart_card(
                computed(claims_over_time_chart, tables, metric),
                missing=f"{md(tables.metrics.set_index('metric').loc[metric, 'label'])}: "
                "given without a period, so not drawn on a time axis; see Sources.",
            )

    lazy_expander(
        f"More figures: {plural(len(metrics), 'other measure')} of this page's topics, "
        "each as its sources give it",
        key=f"more-figures-open-{page}",
        body=body,
    )


# What a chart card's closed expander of rows and downloads is called (its label starts so).
CHART_DATA = "Data, CSV and images"


def chart_card(
    chart: Chart | None, *, missing: str = "This pack has no figures for this chart."
) -> None:
    """A chart with its source line, its rows one click away and a CSV of exactly those rows."""
    if chart is None:
        st.info(missing)
        return
    with st.container(border=True, key=f"chart-{chart.key}"):
        st.plotly_chart(
            sent_figure(chart.figure),
            key=f"plot-{chart.key}",
            theme=None,
            config=plotly_config(chart),
            alt=chart.alt_text,
        )
        st.caption(source_links(chart.sources))
        # One closed expander holds the rows and every download: a card sends four elements,
        # not seven, and no CSV is made until a reader opens it.
        lazy_expander(
            f"{CHART_DATA}: {plural(len(chart.rows), 'row')}, with sources and quotes",
            key=f"data-{chart.key}",
            body=lambda: chart_data(chart),
        )


def chart_data(chart: Chart) -> None:
    """A chart's rows with their sources and quotes, then a CSV of exactly those rows and the
    chart as PNG, PNG 4×, SVG and PDF, each image drawn on the server when clicked."""
    dataframe(chart.rows, hide_index=True, column_config=COLUMN_CONFIG)
    available = images_available()
    if not available:
        st.warning(images.missing_chromium_message(), icon=":material/warning:")
    as_of = st.session_state.get("as-of", "")
    with st.container(horizontal=True, vertical_alignment="center", key=f"tools-{chart.key}"):
        table_download(
            chart.rows,
            chart.file_stem,
            key=f"csv-{chart.key}",
            help="The rows above, with source and quote columns",
        )
        for fmt, spec in images.FORMATS.items():
            made_on_click_download(
                spec.label,
                partial(images.chart_image, chart, fmt, as_of),
                file_name=images.file_name(chart, fmt),
                mime=spec.mime,
                key=f"image-{fmt}-{chart.key}",
                disabled=not available,
                icon=":material/image:",
                help="16:9, 1600×900, title, source line and as-of date inside",
            )


def made_on_click_download(
    label: str,
    make: Callable[[], bytes | str],
    *,
    file_name: str,
    mime: str,
    key: str,
    **options: Any,
) -> None:
    """A download button whose file ``make`` makes on the server when clicked, on a thread of
    its own (the page never waits for it), and which is still there when the browser asks.

    Streamlit 1.67 stores the file a deferred download makes referenced by no session, and
    the end of any session's run prunes such files (one run marks, the next deletes): with
    other readers busy, the file was often gone before the browser fetched it (8 of 15 PNGs
    and 13 of 15 SVGs answered 404 beside six busy sessions). So the made file is also
    registered in a slot of its own (``keep_made_file``), which no run's prune touches.
    """

    def made() -> bytes | str:
        data = make()
        keep_made_file(data, mime, file_name)
        return data

    st.download_button(
        label, made, file_name=file_name, mime=mime, key=key, on_click="ignore", **options
    )


# How many made files are kept past the prune: a file stays until this many newer ones.
MADE_FILES_KEPT = 32
_made_files = itertools.count()


def keep_made_file(data: bytes | str, mime: str, file_name: str) -> None:
    """Register ``data`` with Streamlit's media files, so that the stored file of the same
    bytes, type and name a deferred download serves is not pruned before it is fetched. The
    last ``MADE_FILES_KEPT`` made files are kept, each in a slot a newer one takes over."""
    if not runtime.exists():
        return
    payload = data.encode("utf-8") if isinstance(data, str) else data
    slot = next(_made_files) % MADE_FILES_KEPT
    runtime.get_instance().media_file_mgr.add(
        payload,
        mime,
        coordinates=f"dyad-made-on-click/{slot}",
        file_name=file_name,
        is_for_static_download=True,
    )


class _SentFigure(go.Figure):
    """A finished figure as ``st.plotly_chart`` takes it, its dict form made once.

    ``st.plotly_chart`` asks a figure for ``to_dict()`` on every run: a deep copy of
    every trace, 1-2 ms a chart here, for figures that are built once per pack and
    never changed after (every session shares them). This one hands over the dict
    it was made with; Streamlit only reads it (to JSON, for the browser).
    """

    def __init__(self, spec: dict) -> None:
        super().__init__()
        self._dyad_spec = spec

    def to_dict(self) -> dict:
        return self._dyad_spec


def sent_figure(figure: go.Figure) -> go.Figure:
    """``figure`` for ``st.plotly_chart``, converted once per figure object (see _SentFigure)."""
    return _derived(figure, _sent)


def _sent(figure: go.Figure) -> go.Figure:
    return _SentFigure(figure.to_dict())


# The height a slide's chart is laid out for (its title's place); it is drawn as high as the
# screen leaves it.
SLIDE_CHART_HEIGHT = 700


def slide_figure(chart: Chart, as_of: str) -> Any:
    """The chart as a presented slide shows it (the export's styling, its source line inside),
    as high as the screen leaves it (no height of its own: ``st.plotly_chart(height="stretch")``
    in a slide the presenting CSS makes a screen high), made once per chart: a presenter's every
    click reruns the page."""

    def present(chart: Chart) -> Any:
        figure = images.export_figure(
            chart, as_of, height=SLIDE_CHART_HEIGHT, text_px=SLIDE_FIGURE_PX
        )
        figure.layout.height = None
        return figure

    return _derived(chart, present)


class _FinishedHtml:
    """HTML the app made whole (escaped, no indentation to undo), for ``st.html``.

    ``st.html`` runs a string through ``textwrap.dedent`` on every call, a pass over every
    line: a millisecond a run for the dozen cards of a page, and more for a source's whole
    text. An object's ``_repr_html_()`` is taken as it is (Streamlit's documented way in).
    """

    def __init__(self, body: str) -> None:
        self.body = body

    def _repr_html_(self) -> str:
        return self.body


def html(body: str) -> None:
    """``st.html(body)`` for HTML made by the app (``components.cards`` and the like), sent
    as it is."""
    st.html(_FinishedHtml(body))


def lazy_expander(label: str, *, key: str, body: Callable[[], None]) -> None:
    """An expander whose ``body`` runs (and is sent) only while it is open.

    A closed one costs the page its label alone: no table travels to the
    browser, and none is drawn there, until a reader asks for it. Opening it
    reruns the page (its state is kept in ``st.session_state[key]``).
    """
    expander = st.expander(label, key=key, on_change="rerun")
    if expander.open:
        with expander:
            body()


def lazy_popover(
    label: str, *, key: str, body: Callable[[], None], icon: str | None = None
) -> None:
    """A popover whose ``body`` runs (and is sent) only while it is open; as ``lazy_expander``."""
    menu = st.popover(label, icon=icon, key=key, on_change="rerun")
    if menu.open:
        with menu:
            body()


def count_run() -> None:
    """Number this session's runs (app.py, once a run): :func:`run_number`."""
    st.session_state["dyad-run"] = st.session_state.get("dyad-run", 0) + 1


def run_number() -> int:
    """Which run of this session this is, from 1: a page can tell whether the run before
    was its own."""
    return st.session_state.get("dyad-run", 0)


def query_now() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The address's query as it stands, sorted: a cache key and a thing to compare."""
    return tuple((key, tuple(st.query_params.get_all(key))) for key in sorted(st.query_params))


def set_query(owned: Iterable[str], wanted: Mapping[str, str | Iterable[str]]) -> None:
    """Make the address's keys ``owned`` (and ``wanted``'s) hold ``wanted``, a key left out
    removed and every other key kept: nothing is sent when the address already holds them
    (each write to ``st.query_params`` is a message, and a history entry in the browser; a
    page that writes its view into the address does so on every run). Set keys go in one
    message; each key removed is one more (a reader's change of one filter touches one key).
    Only the keys owned are touched: a key bound to a widget (``BOUND``) may not be written
    here, and ``from_dict`` would rewrite every key."""
    lists = {
        key: [value] if isinstance(value, str) else list(value) for key, value in wanted.items()
    }
    changed = {key: value for key, value in lists.items() if st.query_params.get_all(key) != value}
    if changed:
        st.query_params.update(changed)
    for key in set(owned) - set(lists):
        if key in st.query_params:
            del st.query_params[key]


def share_link() -> str:
    """The address of this view: page, pack, filters and slide, as the browser would open it."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    if st.session_state.get("pack"):
        params["pack"] = [st.session_state["pack"]]
    query = urlencode(params, doseq=True)
    return (st.context.url or "") + (f"?{query}" if query else "")


def prefetch_element_code() -> None:
    """Have the browser fetch the code of every page's elements once the page in view is drawn
    (``components.element_code``): a first visit to another page then waits for no module.

    Sent on a session's first run only: the tab keeps the code it fetched (a reload is a new
    session), and a script of a few kilobytes is not sent again with every click.
    """
    if element_modules() and not st.session_state.get("element-code-sent"):
        st.sidebar.html(prefetch_script(), unsafe_allow_javascript=True)
        st.session_state["element-code-sent"] = True


def copy_link(key: str = "copy-link") -> None:
    """A "Copy link" control: the view's address, with a copy button (made when opened)."""

    def body() -> None:
        st.caption("This view, as a link: page, pack, filters and slide.")
        st.code(share_link(), language=None, wrap_lines=True)

    lazy_popover("Copy link", icon=":material/link:", key=key, body=body)


def images_available() -> bool:
    """``images.images_available()`` once per session and ``$DYAD_CHROMIUM``: it looks for a
    browser on disk, and a page asks for every chart card."""
    known = st.session_state.setdefault("images-available", {})
    chromium = os.environ.get("DYAD_CHROMIUM", "")
    if chromium not in known:
        known[chromium] = images.images_available()
    return known[chromium]


COLUMN_CONFIG = {
    "source_url": st.column_config.LinkColumn("source_url"),
    "url": st.column_config.LinkColumn("url"),
    "quote": st.column_config.TextColumn("quote", width="large"),
    # What a source's record says, beside its quote: sized to its longest text, it pushed the
    # quote out of a 1024 px window.
    "record": st.column_config.TextColumn("record", width="medium"),
    "quote_verified": st.column_config.CheckboxColumn(
        "quote verified",
        help="Ticked: the loader found this quote, word for word, in the source's stored text. "
        "Unticked: no stored text to check it against (or no quote).",
    ),
}


def dataframe(rows: pd.DataFrame, **options: Any) -> None:
    """``st.dataframe(rows, **options)``, converted to Arrow once per frame object.

    A cached chart's rows and a pack's tables come back as the same objects
    every rerun; Streamlit would convert them again each time (the same
    ``convert_pandas_df_to_arrow_table``, so the bytes sent are the same).
    """
    st.dataframe(_derived(rows, _arrow_table), **options)


def _arrow_table(rows: pd.DataFrame) -> pa.Table:
    return dataframe_util.convert_pandas_df_to_arrow_table(blank_missing_text(rows))


def blank_missing_text(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with a missing text (a source without an address, a record without a quote)
    as an empty cell: the table would show a missing value as a grey "None", which reads as
    a value, and the CSV of the same rows leaves such a cell empty."""
    text = [
        column
        for column in rows.columns
        if (
            pd.api.types.is_string_dtype(rows[column])
            or rows[column].dtype == object
            or isinstance(rows[column].dtype, pd.CategoricalDtype)
        )
        and rows[column].isna().any()
    ]
    if not text:
        return rows
    return rows.assign(**{column: _blank(rows[column]) for column in text})


def _blank(column: pd.Series) -> pd.Series:
    """``column`` with its missing values as empty text. A category of the format's (an
    event's ``end_precision`` when it has no end) becomes text: Streamlit's table draws a
    category's empty text as a grey "None" too (seen in Chromium)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("string")
    return column.fillna("")


def readable_table(tables: PackTables, name: str) -> pd.DataFrame:
    """The pack's table ``name`` as ``readable_columns`` shows it, made once per pack content."""
    return computed(_readable_table, tables, name)


def _readable_table(tables: PackTables, name: str) -> pd.DataFrame:
    return readable_columns(tables.table(name))


def readable_columns(table: pd.DataFrame) -> pd.DataFrame:
    """A table for the screen: each date shown by its label at its precision, not as a
    first-of-period timestamp ("Sep 2025", not 2025-09-01 00:00:00), and no exclusive end of
    a period or span. Downloads keep all."""
    hidden = [
        column
        for column in table.columns
        if f"{column}_label" in table.columns
        and pd.api.types.is_datetime64_any_dtype(table[column])
    ]
    # Ends are exclusive (2022's period ends at 2023-01-01): the label says when, not they.
    hidden += [c for c in ("period_end", "span_start", "span_end") if c in table.columns]
    return table.drop(columns=hidden)


def table_download(
    rows: pd.DataFrame, file_stem: str, key: str, help: str | None = None, label: str = "CSV"
) -> None:
    """A CSV download of exactly ``rows``, formula cells neutralised."""
    st.download_button(
        label,
        _csv_of(rows),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
        help=help,
    )
