"""The few streamlit widgets every page shares: the pack in view, the chart card, sources.

Pack tables are cached on the content of the pack files (a hash of every
file), so an edited pack is picked up on the next rerun and an unchanged one
is never parsed twice. Every text that comes from a pack goes through ``md``
before it reaches markdown, so a pack can never inject markup, links, LaTeX
or icons: it is shown as plain text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from urllib.parse import quote as url_quote

import pandas as pd
import streamlit as st

from components.charts.base import Chart
from components.exports import csv_bytes
from components.packs import LoadResult, default_data_dir, load_packs, pack_fingerprint
from components.tables import PackTables
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
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return md(label)
    return f"[{md(label)}]({url_quote(url, safe=':/?#&=%~+,;@!')})"


@st.cache_data(show_spinner=False, max_entries=8)
def _load_packs(directory: str, fingerprint: str) -> LoadResult:
    del fingerprint  # part of the cache key: the files' content
    return load_packs(directory)


def load_result() -> LoadResult | None:
    """Every pack of the data directory, from cache while its files are unchanged."""
    directory = default_data_dir()
    if not directory.is_dir():
        st.error(
            f"The data directory {md(directory)} does not exist. Set DYAD_DATA to a folder of packs."
        )
        return None
    return _load_packs(str(directory), pack_fingerprint(directory))


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
        st.query_params["pack"] = st.session_state["pack"]
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
    result = load_result()
    pack_id = st.session_state.get("pack")
    if result is None or pack_id not in result.packs:
        st.warning("No valid pack to show. The sidebar lists what needs fixing.")
        st.stop()
    return result.packs[pack_id]


def page_header(tables: PackTables, title: str, intro: str = "") -> None:
    """A page's title, the pair in view and a line of introduction."""
    st.title(title)
    countries = " and ".join(c.name for c in tables.pack.countries)
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


def source_links(sources: pd.DataFrame) -> str:
    """ "Sources: A · B" as markdown, each linked where it has an address."""
    items = [link(row["citation"], row["url"]) for _, row in sources.iterrows()]
    return ("Sources: " if len(items) > 1 else "Source: ") + " · ".join(items)


def chart_card(
    chart: Chart | None, *, missing: str = "This pack has no figures for this chart."
) -> None:
    """A chart with its source line, its rows one click away and a CSV of exactly those rows."""
    if chart is None:
        st.info(missing)
        return
    with st.container(border=True, key=f"chart-{chart.key}"):
        st.plotly_chart(
            chart.figure,
            key=f"plot-{chart.key}",
            theme=None,
            config=plotly_config(chart),
            alt=chart.alt_text,
        )
        st.caption(source_links(chart.sources))
        data, download = st.columns([5, 1], vertical_alignment="top")
        with data, st.expander(f"Data: {len(chart.rows)} rows, with sources and quotes"):
            st.dataframe(chart.rows, hide_index=True, column_config=COLUMN_CONFIG)
        with download:
            table_download(
                chart.rows,
                chart.file_stem,
                key=f"csv-{chart.key}",
                help="The rows behind this chart, with source and quote columns",
            )


COLUMN_CONFIG = {
    "source_url": st.column_config.LinkColumn("source_url"),
    "url": st.column_config.LinkColumn("url"),
    "quote": st.column_config.TextColumn("quote", width="large"),
    "quote_verified": st.column_config.CheckboxColumn(
        "quote verified",
        help="Ticked: the loader found this quote, word for word, in the source's stored text. "
        "Unticked: no stored text to check it against (or no quote).",
    ),
}


def readable_columns(table: pd.DataFrame) -> pd.DataFrame:
    """A table for the screen: each date shown by its label at its precision, not as a
    first-of-period timestamp ("Sep 2025", not 2025-09-01 00:00:00). Downloads keep all."""
    hidden = [
        column
        for column in table.columns
        if f"{column}_label" in table.columns
        and pd.api.types.is_datetime64_any_dtype(table[column])
    ]
    hidden += [c for c in ("span_start", "span_end") if c in table.columns]
    return table.drop(columns=hidden)


def source_popover(row: pd.Series, *, label: str = "Source", key: str | None = None) -> None:
    """One click to the sentence a record came from and the source that said it."""
    with st.popover(label, icon=":material/format_quote:", key=key):
        if pd.notna(row.get("quote")):
            st.markdown(f"> {md(row['quote'])}")
        st.markdown(
            f"**{link(row['source_title'], row['source_url'])}**  \n{md(row['source_citation'])}"
        )
        if pd.notna(row.get("note")):
            st.caption(md(row["note"]))


def table_download(rows: pd.DataFrame, file_stem: str, key: str, help: str | None = None) -> None:
    """A CSV download of exactly ``rows``, formula cells neutralised."""
    st.download_button(
        "CSV",
        csv_bytes(rows),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
        help=help,
    )
