"""What the Overview shows, chosen from a pack's tables without naming any metric.

Headline numbers are the figures and portfolio amounts given by the
documents the pack checks; beside each stands what other sources give for
the same metric and period, so a disagreement is never hidden. The event
strip holds the latest held events and every planned one still ahead.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from components.charts.base import document_sources
from components.tables import PackTables


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
    """What other sources give for the same metric and period: "$244.8 bn (The Moscow Times, Jan 2025)"."""
    figures = tables.figures
    same = figures[
        (figures["metric"] == figure["metric"])
        & (figures["period"].dt.year == figure["period"].year)
        & (figures["source"] != figure["source"])
    ]
    return "; ".join(f"{r['value_label']} ({r['source_citation']})" for _, r in same.iterrows())


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


# The headline cards as one block of HTML: a dozen cards drawn as Streamlit elements were
# five or six elements each (a box, a heading, a metric, a caption, a Source popover, and the
# columns around them), sixty-odd messages a run and a tenth of a second in the browser. As
# one block they are one message, drawn at once, and a card's Source opens in the browser,
# with no run. All pack text is escaped: it is shown exactly as written, never as markup.
# Colours come from the theme's own text colour (opacity for the quieter lines), so a
# dark theme reads as well as the light one.
CARDS_STYLE = """<style>
.dyad-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
  gap: 1rem; margin-bottom: 1rem; }
.dyad-card { border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 0.5rem;
  padding: 1rem; display: flex; flex-direction: column; gap: 0.4rem; }
.dyad-card p { margin: 0; }
.dyad-card a { color: inherit; text-decoration: underline; }
.dyad-card-values { display: flex; gap: 2rem; flex-wrap: wrap; }
.dyad-card-label { display: block; font-size: 0.875rem; opacity: 0.7; }
.dyad-card-value { font-size: 2.25rem; line-height: 1.2; }
.dyad-card-note { font-size: 0.875rem; opacity: 0.7; }
.dyad-card details { margin-top: auto; padding-top: 0.25rem; }
.dyad-card summary { cursor: pointer; width: fit-content; }
.dyad-card blockquote { margin: 0.5rem 0; padding-left: 0.75rem;
  border-left: 3px solid rgba(128, 128, 128, 0.35); }
</style>"""


def _text(value: object) -> str:
    """Pack text for HTML: escaped, empty when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def _link(label: object, url: object) -> str:
    """A link whose label is plain text and whose address is http(s) only; else the label."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return _text(label)
    return (
        f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
        f"{_text(label)}</a>"
    )


def _values(values: list[tuple[str, object]]) -> str:
    """A card's numbers: the value alone, or each under its label."""
    shown = [(label, value) for label, value in values if _text(value)]
    if len(shown) == 1 and not shown[0][0]:
        return f'<p class="dyad-card-value">{_text(shown[0][1])}</p>'
    cells = "".join(
        f'<p><span class="dyad-card-label">{_text(label)}</span>'
        f'<span class="dyad-card-value">{_text(value)}</span></p>'
        for label, value in shown
    )
    return f'<div class="dyad-card-values">{cells}</div>'


def _source(row: pd.Series) -> str:
    """A card's Source, opened in place: the quote, the source linked, its citation, a note."""
    parts = []
    if _text(row.get("quote")):
        parts.append(f"<blockquote>{_text(row['quote'])}</blockquote>")
    parts.append(
        f"<p><strong>{_link(row.get('source_title'), row.get('source_url'))}</strong><br>"
        f"{_text(row.get('source_citation'))}</p>"
    )
    if _text(row.get("note")):
        parts.append(f'<p class="dyad-card-note">{_text(row["note"])}</p>')
    return f"<details><summary>Source</summary>{''.join(parts)}</details>"


def card_html(card: Card, others: str = "") -> str:
    """One headline card: what it counts, its number(s), a line under them and its Source.

    ``others``: what other sources give for the same figure (``other_values``).
    """
    row = card.row
    if card.kind == "figure":
        heading = f"<strong>{_text(row['metric_label'])}</strong>, {_text(row['period_label'])}"
        values = _values([("", row["value_label"])])
        status = (
            "" if row["status"] == "reported" else f"<strong>{_text(row['status'])}</strong> · "
        )
        line = status + (
            f"Other sources: {_text(others)}" if others else "No other source gives this value."
        )
    elif card.kind == "agreement":
        heading = f"<strong>{_text(row['title'])}</strong>"
        values = _values([("projects", row["count"]), ("worth", row["amount_label"])])
        line = f"<strong>{_text(row['status'])}</strong> · {_text(row['kind'])}"
    else:
        heading = f"<strong>Next planned:</strong> {_text(row['title'])}"
        values = _values([("", row["when"])])
        line = " · ".join(
            _text(row[field]) for field in ("kind", "place", "people_label") if _text(row[field])
        )
    return (
        f'<div class="dyad-card" data-record="{_text(row["id"])}" data-kind="{card.kind}">'
        f'<p>{heading}</p>{values}<p class="dyad-card-note">{line}</p>{_source(row)}</div>'
    )


def headline_cards_html(
    tables: PackTables, strip: pd.DataFrame, start: int = 0, stop: int | None = None
) -> str:
    """The headline cards ``start`` to ``stop`` (``headline_cards``) as one block of HTML."""
    cards = headline_cards(tables, strip)[start:stop]
    body = "".join(
        card_html(card, other_values(tables, card.row) if card.kind == "figure" else "")
        for card in cards
    )
    return f'{CARDS_STYLE}<div class="dyad-cards">{body}</div>'
