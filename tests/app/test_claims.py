"""Claims as a reader reads them: each claim a card, its evidence listed in it, each record
with its quote and its source, read off the reader pack's files."""

from __future__ import annotations

import re

import yaml

from tests.app.reader import READER_DATA, charts, claim_cards, open_page
from tests.conftest import FIXTURES

PACK_DIR = READER_DATA / "ruritania-graustark"


def records(name: str) -> dict[str, dict]:
    return {r["id"]: r for r in yaml.safe_load((PACK_DIR / f"{name}.yaml").read_text()) or []}


CHECKS = records("checks")
SOURCES = records("sources")
RECORDS = {
    record_id: record
    for name in ("figures", "events", "agreements", "statements")
    for record_id, record in records(name).items()
}


def test_each_claim_lists_its_evidence_with_quotes_and_sources(monkeypatch):
    app = open_page("Claims", monkeypatch=monkeypatch)
    claims = claim_cards(app)
    assert sorted(claims) == sorted(CHECKS)
    assert any(check.get("evidence") for check in CHECKS.values()), "no evidence: test is void"
    for check_id, check in CHECKS.items():
        card = claims[check_id]
        assert card.evidence == check.get("evidence", []), check_id
        listed = " ".join(card.source)  # the evidence list, closed until opened
        for record_id in check.get("evidence", []):
            record = RECORDS[record_id]
            source = SOURCES[record["source"]]
            if record.get("quote"):
                assert " ".join(record["quote"].split()) in card.quotes, record_id
            if source.get("url"):
                assert source["url"] in card.links, record_id
            assert record_id in listed, record_id
        if check.get("evidence"):
            noun = "record" if len(check["evidence"]) == 1 else "records"
            assert f"Evidence: {len(check['evidence'])} {noun}, with quotes" in card.source
        else:
            assert not card.source, check_id


def test_a_claims_own_quote_and_source_show_without_a_click(monkeypatch):
    app = open_page("Claims", monkeypatch=monkeypatch)
    claims = claim_cards(app)
    quoted = [check for check in CHECKS.values() if check.get("quote")]
    assert quoted, "no claim quotes its source: test is void"
    for check in quoted:
        card = claims[check["id"]]
        assert card.quote == " ".join(check["quote"].split())
        assert check["claim"] in card.text
        url = SOURCES[check["source"]].get("url")
        if url:
            assert url in card.links


def test_a_claims_evidence_reads_each_figure_as_its_record_gives_it(monkeypatch):
    """The fictional pack's claim of "$12.5 billion" is weighed against Customs' 12.48 and
    10.25 (figures.yaml): at one decimal its evidence and its chart read "$12.5 bn" and
    "$10.3 bn", the first the claim's own figure, the second one no source gives."""
    fictional = FIXTURES / "packs" / "freedonia-sylvania"
    figures = {f["id"]: f for f in yaml.safe_load((fictional / "figures.yaml").read_text())}
    checks = yaml.safe_load((fictional / "checks.yaml").read_text())
    metrics = yaml.safe_load((fictional / "pack.yaml").read_text())["metrics"]
    weighed = [
        (check["id"], metrics[figures[record_id]["metric"]]["label"], figures[record_id]["value"])
        for check in checks
        for record_id in check.get("evidence", [])
        if record_id in figures
    ]
    assert any(round(value, 1) != value for *_, value in weighed), "no second decimal: void"
    app = open_page("Claims", FIXTURES / "packs", monkeypatch)
    claims = claim_cards(app)
    drawn = charts(app)
    for check_id, label, value in weighed:
        as_recorded = re.compile(rf"(?<![\d.]){re.escape(str(value))}(?![\d])")
        # The evidence list's line of the record: "<metric label>: <value> · <when>".
        lines = [line for line in claims[check_id].source if line.startswith(f"{label}: ")]
        assert any(as_recorded.search(line) for line in lines), (check_id, value, lines)
        [bars] = drawn[f"check-{check_id}"]["data"]
        assert any(as_recorded.search(text) for text in bars["text"]), (check_id, bars["text"])
