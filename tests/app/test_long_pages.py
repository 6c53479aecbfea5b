"""A page whose items grow with the pack draws a page of them: its cost must not grow too.

The pack is generated (``tests.packgen.scaled_pack``); expected counts come from
the spec written to disk, never from the app.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.packgen import scaled_pack, write_pack


@pytest.fixture(scope="module")
def scaled(tmp_path_factory) -> tuple[dict, str]:
    """A pack three times the shipped one, written once for the module: its spec and folder
    (one data directory, so the app loads it once for every test here)."""
    spec = scaled_pack(3, seed=1)
    folder = tmp_path_factory.mktemp("scaled")
    write_pack(folder, spec)
    return spec, str(folder)


def test_claims_are_drawn_twenty_at_a_time_with_every_claim_reachable(scaled, monkeypatch):
    spec, data = scaled
    claim_ids = [check["id"] for check in spec["checks"]]
    assert len(claim_ids) > 20, "the generated pack must have more claims than a page holds"
    monkeypatch.setenv("DYAD_DATA", data)
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.switch_page("pages/claims.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]

    def showing() -> list[str]:
        return [str(c.value) for c in app.caption if str(c.value).startswith("Showing ")]

    def claims_drawn() -> int:  # each claim opens on a heading "### <verdict>: <claim>"
        return sum(str(m.value).startswith("### ") for m in app.markdown)

    assert showing() == [f"Showing 1–20 of {len(claim_ids)} claims"]
    assert claims_drawn() == 20
    app.selectbox(key="claims-page").set_value(20).run()
    assert not app.exception, [e.value for e in app.exception]
    last = min(40, len(claim_ids))
    assert showing() == [f"Showing 21–{last} of {len(claim_ids)} claims"]
    assert claims_drawn() == last - 20


def test_overview_cards_are_drawn_twelve_at_a_time_with_every_card_reachable(scaled, monkeypatch):
    monkeypatch.setenv("DYAD_DATA", scaled[1])
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.run()
    assert not app.exception, [e.value for e in app.exception]

    def cards_drawn() -> list[str]:  # each card is a container keyed "card-<record id>"
        keys = [block.proto.id for block in app.main.get("flex_container") if block.proto]
        return [key.split("-card-", 1)[1] for key in keys if "-card-" in key]

    [caption] = [str(c.value) for c in app.caption if str(c.value).startswith("Showing ")]
    total = int(caption.split(" of ")[1].split()[0].replace(",", ""))
    assert caption == f"Showing 1–12 of {total} headline cards" and total > 12
    seen: list[str] = []
    chooser = app.selectbox(key="overview-cards")
    for start in chooser.options:
        app.selectbox(key="overview-cards").set_value(int(start.split("–")[0]) - 1).run()
        drawn = cards_drawn()
        assert 0 < len(drawn) <= 12
        seen += drawn
    assert len(seen) == len(set(seen)) == total, "every card once, across the pages"


def test_more_figures_are_drawn_six_charts_at_a_time_with_every_metric_reachable(
    scaled, monkeypatch
):
    spec, data = scaled
    trade_topics = {"trade", "finance", "investment"}  # the Trade page's topics
    dated = {figure["metric"] for figure in spec["figures"] if figure.get("period") is not None}
    on_trade = {
        key for key, metric in spec["pack"]["metrics"].items() if metric["topic"] in trade_topics
    } & dated
    monkeypatch.setenv("DYAD_DATA", data)
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.switch_page("pages/trade.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]

    def more_drawn() -> list[str]:  # a metric's chart card is keyed "chart-<metric>-over-time"
        keys = [block.proto.id for block in app.main.get("flex_container") if block.proto]
        return [
            key.split("-chart-", 1)[1].removesuffix("-over-time")
            for key in keys
            if "-chart-" in key and key.endswith("-over-time")
        ]

    [caption] = [str(c.value) for c in app.caption if str(c.value).startswith("Showing ")]
    total = int(caption.split(" of ")[1].split()[0].replace(",", ""))
    assert caption == f"Showing 1–6 of {total} figures" and total > 6
    pages = []
    for start in app.selectbox(key="more-figures-Trade").options:
        app.selectbox(key="more-figures-Trade").set_value(int(start.split("–")[0]) - 1).run()
        pages.append(more_drawn())
    # The page's own charts are on every page of the chooser; the more figures change.
    own = set.intersection(*map(set, pages))
    seen = [metric for drawn in pages for metric in drawn if metric not in own]
    assert all(0 < len(set(drawn) - own) <= 6 for drawn in pages), pages
    assert len(seen) == len(set(seen)) == total, "every metric once, across the pages"
    # Every dated metric of the page's topics is drawn: among the more figures, or by one of
    # the page's three own charts (by year, by partner), keyed by what they show instead.
    drawn = set(seen) | own
    assert drawn <= on_trade and len(on_trade - drawn) <= 3, on_trade - drawn
