"""Agreements: documents and portfolios by kind and status, sectors, and a searchable table."""

import streamlit as st

from components import ui
from components.agreements import agreements_table
from components.charts.agreements import (
    agreements_by_kind_chart,
    joint_venture_sectors,
    sectors_chart,
)

# 1. Get data
tables = ui.current_pack()
agreements = tables.agreements
programmes = ui.computed(joint_venture_sectors, tables)

# 2. Render
ui.page_header(tables, "Agreements")
ui.chart_card(ui.computed(agreements_by_kind_chart, tables), missing="This pack has no agreements.")

if not programmes.empty:
    st.subheader("Programmes and the sectors they name")
    # A page of programmes is drawn, so that a pack of a thousand draws no more boxes
    # than one of twenty; the table below lists every agreement.
    by_programme = programmes.groupby("id", sort=False)
    programme_ids = list(programmes["id"].unique())
    programme_ids = programme_ids[
        ui.page_of(len(programme_ids), "programmes", key="programmes-page")
    ]
    for programme_id in programme_ids:
        rows = by_programme.get_group(programme_id)
        first = rows.iloc[0]
        with st.container(border=True, key=f"programme-{programme_id}"):
            sectors = " · ".join(f"`{ui.md(sector)}`" for sector in rows["sector"])
            # One block of markdown, not two: a line break between the title and its sectors.
            st.markdown(f"**{ui.md(first['title'])}** · {ui.md(first['status'])}  \n{sectors}")
            ui.source_popover(first, key=f"source-{programme_id}")

ui.chart_card(ui.computed(sectors_chart, tables), missing="No agreement names a sector.")

st.subheader("All agreements")
search = st.text_input(
    "Search titles, sectors, quotes and notes",
    key="agreements-search",
    placeholder="e.g. investment",
)
kinds = ui.any_of(
    "Kind", list(agreements["kind"].cat.categories), key="agreements-kind", everything="every kind"
)
statuses = ui.any_of(
    "Status",
    list(agreements["status"].cat.categories),
    key="agreements-status",
    everything="every status",
)
shown = ui.computed(agreements_table, tables, search, tuple(kinds), tuple(statuses))
st.caption(f"{len(shown)} of {len(agreements)} agreements")
ui.dataframe(shown, hide_index=True, column_config=ui.COLUMN_CONFIG, key="agreements-table")
ui.table_download(shown, f"{tables.id}-agreements", key="csv-agreements-table")
