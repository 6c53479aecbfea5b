"""Take-aways of generated packs of every shape: the report, the ZIP and a short deck.

A briefer may export whatever pack is in view, so each writer must cope with a
pack that has no charts, no checks or no events. Expected values come from the
generated spec (what was written to disk), never from the writers.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from html import escape as html_escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pptx import Presentation

from components.bundle import data_bundle
from components.catalogue import build_catalogue, default_deck
from components.deck import deck_pptx
from components.packs import load_pack
from components.report import offline_report
from tests.packgen import SHAPES, TODAY, packs, scaled_pack, write_pack

EXTERNAL = re.compile(r"""<(?:script|link)[^>]+(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def load_spec(spec: dict) -> tuple:
    folder = write_pack(Path(tempfile.mkdtemp()), spec)
    tables, problems = load_pack(folder)
    assert tables is not None, problems
    return folder, tables, build_catalogue(tables, TODAY)


def check_report_and_bundle(spec: dict) -> None:
    folder, tables, catalogue = load_spec(spec)
    # A chart for each check whose evidence includes figures, read from the spec itself.
    figure_ids = {figure["id"] for figure in spec.get("figures") or []}
    with_numbers = [
        f"check-{check['id']}"
        for check in spec.get("checks") or []
        if set(check.get("evidence") or []) & figure_ids
    ]
    assert [entry.id for entry in catalogue if entry.page == "Claims"] == with_numbers
    slides = catalogue.slide_ids()
    html = offline_report(catalogue, slides)
    assert not EXTERNAL.search(html), "the offline report names an outside script or stylesheet"
    for chart_id in catalogue.ids:
        # Each chosen chart, interactive: its own plotly div in its own section.
        assert f'id="chart-{chart_id}"' in html, f"chart {chart_id} missing from the report"
        assert f'data-slide="{html_escape(chart_id)}"' in html
    archive = zipfile.ZipFile(io.BytesIO(data_bundle(tables, folder)))
    names = set(archive.namelist())
    readme = archive.read(next(n for n in names if n.endswith("README.md"))).decode("utf-8")
    for source in spec["sources"]:
        assert source["title"] in readme or source["id"] in readme, source["id"]
    events_csv = next((n for n in names if n.endswith("events.csv")), None)
    assert events_csv is not None
    rows = list(csv.DictReader(io.StringIO(archive.read(events_csv).decode("utf-8-sig"))))
    assert sorted(row["id"] for row in rows) == sorted(
        event["id"] for event in spec.get("events") or []
    )


@pytest.mark.parametrize("shape", SHAPES)
def test_report_and_zip_of_every_shape(shape):
    @settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
    @given(spec=packs(shape=shape))
    def check(spec):
        check_report_and_bundle(spec)

    check()


def test_report_and_zip_of_a_large_generated_pack():
    check_report_and_bundle(scaled_pack(1, seed=3))


def test_a_short_deck_of_a_generated_pack_has_a_slide_per_choice():
    _, _, catalogue = load_spec(scaled_pack(1, seed=3))
    chosen = default_deck(catalogue, size=3)
    deck = Presentation(io.BytesIO(deck_pptx(catalogue, chosen)))
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    for slide_id in chosen:
        assert any(catalogue.slide_title(slide_id)[:40] in title for title in titles), slide_id
