"""Trade charts: turnover by year, national-currency settlement claims, partners compared."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from components.charts.base import (
    AXIS_CHAR_PX,
    AXIS_LINE_PX,
    FIGURE_COLUMNS,
    SCREEN_FIGURE_PX,
    Chart,
    chart_from,
    document_sources,
    figure_hovers,
    finish,
    in_words,
    pair_name,
    plain,
    sources_of,
    span_years,
    split_series,
    year_ticks,
)
from components.tables import PackTables
from components.theme import CONTEXT_GREY, STATUS_MARKS


def lower_first(label: str) -> str:
    """A metric label inside a sentence: "Share of trade" -> "share of trade".

    Labels that open on a name ("China's trade", "Xi Jinping's visits") keep their capital.
    """
    words = label.split()
    opens_on_name = "'" in words[0] or (len(words) > 1 and words[1][:1].isupper())
    return label if opens_on_name or words[0].isupper() else label[:1].lower() + label[1:]


def _annual(figures: pd.DataFrame, metric: str) -> pd.DataFrame:
    rows = figures[(figures["metric"] == metric) & (figures["period_precision"] == "year")].copy()
    rows["year"] = rows["period"].dt.year
    return rows


def series_finding(label: str, series: pd.DataFrame) -> tuple[str, str]:
    """The title and summary of a yearly series (``year``, ``value``, ``value_label``, oldest
    first): its record and where it ended, worded only as the figures bear out. One year is no
    record; a last year level with the record matched it, it did not fall to it; a series at
    its highest in its first year did not rise to it."""
    first, last = series.iloc[0], series.iloc[-1]
    peak = series.loc[series["value"].idxmax()]  # the first year of the highest value

    def at(row) -> str:
        return f"{row['value_label']} in {row['year']}"

    if len(series) == 1:
        return f"{label}: {at(last)}", f"{at(last)}."
    if last["year"] == peak["year"]:
        title = f"{label} reached a record {at(last)}"
    elif last["value"] == peak["value"]:
        title = (
            f"{label} matched its {peak['year']} record of {peak['value_label']} in {last['year']}"
        )
    else:
        title = f"{label} peaked at {at(peak)}, then fell to {at(last)}"
    if peak["year"] > first["year"]:
        summary = f"Rose from {at(first)} to {at(peak)}"
    else:
        summary = f"Highest in its first year, at {at(peak)}"
    if last["year"] > peak["year"]:
        summary += (
            f", fell to {at(last)}" if last["value"] < peak["value"] else f", again {at(last)}"
        )
    return title, summary + "."


def trade_by_year_chart(tables: PackTables) -> Chart | None:
    """Turnover by year: the series as a line, the documents' figures as marked points."""
    metric = tables.trade_metric
    if metric is None:
        return None
    rows = _annual(tables.figures, metric)
    if rows.empty:
        return None
    series, others = split_series(tables, rows)
    label, unit = rows["metric_label"].iloc[0], rows["unit"].iloc[0]
    strong = tables.pack.countries[0].color
    figure = go.Figure()
    figure.add_scatter(
        x=series["year"],
        y=series["value"],
        mode="lines+markers",
        name=f"{plain(label)}, annual series",
        line={"color": strong, "width": 4},
        marker={"size": 10, "color": strong},
        **figure_hovers(series),
    )
    for citation, points in others.groupby("source_citation", sort=False):
        figure.add_scatter(
            x=points["year"],
            y=points["value"],
            mode="markers",
            name=f"As {plain(citation)} gives it",
            marker={"size": 16, "symbol": "diamond", "color": "#000000", "line": {"width": 0}},
            **figure_hovers(points),
        )
    peak = series.loc[series["value"].idxmax()]
    last = series.iloc[-1]
    if len(series) > 1:
        _label_point(
            figure, peak, f"Record: {plain(peak['value_label'])} ({peak['year']})", (-70, -46)
        )
    if last["year"] > peak["year"]:
        # Below the last point, where the line has come down from its peak; above it when
        # that is in the lower half, where a label below ran over the axis's years.
        below = last["value"] >= rows["value"].max() / 2
        text = f"{last['year']}: {plain(last['value_label'])}"
        _label_point(figure, last, text, (10, 50 if below else -50))
    title, summary = series_finding(label, series)
    figure.update_layout(
        # The axis runs on past the last year, room for its label: no tick there.
        xaxis={"tickformat": "d", **year_ticks(int(rows["year"].min()), int(rows["year"].max()))},
        yaxis={"rangemode": "tozero", "title": {"text": unit}},
        hovermode="closest",
    )
    drawn = pd.concat([series, others])
    sources = sources_of(tables, drawn)
    subtitle = (
        f"{pair_name(tables)} · {label}, {unit}, {span_years(series['year'])} · "
        "line: annual series by source; diamonds: the documents' own figures"
    )
    return Chart(
        key="trade-by-year",
        title=title,
        subtitle=subtitle,
        figure=finish(figure, title=title, subtitle=subtitle, sources=sources),
        rows=drawn[FIGURE_COLUMNS].reset_index(drop=True),
        sources=sources,
        summary=summary,
        pack_id=tables.id,
    )


