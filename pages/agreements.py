"""Agreements: documents and portfolios by kind and status, sectors, and a searchable table."""

import streamlit as st

from components import cards, ui
from components.agreements import agreements_table
from components.charts.agreements import (
    agreements_by_kind_chart,
    joint_venture_sectors,
    sectors_chart,
)

# 1. Get data
tables = ui.current_pack()
agreements = tables.agreements


def programme_cards(tables) -> list[str]:
    """Each programme that names sectors as a card (``components.cards``): its title, status
    and sectors, and its Source. Made once per pack, not on every run (a programme's rows
    picked out of a thousand programmes' on every run cost 60 ms)."""
    made = []
    for _, rows in joint_venture_sectors(tables).groupby("id", sort=False):
        first = rows.iloc[0]
        sectors = " ".join(f"<code>{cards.text(sector)}</code>" for sector in rows["sector"])
        body = (
            f"<p><strong>{cards.text(first['title'])}</strong> · {cards.text(first['status'])}</p>"
            f"<p>{sectors}</p>"
        )
        made.append(cards.card(first, "programme", body))
    return made


# 2. Render
ui.page_header(tables, "Agreements")
ui.chart_card(ui.computed(agreements_by_kind_chart, tables), missing="This pack has no agreements.")

programmes = ui.computed(programme_cards, tables)
if programmes:
    st.subheader("Programmes and the sectors they name")
    # A page of programmes is drawn, so that a pack of a thousand draws no more boxes
    # than one of twenty; the table below lists every agreement.
    ui.record_cards(programmes, kind="programme", noun="programmes", page_key="programmes-page")

ui.chart_card(ui.computed(sectors_chart, tables), missing="No agreement names a sector.")

st.subheader("All agreements")
search = st.text_input(
    "Search titles, sectors, quotes and notes",
    key="agreements-search",
    placeholder="e.g. investment",
    persist_state=ui.KEPT,
    bind=ui.BOUND,
)
kinds = ui.any_of(
    "Kind",
    list(agreements["kind"].cat.categories),
    key="agreements-kind",
    everything="every kind",
    bind=ui.BOUND,
)
statuses = ui.any_of(
    "Status",
    list(agreements["status"].cat.categories),
    key="agreements-status",
    everything="every status",
    bind=ui.BOUND,
)
shown = ui.computed(agreements_table, tables, search, tuple(kinds), tuple(statuses))
st.caption(f"{len(shown):,} of {ui.plural(len(agreements), 'agreement')}")
ui.dataframe(shown, hide_index=True, column_config=ui.COLUMN_CONFIG, key="agreements-table")
ui.table_download(shown, f"{tables.id}-agreements", key="csv-agreements-table")
