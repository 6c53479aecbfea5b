"""The timeline: every event on a time axis, a row per kind, dates at their precision.

Each event is a marker (its kind's colour and shape; filled when held,
hollow when planned) at the middle of the time it covers, and a bar across
that time when it is known only to the month or year or lasts several days:
"Sep 2025" is drawn across September, never on the 1st.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from components.charts.base import (
    EVENT_COLUMNS,
    HOVER_TEMPLATE,
    Chart,
    chart_from,
    count_axis,
    hover_text,
    in_words,
    listed_hover,
    pair_name,
    plain,
    records,
)
from components.tables import PackTables
from components.theme import CONTEXT_GREY, OKABE_ITO, SYMBOLS
from components.timeline_filters import year_range

PLURAL = {
    "visit": "visits",
    "talks": "talks",
    "summit": "summits",
    "signing": "signings",
    "commemoration": "commemorations",
    "anniversary": "anniversaries",
    "other": "other events",
}


EVENT_HOVER_COLUMNS = [
    *("when", "title", "place", "host_label", "people_label", "status", "source_citation"),
    "quote",
]


def event_hover(row: pd.Series | dict) -> str:
    """Date at its precision, title, place, people, status, source and quote."""
    return hover_text(
        [
            ("", row["when"]),
            ("", row["title"]),
            ("Place: ", row["place"]),
            ("Host: ", row["host_label"]),
            ("People: ", row["people_label"]),
            ("Status: ", row["status"]),
            ("Source: ", row["source_citation"]),
        ],
        row["quote"],
    )


def kinds_title(counts: pd.Series, events: int, span: str) -> str:
    """The timeline's finding: the kind of most events, or the kinds that share the most
    ("Visits and summits make up 4 each of the 10 events"), never one of several tied kinds as
    if it led alone."""
    most = int(counts.max())
    leaders = [str(kind) for kind, n in counts.items() if n == most]
    if events == 1:
        return f"One {'other event' if leaders[0] == 'other' else leaders[0]}, {span}"
    if len(counts) == 1:
        return f"{events} {PLURAL[leaders[0]]}, {span}"
    if len(leaders) == len(counts):
        return f"{events} events, {most} of each of {len(counts)} kinds, {span}"
    if len(leaders) == 1:
        return f"{PLURAL[leaders[0]].capitalize()} make up {most} of the {events} events, {span}"
    named = in_words([PLURAL[kind] for kind in leaders]).capitalize()
    return f"{named} make up {most} each of the {events} events, {span}"


def _mark_day(
    figure: go.Figure, day: dt.date, label: str, *, dash: str, top: bool, name: str | None = None
) -> None:
    """A vertical line across the timeline on ``day``, labelled: above the plot, centred on
    the line (``top``: today), or inside its foot, ending at the line (where sources end)."""
    figure.add_vline(
        x=pd.Timestamp(day).value / 1e6,
        line={"color": "#404040", "width": 2 if top else 1.5, "dash": dash},
    )
    figure.add_annotation(
        x=pd.Timestamp(day),
        y=1 if top else 0,
        yref="paper",
        text=label,
        showarrow=False,
        xanchor="center" if top else "right",
        yanchor="bottom",
        font={"size": 14} if top else {"size": 12, "color": "#404040"},
        name=name,
    )


def timeline_chart(
    tables: PackTables,
    events: pd.DataFrame | None = None,
    *,
    today: dt.date | None = None,
    key: str = "timeline",
    title: str | None = None,
) -> Chart | None:
    """Events (default: all of the pack's) on a time axis, one row per kind."""
    events = tables.events if events is None else events
    if events.empty:
        return None
    kinds = [k for k in tables.events["kind"].cat.categories if k in set(events["kind"])]
    all_kinds = list(tables.events["kind"].cat.categories)
    figure = go.Figure()
    for kind in kinds:
        colour = OKABE_ITO[all_kinds.index(kind) % len(OKABE_ITO)]
        symbol = SYMBOLS[all_kinds.index(kind) % len(SYMBOLS)]
        of_kind = events[events["kind"] == kind]
        spans = of_kind[(of_kind["span_end"] - of_kind["span_start"]) > pd.Timedelta(days=1)]
        if not spans.empty:
            figure.add_bar(
                y=[kind] * len(spans),
                base=spans["span_start"],
                x=(spans["span_end"] - spans["span_start"]).dt.total_seconds() * 1000,
                orientation="h",
                marker={
                    "color": colour,
                    "opacity": 0.35,
                    "line": {"color": colour, "width": 1},
                },
                width=0.5,
                showlegend=False,
                hoverinfo="skip",
                name=f"{kind} span",
            )
        for status, points in of_kind.groupby("status", observed=True, sort=True):
            held = status == "held"
            figure.add_scatter(
                y=[kind] * len(points),
                x=points["span_start"] + (points["span_end"] - points["span_start"]) / 2,
                mode="markers",
                name=f"{kind}, {status}",
                marker={
                    "size": 16,
                    "symbol": symbol if held else f"{symbol}-open",
                    "color": colour,
                    "line": {"color": colour, "width": 2},
                },
                hovertext=[event_hover(row) for row in records(points[EVENT_HOVER_COLUMNS])],
                hovertemplate=HOVER_TEMPLATE,
            )
    if today is not None:
        _mark_day(figure, today, f"today, {today.day} {today:%b %Y}", dash="dot", top=True)
    # Where the pack's sources end: a plan drawn between this line and today's is a plan as the
    # sources gave it, not one the pack knows to have been kept or dropped.
    sources_end = tables.pack.as_of.end_exclusive
    if today is None or sources_end <= today:
        label = f"sources to {plain(tables.pack.as_of.label)} "
        _mark_day(figure, sources_end, label, dash="dash", top=False, name="sources-end")
    counts = events["kind"].value_counts()
    years = year_range(events)
    planned = int((events["status"] == "planned").sum())
    span = f"{years[0]}–{years[1]}" if years[0] != years[1] else str(years[0])
    title = title or kinds_title(counts[counts > 0], len(events), span)
    subtitle = (
        f"{pair_name(tables)} · a row per kind · filled: held, hollow: planned ({planned}) · "
        "bars: dates known only to the month or year, or several days long"
    )
    figure.update_layout(
        barmode="overlay",
        xaxis={"type": "date", "title": None},
        yaxis={"categoryorder": "array", "categoryarray": kinds[::-1], "title": None},
        showlegend=False,
        hovermode="closest",
    )
    return chart_from(
        tables,
        key=key,
        figure=figure,
        title=title,
        subtitle=subtitle,
        rows=events[EVENT_COLUMNS],
        summary="; ".join(f"{PLURAL[k]}: {n}" for k, n in counts.items() if n) + ".",
        height=max(320, 150 + 62 * len(kinds)),
    )


def visits_by_host_chart(tables: PackTables, events: pd.DataFrame | None = None) -> Chart | None:
    """Who visited whom: visits by year, stacked by the country that hosted them.

    Each of the pair's countries keeps its pack colour; a third country is grey
    and hatched. Visits whose host the pack does not give are left out, and the
    subtitle says how many.
    """
    events = tables.events if events is None else events
    visits = events[events["kind"] == "visit"]
    hosted = visits[visits["host"].notna()].copy()
    if hosted.empty:
        return None
    hosted["year"] = hosted["span_start"].dt.year
    colours = {country.code: country.color for country in tables.pack.countries}
    order = [c.code for c in tables.pack.countries] + sorted(set(hosted["host"]) - set(colours))
    counts = hosted["host"].value_counts()
    figure = go.Figure()
    for host in (code for code in order if code in counts.index):
        of_host = hosted[hosted["host"] == host]
        label = of_host["host_label"].iloc[0]
        per_year = of_host.groupby("year").agg(n=("id", "size"), titles=("title", list))
        figure.add_bar(
            x=per_year.index,
            y=per_year["n"],
            name=f"in {plain(label)} ({counts[host]})",
            marker={
                "color": colours.get(host, CONTEXT_GREY),
                "pattern": {"shape": "" if host in colours else "/", "fgcolor": "#ffffff"},
            },
            hovertext=[
                listed_hover(f"{year}: {n} visit(s) in {label}", titles)
                for year, n, titles in zip(
                    per_year.index, per_year["n"], per_year["titles"], strict=True
                )
            ],
            hovertemplate=HOVER_TEMPLATE,
        )
    ranked = [
        (hosted.loc[hosted["host"] == code, "host_label"].iloc[0], int(n))
        for code, n in counts.items()
    ]
    total = int(counts.sum())
    if total == 1:
        title = f"The one recorded visit took place in {ranked[0][0]}"
    elif len(ranked) == 1:
        title = f"All {total} recorded visits took place in {ranked[0][0]}"
    else:
        rest = ", ".join(f"{n} in {name}" for name, n in ranked[1:])
        title = (
            f"{ranked[0][1]} of the {total} recorded visits took place in {ranked[0][0]}; {rest}"
        )
    unknown = len(visits) - len(hosted)
    subtitle = (
        f"{pair_name(tables)} · visits by year and host country · counts of records in this pack"
        + (f" · {unknown} visit(s) without a host left out" if unknown else "")
    )
    figure.update_layout(
        barmode="stack",
        xaxis={"tickformat": "d", "dtick": 1 if hosted["year"].nunique() < 16 else None},
        yaxis=count_axis(hosted.groupby("year").size().max(), title={"text": "visits"}),
        legend={"traceorder": "normal"},  # the pair's order, not the stack's
    )
    return chart_from(
        tables,
        key="visits-by-host",
        figure=figure,
        title=title,
        subtitle=subtitle,
        rows=hosted[EVENT_COLUMNS],
        summary="; ".join(f"{name}: {n}" for name, n in ranked) + ".",
        height=420,
    )
