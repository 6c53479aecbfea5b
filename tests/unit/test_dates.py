"""Dates keep the precision a curator wrote, from YAML to the tables pages draw."""

from __future__ import annotations

import datetime as dt

import pytest

from components.packs import load_packs
from components.schema import parse_partial_date
from components.tables import span_label


@pytest.mark.parametrize(
    ("written", "start", "precision", "label", "end_exclusive"),
    [
        ("2025", dt.date(2025, 1, 1), "year", "2025", dt.date(2026, 1, 1)),
        (2025, dt.date(2025, 1, 1), "year", "2025", dt.date(2026, 1, 1)),
        ("2025-09", dt.date(2025, 9, 1), "month", "Sep 2025", dt.date(2025, 10, 1)),
        ("2025-12", dt.date(2025, 12, 1), "month", "Dec 2025", dt.date(2026, 1, 1)),
        ("2024-02-29", dt.date(2024, 2, 29), "day", "29 Feb 2024", dt.date(2024, 3, 1)),
        (dt.date(2025, 5, 8), dt.date(2025, 5, 8), "day", "8 May 2025", dt.date(2025, 5, 9)),
    ],
)
def test_partial_date_keeps_its_precision(written, start, precision, label, end_exclusive):
    date = parse_partial_date(written)
    assert (date.start, date.precision, date.label, date.end_exclusive) == (
        start,
        precision,
        label,
        end_exclusive,
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2025-02-30", "2025-02-30 is not a date that exists: Feb 2025 has 28 days"),
        ("2025-13", "2025-13 is not a date that exists: there is no month 13"),
        ("8 May 2025", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '8 May 2025'"),
        (True, "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got True"),
        (dt.datetime(2025, 5, 8, 10), "expected a date without a time, got '2025-05-08T10:00:00'"),
    ],
)
def test_impossible_or_misshapen_dates_are_refused(written, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_partial_date(written)


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("2025-05-07", "2025-05-10", "7\u201310 May 2025"),
        ("2025-08-31", "2025-09-03", "31 Aug \u2013 3 Sep 2025"),
        ("2024-09", "2024-11", "Sep 2024 \u2013 Nov 2024"),
        ("2025-09", None, "Sep 2025"),
    ],
)
def test_spans_read_at_their_precision(start, end, label):
    assert span_label(parse_partial_date(start), end and parse_partial_date(end)) == label


def test_precision_survives_into_the_tables(fixture_packs_dir):
    events = load_packs(fixture_packs_dir).packs["freedonia-sylvania"].events.set_index("id")
    autumn = events.loc["summit-autumn-2024"]
    assert autumn["date_precision"] == "month"
    assert autumn["date_label"] == "Sep 2024"
    assert autumn["when"] == "Sep 2024 \u2013 Nov 2024"
    # A month-precise span is drawn across whole months, not from a made-up day.
    assert str(autumn["span_start"].date()) == "2024-09-01"
    assert str(autumn["span_end"].date()) == "2024-12-01"
    summit = events.loc["summit-2024-03-01"]
    assert (summit["date_precision"], summit["date_label"]) == ("day", "1 Mar 2024")
