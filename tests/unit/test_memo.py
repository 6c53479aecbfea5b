"""What pages compute once per pack content (``ui.computed``) is told apart by its arguments."""

from __future__ import annotations

import yaml

from components import ui
from components.charts.timeline import timeline_chart
from components.packs import load_pack
from tests.conftest import SHIPPED_DATA

PACK = SHIPPED_DATA / "russia-china"


def event_ids(tables, chart) -> list[str]:
    return list(chart.rows["id"])


def test_charts_of_one_key_and_length_but_other_records_are_computed_apart():
    tables = load_pack(PACK)[0]
    ids = [event["id"] for event in yaml.safe_load((PACK / "events.yaml").read_text("utf-8"))]
    events = tables.events.set_index("id")
    first = timeline_chart(tables, events.loc[ids[:3]].reset_index())
    second = timeline_chart(tables, events.loc[ids[3:6]].reset_index())
    assert first.key == second.key and len(first.rows) == len(second.rows)
    assert ui.computed(event_ids, tables, first) == ids[:3]
    assert ui.computed(event_ids, tables, second) == ids[3:6]
