"""The catalogue: every chart the pages draw, by stable id, and a default deck of key findings."""

from __future__ import annotations

import functools

import yaml

from components.catalogue import CLAIMS, HEADLINES, STATEMENTS, build_catalogue, default_deck
from components.deck import text_slide_lines
from components.packs import load_pack
from tests.conftest import FIXTURES, SHIPPED_DATA

FICTIONAL_DIR = FIXTURES / "packs" / "freedonia-sylvania"


@functools.cache
def catalogue_of(folder):
    tables, problems = load_pack(folder)
    assert tables is not None, problems
    return build_catalogue(tables, tables.pack.as_of.start)


def test_every_check_of_the_pack_with_numbers_has_its_chart():
    checks = yaml.safe_load((FICTIONAL_DIR / "checks.yaml").read_text())
    catalogue = catalogue_of(FICTIONAL_DIR)
    assert [f"check-{c['id']}" for c in checks] == [e.id for e in catalogue if e.page == "Claims"]


def test_ids_are_unique_stable_and_each_entry_rebuilds_its_chart():
    catalogue = catalogue_of(FICTIONAL_DIR)
    assert len(set(catalogue.ids)) == len(catalogue.ids)
    assert {"trade-by-year", "timeline", "events-strip", "agreements-by-kind"} <= set(catalogue.ids)
    for entry in catalogue:
        assert entry.chart.key == entry.id
        assert entry.title == entry.chart.title
        assert entry.builder(catalogue.tables).title == entry.title


def test_the_shipped_pack_has_every_page_chart():
    catalogue = catalogue_of(SHIPPED_DATA / "russia-china")
    pages = {entry.page for entry in catalogue}
    assert pages == {"Overview", "Trade", "Energy", "Agreements", "Timeline", "Claims"}
    assert "gas-delivered" in catalogue and "planned-volumes" in catalogue


def test_default_deck_opens_on_the_headlines_and_leads_with_the_contradicted_claim():
    catalogue = catalogue_of(SHIPPED_DATA / "russia-china")
    checks = yaml.safe_load((SHIPPED_DATA / "russia-china" / "checks.yaml").read_text())
    contradicted = [f"check-{c['id']}" for c in checks if c["verdict"] == "contradicted"]
    deck = default_deck(catalogue)
    assert deck[0] == HEADLINES
    assert deck[1] == "trade-by-year"
    assert contradicted[0] in deck
    assert len(deck) == len(set(deck)) == 6
    assert set(deck) <= set(catalogue.slide_ids())


def test_known_drops_unknown_and_repeated_ids_from_a_link():
    catalogue = catalogue_of(FICTIONAL_DIR)
    assert catalogue.known(["timeline", "nope", CLAIMS, "timeline", "<script>"]) == [
        "timeline",
        CLAIMS,
    ]


def test_what_was_said_is_what_the_shipped_packs_documents_said_and_names_the_rest():
    """The shipped pack's "What was said": the statements of the documents its claims come
    from, not the context sources' (an official's remark of 2025, Xi in 2023), and a line
    that counts those left for the Statements page (from the pack's files)."""
    folder = SHIPPED_DATA / "russia-china"
    statements = yaml.safe_load((folder / "statements.yaml").read_text(encoding="utf-8"))
    checks = yaml.safe_load((folder / "checks.yaml").read_text(encoding="utf-8"))
    documents = {check["source"] for check in checks}
    said = [s for s in statements if s["source"] in documents]
    assert 0 < len(said) < len(statements), "every or no statement is a document's: test is void"
    *shown, more = text_slide_lines(catalogue_of(folder), STATEMENTS)
    assert sorted(shown) == sorted(f"{s['speaker']}: {s['said'].strip()}" for s in said)
    left = len(statements) - len(said)
    assert more == f"… and {left} more statement{'s' * (left != 1)} on Dyad's Statements page"
