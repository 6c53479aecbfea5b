"""The catalogue: every chart the pages draw, by stable id, and a default deck of key findings."""

from __future__ import annotations

import functools

import yaml

from components.catalogue import CLAIMS, HEADLINES, build_catalogue, default_deck
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
