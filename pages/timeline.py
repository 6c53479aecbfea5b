"""Timeline: every event at its precision, filtered by kind, status, person and years (in the URL)."""

import streamlit as st

from components import ui
from components.charts.base import EVENT_COLUMNS
from components.charts.timeline import timeline_chart, visits_by_host_chart
from components.timeline_filters import (
    TimelineFilters,
    all_hosts,
    all_people,
    apply_filters,
    filters_from_query,
    filters_to_query,
    year_range,
)

# 1. Get data
tables = ui.current_pack()
events = tables.events
ui.page_header(tables, "Timeline")
if events.empty:
    st.info("This pack has no events.")
    ui.more_figures(tables, "Timeline", [])
    st.stop()

# 2. Filters: start from the URL, so a shared link opens the same view
from_url = filters_from_query(
    {key: st.query_params.get_all(key) for key in st.query_params}, events
)
low, high = year_range(events)
defaults = {
    "timeline-kind": from_url.kinds,
    "timeline-status": from_url.statuses,
    "timeline-person": from_url.people,
    "timeline-host": from_url.hosts,
    "timeline-years": from_url.years or (low, high),
}
for key, value in defaults.items():
    st.session_state.setdefault(key, value)
kind_column, status_column, person_column, host_column = st.columns([2, 1, 2, 1])
kinds = kind_column.multiselect(
    "Kind",
    [k for k in events["kind"].cat.categories if k in set(events["kind"])],
    key="timeline-kind",
    placeholder="All kinds",
)
statuses = status_column.multiselect(
    "Status",
    list(events["status"].cat.categories),
    key="timeline-status",
    placeholder="Held and planned",
)
people = person_column.multiselect(
    "Person", all_people(events), key="timeline-person", placeholder="Anyone"
)
hosts = all_hosts(events)
host_choice = host_column.multiselect(
    "Host country",
    list(hosts),
    key="timeline-host",
    format_func=lambda code: hosts.get(code, code),
    placeholder="Anywhere",
    help="The country an event took place in, where the pack gives it",
)
years = st.slider("Years", low, high, key="timeline-years") if low < high else (low, high)
filters = TimelineFilters(kinds, statuses, people, tuple(years), host_choice)
for key in ("kind", "status", "person", "host", "years"):
    st.query_params.pop(key, None)
st.query_params.update(filters_to_query(filters, events))
shown = apply_filters(events, filters)

# 3. Render
st.caption(f"{len(shown)} of {len(events)} events · the link in the address bar opens this view")
ui.chart_card(
    ui.computed(timeline_chart, tables, shown, today=ui.today()),
    missing="No event matches these filters.",
)
st.subheader("Who visited whom")
ui.chart_card(
    ui.computed(visits_by_host_chart, tables, shown),
    missing="No visit among these events names the country that hosted it.",
)
st.subheader("Events")
st.dataframe(
    shown[EVENT_COLUMNS], hide_index=True, column_config=ui.COLUMN_CONFIG, key="timeline-table"
)
ui.table_download(shown[EVENT_COLUMNS], f"{tables.id}-events", key="csv-timeline-table")
ui.more_figures(tables, "Timeline", [])
