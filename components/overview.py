"""What the Overview shows, chosen from a pack's tables without naming any metric.

Headline numbers are the figures and portfolio amounts given by the
documents the pack checks; beside each stands what other sources give for
the same metric and period, so a disagreement is never hidden. The event
strip holds the latest held events and every planned one still ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from components.cards import card, cards_block, text, values
from components.charts.base import document_sources
from components.tables import PackTables, told_apart


def headline_figures(tables: PackTables) -> pd.DataFrame:
    """The documents' figures, one per metric (latest period), in the pack's metric order."""
    figures = tables.figures[tables.figures["source"].isin(document_sources(tables))]
    return figures.sort_values("period").drop_duplicates("metric", keep="last").sort_index()


def headline_documents(tables: PackTables) -> pd.DataFrame:
    """The sources the headline numbers come from: the documents the pack checks."""
    return tables.sources[tables.sources["id"].isin(document_sources(tables))]


def headline_agreements(tables: PackTables) -> pd.DataFrame:
    """The documents' agreements that carry a count or an amount (project portfolios)."""
    agreements = tables.agreements[tables.agreements["source"].isin(document_sources(tables))]
    return agreements[agreements["count"].notna() | agreements["amount_value"].notna()]


def other_values(tables: PackTables, figure: pd.Series) -> str:
    """What other sources give for the same metric and period: "$244.8 bn from The Moscow
    Times (Jan 2025)", each at the precision that tells it from the figure's own value (a
    citation in brackets read "(The Moscow Times (Jan 2025))")."""
    figures = tables.figures
    same = figures[
        (figures["metric"] == figure["metric"])
        & (figures["period"].dt.year == figure["period"].year)
        & (figures["source"] != figure["source"])
    ]
    metric = tables.pack.metrics[figure["metric"]]
    return "; ".join(
        f"{told_apart(r['value'], metric.unit, metric.money, figure['value'])} "
        f"from {r['source_citation']}"
        for _, r in same.iterrows()
    )


def strip_events(tables: PackTables, today: dt.date, latest: int = 4) -> pd.DataFrame:
    """The ``latest`` held events up to today and every planned event not yet over."""
    events = tables.events
    now = pd.Timestamp(today)
    held = events[(events["status"] == "held") & (events["span_start"] <= now)].tail(latest)
    ahead = events[(events["status"] == "planned") & (events["span_end"] > now)]
    return pd.concat([held, ahead]).sort_values("span_start")


@dataclass(frozen=True)
class Card:
    """One headline card: a document's figure, a portfolio, or a planned event ahead."""

    kind: Literal["figure", "agreement", "event"]
    row: pd.Series


def headline_cards(tables: PackTables, strip: pd.DataFrame) -> list[Card]:
    """The Overview's cards in reading order: figures, portfolios, then planned events ahead."""
    return (
        [Card("figure", row) for _, row in headline_figures(tables).iterrows()]
        + [Card("agreement", row) for _, row in headline_agreements(tables).iterrows()]
        + [Card("event", row) for _, row in strip[strip["status"] == "planned"].iterrows()]
    )


def card_html(headline: Card, others: str = "") -> str:
    """One headline card: what it counts, its number(s), a line under them and its Source.

    ``others``: what other sources give for the same figure (``other_values``).
    """
    row = headline.row
    if headline.kind == "figure":
        heading = f"<strong>{text(row['metric_label'])}</strong>, {text(row['period_label'])}"
        numbers = values([("", row["value_label"])])
        status = "" if row["status"] == "reported" else f"<strong>{text(row['status'])}</strong> · "
        line = status + (
            f"Other sources: {text(others)}" if others else "No other source gives this value."
        )
    elif headline.kind == "agreement":
        heading = f"<strong>{text(row['title'])}</strong>"
        numbers = values([("projects", row["count"]), ("worth", row["amount_label"])])
        line = f"<strong>{text(row['status'])}</strong> · {text(row['kind'])}"
    else:
        heading = f"<strong>Next planned:</strong> {text(row['title'])}"
        numbers = values([("", row["when"])])
        line = " · ".join(
            text(row[field]) for field in ("kind", "place", "people_label") if text(row[field])
        )
    body = f'<p>{heading}</p>{numbers}<p class="dyad-card-note">{line}</p>'
    return card(row, headline.kind, body)


def headline_cards_html(
    tables: PackTables, strip: pd.DataFrame, start: int = 0, stop: int | None = None
) -> str:
    """The headline cards ``start`` to ``stop`` (``headline_cards``) as one block of HTML: one
    message and one element, where a dozen cards as Streamlit elements were sixty-odd."""
    cards = headline_cards(tables, strip)[start:stop]
    return cards_block(
        card_html(headline, other_values(tables, headline.row) if headline.kind == "figure" else "")
        for headline in cards
    )
