"""What every Dyad chart shares: the Chart record, source lines, hover text, finishing.

A builder turns a pack's tables into a ``Chart``: the plotly figure with its
finding as title, its measure as subtitle and its source line drawn inside
(so every export carries it), the exact rows drawn (for the Data view and
the CSV, with source and quote columns), the sources behind them and a
one-line text alternative. Builders are pure functions of the tables: the
page, the deck and the HTML report call the same ones.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.tables import PackTables
from components.theme import TEMPLATE_NAME

# What every downloaded row carries so a reader can find where it came from.
PROVENANCE_COLUMNS = [
    *("source", "source_citation", "source_title", "source_url", "quote", "quote_verified"),
    "note",
]
FIGURE_COLUMNS = [
    *("id", "metric", "metric_label", "period_label", "value", "unit", "status"),
    *PROVENANCE_COLUMNS,
]
EVENT_COLUMNS = [
    *("id", "when", "date_precision", "title", "kind", "status", "place", "host_label"),
    "people_label",
    *PROVENANCE_COLUMNS,
]
AGREEMENT_COLUMNS = [
    *("id", "title", "kind", "status", "date_label", "sectors_label", "amount_label", "count"),
    *PROVENANCE_COLUMNS,
]


@dataclass(frozen=True)
class Chart:
    """A finished chart and everything a card, a CSV or an export needs of it."""

    key: str
    title: str
    subtitle: str
    figure: go.Figure
    rows: pd.DataFrame
    sources: pd.DataFrame
    summary: str
    pack_id: str
    # Metrics of the list this chart is one page of, beyond its own rows (a page's chooser
    # reaches the rest): a page's "More figures" does not draw them again.
    listed_metrics: frozenset[str] = frozenset()

    @property
    def file_stem(self) -> str:
        """The name downloads of this chart carry: ``russia-china-trade-by-year``."""
        return f"{self.pack_id}-{self.key}"

    @property
    def source_line(self) -> str:
        return source_line(self.sources)

    @property
    def alt_text(self) -> str:
        """Title, subtitle and summary: the chart's text alternative."""
        return f"{self.title}. {self.subtitle}. {self.summary}"


def plain(text: object) -> str:
    """Pack text made safe for plotly's HTML-like labels: shown as written, never as markup."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return html.escape(str(text), quote=False)


def wrapped(text: object, width: int = 64) -> str:
    """Plain text wrapped for a hover box."""
    return "<br>".join(textwrap.wrap(plain(text), width)) if plain(text) else ""


def hover_text(lines: Iterable[tuple[str, object]], quote: object = None) -> str:
    """Hover content: labelled lines, then the quote in quotation marks."""
    parts = [f"{label}{plain(value)}" for label, value in lines if plain(value)]
    if plain(quote):
        parts.append("“" + wrapped(quote) + "”")
    return "<br>".join(parts)


FIGURE_HOVER_COLUMNS = [
    *("value_label", "period_label", "status", "metric_label", "source_citation", "note"),
    "quote",
]


def figure_hover(row: pd.Series | dict) -> str:
    """The hover of one figure: value, period, status, source, note and quote."""
    heading = f"<b>{plain(row['value_label'])}</b> · {plain(row['period_label'])}"
    if row["status"] != "reported":
        heading += f" · <i>{plain(row['status'])}</i>"
    parts = [heading, plain(row["metric_label"]), "Source: " + plain(row["source_citation"])]
    if pd.notna(row["note"]):
        parts.append("Note: " + wrapped(textwrap.shorten(str(row["note"]), 160)))
    if pd.notna(row["quote"]):
        parts.append("“" + wrapped(row["quote"]) + "”")
    return "<br>".join(parts)


HOVER_TEMPLATE = "%{hovertext}<extra></extra>"


def in_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c": a list as a sentence names it."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def listed_hover(heading: str, items: Iterable[object], most: int = 12) -> str:
    """A hover of a heading and the records it counts, at most ``most`` of them named."""
    items = list(items)
    lines = [("", heading)] + [("· ", item) for item in items[:most]]
    if len(items) > most:
        lines.append(("", f"… and {len(items) - most} more"))
    return hover_text(lines)


# A tick a year while there are this many years or fewer; plotly's own ticks past that.
YEAR_TICKS_AT_MOST = 15


def year_ticks(first: int, last: int) -> dict:
    """An axis's ticks for the years ``first`` to ``last``: one a year and none past them,
    while that stays readable. Plotly's own ran on past the last year (a tick for 2026 under
    a series that ends in 2025) or, for a century of years, were turned upright and ran over
    the source line."""
    years = range(first, last + 1)
    return {"tickvals": list(years)} if len(years) <= YEAR_TICKS_AT_MOST else {}


def count_axis(largest: float, **extra) -> dict:
    """An axis of whole numbers from zero: a tick per unit only while that stays readable."""
    return {"rangemode": "tozero", **({"dtick": 1} if largest <= 12 else {}), **extra}


def records(rows: pd.DataFrame) -> list[dict]:
    """Each row as a dict of column to value: ``iterrows`` builds a Series per row (and an
    object array of the whole frame first), many times slower on a large pack."""
    return rows.to_dict("records")


def figure_hovers(rows: pd.DataFrame) -> dict:
    """Trace arguments that show each figure's value, source and quote on hover."""
    return {
        "hovertext": [figure_hover(row) for row in records(rows[FIGURE_HOVER_COLUMNS])],
        "hovertemplate": HOVER_TEMPLATE,
    }


