"""Timeline: every event at its precision, filtered by kind, status, person and years (in the URL)."""

import streamlit as st

from components import ui
from components.charts.timeline import timeline_chart, visits_by_host_chart
from components.timeline_filters import (
    TimelineFilters,
    events_table,
    filters_of_query,
    filters_to_query,
    shown_events,
    timeline_choices,
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
choices = ui.computed(timeline_choices, tables)
query = ui.query_now()
from_url = ui.computed(filters_of_query, tables, query)
low, high = choices.years
defaults = {
    "timeline-kind": from_url.kinds,
    "timeline-status": from_url.statuses,
    "timeline-person": from_url.people,
    "timeline-host": from_url.hosts,
    "timeline-years": from_url.years or choices.opening_years,
}
# The address changed under this page since its own run before (Back, Forward): the view
# follows the address. Back from another page, the filters chosen before are there again
# (each is kept for the session, ``ui.KEPT``), and the address is written from them.
written = st.session_state.get("timeline-written")
followed = written is not None and written[0] == ui.run_number() - 1 and written[1] != query
for key, value in defaults.items():
    if followed or key not in st.session_state:
        st.session_state[key] = value
kind_column, status_column = st.columns([3, 1])
kinds = ui.any_of(
    "Kind", choices.kinds, key="timeline-kind", everything="every kind", where=kind_column
)
statuses = ui.any_of(
    "Status",
    choices.statuses,
    key="timeline-status",
    everything="held and planned",
    where=status_column,
)
person_column, host_column = st.columns([3, 1])
people = ui.any_of(
    "Person", choices.people, key="timeline-person", everything="anyone", where=person_column
)
# Offered when the pack names where its events took place (an event's host).
host_choice = (
    ui.any_of(
        "Host country",
        list(choices.hosts),
        key="timeline-host",
        everything="anywhere",
        where=host_column,
        format_func=lambda code: choices.hosts.get(code, code),
        help="The country an event took place in, where the pack gives it",
    )
    if choices.hosts
    else []
)
years = (
    st.slider("Years", low, high, key="timeline-years", persist_state=ui.KEPT)
    if low < high
    else (low, high)
)
filters = TimelineFilters(kinds, statuses, people, tuple(years), host_choice)
ui.set_query(
    ("kind", "status", "person", "host", "years"),
    filters_to_query(filters, events, choices.opening_years),
)
st.session_state["timeline-written"] = (ui.run_number(), ui.query_now())
# The same filters give the same frame object, so its chart, table and CSV are made once.
shown = ui.computed(
    shown_events,
    tables,
    tuple(kinds),
    tuple(statuses),
    tuple(people),
    tuple(years),
    tuple(host_choice),
)

# 3. Render
opened_narrow = tuple(years) == choices.opening_years != (low, high)
st.caption(
    f"{len(shown):,} of {ui.plural(len(events), 'event')}"
    + (
        f" · a timeline this long opens on its latest years, {years[0]}–{years[1]}:"
        " widen Years to see the rest"
        if opened_narrow
        else ""
    )
    + " · the link in the address bar opens this view"
)
ui.chart_card(
    ui.computed(timeline_chart, tables, shown, today=ui.today()),
    missing="No event matches these filters.",
)
st.subheader("Who visited whom")
ui.chart_card(
    ui.computed(visits_by_host_chart, tables, shown),
    missing="No visit among these events names the country that hosted it.",
)


def events_view() -> None:
    """The events in view as a table, with their sources and quotes, and its CSV."""
    table = ui.computed(events_table, tables, shown)
    ui.dataframe(table, hide_index=True, column_config=ui.COLUMN_CONFIG, key="timeline-table")
    ui.table_download(table, f"{tables.id}-events", key="csv-timeline-table")


# The chart above draws every event in view; their table (a tenth of a second for the browser
# to draw) waits behind one click, as a chart's own data does.
ui.lazy_expander(
    f"Events in view as a table: {ui.plural(len(shown), 'event')}, with sources and quotes",
    key="timeline-events",
    body=events_view,
)
ui.more_figures(tables, "Timeline", [])
