"""Energy charts: volumes delivered against capacity in operation, and planned volumes.

Energy metrics whose measure is a rate (capacities, yearly volumes of a
route: declared in pack.yaml, or implied by a unit such as ``bcm/yr``) are
capacities; volumes are what was delivered in a period. Shares, counts and
money are not drawn here. A capacity metric with a reported value is
in operation and is drawn over the deliveries; capacities known only as
planned belong to routes not yet built and get a chart of their own. Planned
values are always hatched or dashed, never drawn like delivered ones.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go

from components.charts.base import (
    AXIS_CHAR_PX,
    FIGURE_COLUMNS,
    HOVER_TEMPLATE,
    SCREEN_FIGURE_PX,
    Chart,
    chart_from,
    figure_hover,
    figure_hovers,
    in_words,
    pair_name,
    plain,
    records,
    span_years,
    split_series,
    wrapped,
    year_ticks,
)
from components.tables import PackTables
from components.theme import CONTEXT_GREY, STATUS_MARKS


def _energy(tables: PackTables) -> tuple[pd.DataFrame, pd.DataFrame]:
    energy = tables.figures[tables.figures["topic"] == "energy"]
    return energy[energy["measure"] == "volume"], energy[energy["measure"] == "rate"]


DELIVERED = ("reported", "estimate", "claim")


def delivered_metric(tables: PackTables) -> str | None:
    """The volume metric with the most annual figures of what was delivered, if any."""
    volumes, _ = _energy(tables)
    annual = volumes[(volumes["period_precision"] == "year") & volumes["status"].isin(DELIVERED)]
    return annual["metric"].value_counts().idxmax() if not annual.empty else None


def gas_delivered_chart(tables: PackTables) -> Chart | None:
    """Deliveries by year as bars (estimates hatched), capacity in operation as lines."""
    metric = delivered_metric(tables)
    if metric is None:
        return None
    volumes, rates = _energy(tables)
    rows = volumes[
        (volumes["metric"] == metric)
        & (volumes["period_precision"] == "year")
        & volumes["status"].isin(DELIVERED)
    ].copy()
    rows["year"] = rows["period"].dt.year
    series, points = split_series(tables, rows)
    label, unit = rows["metric_label"].iloc[0], rows["unit"].iloc[0]
    strong = tables.pack.countries[0].color
    figure = go.Figure()
    for status, bars in series.groupby("status", observed=True, sort=False):
        marks = STATUS_MARKS[status]
        figure.add_bar(
            x=bars["year"],
            y=bars["value"],
            name=f"delivered ({marks['label']})",
            marker={
                "color": strong if status == "reported" else "#ffffff",
                "line": {"color": strong, "width": 3},
                "pattern": {"shape": marks["pattern"], "fgcolor": strong, "solidity": 0.35},
            },
            text=[
                plain(v) + ("" if status == "reported" else f"<br>({status})")
                for v in bars["value_label"]
            ],
            textposition="outside",
            cliponaxis=False,
            **figure_hovers(bars),
        )
    if not points.empty:
        figure.add_scatter(
            # Beside the year's bar, not on its label; the hover names the year.
            x=points["year"] + 0.3,
            y=points["value"],
            mode="markers",
            name="as the documents give it",
            marker={"size": 16, "symbol": "diamond", "color": "#000000"},
            **figure_hovers(points),
        )
    capacity = _capacity_in_operation(rates)
    last_year = int(series["year"].max()) if not series.empty else int(rows["year"].max())
    # Built first and added in one call each: adding them one by one validates every
    # earlier trace and annotation again (minutes on a pack with hundreds of levels). Levels
    # of one style share a trace, segments apart: the browser draws a handful of traces
    # however many levels a pack has.
    segments: dict[tuple[str, str], dict[str, list]] = {}
    labels = []
    for level in records(capacity):
        marks = STATUS_MARKS[level["status"]]
        colour = CONTEXT_GREY if level["status"] == "reported" else "#D55E00"
        # A year's bar spans year-0.5 to year+0.5; a capacity starts at its own date, if given.
        start = rows["year"].min() - 0.5
        if pd.notna(level["period"]):
            start = max(start, level["period"].year - 0.5 + (level["period"].day_of_year - 1) / 365)
        segment = segments.setdefault(
            (colour, marks["dash"]), {"x": [], "y": [], "hovertext": [], "label": marks["label"]}
        )
        hover = figure_hover(level)
        segment["x"] += [start, last_year + 0.5, None]
        segment["y"] += [level["value"], level["value"], None]
        segment["hovertext"] += [hover, hover, None]
        # Labelled directly, as the style asks, instead of crowding the legend.
        # Labelled in a margin right of the bars, clear of their value labels.
        labels.append(
            dict(
                x=last_year + 0.55,
                y=level["value"],
                xanchor="left",
                yanchor="middle",
                showarrow=False,
                text=f"{'capacity' if level['status'] == 'reported' else marks['label'] + ' capacity'}"
                f"<br>{plain(level['value_label'])} ({plain(level['period_label'])})",
                font={"size": 14, "color": colour},
            )
        )
    labelled = bool(labels) and len(labels) <= MAX_CAPACITY_LABELS
    lines = [
        go.Scatter(
            x=segment["x"],
            y=segment["y"],
            mode="lines",
            line={"color": colour, "width": 3, "dash": dash},
            name=f"capacity ({segment['label']})",
            showlegend=not labelled,
            hovertext=segment["hovertext"],
            hovertemplate=HOVER_TEMPLATE,
        )
        for (colour, dash), segment in segments.items()
    ]
    if lines:
        figure.add_traces(lines)
        if labelled:
            figure.update_layout(annotations=[*figure.layout.annotations, *labels])
    drawn = pd.concat([series, points, capacity])
    ordered = series.sort_values("year")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    verb = change_verb(ordered)
    suffix = "" if last["status"] == "reported" else f" ({last['status']})"
    title = f"{label} {verb} from {first['value_label']} in {first['year']} to {last['value_label']} in {last['year']}{suffix}"
    if len(ordered) == 1:
        title = f"{label}: {last['value_label']} in {last['year']}{suffix}"
    subtitle = (
        f"{pair_name(tables)} · {unit} a year, {span_years(series['year'])} · "
        "hatched: estimate · lines: capacity (dashed: planned) · bars start at zero"
    )
    figure.update_layout(
        barmode="overlay",
        xaxis={
            **year_ticks(int(rows["year"].min()), last_year),
            "tickformat": "d",
            # Room on the right for the capacity labels, when they are drawn.
            "range": [rows["year"].min() - 0.6, last_year + (2.4 if labelled else 0.6)],
        },
        yaxis={"rangemode": "tozero", "title": {"text": unit}},
        legend={"orientation": "h"},
    )
    return chart_from(
        tables,
        key="gas-delivered",
        figure=figure,
        title=title,
        subtitle=subtitle,
        rows=drawn[FIGURE_COLUMNS],
        summary=f"From {first['value_label']} in {first['year']} to {last['value_label']} in {last['year']}{suffix}.",
        height=560,
    )


def change_verb(ordered: pd.DataFrame) -> str:
    """How a yearly series (``year`` and ``value``, oldest first) went from its first value to
    its last: "rose every year" only when each year has a value above the year before's (a
    flat year, or a year with no figure, is not a rise), "rose" when each figure recorded is
    above the one before it, else "went"."""
    steps = ordered["value"].diff().iloc[1:]
    if steps.empty or not (steps > 0).all():
        return "went"
    return "rose every year" if (ordered["year"].diff().iloc[1:] == 1).all() else "rose"


# Capacity levels are labelled beside their lines up to this many; more labels would overlap
# into an unreadable stack (and each costs the browser), so the legend names the line styles
# instead and each level keeps its value, period and source on hover.
MAX_CAPACITY_LABELS = 6


def _capacity_in_operation(rates: pd.DataFrame) -> pd.DataFrame:
    operating = set(rates.loc[rates["status"] == "reported", "metric"])
    return rates[rates["metric"].isin(operating)].sort_values("period")


# Stated volumes per chart: each is a labelled bar 56 px high. A pack that states more gets
# its volumes a page at a time (the Energy page's chooser), so the chart stays a screen or
# two high, where a pack of hundreds drew a chart 12,000 px high.
VOLUMES_PER_CHART = 20


def planned_volume_rows(tables: PackTables) -> pd.DataFrame:
    """Every stated annual volume of routes and capacities, in the order they are drawn; none
    when nothing of them is planned (then in-operation capacities are drawn with deliveries)."""
    _, rates = _energy(tables)
    if rates.empty or not (rates["status"] != "reported").any():
        return rates.iloc[0:0]
    return rates.sort_values(["metric", "period"])


def label_room(rows: pd.DataFrame) -> float:
    """How far past the longest bar the axis runs, as a multiple of it, so that the widest
    value label fits beside it on the screen: the plot is what the bars' labels leave of the
    figure. A fixed quarter more cut "467.8 bcm/yr" at the edge beside long labels."""
    longest = max(len(line) for label in rows["label"] for line in label.split("<br>"))
    plot_px = SCREEN_FIGURE_PX - longest * AXIS_CHAR_PX - 30
    value_px = max(len(plain(value)) for value in rows["value_label"]) * AXIS_CHAR_PX + 8
    return plot_px / max(plot_px - value_px, plot_px / 3)


def planned_volumes_chart(tables: PackTables, first: int = 0) -> Chart | None:
    """Stated annual volumes of routes and capacities, planned ones hatched: the
    ``VOLUMES_PER_CHART`` from the ``first`` (0-based) of ``planned_volume_rows``."""
    every = planned_volume_rows(tables)
    if every.empty:
        return None
    rows = every.iloc[first : first + VOLUMES_PER_CHART].copy()
    if rows.empty:
        return None
    rows["label"] = [
        wrapped(f"{m}: {p} ({c.split(' (')[0]})", 34)
        for m, p, c in zip(
            rows["metric_label"], rows["period_label"], rows["source_citation"], strict=True
        )
    ]
    figure = go.Figure()
    for status, bars in rows.groupby("status", observed=True, sort=False):
        marks = STATUS_MARKS[status]
        colour = CONTEXT_GREY if status == "reported" else "#D55E00"
        figure.add_bar(
            y=bars["label"],
            x=bars["value"],
            orientation="h",
            name=marks["label"],
            marker={
                "color": colour if status == "reported" else "#ffffff",
                "line": {"color": colour, "width": 3},
                "pattern": {"shape": marks["pattern"], "fgcolor": colour, "solidity": 0.4},
            },
            text=bars["value_label"].map(plain),
            textposition="outside",
            cliponaxis=False,
            **figure_hovers(bars),
        )
    # The finding is of every stated volume, whichever page of them is drawn.
    planned = every[every["status"] != "reported"]
    largest = planned[planned["value"] == planned["value"].max()]
    # Volumes that share the largest are named together, none as if it stood alone.
    names = list(dict.fromkeys(largest["metric_label"]))
    at = largest["value_label"].iloc[0]
    if len(names) == 1:
        title = f"The largest planned volume is {names[0]}, at {at}"
    elif len(names) <= 3:
        title = f"The largest planned volumes are {in_words(names)}, at {at} each"
    else:
        title = f"{len(names)} planned volumes share the largest, {at}"
    unit = rows["unit"].iloc[0]
    subtitle = f"{pair_name(tables)} · annual volumes as stated, {unit} · hatched: planned · solid: in operation"
    if len(rows) < len(every):
        subtitle += f" · {first + 1}–{first + len(rows)} of {len(every):,}"
    figure.update_layout(
        # Room right of the longest bar for its label ("50 bcm/yr"), which plotly's own range
        # leaves out: it was cut at the chart's edge.
        xaxis={
            "range": [
                min(float(rows["value"].min()), 0.0) * 1.25,
                max(float(rows["value"].max()), 0.0) * label_room(rows) or 1.0,
            ]
        },
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "categoryorder": "array",
            "categoryarray": list(rows["label"]),
        },
        barmode="overlay",
        bargap=0.35,
    )
    chart = chart_from(
        tables,
        key="planned-volumes" if first == 0 else f"planned-volumes-from-{first + 1}",
        figure=figure,
        title=title,
        subtitle=subtitle,
        rows=rows[FIGURE_COLUMNS],
        summary="; ".join(
            f"{r['metric_label']} {r['value_label']} ({r['status']}, {r['period_label']})"
            for _, r in rows.iterrows()
        )
        + ".",
        height=120 + 56 * len(rows),
    )
    return dataclasses.replace(chart, listed_metrics=frozenset(every["metric"]))