def chart_from(
    tables: PackTables,
    *,
    key: str,
    figure: go.Figure,
    title: str,
    subtitle: str,
    rows: pd.DataFrame,
    summary: str,
    **layout,
) -> Chart:
    """Finish ``figure`` (title, subtitle, source line) and wrap it with the rows it draws."""
    sources = sources_of(tables, rows)
    return Chart(
        key=key,
        title=title,
        subtitle=subtitle,
        figure=finish(figure, title=title, subtitle=subtitle, sources=sources, **layout),
        rows=rows.reset_index(drop=True),
        sources=sources,
        summary=summary,
        pack_id=tables.id,
    )


def sources_of(tables: PackTables, rows: pd.DataFrame) -> pd.DataFrame:
    """The pack's sources behind ``rows``, in the order rows first cite them."""
    cited = list(dict.fromkeys(rows["source"].dropna()))
    sources = tables.sources.set_index("id").loc[cited].reset_index()
    return sources[["id", "citation", "publisher", "title", "url", "date", "date_label"]]


# A source line stays a few lines long however many sources a chart has: past this many
# characters (about seven lines of an export), a publisher's dates become their span, then the
# publishers that no longer fit are counted (each row's source is in the chart's data, its CSV
# and its hover).
MAX_SOURCE_LINE = 800


def source_line(sources: pd.DataFrame) -> str:
    """ "Source: A (May 2025); B (2020, 2025)" — every source, shortest form, one per publisher;
    when that is too long to print, "C (2001 to 2025, 14 dates)" for a publisher of many
    dates and "… and 85 more publishers, named in the data" for those that do not fit."""
    if sources.empty:
        return ""
    by_publisher: dict[str, list[str]] = {}
    ordered = sources.sort_values("date", kind="stable")  # same date: in the order cited
    for publisher, citation in ordered[["publisher", "citation"]].itertuples(index=False):
        when = citation.rsplit("(", 1)[-1].rstrip(")")
        dates = by_publisher.setdefault(publisher, [])
        if when not in dates:
            dates.append(when)
    heading = "Sources: " if len(by_publisher) > 1 else "Source: "
    items = [f"{publisher} ({', '.join(dates)})" for publisher, dates in by_publisher.items()]
    if len(heading + "; ".join(items)) <= MAX_SOURCE_LINE:
        return heading + "; ".join(items)
    items = [
        f"{publisher} ({dates[0]} to {dates[-1]}, {len(dates)} dates)"
        if len(dates) > 2
        else f"{publisher} ({', '.join(dates)})"
        for publisher, dates in by_publisher.items()
    ]
    shown: list[str] = []
    for number, item in enumerate(items):
        more = f"and {len(items) - number} more publishers, named in the data"
        if len(heading + "; ".join([*shown, item, more])) > MAX_SOURCE_LINE:
            return heading + "; ".join([*shown, more])
        shown.append(item)
    return heading + "; ".join(shown)


