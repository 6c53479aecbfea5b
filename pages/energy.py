"""Energy: volumes delivered against capacity, and what is planned, drawn apart."""

import streamlit as st

from components import ui
from components.charts.energy import (
    VOLUMES_PER_CHART,
    gas_delivered_chart,
    planned_volume_rows,
    planned_volumes_chart,
)

# 1. Get data
tables = ui.current_pack()

# 2. Render
ui.page_header(tables, "Energy")
delivered = ui.computed(gas_delivered_chart, tables)
ui.chart_card(delivered, missing="This pack has no annual energy volumes.")
st.subheader("Planned routes and capacities")
st.caption("Planned values are hatched or dashed: contracted or agreed, not delivered.")
volumes = ui.computed(planned_volume_rows, tables)
shown = ui.page_of(len(volumes), "volumes", key="planned-volumes-page", size=VOLUMES_PER_CHART)
planned = ui.computed(planned_volumes_chart, tables, shown.start)
ui.chart_card(planned, missing="This pack has no planned capacities.")
ui.more_figures(tables, "Energy", [delivered, planned])
