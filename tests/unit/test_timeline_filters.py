"""Timeline filters round-trip through the URL and select the events a reader expects."""

from __future__ import annotations

from components.packs import load_packs
from components.timeline_filters import (
    TimelineFilters,
    apply_filters,
    filters_from_query,
    filters_to_query,
    year_range,
)
from tests.conftest import SHIPPED_DATA

EVENTS = load_packs(SHIPPED_DATA).packs["russia-china"].events


def test_filters_round_trip_through_the_query_string():
    filters = TimelineFilters(["visit"], ["held"], ["Xi Jinping"], (2015, 2019))
    query = filters_to_query(filters, EVENTS)
    assert query == {
        "kind": ["visit"],
        "status": ["held"],
        "person": ["Xi Jinping"],
        "years": ["2015-2019"],
    }
    assert filters_from_query(query, EVENTS) == filters


def test_unknown_values_in_a_shared_link_are_dropped_not_crashed_on():
    query = {"kind": ["visit", "parade"], "person": ["Nobody"], "years": ["abc"]}
    assert filters_from_query(query, EVENTS) == TimelineFilters(["visit"], [], [], None)


def test_years_outside_the_pack_are_clamped():
    low, high = year_range(EVENTS)
    assert filters_from_query({"years": ["1990-2100"]}, EVENTS).years == (low, high)


def test_xi_visits_between_2015_and_2019():
    shown = apply_filters(EVENTS, TimelineFilters(["visit"], [], ["Xi Jinping"], (2015, 2019)))
    assert list(shown["id"]) == [
        "xi-visit-04-moscow-2015",
        "xi-visit-05-ufa-2015",
        "putin-visit-hangzhou-2016-09",  # Xi hosted the G20 in Hangzhou
        "xi-visit-06-moscow-2017",
        "xi-visit-07-vladivostok-2018",
        "xi-visit-08-moscow-2019",
    ]


def test_an_event_known_to_the_year_matches_a_range_it_overlaps():
    shown = apply_filters(EVENTS, TimelineFilters([], ["planned"], [], (2025, 2025)))
    assert "sco-summit-tianjin-planned" in set(shown["id"])
    assert "far-eastern-route-start-planned" not in set(shown["id"])


def test_host_filter_round_trips_through_the_url_and_keeps_only_events_hosted_there():
    import pandas as pd

    events = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "kind": pd.Categorical(["visit", "visit", "summit"]),
            "status": pd.Categorical(["held"] * 3),
            "people": [(), (), ()],
            "host": ["AAA", "BBB", None],
            "host_label": ["Aland", "Bland", None],
            "span_start": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"]),
            "span_end": pd.to_datetime(["2020-01-02", "2021-01-02", "2022-01-02"]),
        }
    )
    filters = filters_from_query({"host": ["BBB", "ZZZ"]}, events)
    assert filters.hosts == ["BBB"]
    assert filters_to_query(filters, events) == {"host": ["BBB"]}
    assert list(apply_filters(events, filters)["id"]) == ["b"]
