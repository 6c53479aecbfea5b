"""The shipped packs, record by record, and the Russia–China numbers a reader must see.

Expectations are read from the pack files themselves (plain YAML and the stored
source texts), never from the loader, so a loader bug cannot hide a pack bug.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml

from components.packs import load_packs
from components.schema import RECORD_FILES
from tests.conftest import SHIPPED_DATA

RESULT = load_packs(SHIPPED_DATA)
RUSSIA_CHINA = RESULT.packs.get("russia-china")
SEED = "realist-2025-05-08"
FOLDER = SHIPPED_DATA / "russia-china"

# The format's quote normalisation, written out again here on purpose: white
# space runs become one space, curly quotes straight ones, en/em dashes "-".
QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})


def plain(text: str) -> str:
    return " ".join(text.translate(QUOTE_MARKS).translate(DASHES).split())


@functools.cache  # each file parsed once for the module (tests only read what it gives)
def read(folder: Path, name: str):
    path = folder / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def pack_folders() -> list[Path]:
    return sorted(p for p in SHIPPED_DATA.iterdir() if p.is_dir())


def raw_sources(folder: Path) -> dict[str, dict]:
    return {source["id"]: source for source in read(folder, "sources")}


def shipped_records():
    """(pack, file, raw record) for every record of every shipped pack, read independently."""
    for folder in pack_folders():
        for name in RECORD_FILES:
            for raw in read(folder, name) or []:
                yield pytest.param(folder.name, name, raw, id=f"{folder.name}/{raw['id']}")


def quoted_records():
    """(pack, file, raw record) for every record that carries a quote."""
    for param in shipped_records():
        if param.values[2].get("quote"):
            yield param


RAW_FIGURES = {f["id"]: f for f in read(FOLDER, "figures")}
RAW_EVENTS = {e["id"]: e for e in read(FOLDER, "events")}
RAW_STATEMENTS = {s["id"]: s for s in read(FOLDER, "statements")}
RAW_CHECKS = {c["id"]: c for c in read(FOLDER, "checks")}
RAW_PACK = read(FOLDER, "pack")
RAW_SOURCES = raw_sources(FOLDER)


def test_every_shipped_pack_loads_without_problems():
    assert RESULT.problems == {}
    assert "russia-china" in RESULT.packs


@pytest.mark.parametrize(("pack_id", "file", "raw"), list(shipped_records()))
def test_every_record_is_in_its_table_with_its_source(pack_id, file, raw):
    tables = RESULT.packs[pack_id]
    rows = tables.table(file).set_index("id")
    assert raw["id"] in rows.index
    row = rows.loc[raw["id"]]
    source = raw_sources(SHIPPED_DATA / pack_id)[raw["source"]]
    assert row["source_title"] == source["title"]
    assert source.get("url") or source.get("text")
    if raw.get("quote"):
        assert plain(row["quote"]) == plain(raw["quote"])
    for field in ("status", "verdict", "kind", "metric", "speaker"):
        if field in raw:
            assert row[field] == raw[field], field
    if "value" in raw:
        assert row["value"] == pytest.approx(raw["value"])


@pytest.mark.parametrize(("pack_id", "file", "raw"), list(quoted_records()))
def test_every_quote_is_one_excerpt_of_a_stored_text(pack_id, file, raw):
    """A quote is checkable: its source has a stored text, and the quote is in it, in one piece."""
    folder = SHIPPED_DATA / pack_id
    source = raw_sources(folder)[raw["source"]]
    assert source.get("text"), f"{raw['source']} has no stored text, so {raw['id']} is unchecked"
    text = (folder / source["text"]).read_text(encoding="utf-8")
    quote = raw["quote"]
    assert "\u2026" not in quote and "..." not in quote, "quote stitched from fragments"
    assert plain(quote) in plain(text)
    row = RESULT.packs[pack_id].table(file).set_index("id").loc[raw["id"]]
    assert bool(row["quote_verified"]) is True


@pytest.mark.parametrize(("pack_id", "file", "raw"), list(shipped_records()))
def test_a_record_whose_source_has_a_text_quotes_it(pack_id, file, raw):
    source = raw_sources(SHIPPED_DATA / pack_id)[raw["source"]]
    if source.get("text"):
        assert raw.get("quote"), f"{raw['id']} cites a stored text without quoting it"


def test_every_source_is_cited_and_every_stored_text_belongs_to_a_source():
    for folder in pack_folders():
        sources = raw_sources(folder)
        cited = {r["source"] for name in RECORD_FILES for r in read(folder, name) or []}
        assert set(sources) == cited, folder.name
        texts = {s["text"] for s in sources.values() if s.get("text")}
        stored = {f"sources/{p.name}" for p in (folder / "sources").glob("*") if p.is_file()}
        assert stored == texts, folder.name


def test_seed_article_is_stored_verbatim_as_the_source_text():
    stored = (FOLDER / "sources" / f"{SEED}.txt").read_text()
    assert RUSSIA_CHINA.texts[SEED] == stored
    assert stored.startswith("MOSCOW (Realist English). Russian President Vladimir Putin")
    assert RAW_SOURCES[SEED]["url"] == "https://english.realtribune.ru/?p=44093"
    # The address is the research notes' likely one, not confirmed: the summary says so.
    assert "not confirmed" in RAW_PACK["summary"]


def value(figure_id: str) -> float:
    return RUSSIA_CHINA.figures.set_index("id").loc[figure_id, "value"]


def test_the_articles_numbers_are_in_the_pack_with_their_sentences():
    seed = {f["metric"]: f for f in RAW_FIGURES.values() if f["source"] == SEED}
    assert seed["bilateral-trade"]["value"] == 245
    assert seed["bilateral-trade"]["quote"] == "In 2024, bilateral trade hit a record $245 billion."
    assert seed["far-eastern-route-capacity"]["value"] == 10
    assert seed["far-eastern-route-capacity"]["status"] == "planned"
    assert seed["xi-visits-to-russia"]["value"] == 11
    portfolio = RUSSIA_CHINA.agreements.set_index("id").loc["priority-projects-portfolio"]
    assert (portfolio["count"], portfolio["amount_value"], portfolio["amount_unit"]) == (
        90,
        200,
        "USD bn",
    )


def test_the_articles_31_bcm_is_recorded_as_stated_without_period_or_route():
    gas = RAW_FIGURES["gas-supplied-stated-realist"]
    assert (gas["metric"], gas["value"], gas["status"]) == ("gas-supplied-stated", 31, "claim")
    assert "period" not in gas
    label = RAW_PACK["metrics"]["gas-supplied-stated"]["label"]
    # The label says no route is given; the period's absence is said once, by the figure's
    # period ("..., as stated (no period or route given), period not stated" said it twice).
    assert "Power of Siberia" not in label and "no route given" in label
    assert "period" not in label
    assert not any(
        f["source"] == SEED and f["metric"] == "gas-supply" for f in RAW_FIGURES.values()
    )
    row = RUSSIA_CHINA.figures.set_index("id").loc["gas-supplied-stated-realist"]
    assert row["period_label"] == "period not stated"


def test_customs_trade_series_runs_2013_to_2025_with_the_2024_record_and_2025_fall():
    trade = {
        str(f["period"]): f
        for f in RAW_FIGURES.values()
        if f["metric"] == "bilateral-trade" and f["source"] != SEED
    }
    assert sorted(trade) == [str(year) for year in range(2013, 2026)]
    by_year = {year: f["value"] for year, f in trade.items()}
    assert by_year["2024"] == 244.8
    assert max(by_year, key=by_year.get) == "2024"
    assert by_year["2025"] == 228.1
    loaded = RUSSIA_CHINA.figures[
        (RUSSIA_CHINA.figures["metric"] == "bilateral-trade")
        & (RUSSIA_CHINA.figures["source"] != SEED)
    ]
    assert dict(zip(loaded["period"].dt.year.astype(str), loaded["value"], strict=True)) == by_year


def test_the_2015_first_release_is_an_estimate_and_no_arithmetic_becomes_a_figure():
    first = RAW_FIGURES["trade-2015-gacc"]
    assert (first["value"], first["status"]) == (64.2, "estimate")
    assert "first release" in first["note"].lower()
    assert "not a sourced number" in first["note"]
    assert not any(f["value"] == 68.0 for f in RAW_FIGURES.values())


def test_planned_far_eastern_volumes_are_dated_by_first_flow():
    for figure_id in ("far-eastern-route-10-realist", "far-eastern-route-10-contract"):
        assert str(RAW_FIGURES[figure_id]["period"]) == "2027-01"
    start = RAW_EVENTS["far-eastern-route-start-planned"]
    assert (str(start["date"]), start["status"]) == ("2027-01", "planned")
    # Plans with no start given keep their announcement date and say so.
    for figure_id in (
        "pipeline-capacity-44-planned",
        "far-eastern-route-12-planned",
        "power-of-siberia-2-capacity-50-planned",
    ):
        assert "announced" in RAW_FIGURES[figure_id]["note"]


def test_gas_deliveries_and_capacity():
    assert value("gas-supply-2024-tass") == 31.12
    gas_2025 = [
        f
        for f in RAW_FIGURES.values()
        if f["metric"] == "gas-supply" and str(f["period"]) == "2025"
    ]
    assert [f["status"] for f in gas_2025] == ["estimate"]
    capacity = sorted(
        f["value"] for f in RAW_FIGURES.values() if f["metric"] == "pipeline-capacity"
    )
    assert capacity == [38, 44]


def test_eleven_visits_by_xi_to_russia():
    visits = [e for e in RAW_EVENTS.values() if e["id"].startswith("xi-visit-")]
    assert len(visits) == 11
    assert all(e["kind"] == "visit" and "Xi Jinping" in e["people"] for e in visits)
    assert all(e["host"] == "RUS" for e in visits)
    events = RUSSIA_CHINA.events.set_index("id")
    last = events.loc["xi-visit-11-moscow-2025"]
    assert (last["when"], last["place"]) == ("7\u201310 May 2025", "Moscow")


def test_putins_visits_cite_public_sources_and_are_described_as_partial():
    visits = [e for e in RAW_EVENTS.values() if e["id"].startswith("putin-visit-")]
    assert "putin-visit-hangzhou-2016-09" in {e["id"] for e in visits}
    for event in visits:
        source = RAW_SOURCES[event["source"]]
        assert source.get("url", "").startswith("http"), event["id"]
        assert source["publisher"] != "Dyad research notes"
        assert event["host"] == "CHN"
        assert "partial list" in event["note"]
    assert "context-fact-check" not in RAW_SOURCES
    assert "partial list of Vladimir Putin's visits" in " ".join(RAW_PACK["summary"].split())


def test_checks_hold_the_articles_claims():
    verdicts = {c["id"]: c["verdict"] for c in RAW_CHECKS.values()}
    assert verdicts["record-trade-2024"] == "supported"
    assert verdicts["xi-11th-visit"] == "supported"
    assert verdicts["gas-31-bcm"] in ("partly", "unverified")
    assert {"gas-supplied-stated-realist", "gas-supply-2024-tass"} <= set(
        RAW_CHECKS["gas-31-bcm"]["evidence"]
    )
    assert verdicts["sco-tianjin-participation"] == "supported"
    assert verdicts["highest-with-any-partner"] == "contradicted"
    assert verdicts["majority-rubles-yuan"] == "supported"
    loaded = RUSSIA_CHINA.checks.set_index("id")["verdict"].to_dict()
    assert loaded == verdicts
    evidence = RAW_CHECKS["highest-with-any-partner"]["evidence"]
    partners = {RAW_FIGURES[e]["metric"] for e in evidence}
    assert {"china-trade-us", "china-trade-eu", "bilateral-trade"} <= partners


def test_putins_almost_all_is_quoted_from_a_public_report():
    statement = RAW_STATEMENTS["putin-almost-all-national-currencies"]
    assert RAW_SOURCES[statement["source"]]["url"] == "https://tass.com/economy/1955189"
    assert "almost all" in statement["quote"]


def test_roles_are_declared():
    assert RAW_PACK["headline_trade"] == "bilateral-trade"
    for key, metric in RAW_PACK["metrics"].items():
        assert metric.get("measure") in ("volume", "rate", "share", "count", "money"), key
        if metric["measure"] == "money":
            assert len(metric.get("currency", "")) == 3, key
    assert RAW_PACK["metrics"]["china-trade-asean"]["currency"] == "CNY"
    for event in RAW_EVENTS.values():
        if event.get("place"):
            assert event.get("host"), event["id"]


def test_caveats_of_the_context_are_in_notes():
    gas_2025 = RAW_FIGURES["gas-supply-2025-ria"]
    assert "preliminary" in gas_2025["note"].lower()
