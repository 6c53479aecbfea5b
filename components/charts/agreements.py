"""Agreement charts: records by kind and status, and the sectors they name.

These count records of the pack (how many agreements it holds), not a
quantity any source gives, and their subtitles say so.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.charts.base import (
    AGREEMENT_COLUMNS,
    HOVER_TEMPLATE,
    Chart,
    chart_from,
    count_axis,
    finish,
    in_words,
    listed_hover,
    pair_name,
    plain,
    sources_of,
)
from components.tables import PackTables
from components.theme import OKABE_ITO

MOST_SECTORS = 25
STATUS_PATTERNS = {
    "signed": "",
    "in-force": "",
    "underway": "/",
    "in-preparation": ".",
    "planned": "x",
}


# What a title calls records of each kind.
KIND_PLURALS = {
    "agreement": "agreements",
    "declaration": "declarations",
    "memorandum": "memoranda",
    "programme": "programmes",
    "portfolio": "project portfolios",
}


def kinds_named(rows: pd.DataFrame) -> str:
    """The kinds of ``rows`` as a reader calls them, in the format's order: "agreements,
    memoranda and programmes"."""
    present = set(rows["kind"])
    return in_words(
        [KIND_PLURALS.get(str(k), str(k)) for k in rows["kind"].cat.categories if k in present]
    )


def kinds_title(rows: pd.DataFrame) -> str:
    """The finding of the chart of records by kind: how many of them have the commonest status,
    the records called by the kinds the pack holds, not by a list of kinds it may not have:
    "10 of the 15 agreements, declarations, memoranda, programmes and project portfolios
    recorded are signed", "All 3 agreements recorded are in force"."""
    statuses = rows["status"].astype(str).value_counts()
    status, count = statuses.index[0].replace("-", " "), int(statuses.iloc[0])
    if len(rows) == 1:
        return f"The one {rows['kind'].iloc[0]} recorded is {status}"
    named = kinds_named(rows)
    if count == len(rows):
        return f"All {len(rows)} {named} recorded are {status}"
    return f"{count} of the {len(rows)} {named} recorded are {status}"


def agreements_by_kind_chart(tables: PackTables) -> Chart | None:
    """Stacked bars: how many agreements of each kind, by status."""
    rows = tables.agreements
    if rows.empty:
        return None
    counts = rows.groupby(["kind", "status"], observed=True).size().rename("records").reset_index()
    figure = go.Figure()
    for index, (status, part) in enumerate(counts.groupby("status", observed=True, sort=True)):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        figure.add_bar(
            y=part["kind"].astype(str),
            x=part["records"],
            orientation="h",
            name=str(status),
            marker={
                "color": colour,
                "pattern": {
                    "shape": STATUS_PATTERNS.get(str(status), ""),
                    "fgcolor": "#ffffff",
                    "fillmode": "overlay",
                },
            },
            text=part["records"],
            textposition="inside",
            insidetextfont={
                "color": "#ffffff" if colour in {"#0072B2", "#000000", "#D55E00"} else "#000000"
            },
            hovertext=[
                listed_hover(
                    f"{n} {kind} record(s), {status}",
                    rows.loc[(rows["kind"] == kind) & (rows["status"] == status), "title"],
                )
                for kind, n in zip(part["kind"], part["records"], strict=True)
            ],
            hovertemplate=HOVER_TEMPLATE,
        )
    title = kinds_title(rows)
    subtitle = f"{pair_name(tables)} · records in this pack, by kind and status · counts of records, not of any source's figure"
    order = [kind for kind in rows["kind"].cat.categories if kind in set(rows["kind"])]
    figure.update_layout(
        barmode="stack",
        xaxis=count_axis(counts.groupby("kind", observed=True)["records"].sum().max()),
        yaxis={"categoryorder": "array", "categoryarray": order[::-1]},
    )
    return chart_from(
        tables,
        key="agreements-by-kind",
        figure=figure,
        title=title,
        subtitle=subtitle,
        rows=rows[AGREEMENT_COLUMNS],
        summary="; ".join(f"{kind}: {n}" for kind, n in rows["kind"].value_counts().items() if n)
        + ".",
        height=120 + 60 * len(order),
    )


def sectors_title(counts: pd.DataFrame, kinds: str) -> str:
    """The finding of the sectors chart (``counts``: records per sector, fewest first): the
    sector named most, or every sector that shares the most, never one of them "more than
    any other" of sectors named as often."""
    named, most = len(counts), int(counts["records"].max())
    if named == 1:
        records = "1 record" if most == 1 else f"{most} records"
        return f"{str(counts.index[0]).capitalize()} is the one sector named, by {records}"
    if most == 1:
        return f"{kinds.capitalize()} name {named} sectors, each once"
    leaders = [str(s) for s in counts.index[::-1][: int((counts["records"] == most).sum())]]
    if len(leaders) == named:
        return f"Each of the {named} sectors is named by {most} records"
    if len(leaders) == 1:
        return f"{leaders[0].capitalize()} is named by {most} records, more than any other of {named} sectors"
    if len(leaders) <= 3:
        return (
            f"{in_words(leaders).capitalize()} are each named by {most} records, more than any "
            f"other of {named} sectors"
        )
    return f"{len(leaders)} of the {named} sectors are each named by {most} records, the most"


def sectors_chart(tables: PackTables) -> Chart | None:
    """Bars: each sector named by agreements, with the agreements that name it."""
    rows = tables.agreements[tables.agreements["sectors"].map(len) > 0]
    if rows.empty:
        return None
    exploded = rows.assign(sector=rows["sectors"]).explode("sector")
    counts = exploded.groupby("sector", sort=False).agg(
        records=("id", "size"), titles=("title", list)
    )
    counts = counts.sort_values("records", kind="stable")
    named = len(counts)
    kinds = kinds_named(rows)
    title = sectors_title(counts, kinds)
    counts = counts.tail(MOST_SECTORS)  # a bar per sector stays readable up to a point
    figure = go.Figure(
        go.Bar(
            y=[plain(s) for s in counts.index],
            x=counts["records"],
            orientation="h",
            marker={"color": OKABE_ITO[2]},
            hovertext=[
                listed_hover(f"{sector}: {n} record(s)", titles)
                for sector, n, titles in zip(
                    counts.index, counts["records"], counts["titles"], strict=True
                )
            ],
            hovertemplate=HOVER_TEMPLATE,
        )
    )
    shown = "" if named == len(counts) else f" · the {len(counts)} named most of {named}"
    subtitle = f"{pair_name(tables)} · sectors named by {kinds} · counts of records{shown}"
    figure.update_layout(xaxis=count_axis(counts["records"].max()))
    sources = sources_of(tables, rows)
    table = exploded[["sector", *AGREEMENT_COLUMNS]].reset_index(drop=True)
    return Chart(
        key="agreement-sectors",
        title=title,
        subtitle=subtitle,
        figure=finish(
            figure, title=title, subtitle=subtitle, sources=sources, height=100 + 34 * len(counts)
        ),
        rows=table,
        sources=sources,
        summary=", ".join(counts.index[::-1]) + ".",
        pack_id=tables.id,
    )


def joint_venture_sectors(tables: PackTables) -> pd.DataFrame:
    """Programmes that name sectors, one row per sector, for the page's list."""
    rows = tables.agreements[
        (tables.agreements["kind"] == "programme") & (tables.agreements["sectors"].map(len) > 0)
    ]
    return rows.assign(sector=rows["sectors"]).explode("sector")
