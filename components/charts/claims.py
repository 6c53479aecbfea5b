"""Claims: each checked claim with the numbers behind its verdict, side by side.

The bars are the check's evidence figures of one unit, plus the figure the
claiming document itself gives for the same metric and period, so "$245 bn
is the highest with any partner" stands beside China's trade with the US and
the EU.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.charts.base import (
    FIGURE_COLUMNS,
    Chart,
    chart_from,
    figure_hovers,
    plain,
    wrapped,
)
from components.tables import PackTables, as_given, record_summary
from components.theme import CONTEXT_GREY

VERDICT_COLOURS = {
    "supported": "#009E73",
    "partly": "#E69F00",
    "contradicted": "#D55E00",
    "unverified": "#707070",
}
VERDICT_SYMBOLS = {"supported": "✔", "partly": "◐", "contradicted": "✘", "unverified": "?"}


# Each figure's row: a bar and a label of up to two lines beside it.
BAR_ROW_PX = 52


def evidence_figures(tables: PackTables, check: pd.Series) -> pd.DataFrame:
    """The check's evidence figures and the claiming source's own figure for the same ones."""
    figures = tables.figures
    evidence = figures[figures["id"].isin(check["evidence"])]
    if evidence.empty:
        return evidence
    claimed = figures[
        (figures["source"] == check["source"])
        & figures["metric"].isin(evidence["metric"])
        & ~figures["id"].isin(evidence["id"])
    ]
    rows = pd.concat([claimed, evidence])
    # The claiming source's own figures first, whether among the evidence or not: its chart
    # draws them on top (the 31 bcm claim's own figure, one of its evidence, came last).
    rows = pd.concat(
        [rows[rows["source"] == check["source"]], rows[rows["source"] != check["source"]]]
    )
    unit = rows["unit"].value_counts().idxmax()
    return rows[rows["unit"] == unit]


def given_label(tables: PackTables, figure: pd.Series) -> str:
    """A figure's value as it was recorded (``as_given``): a claim is weighed against
    figures that may differ from it in the second decimal only."""
    return as_given(figure["value"], figure["unit"], tables.pack.metrics[figure["metric"]].money)


def check_chart_title(verdict: object, claim: object) -> str:
    """The title of a check's chart: its verdict, then the claim."""
    return f"{str(verdict).capitalize()}: {claim}"


def check_evidence_chart(tables: PackTables, check_id: str) -> Chart | None:
    """Bars of the numbers a check weighs, the claiming document's own figure marked."""
    check = tables.checks.set_index("id").loc[check_id]
    check = pd.concat([pd.Series({"id": check_id}), check])
    rows = evidence_figures(tables, check)
    if rows.empty:
        return None
    rows = rows.assign(value_label=[given_label(tables, figure) for _, figure in rows.iterrows()])
    from_claim = rows["source"] == check["source"]
    one_metric = rows["metric"].nunique() == 1
    labels = [
        wrapped(
            ("" if one_metric else f"{m}, ")
            + p
            + (" · the claim" if own else f" · {c.split(' (')[0]}"),
            26,
        )
        for m, p, c, own in zip(
            rows["metric_label"],
            rows["period_label"],
            rows["source_citation"],
            from_claim,
            strict=True,
        )
    ]
    colours = ["#000000" if own else CONTEXT_GREY for own in from_claim]
    # A bar a row, its label left of it: under bars side by side, labels of a few figures
    # (a date and a source each) were turned aslant over the source line, at 1400 px too.
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=rows["value"],
            orientation="h",
            marker={
                "color": colours,
                "pattern": {
                    "shape": ["/" if own else "" for own in from_claim],
                    "fgcolor": "#ffffff",
                },
            },
            text=rows["value_label"].map(plain),
            textposition="outside",
            cliponaxis=False,
            **figure_hovers(rows),
        )
    )
    title = check_chart_title(check["verdict"], check["claim"])
    unit = rows["unit"].iloc[0]
    measure = rows["metric_label"].iloc[0] + ", " if one_metric else ""
    # The claiming document's own figure is named only where it is drawn: a claim without a
    # figure ("the majority") has none.
    own = " · hatched black: the claiming document's figure" if from_claim.any() else ""
    subtitle = f"The numbers behind the verdict: {measure}{unit}{own} · bars start at zero"
    # From zero, with room beyond the longest bar (either way) for its label.
    low, high = min(0.0, rows["value"].min()), max(0.0, rows["value"].max())
    room = 0.2 * ((high - low) or 1.0)
    figure.update_layout(
        # No axis title: the unit is in the subtitle and on every bar's label (a title under
        # the axis ran into the source line).
        xaxis={"range": [low - room if low < 0 else 0, high + room if high > 0 or low == 0 else 0]},
        # The claim's own figure on top, as it comes first.
        yaxis={"autorange": "reversed"},
        bargap=0.35,
    )
    return chart_from(
        tables,
        key=f"check-{check_id}",
        figure=figure,
        title=title,
        subtitle=subtitle,
        rows=rows[FIGURE_COLUMNS],
        summary="; ".join(
            f"{r['metric_label']} {r['period_label']}: {r['value_label']}"
            for _, r in rows.iterrows()
        )
        + ".",
        # finish() counts 190 px of a height as margins: the rest is the bars' plot.
        height=190 + 40 + BAR_ROW_PX * len(labels),
    )


def evidence_records(tables: PackTables, check: pd.Series) -> pd.DataFrame:
    """Every evidence record of a check, whatever its table, with what a reader needs."""
    found = []
    for evidence_id in check["evidence"]:
        located = tables.record(evidence_id)
        if located is None:
            continue
        table, row = located
        when = next(
            (
                row[c]
                for c in ("period_label", "when", "date_label")
                if c in row and pd.notna(row[c])
            ),
            "",
        )
        found.append(
            {
                "id": evidence_id,
                "table": table,
                "what": row.get("metric_label", "") if table == "figures" else table[:-1],
                "record": given_label(tables, row) if table == "figures" else record_summary(row),
                "when": when,
                "source_citation": row["source_citation"],
                "source_url": row["source_url"],
                "quote": row["quote"],
                "note": row["note"],
            }
        )
    return pd.DataFrame(found)
