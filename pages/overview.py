"""Overview: the pair, its summary, the documents' headline numbers and the events around now."""

import pandas as pd
import streamlit as st

from components import ui
from components.charts.timeline import timeline_chart
from components.overview import (
    Card,
    headline_cards,
    headline_documents,
    other_values,
    strip_events,
)

# 1. Get data
tables = ui.current_pack()
today = ui.today()
strip = ui.computed(strip_events, tables, today)
cards = ui.computed(headline_cards, tables, strip)


def figure_card(row: pd.Series) -> None:
    st.markdown(f"**{ui.md(row['metric_label'])}**, {ui.md(row['period_label'])}")
    st.metric(row["metric_label"], row["value_label"], label_visibility="collapsed")
    status = "" if row["status"] == "reported" else f"**{ui.md(row['status'])}** · "
    others = ui.computed(other_values, tables, row)
    st.caption(
        status
        + (f"Other sources: {ui.md(others)}" if others else "No other source gives this value.")
    )


def event_card(row: pd.Series) -> None:
    st.markdown(f"**Next planned:** {ui.md(row['title'])}")
    st.metric("date", row["when"], label_visibility="collapsed")
    details = (row["kind"], row["place"], row["people_label"])
    st.caption(" · ".join(ui.md(v) for v in details if pd.notna(v)))


def agreement_card(row: pd.Series) -> None:
    st.markdown(f"**{ui.md(row['title'])}**")
    numbers = [("projects", row["count"]), ("worth", row["amount_label"])]
    numbers = [(label, value) for label, value in numbers if pd.notna(value)]
    for (label, value), slot in zip(numbers, st.columns(len(numbers)), strict=True):
        slot.metric(label, str(value))
    st.caption(f"**{ui.md(row['status'])}** · {ui.md(row['kind'])}")


CARD_BODIES = {"figure": figure_card, "event": event_card, "agreement": agreement_card}


def show_card(card: Card) -> None:
    CARD_BODIES[card.kind](card.row)
    ui.source_popover(card.row, key=f"source-{card.row['id']}")


# 2. Render
ui.page_header(tables, "Overview")
st.markdown(ui.md(tables.pack.summary))

st.subheader("Headline numbers, as the documents give them")
documents = ui.computed(headline_documents, tables)
if documents.empty:
    st.caption("This pack checks no document, so it has no headline numbers.")
else:
    st.caption(
        "From "
        + " · ".join(ui.link(r["citation"], r["url"]) for _, r in documents.iterrows())
        + ". Open a card's Source for the sentence it came from."
    )
if not cards:
    st.info("No headline figures, portfolios or planned events in this pack.")
# Twelve cards (four rows) at a time: a pack of a hundred documents draws no more boxes.
shown_cards = cards[ui.page_of(len(cards), "headline cards", key="overview-cards", size=12)]
for start in range(0, len(shown_cards), 3):
    for column, card in zip(st.columns(3), shown_cards[start : start + 3], strict=False):
        with column.container(border=True, key=f"card-{card.row['id']}"):
            show_card(card)

st.subheader("Latest and next events")
ahead = int((strip["status"] == "planned").sum())
strip_title = (
    f"The latest events, and {ahead} planned ahead"
    if ahead
    else "The latest events; none planned ahead"
)
ui.chart_card(
    ui.computed(timeline_chart, tables, strip, today=today, key="events-strip", title=strip_title),
    missing="No events in this pack.",
)
