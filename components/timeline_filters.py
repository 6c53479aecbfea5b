"""Timeline filters as data: read from and written to the page URL, applied to events.

Kept apart from the page so that the URL format (``?kind=visit&kind=talks
&status=held&person=Xi+Jinping&host=RUS&years=2013-2025``) is one tested function pair.
An empty choice means "all".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from components.charts.base import EVENT_COLUMNS
from components.tables import PackTables


@dataclass(frozen=True)
class TimelineFilters:
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    years: tuple[int, int] | None = None
    hosts: list[str] = field(default_factory=list)


def year_range(events: pd.DataFrame) -> tuple[int, int]:
    """The first and last year any event covers."""
    last_day = events["span_end"] - pd.Timedelta(days=1)
    return int(events["span_start"].dt.year.min()), int(last_day.dt.year.max())


# A timeline of more events than this opens on its latest years: a chart of thousands of
# markers over decades is a solid smear that takes the browser seconds to draw. The Years
# slider widens it to every year; a link names the years it shows.
EVENTS_IN_FIRST_VIEW = 500


def opening_years(events: pd.DataFrame, most: int = EVENTS_IN_FIRST_VIEW) -> tuple[int, int]:
    """The years a Timeline opens on: all of them, unless more than ``most`` events fall in
    them; then the longest run of latest years whose events number ``most`` or fewer (at
    least the last year, however many it holds)."""
    low, high = year_range(events)
    if len(events) <= most:
        return low, high
    # An event falls in the years from ``start`` to the last if its last day is in them.
    last_years = (events["span_end"] - pd.Timedelta(days=1)).dt.year
    start = high
    while start > low and int((last_years >= start - 1).sum()) <= most:
        start -= 1
    return start, high


def all_people(events: pd.DataFrame) -> list[str]:
    return sorted({person for people in events["people"] for person in people})


def all_hosts(events: pd.DataFrame) -> dict[str, str]:
    """The countries that host events, code -> name, the pair's first."""
    hosted = events[events["host"].notna()]
    return dict(zip(hosted["host"], hosted["host_label"], strict=True))


def filters_from_query(query: dict[str, list[str]], events: pd.DataFrame) -> TimelineFilters:
    """Filters named in the URL, keeping only values this pack has."""
    kinds = set(events["kind"].astype(str))
    statuses = set(events["status"].astype(str))
    people = set(all_people(events))
    hosts = all_hosts(events)
    low, high = year_range(events)
    years = None
    for text in query.get("years", [])[:1]:
        start, _, end = text.partition("-")
        if start.isdigit() and end.isdigit():
            first, last = sorted((int(start), int(end)))
            years = (max(first, low), min(last, high))
    return TimelineFilters(
        kinds=[k for k in query.get("kind", []) if k in kinds],
        statuses=[s for s in query.get("status", []) if s in statuses],
        people=[p for p in query.get("person", []) if p in people],
        hosts=[h for h in query.get("host", []) if h in hosts],
        years=years if years and years[0] <= years[1] else None,
    )


def filters_to_query(
    filters: TimelineFilters, events: pd.DataFrame, opening: tuple[int, int] | None = None
) -> dict[str, list[str]]:
    """The URL parameters of a filtered view: what narrows it, and its years whenever they
    are not the ones the page opens on (so a link to every year of a long timeline says so).
    ``opening``: those years, when already worked out (``TimelineChoices.opening_years``)."""
    query = {
        "kind": filters.kinds,
        "status": filters.statuses,
        "person": filters.people,
        "host": filters.hosts,
    }
    if filters.years and filters.years != (opening or opening_years(events)):
        query["years"] = [f"{filters.years[0]}-{filters.years[1]}"]
    return {name: values for name, values in query.items() if values}


def apply_filters(events: pd.DataFrame, filters: TimelineFilters) -> pd.DataFrame:
    """Events that match every filter; an event matches a year range it overlaps."""
    shown = events
    if filters.kinds:
        shown = shown[shown["kind"].isin(filters.kinds)]
    if filters.statuses:
        shown = shown[shown["status"].isin(filters.statuses)]
    if filters.people:
        wanted = set(filters.people)
        shown = shown[shown["people"].map(lambda people: bool(wanted & set(people)))]
    if filters.hosts:
        shown = shown[shown["host"].isin(filters.hosts)]
    if filters.years:
        start = pd.Timestamp(filters.years[0], 1, 1)
        end = pd.Timestamp(filters.years[1] + 1, 1, 1)
        shown = shown[(shown["span_start"] < end) & (shown["span_end"] > start)]
    return shown


# What the Timeline page works out from a pack, as pure functions of its tables: the page
# calls them through ``ui.computed``, so each is worked out once per pack (and filter), not
# once per rerun.


@dataclass(frozen=True)
class TimelineChoices:
    """What the filters offer for a pack: kinds present, statuses, people, hosts, years."""

    kinds: list[str]
    statuses: list[str]
    people: list[str]
    hosts: dict[str, str]
    years: tuple[int, int]
    opening_years: tuple[int, int]


def timeline_choices(tables: PackTables) -> TimelineChoices:
    events = tables.events
    present = set(events["kind"])
    return TimelineChoices(
        kinds=[k for k in events["kind"].cat.categories if k in present],
        statuses=list(events["status"].cat.categories),
        people=all_people(events),
        hosts=all_hosts(events),
        years=year_range(events),
        opening_years=opening_years(events),
    )


def filters_of_query(tables: PackTables, query: tuple[tuple[str, tuple[str, ...]], ...]):
    """``filters_from_query`` for a query given as ``((name, values), ...)`` (hashable)."""
    return filters_from_query({name: list(values) for name, values in query}, tables.events)


def shown_events(
    tables: PackTables,
    kinds: tuple[str, ...],
    statuses: tuple[str, ...],
    people: tuple[str, ...],
    years: tuple[int, int],
    hosts: tuple[str, ...],
) -> pd.DataFrame:
    """The pack's events that match these filters (see ``apply_filters``)."""
    filters = TimelineFilters(list(kinds), list(statuses), list(people), years, list(hosts))
    return apply_filters(tables.events, filters)


def events_table(tables: PackTables, shown: pd.DataFrame) -> pd.DataFrame:
    """The columns of ``shown`` that the Timeline's table and its CSV hold."""
    return shown[EVENT_COLUMNS]