# Plotly wraps none of a figure's text, so it is wrapped here for the width the figure is drawn
# at. On screen that is the narrowest figure a reader meets: a claim's chart in a 1024 px window
# with the sidebar open, 612 px (at 960 px, the sidebar narrower, 628; at 1280 px, 756; the
# server cannot know the window: ``ui.APP_CSS``). A 16:9
# export (1600 px), a slide and the offline report (a screen 1024 px wide or wider, no sidebar:
# 928 px) are wrapped again for their own width (``fit_text``): wrapped for 606 px, the
# report's timeline, 680 px high, had 17 lines of sources and a plot a third of its height.
SCREEN_FIGURE_PX = 606
SLIDE_FIGURE_PX = 928
# Average widths, measured in Chromium: the 22 px bold title (50 characters fit 606 px; 64 ran
# past 756), the subtitle (78 fit 606; 88 ran 34 px past), the 14 px source line.
TITLE_CHAR_PX = 12.1
SUBTITLE_CHAR_PX = 7.8
# An axis label's character, on average: 6.8-8.1 px in 16 px Liberation Sans (Arial's metrics),
# and a line of it under the axis.
AXIS_CHAR_PX = 7.7
AXIS_LINE_PX = 19
SOURCE_CHAR_PX = 6.6
# However wide the figure, a line of text stays short enough to read in one sweep.
TITLE_MOST_CHARS = 64
SUBTITLE_MOST_CHARS = 110
SOURCE_MOST_CHARS = 160


def source_wrap(figure: go.Figure, width_px: float = SCREEN_FIGURE_PX) -> int:
    """How many characters a line of the source line may hold in a figure ``width_px`` wide:
    the line starts where the plot does, so fewer where long category labels on the y axis
    (a bar per route, a row per kind) push the plot to the right. A line of 112, as before,
    ran 200 px past the right edge of the planned-volumes chart."""
    longest = 0
    for trace in figure.data:
        labels = getattr(trace, "y", None)
        if labels is None or isinstance(labels, dict) or not len(labels):
            continue  # none, or values as a copied figure holds them (a typed array)
        if not isinstance(labels[0], str):
            continue  # values, not categories
        lines = (
            line for label in set(labels) if isinstance(label, str) for line in label.split("<br>")
        )
        longest = max(longest, max((len(line) for line in lines), default=0))
    plot_left = max(70, 7.5 * longest + 30)
    return min(SOURCE_MOST_CHARS, max(40, int((width_px - plot_left) / SOURCE_CHAR_PX)))


def _lines(text: str, width_px: float, char_px: float, most: int) -> list[str]:
    return textwrap.wrap(text, min(most, int(width_px / char_px)))


def finish(
    figure: go.Figure,
    *,
    title: str,
    subtitle: str,
    sources: pd.DataFrame,
    height: int = 520,
    axis_label_lines: int = 1,
) -> go.Figure:
    """Put the finding, the measure and the source line inside the figure, wrapped for the
    screen (``SCREEN_FIGURE_PX``); ``fit_text`` wraps them again for an export or a slide.

    The words are kept in the figure's ``meta`` (``finish``), escaped as they are drawn (pack
    text is plain text), so any copy of it can be wrapped again; the margins grow with the
    lines: nothing is cut at a card's width, on a projector or in a 16:9 export.
    """
    figure.update_layout(
        template=TEMPLATE_NAME,
        meta={
            "finish": {
                "title": plain(title),
                "subtitle": plain(subtitle),
                "source": plain(source_line(sources)),
                "height": height,
                "axis_label_lines": axis_label_lines,
            }
        },
    )
    figure.add_annotation(
        text="",
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 14, "color": "#404040"},
        name="source-line",
    )
    return fit_text(figure, SCREEN_FIGURE_PX)


