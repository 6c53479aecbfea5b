"""Overview: the pair, its summary, the documents' headline numbers and the events around now."""

import streamlit as st

from components import ui
from components.charts.timeline import timeline_chart
from components.overview import (
    headline_cards,
    headline_cards_html,
    headline_documents,
    strip_events,
)

# 1. Get data
tables = ui.current_pack()
today = ui.today()
strip = ui.computed(strip_events, tables, today)
cards = ui.computed(headline_cards, tables, strip)


def documents_line(tables) -> str:
    """Where the headline numbers come from, each document linked, as markdown: made once per
    pack (walking the documents' rows was two fifths of this page's script, on every run)."""
    documents = headline_documents(tables)
    if documents.empty:
        return "This pack checks no document, so it has no headline numbers."
    links = (ui.link(r["citation"], r["url"]) for r in documents.to_dict("records"))
    return f"From {' · '.join(links)}. Open a card's Source for the sentence it came from."


# 2. Render
ui.page_header(tables, "Overview")
st.markdown(ui.md(tables.pack.summary))

st.subheader("Headline numbers, as the documents give them")
st.caption(ui.computed(documents_line, tables))
if not cards:
    st.info("No headline figures, portfolios or planned events in this pack.")
# Twelve cards (four rows) at a time: a pack of a hundred documents draws no more boxes. The
# cards are one block of HTML, made once per pack; a card's Source opens in place.
shown_cards = ui.page_of(len(cards), "headline cards", key="overview-cards", size=12)
if cards:
    with st.container(key="headline-cards"):
        ui.html(
            ui.computed(headline_cards_html, tables, strip, shown_cards.start, shown_cards.stop)
        )

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
