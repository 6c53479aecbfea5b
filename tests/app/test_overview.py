"""The Overview's cards as a reader sees them, on the reader fixture pack; and ``?pack=``."""

from __future__ import annotations

import shutil

from streamlit.testing.v1 import AppTest

from tests.app.reader import (
    READER_DATA,
    TIMEOUT,
    _downloads_kept,  # noqa: F401 - autouse fixture
    chart_csv_rows,
    container,
    open_page,
    texts,
)
from tests.conftest import FIXTURES, REPO


def has_card(app, record_id: str) -> bool:
    try:
        container(app, f"card-{record_id}")
    except AssertionError:
        return False
    return True


def test_headline_cards_show_the_documents_numbers(monkeypatch):
    app = open_page("Overview", monkeypatch=monkeypatch)
    trade = texts(container(app, "card-trade-2024-chronicle"))
    assert "$14 bn" in trade.splitlines()
    programme = container(app, "card-research-programme-2024")
    assert {m.label: m.value for m in programme.get("metric")} == {
        "projects": "12",
        "worth": "$3.5 bn",
    }


def test_only_planned_events_still_ahead_get_a_card(monkeypatch):
    # On 1 Dec 2025 the summit planned for Oct 2025 is past; the 2026 visit is ahead.
    monkeypatch.setenv("DYAD_TODAY", "2025-12-01")
    app = open_page("Overview", monkeypatch=monkeypatch)
    assert has_card(app, "flavia-visit-2026-planned")
    assert not has_card(app, "summit-2025-planned")
    strip = [row["id"] for row in chart_csv_rows(app, "events-strip")]
    assert "summit-2025-planned" not in strip
    assert "flavia-visit-2026-planned" in strip


def test_a_shared_link_opens_the_pack_it_names(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "packs" / "freedonia-sylvania", data / "freedonia-sylvania")
    shutil.copytree(READER_DATA / "ruritania-graustark", data / "ruritania-graustark")
    monkeypatch.setenv("DYAD_DATA", str(data))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    app.query_params["pack"] = "ruritania-graustark"
    app.run()
    assert not app.exception
    assert app.sidebar.selectbox(key="pack").value == "ruritania-graustark"
    assert has_card(app, "trade-2024-chronicle")
    assert not has_card(app, "trade-2023-gazette")
