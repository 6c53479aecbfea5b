"""The Overview's cards as a reader sees them, on the reader fixture pack; and ``?pack=``."""

from __future__ import annotations

import shutil

import yaml
from streamlit.testing.v1 import AppTest

from tests.app.reader import (
    READER_DATA,
    TIMEOUT,
    _downloads_kept,  # noqa: F401 - autouse fixture
    cards_shown,
    chart_csv_rows,
    open_page,
)
from tests.conftest import FIXTURES, REPO

PACK_DIR = READER_DATA / "ruritania-graustark"


def has_card(app, record_id: str) -> bool:
    return record_id in cards_shown(app)


def test_headline_cards_show_the_documents_numbers(monkeypatch):
    app = open_page("Overview", monkeypatch=monkeypatch)
    cards = cards_shown(app)
    trade = cards["trade-2024-chronicle"]
    assert trade.values == {"": "$14 bn"}
    assert "$14 bn" in trade.lines
    assert cards["research-programme-2024"].values == {"projects": "12", "worth": "$3.5 bn"}


def test_a_cards_source_gives_the_sentence_and_the_source_it_came_from(monkeypatch):
    """One click (the card's Source, opened in the browser) to the quote and the source."""
    sources = yaml.safe_load((PACK_DIR / "sources.yaml").read_text(encoding="utf-8"))
    figures = yaml.safe_load((PACK_DIR / "figures.yaml").read_text(encoding="utf-8"))
    figure = next(f for f in figures if f["id"] == "trade-2024-chronicle")
    source = next(s for s in sources if s["id"] == figure["source"])
    card = cards_shown(open_page("Overview", monkeypatch=monkeypatch))[figure["id"]]
    assert card.quote == figure["quote"]
    assert card.source[0] == "Source"  # the summary a reader clicks
    assert any(line.startswith(source["title"]) for line in card.source), card.source
    assert card.links == [source["url"]]
    # The quote is behind the Source, not on the closed card.
    assert figure["quote"] not in card.text


def test_a_figure_card_names_what_other_sources_give(monkeypatch):
    """A disagreement is never hidden: the card names the other sources' values."""
    figures = yaml.safe_load((PACK_DIR / "figures.yaml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((PACK_DIR / "sources.yaml").read_text(encoding="utf-8"))
    publishers = {source["id"]: source["publisher"] for source in sources}
    cards = cards_shown(open_page("Overview", monkeypatch=monkeypatch))
    shown = [f for f in figures if f["id"] in cards]
    assert shown, "no figure card on the Overview: test is void"
    named = 0
    for figure in shown:
        others = [
            f
            for f in figures
            if f["metric"] == figure["metric"]
            and str(f["period"])[:4] == str(figure["period"])[:4]
            and f["source"] != figure["source"]
        ]
        line = cards[figure["id"]].lines[-1]
        if others:
            named += 1
            assert line.startswith("Other sources: ") or "· Other sources: " in line, line
            # Each value and whose it is, "... from The Moscow Times (Jan 2025)": a citation
            # in brackets read "(The Moscow Times (Jan 2025))".
            for other in others:
                assert f" from {publishers[other['source']]} (" in line, (other["id"], line)
        else:
            assert line.endswith("No other source gives this value."), line
    assert named, "no figure with another source's value: test is void"


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


def test_trade_statements_and_agreements_programmes_are_cards_with_their_source(monkeypatch):
    """The same card as the Overview's: the record's words, and behind its Source the quote
    and the source that said it (read from the pack's files)."""
    sources = {s["id"]: s for s in yaml.safe_load((PACK_DIR / "sources.yaml").read_text())}
    statements = yaml.safe_load((PACK_DIR / "statements.yaml").read_text(encoding="utf-8"))
    agreements = yaml.safe_load((PACK_DIR / "agreements.yaml").read_text(encoding="utf-8"))
    said = [
        s for s in statements if s.get("theme") == "finance" or "finance" in s.get("topics", [])
    ]
    programmes = [a for a in agreements if a.get("kind") == "programme" and a.get("sectors")]
    assert said and programmes, "no finance statement or programme in the pack: test is void"
    for title, records in (("Trade", said), ("Agreements", programmes)):
        cards = cards_shown(open_page(title, monkeypatch=monkeypatch))
        assert set(cards) == {r["id"] for r in records}, title
        for record in records:
            card = cards[record["id"]]
            words = record.get("said") or record["title"]
            assert words in card.text, (title, card.text)
            for sector in record.get("sectors", []):
                assert sector in card.text, (title, sector)
            source = sources[record["source"]]
            assert any(line.startswith(source["title"]) for line in card.source), card.source
            if record.get("quote"):
                assert card.quote == record["quote"]


def test_the_headline_numbers_name_the_documents_they_come_from(monkeypatch):
    """Under "Headline numbers", each document the pack checks, linked, and no other source."""
    sources = yaml.safe_load((PACK_DIR / "sources.yaml").read_text(encoding="utf-8"))
    checks = yaml.safe_load((PACK_DIR / "checks.yaml").read_text(encoding="utf-8"))
    documents = {check["source"] for check in checks}
    app = open_page("Overview", monkeypatch=monkeypatch)
    line = next(c.value for c in app.caption if c.value.startswith("From "))
    for source in sources:
        if source["id"] in documents:
            assert f"]({source['url']})" in line, (source["id"], line)
            assert source["publisher"] in line, (source["id"], line)
        else:
            assert source["url"] not in line, (source["id"], line)
    assert line.endswith("Open a card's Source for the sentence it came from.")