def fit_text(figure: go.Figure, width_px: float, *, keep_right_px: float = 0) -> go.Figure:
    """Wrap a finished figure's title, subtitle and source line (``finish``) for a figure
    ``width_px`` wide, its margins and height with them; in place, and returned. The source
    line leaves ``keep_right_px`` free at its right, for a note drawn beside it."""
    words = figure.layout.meta["finish"]
    title_lines = _lines(words["title"], width_px, TITLE_CHAR_PX, TITLE_MOST_CHARS) or [""]
    subtitle_lines = _lines(words["subtitle"], width_px, SUBTITLE_CHAR_PX, SUBTITLE_MOST_CHARS)
    source_width = source_wrap(figure, width_px - keep_right_px)
    source_lines = textwrap.wrap(words["source"], source_width) or [""]
    top = 36 + 30 * len(title_lines) + 22 * len(subtitle_lines) + 44
    # Multi-line category labels under the x axis push the source line down.
    bottom = 64 + 20 * len(source_lines) + AXIS_LINE_PX * (words["axis_label_lines"] - 1)
    total_height = words["height"] + top + bottom - 190
    figure.update_layout(
        title={
            "text": "<b>" + "<br>".join(title_lines) + "</b>",
            "subtitle": {"text": "<br>".join(subtitle_lines)},
            # 24 px from the top of the figure as it is drawn.
            "y": 1 - 24 / total_height,
            "yanchor": "top",
        },
        height=total_height,
        margin={"t": top, "b": bottom},
    )
    figure.update_annotations(
        {"text": "<br>".join(source_lines), "yshift": -(bottom - 20 * len(source_lines) - 12)},
        selector={"name": "source-line"},
    )
    return figure


def span_years(years: Iterable[int]) -> str:
    """ "2013–2025" or "2024" for a set of years."""
    years = sorted(set(years))
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def document_sources(tables: PackTables) -> set[str]:
    """Sources whose claims the pack checks: the documents the pack is about.

    Falls back to sources with a stored text when the pack has no checks.
    """
    checked = set(tables.checks["source"])
    if checked:
        return checked
    return set(tables.sources.loc[tables.sources["text"].notna(), "id"])


def split_series(tables: PackTables, rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The context series (one value a year, first source wins) and every other point.

    Points from the documents the pack checks are kept apart, so a reader sees
    the document's figure beside the series that tests it. When only the
    documents give the metric, their figures are the series: there is no other.
    """
    from_documents = rows["source"].isin(document_sources(tables))
    if from_documents.all():
        from_documents = pd.Series(False, index=rows.index)
    context = rows[~from_documents].sort_values(["year", "source"])
    series = context.drop_duplicates("year", keep="first")
    others = pd.concat([rows[from_documents], context.drop(series.index)])
    return series.sort_values("year"), others.sort_values("year")


def undrawn_metrics(tables: PackTables, topics: Iterable[str], charts: Iterable) -> list[str]:
    """Metrics of ``topics`` with figures that none of ``charts`` draws, in the pack's order.

    A page draws these one by one, so no figure of its topics is left unshown.
    """
    drawn: set[str] = set()
    for chart in charts:
        if chart is not None and "metric" in chart.rows:
            drawn |= set(chart.rows["metric"]) | chart.listed_metrics
    metrics = tables.metrics
    wanted = metrics[metrics["topic"].isin(list(topics)) & (metrics["figures"] > 0)]
    return [metric for metric in wanted["metric"] if metric not in drawn]


def pair_name(tables: PackTables) -> str:
    """ "Russia–China", from the pack's two countries."""
    return "–".join(country.name for country in tables.pack.countries)
