"""The shipped packs, record by record, and the Russia–China numbers a reader must see."""

from __future__ import annotations

import pytest
import yaml

from components.packs import load_packs, normalise_quote
from components.schema import RECORD_FILES
from tests.conftest import SHIPPED_DATA

RESULT = load_packs(SHIPPED_DATA)
RUSSIA_CHINA = RESULT.packs.get("russia-china")
SEED = "realist-2025-05-08"


def shipped_records():
    """(pack, file, raw record) for every record of every shipped pack, read independently."""
    for folder in sorted(p for p in SHIPPED_DATA.iterdir() if p.is_dir()):
        for name in RECORD_FILES:
            path = folder / f"{name}.yaml"
            if path.is_file():
                for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                    yield pytest.param(folder.name, name, raw, id=f"{folder.name}/{raw['id']}")


def test_every_shipped_pack_loads_without_problems():
    assert RESULT.problems == {}
    assert "russia-china" in RESULT.packs


@pytest.mark.parametrize(("pack_id", "file", "raw"), list(shipped_records()))
def test_every_record_is_in_its_table_with_its_source(pack_id, file, raw):
    tables = RESULT.packs[pack_id]
    rows = tables.table(file).set_index("id")
    assert raw["id"] in rows.index
    row = rows.loc[raw["id"]]
    sources = tables.sources.set_index("id")
    source = sources.loc[raw["source"]]
    assert row["source_title"] == source["title"]
    assert isinstance(source["url"], str) or isinstance(source["text"], str)
    if raw["source"] in tables.texts:
        assert normalise_quote(raw["quote"]) in normalise_quote(tables.texts[raw["source"]])


def test_seed_article_is_stored_verbatim_as_the_source_text():
    stored = (SHIPPED_DATA / "russia-china" / "sources" / f"{SEED}.txt").read_text()
    assert RUSSIA_CHINA.texts[SEED] == stored
    assert stored.startswith("MOSCOW (Realist English). Russian President Vladimir Putin")


def value(figure_id: str) -> float:
    return RUSSIA_CHINA.figures.set_index("id").loc[figure_id, "value"]


def test_the_articles_numbers_are_in_the_pack_with_their_sentences():
    figures = RUSSIA_CHINA.figures
    seed = figures[figures["source"] == SEED].set_index("metric")
    assert seed.loc["bilateral-trade", "value"] == 245
    assert seed.loc["bilateral-trade", "quote"] == (
        "In 2024, bilateral trade hit a record $245 billion."
    )
    assert seed.loc["gas-supply", "value"] == 31
    assert seed.loc["far-eastern-route-capacity", ["value", "status"]].tolist() == [10, "planned"]
    assert seed.loc["xi-visits-to-russia", "value"] == 11
    portfolio = RUSSIA_CHINA.agreements.set_index("id").loc["priority-projects-portfolio"]
    assert (portfolio["count"], portfolio["amount_value"], portfolio["amount_unit"]) == (
        90,
        200,
        "USD bn",
    )


def test_customs_trade_series_runs_2013_to_2025_with_the_2024_record_and_2025_fall():
    trade = RUSSIA_CHINA.figures[
        (RUSSIA_CHINA.figures["metric"] == "bilateral-trade")
        & (RUSSIA_CHINA.figures["source"] != SEED)
    ]
    by_year = dict(zip(trade["period"].dt.year, trade["value"], strict=True))
    assert sorted(by_year) == list(range(2013, 2026))
    assert by_year[2024] == 244.8
    assert max(by_year, key=by_year.get) == 2024
    assert by_year[2025] == 228.1


def test_gas_deliveries_and_capacity():
    assert value("gas-supply-2024-tass") == 31.12
    gas = RUSSIA_CHINA.figures[RUSSIA_CHINA.figures["metric"] == "gas-supply"]
    preliminary = gas[gas["period"].dt.year == 2025]
    assert preliminary["status"].tolist() == ["estimate"]
    capacity = RUSSIA_CHINA.figures[RUSSIA_CHINA.figures["metric"] == "pipeline-capacity"]
    assert sorted(capacity["value"]) == [38, 44]


def test_eleven_visits_by_xi_to_russia():
    events = RUSSIA_CHINA.events
    visits = events[(events["kind"] == "visit") & events["id"].str.startswith("xi-visit-")]
    assert len(visits) == 11
    assert all("Xi Jinping" in people for people in visits["people"])
    last = visits.iloc[-1]
    assert (last["when"], last["place"]) == ("7\u201310 May 2025", "Moscow")


def test_checks_hold_the_articles_claims():
    verdicts = RUSSIA_CHINA.checks.set_index("id")["verdict"]
    assert verdicts["record-trade-2024"] == "supported"
    assert verdicts["xi-11th-visit"] == "supported"
    assert verdicts["gas-31-bcm"] == "supported"
    assert verdicts["highest-with-any-partner"] == "contradicted"
    assert verdicts["majority-rubles-yuan"] == "supported"
    evidence = RUSSIA_CHINA.checks.set_index("id").loc["highest-with-any-partner", "evidence"]
    partners = {RUSSIA_CHINA.record(e)[1]["metric"] for e in evidence}
    assert {"china-trade-us", "china-trade-eu", "bilateral-trade"} <= partners


def test_caveats_of_the_context_are_in_notes():
    notes = RUSSIA_CHINA.figures.set_index("id")["note"]
    assert "first" in notes["trade-2015-gacc"].lower()
    gas_2025 = RUSSIA_CHINA.figures[
        (RUSSIA_CHINA.figures["metric"] == "gas-supply")
        & (RUSSIA_CHINA.figures["period"].dt.year == 2025)
    ]
    assert "preliminary" in gas_2025["note"].iloc[0].lower()