def _label_point(figure: go.Figure, point: pd.Series, text: str, offset: tuple[int, int]) -> None:
    """A direct label with a thin leader line, as the style asks instead of a legend."""
    figure.add_annotation(
        x=point["year"],
        y=point["value"],
        text=text,
        showarrow=True,
        arrowhead=0,
        ax=offset[0],
        ay=offset[1],
        font={"size": 16},
    )


# The plot of a value-over-time chart on the screen, about (``SCREEN_FIGURE_PX`` less its
# axes; 520 px high less its margins), and a label's size there: 16 px type, a line high.
LABEL_PLOT_PX = (500, 300)
LABEL_HEIGHT_PX = 18
# From a point's middle to its label's near edge: the marker's radius and a gap.
LABEL_GAP_PX = 11
# More points than this, and only the first, the last, the highest and the lowest are tried:
# the rest would find no room, and each is tried against every label placed.
LABELLED_AT_MOST = 60


def label_positions(when: pd.Series, values: pd.Series, texts: pd.Series) -> dict:
    """Where each point's label goes, by index: ``"top center"``, ``"bottom center"``, or None
    where both would cover a point or a label already placed, or run below the axis (its
    value is in the point's hover). The two the title names, the first and the last, are
    placed first, and above their point if nothing else is free; then the highest and the
    lowest, then the rest in time (past ``LABELLED_AT_MOST`` points, only those four); each
    above its point if that is free, else below. Laid out on the screen's plot, the narrowest
    it is drawn: 92% and 90%, two months apart over three years, were drawn one over the
    other, a dozen values of one decade a blur of figures, and a label under a low value
    ran into the years under the axis."""
    ordered = when.sort_values()
    start, span = ordered.iloc[0], ordered.iloc[-1] - ordered.iloc[0]
    low, high = min(values.min(), 0), max(values.max(), 0)
    width, height = LABEL_PLOT_PX
    named = [ordered.index[0], ordered.index[-1]]
    first_choice = [*named, values.idxmax(), values.idxmin()]

    def at(index) -> tuple[float, float]:
        x = (when[index] - start) / span * width if span else width / 2
        y = (values[index] - low) / (high - low) * height if high > low else height / 2
        return x, y

    # The markers first: a label covers no point either.
    marker = LABEL_GAP_PX - 2
    placed = [(x - marker, x + marker, y - marker, y + marker) for x, y in map(at, when.index)]
    positions = {}
    others = list(ordered.index) if len(ordered) <= LABELLED_AT_MOST else []
    for index in dict.fromkeys([*first_choice, *others]):
        x, y = at(index)
        half = len(texts[index]) * AXIS_CHAR_PX / 2 + 5
        boxes = {
            position: (x - half, x + half, bottom, bottom + LABEL_HEIGHT_PX)
            for position, bottom in (
                ("top center", y + LABEL_GAP_PX),
                ("bottom center", y - LABEL_GAP_PX - LABEL_HEIGHT_PX),
            )
        }
        # Free: over no point or label placed, and not below the axis, where a label ran into
        # the years under it.
        free = [
            position
            for position, box in boxes.items()
            if box[2] >= 0 and not any(_overlap(box, other) for other in placed)
        ]
        # The title names it: labelled above it even over a neighbour's marker.
        positions[index] = free[0] if free else "top center" if index in named else None
        if positions[index]:
            placed.append(boxes[positions[index]])
    return positions


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes (left, right, bottom, top) share any area."""
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def claims_over_time_chart(tables: PackTables, metric: str) -> Chart | None:
    """Values of one metric over time, each at its date's precision, claims marked as claims.

    Figures given without a period have no place on a time axis: they are left
    out here and shown in the page's tables and headline cards.
    """
    figures = tables.figures
    rows = figures[(figures["metric"] == metric) & figures["period"].notna()]
    rows = rows.sort_values("period").copy()
    if rows.empty:
        return None
    label, unit = rows["metric_label"].iloc[0], rows["unit"].iloc[0]
    ends = rows["period_end"]
    # A value known to the month or year is drawn across it, not at its first day.
    middle = rows["period"] + (ends - rows["period"]) / 2
    figure = go.Figure()
    spans_x: list = []
    spans_y: list = []
    for start, end, value, precision in zip(
        rows["period"], ends, rows["value"], rows["period_precision"], strict=True
    ):
        if precision != "day":
            spans_x += [start, end, None]
            spans_y += [value, value, None]
    if spans_x:
        figure.add_scatter(
            x=spans_x,
            y=spans_y,
            mode="lines",
            line={"color": CONTEXT_GREY, "width": 6},
            name="period the value covers",
            hoverinfo="skip",
        )
    texts = rows["value_label"].map(plain)
    positions = label_positions(middle, rows["value"], texts)
    for status, points in rows.groupby("status", observed=True, sort=False):
        marks = STATUS_MARKS[status]
        figure.add_scatter(
            x=middle[points.index],
            y=points["value"],
            mode="markers+text",
            text=[texts[i] if positions[i] else "" for i in points.index],
            textposition=[positions[i] or "top center" for i in points.index],
            name=marks["label"],
            marker={"size": 18, "symbol": marks["symbol"], "color": tables.pack.countries[0].color},
            **figure_hovers(points),
        )
    first, last = rows.iloc[0], rows.iloc[-1]
    # "Claims of the share ... rose": a reader must not take stated values for a statistic.
    opening = f"Claims of the {lower_first(label)}" if (rows["status"] == "claim").all() else label
    if len(rows) == 1:
        status = "" if first["status"] == "reported" else f" ({first['status']})"
        on = "on" if first["period_precision"] == "day" else "in"
        title = f"{label}: {first['value_label']} {on} {first['period_label']}{status}"
    elif last["value"] == first["value"]:
        title = (
            f"{opening} stayed at {first['value_label']} "
            f"from {first['period_label']} to {last['period_label']}"
        )
    else:
        direction = "rose" if last["value"] > first["value"] else "fell"
        title = (
            f"{opening} {direction} from {first['value_label']} "
            f"({first['period_label']}) to {last['value_label']} ({last['period_label']})"
        )
    keys = [
        f"{STATUS_MARKS[status]['symbol'].replace('-open', ' (hollow)')}: {status}"
        for status in rows["status"].cat.remove_unused_categories().cat.categories
        if status != "reported"
    ]
    subtitle = " · ".join([f"{pair_name(tables)} · {label}, {unit}, as stated at the time", *keys])
    figure.update_layout(
        yaxis={"rangemode": "tozero", "title": {"text": unit}},
        showlegend=rows["status"].nunique() > 1 or bool(spans_x),
    )
    return chart_from(
        tables,
        key=f"{metric}-over-time",
        figure=figure,
        title=title,
        subtitle=subtitle,
        rows=rows[FIGURE_COLUMNS],
        summary=f"{len(rows)} stated values from {first['period_label']} to {last['period_label']}.",
    )


def category_labels(labels: pd.Series) -> tuple[list[str], int, int]:
    """Labels for one bar each, as the screen's plot (``SCREEN_FIGURE_PX`` less its axis) has
    room for them: wrapped to their bar's share of it, level (turned aslant by plotly, six
    partners' labels ran down over the source line), or, past eight bars, upright and whole;
    with their angle and how many lines (``AXIS_LINE_PX``) they take under the axis."""
    chars = min(22, int((SCREEN_FIGURE_PX - 90) / len(labels) / AXIS_CHAR_PX))
    if chars >= 8:
        lines = [textwrap.wrap(plain(label), chars, break_long_words=False) for label in labels]
        return ["<br>".join(label) for label in lines], 0, max(2, *map(len, lines))
    upright = [plain(label) for label in labels]
    return upright, -90, math.ceil(max(map(len, upright)) * AXIS_CHAR_PX / AXIS_LINE_PX) + 1


def partners_chart(tables: PackTables) -> Chart | None:
    """The pair's trade beside the other trade of the same unit, in the latest shared year."""
    figures = tables.figures
    trade = figures[(figures["topic"] == "trade") & (figures["period_precision"] == "year")].copy()
    pair_metric = tables.trade_metric
    if pair_metric is None or pair_metric not in set(trade["metric"]):
        return None
    unit = trade.loc[trade["metric"] == pair_metric, "unit"].iloc[0]
    trade = trade[(trade["unit"] == unit) & (trade["status"] == "reported")]
    pair_rows = trade["metric"] == pair_metric
    from_documents = pair_rows & trade["source"].isin(document_sources(tables))
    if from_documents.sum() < pair_rows.sum():  # the documents' figure only where no series is
        trade = trade[~from_documents]
    trade["year"] = trade["period"].dt.year
    # The latest year in which the pair's series and at least one other metric both have a value.
    with_pair = trade[trade["year"].isin(trade.loc[trade["metric"] == pair_metric, "year"])]
    shared = with_pair.groupby("year")["metric"].nunique()
    shared = shared[shared > 1]
    if shared.empty:
        return None
    year = int(shared.index.max())
    rows = trade[trade["year"] == year]
    rows = rows.drop_duplicates("metric").sort_values("value")
    pair = rows[rows["metric"] == pair_metric]
    larger = rows[rows["value"] > pair["value"].max()]
    colours = [
        tables.pack.countries[0].color if m == pair_metric else CONTEXT_GREY for m in rows["metric"]
    ]
    labels, angle, label_lines = category_labels(rows["metric_label"])
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=rows["value"],
            marker={"color": colours},
            text=rows["value_label"].map(plain),
            textposition="outside",
            cliponaxis=False,
            **figure_hovers(rows),
        )
    )
    pair_row = pair.iloc[0]
    opening = f"{pair_row['metric_label']} in {year} ({pair_row['value_label']})"
    level = rows[(rows["value"] == pair["value"].max()) & (rows["metric"] != pair_metric)]
    if not larger.empty:
        title = f"{opening} was below {in_words(list(larger['metric_label']))}"
    elif not level.empty:
        title = f"{opening} was level with {in_words(list(level['metric_label']))}, the largest of these"
    else:
        title = f"{opening} was the largest of these"
    subtitle = f"{unit}, {year}, as reported · bars start at zero"
    figure.update_layout(
        xaxis={"tickangle": angle}, yaxis={"rangemode": "tozero", "title": {"text": unit}}
    )
    return chart_from(
        tables,
        key="trade-partners",
        figure=figure,
        title=title,
        subtitle=subtitle,
        rows=rows[FIGURE_COLUMNS],
        summary="; ".join(f"{r['metric_label']}: {r['value_label']}" for _, r in rows.iterrows())
        + ".",
        height=420,
        axis_label_lines=label_lines,
    )
