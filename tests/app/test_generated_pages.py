"""Every page renders any valid pack: generated ones, and a pair the app was never shaped to.

Each pack is written to a data directory of its own and every page of the
registry runs on it under AppTest: no exception, no error element, and every
chart drawn carries its source line. Where a page has nothing to draw it says
so; it never raises. The example budget is fixed and derandomized, so the
suite runs the same packs every time; ``DYAD_HYPOTHESIS_PROFILE=long`` runs more.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from components.packs import load_pack
from components.registry import PAGES
from tests import packgen
from tests.conftest import FIXTURES, REPO

TIMEOUT = 60
LONG = os.environ.get("DYAD_HYPOTHESIS_PROFILE") == "long"
OTHER_PAIR = FIXTURES / "other-pair" / "nordavia-westmark"


def run_every_page(monkeypatch: pytest.MonkeyPatch, data_dir: str) -> dict[str, str]:
    """Run each page of the registry on the packs of ``data_dir``; its chart titles, by page."""
    monkeypatch.setenv("DYAD_DATA", data_dir)
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    app.run()
    titles = {}
    # Sources draws a whole table once one is chosen: the figures, whose dates vary most.
    app.session_state["sources-table-shown"] = "figures"
    for spec in PAGES:
        if spec.script != PAGES[0].script:
            app.switch_page(spec.script)
            app.run()
        titles[spec.title] = assert_page_rendered(app, spec.title)
    return titles


def assert_page_rendered(app: AppTest, title: str) -> str:
    """No exception, no error, the page's title, a source line in every chart; chart titles."""
    assert not app.exception, (title, [e.value for e in app.exception])
    assert not app.error, (title, [e.value for e in app.error])
    assert [t.value for t in app.title] == [title]
    chart_titles = []
    for chart in app.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        lines = [a["text"] for a in layout.get("annotations", []) if a.get("name") == "source-line"]
        assert lines and lines[0].startswith("Source"), (title, layout["title"]["text"])
        chart_titles.append(layout["title"]["text"])
    return "\n".join(chart_titles)


def budget(examples: int) -> settings:
    """A fixed, derandomized budget of ``examples`` packs (ten times more, at random, if long)."""
    return settings(
        max_examples=examples * 10 if LONG else examples,
        derandomize=not LONG,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# A handful of shapes (every shape goes through every chart builder in tests/unit); a pair
# whose trade is under another key is the hand-written pack below.
PAGE_SHAPES = ("empty", "events-only", "figures-only", "all-future", "anything")


@pytest.mark.parametrize("shape", PAGE_SHAPES)
@budget(1)
@given(data=st.data())
def test_every_page_renders_a_generated_pack_of_each_shape(shape, data, monkeypatch):
    spec = data.draw(packgen.packs(shape=shape, min_records=6), label="pack")
    with tempfile.TemporaryDirectory() as data_dir:
        packgen.write_pack(data_dir, spec)
        run_every_page(monkeypatch, data_dir)


def test_every_page_renders_a_scaled_pack(monkeypatch, tmp_path):
    packgen.write_pack(tmp_path, packgen.scaled_pack(1, seed=1))
    titles = run_every_page(monkeypatch, str(tmp_path))
    assert all(titles[page] for page in ("Overview", "Trade", "Energy", "Timeline", "Claims"))


def test_a_pack_of_another_pair_in_the_original_format_renders_every_page(monkeypatch, tmp_path):
    shutil.copytree(OTHER_PAIR, tmp_path / OTHER_PAIR.name)
    assert load_pack(tmp_path / OTHER_PAIR.name)[1] == []
    titles = run_every_page(monkeypatch, str(tmp_path))
    assert "Trade in goods" in titles["Trade"]
    assert "Hydroelectric power sold to Westmark" in titles["Energy"]
